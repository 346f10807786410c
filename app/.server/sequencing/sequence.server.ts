/**
 * The planner's line sequencing (issue 16, decision 049): a line's plant
 * settings, the day's cars (the orders scheduled on the line that day), the
 * draft the planner works on, optimising it in a worker, and publishing it
 * (each order's position stored; the line reads it).
 *
 * The day's order is, in turn: the planner's draft, else the published
 * sequence, else first come, first served (queue order). Each is brought up to
 * date with the cars the day holds now (reconcile): orders moved away drop
 * out, new ones join at the end.
 */
import { and, asc, desc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import { lineSequenceDrafts, lineSequencingRules, orders, queueEntries, sequencePositions } from "#db/schema";
import type { Localized } from "~/domain/catalog";
import { fail, ok, type Result } from "~/domain/result";
import { evaluate, sequenceProblems, type Evaluation, type Objective } from "~/domain/sequencing";
import { DEFAULT_OBJECTIVES, dayInstance, moveCar, positionChanges, reconcile, type DayCar, type PlantSettings, type StationSetting, violationsByPosition } from "~/domain/sequencing/plant";
import type { SolveProgress } from "~/domain/sequencing/solve";
import { getLine } from "~/.server/catalog/catalog.server";
import { recordAudit } from "~/.server/audit/audit.server";
import { solveInWorker } from "./solve.server";

export type SequenceRefusalCode = "unknown-line" | "no-cars" | "unknown-order" | "batch-limit" | "busy";

/** The line's settings as stored (and their defaults: no stations, no paint group). */
export interface LineSequencingSettings {
  stations: StationSetting[];
  paintFeature: string | null;
  paintBatchLimit: number | null;
  objectives: Objective[];
}

export interface LinePlant {
  line: string;
  stored: LineSequencingSettings;
  settings: PlantSettings;
  /** Paint colours' names (value code → name), for the strip. */
  colours: Record<string, Localized>;
  /** Every value code of the line (for checking a rule's condition) and the choice features (paint group candidates). */
  valueCodes: Set<string>;
  features: { code: string; name: Localized }[];
}

/** The demo lines' plant settings (db/seed-orders.ts writes them for a line that has none). */
export const DEMO_SEQUENCING_RULES: ({ lineCode: string } & LineSequencingSettings)[] = [
  {
    lineCode: "sedan-a6l",
    stations: [
      { name: "sunroof", values: ["3FE", "3FU"], p: 1, q: 2, priority: "high" },
      { name: "wheels21", values: ["C9X"], p: 2, q: 3, priority: "low" },
      { name: "towbar", values: ["1D4"], p: 1, q: 3, priority: "low" },
    ],
    paintFeature: "paint",
    paintBatchLimit: 10,
    objectives: DEFAULT_OBJECTIVES,
  },
  {
    lineCode: "avant-a6",
    stations: [
      { name: "sunroof", values: ["3FU"], p: 1, q: 2, priority: "high" },
      { name: "towbar", values: ["1D4"], p: 1, q: 3, priority: "low" },
    ],
    paintFeature: "paint",
    paintBatchLimit: 10,
    objectives: DEFAULT_OBJECTIVES,
  },
  {
    lineCode: "fridge-fs",
    stations: [{ name: "icemaker", values: ["IMK", "IWD"], p: 2, q: 3, priority: "high" }],
    paintFeature: "finish",
    paintBatchLimit: 15,
    objectives: DEFAULT_OBJECTIVES,
  },
];

export async function seedDemoSequencingRules(db: Executor): Promise<void> {
  for (const { lineCode, ...settings } of DEMO_SEQUENCING_RULES) await db.insert(lineSequencingRules).values({ lineCode, ...settings }).onConflictDoNothing();
}

/** The line's plant settings against the active catalog; null when the active catalog has no such line. */
export async function linePlant(db: Executor, line: string): Promise<LinePlant | null> {
  const loaded = await getLine(line, undefined, { db });
  if (!loaded) return null;
  const [row] = await db.select().from(lineSequencingRules).where(eq(lineSequencingRules.lineCode, line));
  const stored: LineSequencingSettings = row
    ? { stations: row.stations, paintFeature: row.paintFeature, paintBatchLimit: row.paintBatchLimit, objectives: row.objectives as Objective[] }
    : { stations: [], paintFeature: null, paintBatchLimit: null, objectives: DEFAULT_OBJECTIVES };
  const choiceFeatures = loaded.line.features.flatMap((f) => (f.kind === "text" ? [] : [f]));
  const paint = choiceFeatures.find((f) => f.code === stored.paintFeature);
  return {
    line,
    stored,
    settings: { stations: stored.stations, paintValues: paint?.values.map((v) => v.code) ?? [], paintBatchLimit: stored.paintBatchLimit, objectives: stored.objectives },
    colours: Object.fromEntries((paint?.values ?? []).map((v) => [v.code, v.name])),
    valueCodes: new Set(choiceFeatures.flatMap((f) => f.values.map((v) => v.code))),
    features: choiceFeatures.map((f) => ({ code: f.code, name: f.name })),
  };
}

/** Save a line's plant settings (planners and admins), with an audit entry, in one transaction. */
export async function saveLineSequencing(db: Executor, actorId: string, line: string, settings: LineSequencingSettings, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(lineSequencingRules).where(eq(lineSequencingRules.lineCode, line));
    await tx
      .insert(lineSequencingRules)
      .values({ lineCode: line, ...settings, updatedAt: now })
      .onConflictDoUpdate({ target: lineSequencingRules.lineCode, set: { ...settings, updatedAt: now } });
    const view = (s: LineSequencingSettings) => ({
      stations: s.stations.map((x) => ({ name: x.name, values: x.values, p: x.p, q: x.q, priority: x.priority })),
      paintFeature: s.paintFeature,
      paintBatchLimit: s.paintBatchLimit,
      objectives: s.objectives,
    });
    await recordAudit(
      tx,
      {
        actorId,
        action: "line.sequencing-rules",
        subject: "product-line",
        subjectId: line,
        before: before ? view({ stations: before.stations, paintFeature: before.paintFeature, paintBatchLimit: before.paintBatchLimit, objectives: before.objectives as Objective[] }) : null,
        after: view(settings),
      },
      now,
    );
  });
}

