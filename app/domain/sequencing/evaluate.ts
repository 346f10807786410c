/**
 * The objective of a sequence, counted from scratch (the solver keeps the same
 * figures incrementally; the tests hold the two together and this one against
 * a brute-force recount).
 */
import { objectiveWeights, SequencingError, type Evaluation, type RuleResult, type SequencingInstance } from "./types";

/** The problems that make `sequence` (unit ids, in line order) unusable for the instance: not a permutation, a lock moved, a run over the paint batch limit. */
export function sequenceProblems(instance: SequencingInstance, sequence: readonly string[]): string[] {
  const problems: string[] = [];
  const known = new Set(instance.units.map((u) => u.id));
  const seen = new Set<string>();
  for (const id of sequence) {
    if (!known.has(id)) problems.push(`unknown car ${id}`);
    else if (seen.has(id)) problems.push(`car ${id} appears twice`);
    seen.add(id);
  }
  for (const id of known) if (!seen.has(id)) problems.push(`car ${id} is missing`);
  for (const lock of instance.locked ?? []) {
    if (sequence[lock.position] !== lock.unitId) problems.push(`car ${lock.unitId} must be at position ${lock.position + 1}`);
  }
  if (problems.length === 0 && instance.paintBatchLimit !== null) {
    const run = longestRun(instance, sequence);
    if (run > instance.paintBatchLimit) problems.push(`${run} cars of one colour in a row (the limit is ${instance.paintBatchLimit})`);
  }
  return problems;
}

function lineOf(instance: SequencingInstance, sequence: readonly string[]) {
  const byId = new Map(instance.units.map((u) => [u.id, u]));
  const day = sequence.map((id) => {
    const unit = byId.get(id);
    if (!unit) throw new SequencingError(`unknown car ${id}`);
    return unit;
  });
  return [...instance.previous, ...day];
}

/** The longest run of one colour holding at least one of the day's cars (yesterday's cars count in a run that crosses midnight). */
function longestRun(instance: SequencingInstance, sequence: readonly string[]): number {
  const line = lineOf(instance, sequence);
  const tail = instance.previous.length;
  let longest = 0;
  let run = 0;
  for (let k = 0; k < line.length; k++) {
    const colour = line[k].colour;
    run = colour !== null && k > 0 && line[k - 1].colour === colour ? run + 1 : 1;
    if (colour !== null && k >= tail) longest = Math.max(longest, run);
  }
  return longest;
}

/** The figures of a sequence of the day's cars (ids in line order); throws SequencingError when it is not a permutation of them. */
export function evaluate(instance: SequencingInstance, sequence: readonly string[]): Evaluation {
  if (sequence.length !== instance.units.length || new Set(sequence).size !== sequence.length) {
    throw new SequencingError(`a sequence must hold each of the ${instance.units.length} cars once`);
  }
  const line = lineOf(instance, sequence);
  const tail = instance.previous.length;
  const n = line.length;
  const rules: RuleResult[] = instance.rules.map((rule) => {
    const has = line.map((u) => (u.options.includes(rule.option) ? 1 : 0));
    let excess = 0;
    let violatedWindows = 0;
    // Windows lying wholly in the previous day cannot change: only those holding a car of today count.
    for (let s = Math.max(0, tail - rule.q + 1); s < n; s++) {
      const end = Math.min(s + rule.q, n);
      let count = 0;
      for (let k = s; k < end; k++) count += has[k];
      excess += Math.max(0, count - rule.p);
      if (end - s === rule.q && count > rule.p) violatedWindows++;
    }
    return { option: rule.option, priority: rule.priority, p: rule.p, q: rule.q, excess, violatedWindows };
  });
  const measure = (r: RuleResult) => (instance.counting === "roadef" ? r.excess : r.violatedWindows);
  const hiPriority = rules.filter((r) => r.priority === "high").reduce((sum, r) => sum + measure(r), 0);
  const loPriority = rules.filter((r) => r.priority === "low").reduce((sum, r) => sum + measure(r), 0);
  let paintChanges = 0;
  // The first car of the day against the last of yesterday counts (ROADEF FAQ, 2003-10-10).
  for (let k = Math.max(1, tail); k < n; k++) {
    const a = line[k - 1].colour;
    const b = line[k].colour;
    if (a !== null && b !== null && a !== b) paintChanges++;
  }
  const w = objectiveWeights(instance.objectives);
  const score = w.high * hiPriority + w.paint * paintChanges + w.low * loPriority;
  return { hiPriority, paintChanges, loPriority, score, counting: instance.counting, rules, longestRun: longestRun(instance, sequence) };
}
