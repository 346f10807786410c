/**
 * Reading the public car-sequencing benchmarks (text in, instance out; the
 * files are read by scripts/lib/sequencing-files.ts):
 * - CSPLib prob001: "n options classes", the p line, the q line, then per class
 *   "id count flag…". Cars get ids "c1"…"cN", in class order; every rule is high
 *   priority, there is no paint, violations are counted by window.
 * - ROADEF 2005 (Renault): a folder of four ';'-separated files. Cars dated
 *   before the day are the previous day's tail (in SeqRank order).
 */
import { SequencingError, type Objective, type SequencingInstance, type SequencingUnit, type StationRule } from "./types";

function ints(line: string | undefined, what: string): number[] {
  const values = (line ?? "").trim().split(/\s+/).filter(Boolean).map(Number);
  if (values.length === 0 || values.some((v) => !Number.isInteger(v) || v < 0)) throw new SequencingError(`${what}: expected whole numbers, got "${line ?? ""}"`);
  return values;
}

export function parseCsplib(text: string, name: string): SequencingInstance {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "" && !l.trim().startsWith("#"));
  const [n, options, classes] = ints(lines[0], "line 1 (cars options classes)");
  if (n === undefined || options === undefined || classes === undefined) throw new SequencingError("line 1: expected cars, options and classes");
  const p = ints(lines[1], "line 2 (p per option)");
  const q = ints(lines[2], "line 3 (q per option)");
  if (p.length !== options || q.length !== options) throw new SequencingError(`lines 2-3: expected ${options} values each`);
  const rules: StationRule[] = p.map((pj, j) => {
    if (q[j] < 1 || pj > q[j]) throw new SequencingError(`option ${j + 1}: ${pj}/${q[j]} is not a ratio`);
    return { option: `o${j + 1}`, p: pj, q: q[j], priority: "high" };
  });
  const units: SequencingUnit[] = [];
  for (let c = 0; c < classes; c++) {
    const row = ints(lines[3 + c], `class line ${c + 1}`);
    if (row.length !== 2 + options) throw new SequencingError(`class line ${c + 1}: expected ${2 + options} numbers`);
    const opts = rules.filter((_, j) => row[2 + j] === 1).map((r) => r.option);
    for (let k = 0; k < row[1]; k++) units.push({ id: `c${units.length + 1}`, options: opts, colour: null });
  }
  if (units.length !== n) throw new SequencingError(`the classes hold ${units.length} cars, line 1 says ${n}`);
  return { name, units, previous: [], rules, paintBatchLimit: null, objectives: ["high"], counting: "windows" };
}

export interface RoadefFiles {
  vehicles: string;
  ratios: string;
  paintBatchLimit: string;
  objectives: string;
}

function rows(text: string): string[][] {
  return text
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim() !== "")
    .map((l) => l.replace(/;\s*$/, "").split(";"));
}

const OBJECTIVE_NAMES: Record<string, Objective> = {
  high_priority_level_and_easy_to_satisfy_ratio_constraints: "high",
  high_priority_level_and_difficult_to_satisfy_ratio_constraints: "high",
  paint_color_batches: "paint",
  low_priority_level_ratio_constraints: "low",
};

export function parseRoadef(files: RoadefFiles, name: string): SequencingInstance {
  const rules: StationRule[] = rows(files.ratios).map(([ratio, prio, ident], i) => {
    const m = /^(\d+)\/(\d+)$/.exec(ratio?.trim() ?? "");
    if (!m || (prio !== "0" && prio !== "1") || !ident) throw new SequencingError(`ratios.txt line ${i + 2}: expected "N/P;0|1;name;"`);
    return { option: ident.trim(), p: Number(m[1]), q: Number(m[2]), priority: prio === "1" ? "high" : "low" };
  });
  const limit = Number(rows(files.paintBatchLimit)[0]?.[0]);
  if (!Number.isInteger(limit) || limit < 1) throw new SequencingError("paint_batch_limit.txt: expected a whole number");
  const objectives = rows(files.objectives)
    .map(([rank, objective], i) => {
      const o = OBJECTIVE_NAMES[objective?.trim() ?? ""];
      if (!o || !/^\d+$/.test(rank ?? "")) throw new SequencingError(`optimization_objectives.txt line ${i + 2}: unknown objective "${objective ?? ""}"`);
      return { rank: Number(rank), o };
    })
    .sort((a, b) => a.rank - b.rank)
    .map((r) => r.o);

  const [header, ...body] = files.vehicles.split(/\r?\n/).filter((l) => l.trim() !== "");
  const columns = (header ?? "").replace(/;\s*$/, "").split(";").map((c) => c.trim());
  const at = (c: string) => columns.indexOf(c);
  if (at("Date") < 0 || at("SeqRank") < 0 || at("Ident") < 0 || at("Paint Color") < 0) throw new SequencingError("vehicles.txt: the header needs Date, SeqRank, Ident and Paint Color");
  const ruleColumns = rules.map((r) => {
    const c = at(r.option);
    if (c < 0) throw new SequencingError(`vehicles.txt: no column for ratio ${r.option}`);
    return c;
  });
  const seen = new Map<string, number>();
  const cars = body.map((line, i) => {
    const cells = line.replace(/;\s*$/, "").split(";");
    const date = (cells[at("Date")] ?? "").trim().split(/\s+/).map(Number);
    const rank = Number(cells[at("SeqRank")]);
    const ident = (cells[at("Ident")] ?? "").trim();
    if (date.some((d) => !Number.isInteger(d)) || !Number.isInteger(rank) || !ident) throw new SequencingError(`vehicles.txt line ${i + 2}: unreadable car`);
    // An ident can appear twice in the Renault files (035_ch1): the second gets a suffix, so ids stay unique.
    const times = (seen.get(ident) ?? 0) + 1;
    seen.set(ident, times);
    const unit: SequencingUnit = {
      id: times === 1 ? ident : `${ident}#${times}`,
      colour: (cells[at("Paint Color")] ?? "").trim(),
      options: rules.filter((_, j) => cells[ruleColumns[j]]?.trim() === "1").map((r) => r.option),
    };
    return { date, rank, unit };
  });
  const dayKey = (d: number[]) => d.map((x) => String(x).padStart(6, "0")).join(" ");
  const days = [...new Set(cars.map((c) => dayKey(c.date)))].sort();
  if (days.length > 2) throw new SequencingError(`vehicles.txt: cars of ${days.length} days (expected the previous day and the day)`);
  const today = days[days.length - 1];
  const byRank = (a: { rank: number }, b: { rank: number }) => a.rank - b.rank;
  const previous = cars.filter((c) => dayKey(c.date) !== today).sort(byRank).map((c) => c.unit);
  const units = cars.filter((c) => dayKey(c.date) === today).sort(byRank).map((c) => c.unit);
  return { name, units, previous, rules, paintBatchLimit: limit, objectives, counting: "roadef" };
}