/** A car of the day as the page shows it. */
export interface DayOrder extends DayCar {
  number: string;
  status: string;
}

/** The orders built on `line` on `day`, first come first served (queue order). */
async function dayOrders(db: Executor, line: string, day: string): Promise<DayOrder[]> {
  return db
    .select({ id: orders.id, number: orders.number, choices: orders.choices, status: orders.status })
    .from(queueEntries)
    .innerJoin(orders, eq(orders.id, queueEntries.orderId))
    .where(and(eq(queueEntries.lineCode, line), eq(queueEntries.buildDate, day)))
    .orderBy(asc(queueEntries.enqueuedAt), asc(orders.seq));
}

/** The end of the last published day before `day` (at most `n` cars, in line order): fixed, and counted by windows crossing midnight. */
async function previousTail(db: Executor, line: string, day: string, n: number): Promise<DayCar[]> {
  const [last] = await db
    .select({ day: sequencePositions.day })
    .from(sequencePositions)
    .where(and(eq(sequencePositions.lineCode, line), lt(sequencePositions.day, day)))
    .orderBy(desc(sequencePositions.day))
    .limit(1);
  if (!last || n === 0) return [];
  const rows = await db
    .select({ id: orders.id, choices: orders.choices })
    .from(sequencePositions)
    .innerJoin(orders, eq(orders.id, sequencePositions.orderId))
    .where(and(eq(sequencePositions.lineCode, line), eq(sequencePositions.day, last.day)))
    .orderBy(desc(sequencePositions.position))
    .limit(n);
  return rows.reverse();
}

async function publishedOf(db: Executor, line: string, day: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ id: sequencePositions.orderId, position: sequencePositions.position })
    .from(sequencePositions)
    .where(and(eq(sequencePositions.lineCode, line), eq(sequencePositions.day, day)));
  return new Map(rows.map((r) => [r.id, r.position]));
}

export interface SequenceDay {
  line: string;
  day: string;
  orders: DayOrder[];
  /** Order ids in line order: the draft, else the published sequence, else first come first served. */
  sequence: string[];
  locked: string[];
  source: "draft" | "published" | "fcfs";
  published: Record<string, number>;
  /** Cars whose position differs from the published one (1-based; from null: not in the published sequence). */
  changes: { id: string; from: number | null; to: number }[];
  evaluation: Evaluation | null;
  fcfs: Evaluation | null;
  /** Why the sequence shown can't be published (e.g. over the paint batch limit). */
  problems: string[];
  plant: LinePlant;
  previous: DayCar[];
  /** Per car (same order as `sequence`): the stations whose condition it meets, its colour. */
  units: { id: string; options: string[]; colour: string | null }[];
  /** Per car: the rules whose windows it is in while they hold too many. */
  violations: string[][];
}

