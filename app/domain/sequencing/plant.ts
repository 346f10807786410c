/**
 * From a line's plant settings and the orders built on a day to the solver's
 * instance, and back (decision 049). Pure: the server reads the rows, the
 * planner's page shows what these return.
 *
 * A station rule's condition is "the car has any of these values" (value
 * codes of the catalog), which covers "any sunroof" and "21-inch wheels"
 * alike. The car's colour is its value of the paint feature.
 */
import { objectiveWeights, type Objective, type SequencingInstance, type SequencingUnit, type StationRule } from "./types";

/** A station rule as the plant sets it (the condition as value codes). */
export interface StationSetting {
  name: string;
  values: string[];
  p: number;
  q: number;
  priority: "high" | "low";
}

export interface PlantSettings {
  stations: StationSetting[];
  /** The codes of the paint feature's values (empty: the line paints nothing here). */
  paintValues: readonly string[];
  paintBatchLimit: number | null;
  objectives: Objective[];
}

/** A car of the day: an order's id and its chosen value codes. */
export interface DayCar {
  id: string;
  choices: readonly string[];
}

export const DEFAULT_OBJECTIVES: Objective[] = ["high", "paint", "low"];

/** The unit the solver sees for a car: which stations' conditions it meets, and its colour. */
export function unitOf(settings: PlantSettings, car: DayCar): SequencingUnit {
  const chosen = new Set(car.choices);
  return {
    id: car.id,
    options: settings.stations.filter((s) => s.values.some((v) => chosen.has(v))).map((s) => s.name),
    colour: car.choices.find((c) => settings.paintValues.includes(c)) ?? null,
  };
}

/**
 * The day's instance. `sequence` is the order the cars are in now (the
 * solver's input order); `locked` the ids that keep their place in it;
 * `previous` yesterday's published cars in line order.
 */
export function dayInstance(
  name: string,
  settings: PlantSettings,
  cars: readonly DayCar[],
  previous: readonly DayCar[],
  sequence: readonly string[] = cars.map((c) => c.id),
  locked: readonly string[] = [],
): SequencingInstance {
  const byId = new Map(cars.map((c) => [c.id, c]));
  const rules: StationRule[] = settings.stations.map((s) => ({ option: s.name, p: s.p, q: s.q, priority: s.priority }));
  const lockedSet = new Set(locked);
  return {
    name,
    units: sequence.map((id) => unitOf(settings, byId.get(id)!)),
    previous: previous.map((c) => unitOf(settings, c)),
    rules,
    paintBatchLimit: settings.paintBatchLimit,
    objectives: settings.objectives,
    counting: "roadef",
    locked: sequence.flatMap((id, position) => (lockedSet.has(id) ? [{ unitId: id, position }] : [])),
  };
}

/**
 * A saved order of the day brought up to date with the cars the day holds
 * now: cars no longer built that day drop out, new ones join at the end in
 * first-come-first-served order (`current` is in that order).
 */
export function reconcile(saved: readonly string[], current: readonly string[]): string[] {
  const present = new Set(current);
  const kept = saved.filter((id) => present.has(id));
  const seen = new Set(kept);
  return [...kept, ...current.filter((id) => !seen.has(id))];
}

/** Move the car at `from` to `to` (0-based), the others keeping their order. */
export function moveCar(sequence: readonly string[], id: string, to: number): string[] {
  const rest = sequence.filter((x) => x !== id);
  const at = Math.max(0, Math.min(rest.length, to));
  return [...rest.slice(0, at), id, ...rest.slice(at)];
}

/** What moved between the published sequence and a new one: each car whose position changed (1-based), in the new order. */
export function positionChanges(published: ReadonlyMap<string, number>, sequence: readonly string[]): { id: string; from: number | null; to: number }[] {
  return sequence.flatMap((id, i) => {
    const from = published.get(id) ?? null;
    return from === i + 1 ? [] : [{ id, from, to: i + 1 }];
  });
}

/** The score of three figures under the plant's order (for showing "score" beside them). */
export function scoreOf(objectives: readonly Objective[], figures: { hiPriority: number; paintChanges: number; loPriority: number }): number {
  const w = objectiveWeights(objectives);
  return w.high * figures.hiPriority + w.paint * figures.paintChanges + w.low * figures.loPriority;
}

const RULE_LINE = /^([\p{L}\p{N}_-]{1,40})\s+(\d{1,3})\/(\d{1,3})\s+(high|low)\s+(.+)$/u;

/**
 * The station rules as planners type them, one a line: `name p/q high|low CODE CODE …`
 * (e.g. `sunroof 1/2 high 3FE 3FU`). Returns the rules or the first problem
 * (an i18n key and the line number). `known` holds the line's value codes.
 */
export function parseStationText(text: string, known: ReadonlySet<string>): { ok: true; stations: StationSetting[] } | { ok: false; problem: string; line: number } {
  const stations: StationSetting[] = [];
  const lines = text.split(/\r?\n/);
  if (lines.length > 50) return { ok: false, problem: "sequence.problems.tooManyRules", line: 51 };
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === "") continue;
    const m = RULE_LINE.exec(line);
    if (!m) return { ok: false, problem: "sequence.problems.ruleFormat", line: i + 1 };
    const [, name, p, q, priority, codes] = m;
    const values = codes.split(/[\s,]+/).filter(Boolean);
    const pn = Number(p);
    const qn = Number(q);
    if (qn < 1 || pn < 1 || pn >= qn || qn > 100) return { ok: false, problem: "sequence.problems.ruleRatio", line: i + 1 };
    if (values.some((v) => !known.has(v)) || values.length > 50) return { ok: false, problem: "sequence.problems.ruleValues", line: i + 1 };
    if (stations.some((s) => s.name === name)) return { ok: false, problem: "sequence.problems.ruleDuplicate", line: i + 1 };
    stations.push({ name, values: [...new Set(values)], p: pn, q: qn, priority: priority as "high" | "low" });
  }
  return { ok: true, stations };
}

/** The rules as planners read and type them (parseStationText's format). */
export function stationText(stations: readonly StationSetting[]): string {
  return stations.map((s) => `${s.name} ${s.p}/${s.q} ${s.priority} ${s.values.join(" ")}`).join("\n");
}

/**
 * For each of the day's positions, the rules it breaks: a car needing a rule's
 * option inside a window of q (the previous day's tail included, partial end
 * windows too, as evaluate counts) that holds more than p such cars.
 */
export function violationsByPosition(instance: SequencingInstance, sequence: readonly string[]): string[][] {
  const byId = new Map(instance.units.map((u) => [u.id, u]));
  const line = [...instance.previous, ...sequence.map((id) => byId.get(id)!)];
  const tail = instance.previous.length;
  const marks: Set<string>[] = sequence.map(() => new Set());
  for (const rule of instance.rules) {
    const has = line.map((u) => u.options.includes(rule.option));
    for (let start = Math.max(0, tail - rule.q + 1); start < line.length; start++) {
      const end = Math.min(line.length, start + rule.q);
      let n = 0;
      for (let k = start; k < end; k++) if (has[k]) n++;
      if (n <= rule.p) continue;
      for (let k = Math.max(start, tail); k < end; k++) if (has[k]) marks[k - tail].add(rule.option);
    }
  }
  return marks.map((m) => [...m]);
}