/** Everything the planner's page shows for a line and a day; null when the active catalog has no such line. */
export async function sequenceDay(db: Executor, line: string, day: string): Promise<SequenceDay | null> {
  const plant = await linePlant(db, line);
  if (!plant) return null;
  const dayCars = await dayOrders(db, line, day);
  const fcfsOrder = dayCars.map((o) => o.id);
  const tailLength = Math.max(0, ...plant.settings.stations.map((s) => s.q - 1), plant.settings.paintBatchLimit ?? 0);
  const [previous, published, [draft]] = await Promise.all([
    previousTail(db, line, day, tailLength),
    publishedOf(db, line, day),
    db.select().from(lineSequenceDrafts).where(and(eq(lineSequenceDrafts.lineCode, line), eq(lineSequenceDrafts.day, day))),
  ]);
  const publishedOrder = [...published].sort((a, b) => a[1] - b[1]).map(([id]) => id);
  const source = draft ? "draft" : published.size > 0 ? "published" : "fcfs";
  const sequence = reconcile(draft?.orderIds ?? publishedOrder, fcfsOrder);
  const present = new Set(fcfsOrder);
  const locked = (draft?.lockedIds ?? []).filter((id) => present.has(id));
  const instance = dayInstance(`${line} ${day}`, plant.settings, dayCars, previous, sequence, locked);
  const empty = dayCars.length === 0;
  return {
    line,
    day,
    orders: dayCars,
    sequence,
    locked,
    source,
    published: Object.fromEntries(published),
    changes: published.size > 0 ? positionChanges(published, sequence) : [],
    evaluation: empty ? null : evaluate(instance, sequence),
    fcfs: empty ? null : evaluate({ ...instance, locked: [] }, fcfsOrder),
    problems: empty ? [] : sequenceProblems(instance, sequence),
    plant,
    previous,
    units: instance.units.map((u) => ({ id: u.id, options: [...u.options], colour: u.colour })),
    violations: empty ? [] : violationsByPosition(instance, sequence),
  };
}

async function writeDraft(db: Executor, actorId: string, line: string, day: string, sequence: string[], locked: string[], now = new Date()) {
  const values = { orderIds: sequence, lockedIds: locked, updatedBy: actorId, updatedAt: now };
  await db
    .insert(lineSequenceDrafts)
    .values({ lineCode: line, day, ...values })
    .onConflictDoUpdate({ target: [lineSequenceDrafts.lineCode, lineSequenceDrafts.day], set: values });
}

/** Move a car one place up or down (or to a position) by hand; it is then locked there, so optimising keeps it. */
export async function moveInSequence(
  db: Executor,
  actorId: string,
  line: string,
  day: string,
  move: { orderId: string; to: number },
): Promise<Result<void, SequenceRefusalCode>> {
  const view = await sequenceDay(db, line, day);
  if (!view) return fail({ status: 404, code: "unknown-line", message: "this line is not in the active catalog", path: "line" });
  if (!view.sequence.includes(move.orderId)) return fail({ status: 404, code: "unknown-order", message: "this order is not built on this day", path: "order" });
  const sequence = moveCar(view.sequence, move.orderId, move.to);
  await writeDraft(db, actorId, line, day, sequence, [...new Set([...view.locked, move.orderId])]);
  return ok(undefined);
}

/** Lock a car where it is, or let it go. */
export async function setLocked(db: Executor, actorId: string, line: string, day: string, orderId: string, locked: boolean): Promise<Result<void, SequenceRefusalCode>> {
  const view = await sequenceDay(db, line, day);
  if (!view) return fail({ status: 404, code: "unknown-line", message: "this line is not in the active catalog", path: "line" });
  if (!view.sequence.includes(orderId)) return fail({ status: 404, code: "unknown-order", message: "this order is not built on this day", path: "order" });
  const next = locked ? [...new Set([...view.locked, orderId])] : view.locked.filter((id) => id !== orderId);
  await writeDraft(db, actorId, line, day, view.sequence, next);
  return ok(undefined);
}

/** Drop the draft: the page shows the published sequence (or first come, first served) again. */
export async function discardDraft(db: Executor, line: string, day: string): Promise<void> {
  await db.delete(lineSequenceDrafts).where(and(eq(lineSequenceDrafts.lineCode, line), eq(lineSequenceDrafts.day, day)));
}

/** A run in progress, per line and day: what the progress bar polls. One process's memory (decision 049). */
export interface RunStatus {
  startedAt: number;
  budgetMs: number;
  best: SolveProgress["best"] | null;
  done: boolean;
}
const runs = new Map<string, RunStatus>();
const runKey = (line: string, day: string) => `${line}\u0000${day}`;

export function runStatus(line: string, day: string): RunStatus | null {
  return runs.get(runKey(line, day)) ?? null;
}

/**
 * Optimise the day's sequence for `budgetMs` in a worker thread, keeping the
 * locked cars in place; the best sequence becomes the draft. One run per line
 * and day at a time (409 otherwise).
 */
export async function optimiseDay(db: Executor, actorId: string, line: string, day: string, budgetMs: number, options: { seed?: number } = {}): Promise<Result<Evaluation, SequenceRefusalCode>> {
  const view = await sequenceDay(db, line, day);
  if (!view) return fail({ status: 404, code: "unknown-line", message: "this line is not in the active catalog", path: "line" });
  if (view.orders.length === 0) return fail({ status: 409, code: "no-cars", message: "no orders are built on this day", path: "day" });
  const key = runKey(line, day);
  if (runs.get(key)?.done === false) return fail({ status: 409, code: "busy", message: "this day is being optimised already", path: "day" });
  const status: RunStatus = { startedAt: Date.now(), budgetMs, best: null, done: false };
  runs.set(key, status);
  try {
    const instance = dayInstance(`${line} ${day}`, view.plant.settings, view.orders, view.previous, view.sequence, view.locked);
    const run = solveInWorker(instance, {
      seed: options.seed ?? 1,
      timeLimitMs: budgetMs,
      progressEveryMs: 200,
      onProgress: (p) => {
        status.best = p.best;
      },
    });
    const result = await run.finished;
    if (sequenceProblems(instance, result.sequence).length > 0)
      return fail({ status: 409, code: "batch-limit", message: "the paint batch limit can't be kept with these cars and locks", path: "day" });
    await writeDraft(db, actorId, line, day, result.sequence, view.locked);
    return ok(result.evaluation);
  } catch (e) {
    // The solver refuses an instance it can't sequence (e.g. locks that break the batch limit): the planner's problem, not a crash.
    return fail({ status: 409, code: "batch-limit", message: e instanceof Error ? e.message : String(e), path: "day" });
  } finally {
    status.done = true;
  }
}

/**
 * Publish the day's sequence: each order gets its position (1-based), the
 * draft goes, and the audit log says who published what — one transaction.
 * Refused while the sequence breaks the paint batch limit.
 */
export async function publishDay(db: Executor, actorId: string, line: string, day: string, now = new Date()): Promise<Result<{ positions: number; moved: number }, SequenceRefusalCode>> {
  const view = await sequenceDay(db, line, day);
  if (!view) return fail({ status: 404, code: "unknown-line", message: "this line is not in the active catalog", path: "line" });
  if (view.orders.length === 0) return fail({ status: 409, code: "no-cars", message: "no orders are built on this day", path: "day" });
  if (view.problems.length > 0) return fail({ status: 409, code: "batch-limit", message: view.problems.join("; "), path: "day" });
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`atelier.sequence.${line}`}))`);
    await tx.delete(sequencePositions).where(and(eq(sequencePositions.lineCode, line), eq(sequencePositions.day, day)));
    // An order moved here from another day loses its old position.
    await tx.delete(sequencePositions).where(inArray(sequencePositions.orderId, view.sequence));
    await tx.insert(sequencePositions).values(view.sequence.map((orderId, i) => ({ orderId, lineCode: line, day, position: i + 1, publishedAt: now })));
    await tx.delete(lineSequenceDrafts).where(and(eq(lineSequenceDrafts.lineCode, line), eq(lineSequenceDrafts.day, day)));
    const numbers = new Map(view.orders.map((o) => [o.id, o.number]));
    await recordAudit(
      tx,
      {
        actorId,
        action: "line.sequence.publish",
        subject: "product-line",
        subjectId: line,
        after: {
          day,
          sequence: view.sequence.map((id) => numbers.get(id) ?? id),
          high: view.evaluation?.hiPriority ?? 0,
          paint: view.evaluation?.paintChanges ?? 0,
          low: view.evaluation?.loPriority ?? 0,
        },
      },
      now,
    );
  });
  return ok({ positions: view.sequence.length, moved: view.changes.filter((c) => c.from !== null).length });
}

/** An order's published place on its build day ("sequence #n"), if its day is sequenced and it is still built that day. */
export async function sequencePositionOf(db: Executor, orderId: string): Promise<{ day: string; position: number } | null> {
  const [row] = await db
    .select({ day: sequencePositions.day, position: sequencePositions.position })
    .from(sequencePositions)
    .innerJoin(queueEntries, and(eq(queueEntries.orderId, sequencePositions.orderId), eq(queueEntries.buildDate, sequencePositions.day)))
    .where(eq(sequencePositions.orderId, orderId));
  return row ?? null;
}

/** The days from `from` on (at most 60) on which `line` has orders to build, with how many. */
export async function daysWithOrders(db: Executor, line: string, from: string): Promise<{ day: string; n: number }[]> {
  const rows = await db
    .select({ day: queueEntries.buildDate, n: sql<number>`count(*)::int` })
    .from(queueEntries)
    .where(and(eq(queueEntries.lineCode, line), gte(queueEntries.buildDate, from)))
    .groupBy(queueEntries.buildDate)
    .orderBy(asc(queueEntries.buildDate))
    .limit(60);
  return rows.map((r) => ({ day: r.day!, n: Number(r.n) }));
}
