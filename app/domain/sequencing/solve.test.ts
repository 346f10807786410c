import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluate, sequenceProblems } from "./evaluate";
import { parseCsplib } from "./parse";
import { solve } from "./solve";
import { seededRandom } from "../random";
import { SequencingError, type SequencingInstance } from "./types";

const COLOURS = ["red", "blue", "white", "black"];

const instanceArb = fc
  .record({
    cars: fc.array(fc.record({ options: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }), colour: fc.nat(3) }), { minLength: 2, maxLength: 40 }),
    tail: fc.array(fc.record({ options: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }), colour: fc.nat(3) }), { maxLength: 6 }),
    ratios: fc.array(fc.record({ p: fc.integer({ min: 1, max: 3 }), extra: fc.integer({ min: 1, max: 4 }), high: fc.boolean() }), { minLength: 3, maxLength: 3 }),
    limit: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
    order: fc.shuffledSubarray(["high", "paint", "low"] as const, { minLength: 1 }),
    counting: fc.constantFrom("roadef" as const, "windows" as const),
    locks: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 4 }),
  })
  .map(({ cars, tail, ratios, limit, order, counting, locks }): SequencingInstance => {
    const rules = ratios.map((r, i) => ({ option: `o${i}`, p: r.p, q: r.p + r.extra, priority: r.high ? ("high" as const) : ("low" as const) }));
    const unit = (prefix: string) => (c: { options: boolean[]; colour: number }, i: number) => ({
      id: `${prefix}${i}`,
      options: rules.filter((_, j) => c.options[j]).map((r) => r.option),
      colour: COLOURS[c.colour],
    });
    const units = cars.map(unit("u"));
    // Distinct cars at distinct positions.
    const locked = new Map<number, string>();
    const used = new Set<string>();
    for (const [car, position] of locks) {
      const id = units[car % units.length].id;
      if (!used.has(id) && !locked.has(position % units.length)) {
        used.add(id);
        locked.set(position % units.length, id);
      }
    }
    return {
      name: "property",
      units,
      previous: tail.map(unit("y")),
      rules,
      paintBatchLimit: limit,
      objectives: [...order],
      counting,
      locked: [...locked].map(([position, unitId]) => ({ unitId, position })),
    };
  });

/**
 * Solved twice with one seed and move budget: every high-priority rule kept, no hard problem (locks, yesterday's cars,
 * the batch limit), the score tracked move by move equal to a recount, better than the greedy start, the same sequence.
 */
function expectKeptExactAndRepeatable(instance: SequencingInstance, seed: number, maxIterations: number) {
  const a = solve(instance, { seed, maxIterations });
  const b = solve(instance, { seed, maxIterations });
  expect(a.evaluation.hiPriority).toBe(0);
  expect(sequenceProblems(instance, a.sequence)).toEqual([]);
  expect(a.trackedScore).toBe(a.evaluation.score);
  expect(a.evaluation.score).toBeLessThan(a.greedy.score);
  expect(b.sequence).toEqual(a.sequence);
}

/** A day as CSPLib counts it (violated windows, no paint): the classic ratios, each option a little over its capacity. */
function csplibLikeDay(seed: number, cars: number, locked: SequencingInstance["locked"] = []): SequencingInstance {
  const random = seededRandom(seed);
  const rules = [
    { option: "sunroof", p: 1, q: 2, priority: "high" as const },
    { option: "towbar", p: 2, q: 3, priority: "high" as const },
    { option: "roofrack", p: 1, q: 3, priority: "high" as const },
    { option: "heatpump", p: 2, q: 5, priority: "high" as const },
    { option: "tint", p: 1, q: 5, priority: "high" as const },
  ];
  const units = Array.from({ length: cars }, (_, i) => ({ id: `c${i}`, options: rules.filter((r) => random() < (r.p / r.q) * 1.15).map((r) => r.option), colour: null }));
  return { name: "csplib-like", units, previous: [], rules, paintBatchLimit: null, objectives: ["high"], counting: "windows", locked };
}

describe("solve", () => {
  it("never breaks a hard constraint: a permutation of the day's cars, locks kept, no run over the batch limit", () => {
    let solved = 0;
    fc.assert(
      fc.property(instanceArb, fc.nat(1000), (instance, seed) => {
        let result;
        try {
          result = solve(instance, { seed, maxIterations: 3000 });
        } catch (e) {
          // Only when the cars and locks leave no sequence within the batch limit.
          expect(e).toBeInstanceOf(SequencingError);
          return;
        }
        solved++;
        expect(sequenceProblems(instance, result.sequence)).toEqual([]);
        expect([...result.sequence].sort()).toEqual(instance.units.map((u) => u.id).sort());
        // The incremental bookkeeping agrees with a recount from scratch.
        expect(result.trackedScore).toBeCloseTo(result.evaluation.score, 6);
        expect(result.evaluation.score).toBeLessThanOrEqual(result.greedy.score);
      }),
      { numRuns: 150, seed: 16 },
    );
    expect(solved).toBeGreaterThan(100);
  });

  it("is deterministic for a seed and an iteration budget", () => {
    const instance = fc.sample(instanceArb, { numRuns: 1, seed: 4 })[0];
    const a = solve(instance, { seed: 7, maxIterations: 5000 });
    const b = solve(instance, { seed: 7, maxIterations: 5000 });
    expect(b.sequence).toEqual(a.sequence);
    expect(b.iterations).toBe(a.iterations);
  });

  it("where the high-priority rules come first, the phases keep determinism, and every report and the result carry the whole score", () => {
    // Phases search the high-priority rules alone first (on days of 200 cars or more): what they report must still
    // be the whole objective's figures.
    for (const sampleSeed of [4, 9, 21]) {
      const random = seededRandom(sampleSeed);
      const rules = [
        { option: "sunroof", p: 1, q: 3, priority: "high" as const },
        { option: "towbar", p: 2, q: 5, priority: "high" as const },
        { option: "wheels", p: 1, q: 4, priority: "low" as const },
      ];
      const units = Array.from({ length: 240 }, (_, i) => ({
        id: `c${i}`,
        options: rules.filter((r) => random() < 0.8 * (r.p / r.q) + 0.1).map((r) => r.option),
        colour: COLOURS[Math.floor(random() * COLOURS.length)],
      }));
      const instance: SequencingInstance = { name: "phases", units, previous: [], rules, paintBatchLimit: 4, objectives: ["high", "low", "paint"], counting: "roadef", locked: [{ unitId: "c7", position: 100 }] };
      const run = () => {
        const seen: number[] = [];
        let result;
        try {
          result = solve(instance, {
            seed: 5,
            maxIterations: 20_000,
            progressEveryMs: 0,
            onProgress: (p) => {
              expect(evaluate(instance, p.sequence).score).toBe(p.best.score);
              seen.push(p.best.score);
            },
          });
        } catch (e) {
          expect(e).toBeInstanceOf(SequencingError);
          return null;
        }
        expect(sequenceProblems(instance, result.sequence)).toEqual([]);
        expect(result.trackedScore).toBeCloseTo(result.evaluation.score, 6);
        expect([...seen].sort((x, y) => y - x)).toEqual(seen);
        expect(seen.at(-1)).toBe(result.evaluation.score);
        return result;
      };
      const a = run();
      const b = run();
      expect(b?.sequence).toEqual(a?.sequence);
      expect(b?.iterations).toBe(a?.iterations);
    }
  });

  it("keeps its incremental score exact where windows are longer than the moves, and with more rules than a bit mask holds", () => {
    // Shifts, reversals and exchanges count only the windows holding part of the moved stretch and only the rules on
    // which its cars disagree (a per-car bit mask, up to 31 rules): a day of 260 cars with windows of 25 and 40 (longer
    // than a move's reach), yesterday's tail, locks and a batch limit, under three orders and both ways of counting;
    // then the same with 36 rules (no mask). A wrong delta shows as a tracked score apart from the recount.
    const random = seededRandom(11);
    const base = [
      { option: "sunroof", p: 1, q: 3, priority: "high" as const },
      { option: "towbar", p: 2, q: 5, priority: "high" as const },
      { option: "roofrack", p: 1, q: 40, priority: "low" as const },
      { option: "heatpump", p: 2, q: 25, priority: "low" as const },
    ];
    const extra = Array.from({ length: 32 }, (_, i) => ({ option: `x${i}`, p: 1 + (i % 3), q: 3 + (i % 7) * 3, priority: "low" as const }));
    for (const rules of [base, [...base, ...extra]]) {
      const car = (id: string) => ({ id, options: rules.filter((r) => random() < (r.p / r.q) * 1.1).map((r) => r.option), colour: COLOURS[Math.floor(random() * COLOURS.length)] });
      const units = Array.from({ length: 260 }, (_, i) => car(`c${i}`));
      const previous = Array.from({ length: 12 }, (_, i) => car(`y${i}`));
      for (const objectives of [["high", "low", "paint"], ["paint", "high", "low"], ["high", "paint", "low"]] as const) {
        for (const counting of ["roadef", "windows"] as const) {
          const instance: SequencingInstance = { name: "long", units, previous, rules, paintBatchLimit: 6, objectives: [...objectives], counting, locked: [{ unitId: "c3", position: 50 }, { unitId: "c9", position: 51 }] };
          const result = solve(instance, { seed: 3, maxIterations: 15_000 });
          expect(sequenceProblems(instance, result.sequence)).toEqual([]);
          expect(result.trackedScore).toBe(result.evaluation.score);
          expect(result.evaluation.score).toBeLessThan(result.greedy.score);
        }
      }
    }
  });

  it("once the high-priority rules are all kept, the same-kind swaps, long shifts and colour-run moves keep the score exact and the batch limit", () => {
    // A rules-first day whose one high-priority rule is easy to keep, with low-priority rules of long windows and
    // paint: the later phases then use the moves kept only for that situation. A wrong delta shows as a tracked score
    // apart from the recount; a run over the limit as a sequence problem; the same seed and budget give one sequence.
    const random = seededRandom(17);
    const rules = [
      { option: "sunroof", p: 1, q: 4, priority: "high" as const },
      { option: "towbar", p: 1, q: 30, priority: "low" as const },
      { option: "heatpump", p: 3, q: 60, priority: "low" as const },
    ];
    const car = (id: string) => ({ id, options: rules.filter((r) => random() < (r.p / r.q) * (r.priority === "high" ? 0.8 : 1.3)).map((r) => r.option), colour: COLOURS[Math.floor(random() * 3)] });
    const units = Array.from({ length: 240 }, (_, i) => car(`c${i}`));
    for (const objectives of [["high", "low", "paint"], ["high", "paint", "low"]] as const) {
      const instance: SequencingInstance = { name: "kept", units, previous: [], rules, paintBatchLimit: 8, objectives: [...objectives], counting: "roadef", locked: [] };
      expectKeptExactAndRepeatable(instance, 2, 60_000);
    }
  });

  it("once the rules above paint are all kept, the rule-twin swaps keep the score exact, the locks, the batch limit and determinism", () => {
    // Easy rules (all kept soon), few kinds of car by their options and five colours, so most cars have rule twins of
    // other colours; yesterday's tail and a few locks sit beside the moving cars. A twin swap that moved a locked car
    // or one of yesterday's shows as a sequence problem, a wrong colour count as a tracked score apart from the recount.
    const random = seededRandom(29);
    const rules = [
      { option: "sunroof", p: 1, q: 3, priority: "high" as const },
      { option: "towbar", p: 1, q: 8, priority: "low" as const },
    ];
    const colours = ["red", "blue", "white", "black", "green"];
    const car = (id: string) => ({ id, options: rules.filter((r) => random() < (r.p / r.q) * 0.7).map((r) => r.option), colour: colours[Math.floor(random() * colours.length)] });
    const units = Array.from({ length: 260 }, (_, i) => car(`c${i}`));
    const previous = Array.from({ length: 10 }, (_, i) => car(`y${i}`));
    const locked = [3, 40, 41, 200].map((position) => ({ unitId: units[position * 1.2 | 0].id, position }));
    for (const objectives of [["high", "low", "paint"], ["high", "paint", "low"]] as const) {
      const instance: SequencingInstance = { name: "twins", units, previous, rules, paintBatchLimit: 5, objectives: [...objectives], counting: "roadef", locked };
      expectKeptExactAndRepeatable(instance, 4, 80_000);
    }
  });

  it("where paint is second and a high-priority rule cannot be kept, the rule-twin swaps run and keep the score exact, the rules, the locks and the batch limit", () => {
    // Too many sunroofs for 1 in 3 (a violation no sequence avoids), paint second: the twin swaps run in the phases that
    // count paint though the high-priority count never reaches 0. A twin swap that changed a rule shows as a tracked
    // score apart from the recount, one that moved a locked car or one of yesterday's as a sequence problem.
    const random = seededRandom(41);
    const rules = [
      { option: "sunroof", p: 1, q: 3, priority: "high" as const },
      { option: "towbar", p: 1, q: 6, priority: "low" as const },
    ];
    const colours = ["red", "blue", "white", "black", "green"];
    const car = (id: string, sunroof: boolean) => ({ id, options: [...(sunroof ? ["sunroof"] : []), ...(random() < 0.12 ? ["towbar"] : [])], colour: colours[Math.floor(random() * colours.length)] });
    const units = Array.from({ length: 240 }, (_, i) => car(`c${i}`, i % 5 < 2));
    const previous = Array.from({ length: 8 }, (_, i) => car(`y${i}`, false));
    const locked = [5, 77, 150].map((position) => ({ unitId: units[position + 1].id, position }));
    for (const objectives of [["high", "paint", "low"], ["high", "paint"]] as const) {
      const instance: SequencingInstance = { name: "twins while broken", units, previous, rules, paintBatchLimit: 4, objectives: [...objectives], counting: "roadef", locked };
      const a = solve(instance, { seed: 3, maxIterations: 80_000 });
      const b = solve(instance, { seed: 3, maxIterations: 80_000 });
      expect(a.evaluation.hiPriority).toBeGreaterThan(0);
      expect(sequenceProblems(instance, a.sequence)).toEqual([]);
      expect(a.trackedScore).toBe(a.evaluation.score);
      expect(a.evaluation.score).toBeLessThan(a.greedy.score);
      expect(b.sequence).toEqual(a.sequence);
    }
  });

  it("reaches 0 on a satisfiable CSPLib instance (4/72) within an iteration budget", () => {
    // CSPLib prob001 instance 4/72 (Regin & Puget), inlined: the benchmark files are tested in benchdata.test.ts.
    const text = `100 5 22\n1 2 1 2 1\n2 3 3 5 5\n0 6 1 0 0 1 0\n1 10 1 1 1 0 0\n2 2 1 1 0 0 1\n3 2 0 1 1 0 0\n4 8 0 0 0 1 0\n5 15 0 1 0 0 0\n6 1 0 1 1 1 0\n7 5 0 0 1 1 0\n8 2 1 0 1 1 0\n9 3 0 0 1 0 0\n10 2 1 0 1 0 0\n11 1 1 1 1 0 1\n12 8 0 1 0 1 0\n13 3 1 0 0 1 1\n14 10 1 0 0 0 0\n15 4 0 1 0 0 1\n16 4 0 0 0 0 1\n17 2 1 0 0 0 1\n18 4 1 1 0 0 0\n19 6 1 1 0 1 0\n20 1 1 0 1 0 1\n21 1 1 1 1 1 1\n`;
    const instance = parseCsplib(text, "4_72");
    const result = solve(instance, { seed: 1, maxIterations: 1_500_000 });
    expect(result.evaluation.hiPriority).toBe(0);
    expect(result.stoppedBy).toBe("zero");
    expect(result.greedy.hiPriority).toBeGreaterThan(0);
  });

  it("on CSPLib days (windows counted, no paint) the plateau moves keep the score exact, never cost a window, and stay deterministic", () => {
    // Half the moves there accept a car more in a window already over (the windows stay as many): the tracked score
    // must still be the recount, the best never worse than the greedy start, and a seed + budget one sequence.
    const instance = csplibLikeDay(5, 220);
    const a = solve(instance, { seed: 2, maxIterations: 40_000 });
    const b = solve(instance, { seed: 2, maxIterations: 40_000 });
    expect(b.sequence).toEqual(a.sequence);
    expect(sequenceProblems(instance, a.sequence)).toEqual([]);
    expect(a.trackedScore).toBe(a.evaluation.score);
    expect(a.evaluation.hiPriority).toBeGreaterThan(0);
    expect(a.evaluation.score).toBeLessThan(a.greedy.score);
  });

  it("on CSPLib days the breakout weights keep the score exact, the locks and determinism, and change the search", () => {
    // The weights rise every few hundred moves here (breakoutStall), so the weighted deltas of swaps, shifts and
    // reversals (long and short stretches) are all taken many times against windows of different weights: the true
    // score kept alongside must still be the recount.
    const instance = csplibLikeDay(11, 150, [
      { unitId: "c3", position: 0 },
      { unitId: "c40", position: 70 },
      { unitId: "c99", position: 149 },
    ]);
    const options = { seed: 3, maxIterations: 60_000, breakout: true, breakoutStall: 300 };
    const a = solve(instance, options);
    const b = solve(instance, options);
    const plain = solve(instance, { ...options, breakout: false });
    expect(b.sequence).toEqual(a.sequence);
    expect(sequenceProblems(instance, a.sequence)).toEqual([]);
    expect(a.trackedScore).toBe(a.evaluation.score);
    expect(a.evaluation.score).toBeLessThan(a.greedy.score);
    expect(a.sequence).not.toEqual(plain.sequence);
    expect(plain.trackedScore).toBe(plain.evaluation.score);
  });

  it("with breakout weights rising often, random CSPLib-like days keep the tracked score exact and the locks", () => {
    fc.assert(
      fc.property(instanceArb, fc.nat(1000), fc.integer({ min: 5, max: 200 }), (generated, seed, breakoutStall) => {
        const instance: SequencingInstance = { ...generated, counting: "windows", objectives: ["high"], paintBatchLimit: null };
        const result = solve(instance, { seed, maxIterations: 3000, breakout: true, breakoutStall });
        expect(sequenceProblems(instance, result.sequence)).toEqual([]);
        expect(result.trackedScore).toBe(result.evaluation.score);
        expect(result.evaluation.score).toBeLessThanOrEqual(result.greedy.score);
      }),
      { numRuns: 150, seed: 23 },
    );
  });

  it("with breakout weights rising, reaches the optimum of CSPLib instance 19/71 (2 windows)", () => {
    // The weights change what the search accepts, never what it keeps: the best is judged by the true windows
    // (19/71 inlined; its best is 2, proved optimal on CSPLib's results page).
    const text = `100 5 23\n1 2 1 2 1\n2 3 3 5 5\n0 2 0 0 0 1 1\n1 2 0 0 1 0 1\n2 5 0 1 1 1 0\n3 4 0 0 0 1 0\n4 4 0 1 0 1 0\n5 1 1 1 0 0 1\n6 3 1 1 1 0 1\n7 4 0 0 1 0 0\n8 19 0 1 0 0 0\n9 7 1 1 0 1 0\n10 10 1 0 0 0 0\n11 1 0 0 1 1 0\n12 5 1 1 1 1 0\n13 2 1 0 1 1 0\n14 6 1 1 0 0 0\n15 4 1 1 1 0 0\n16 8 1 0 0 1 0\n17 1 1 0 0 0 1\n18 4 0 1 1 0 0\n19 2 0 0 0 0 1\n20 4 0 1 0 0 1\n21 1 1 1 0 1 1\n22 1 0 1 1 0 1\n`;
    const instance = parseCsplib(text, "19_71");
    const result = solve(instance, { seed: 2, maxIterations: 2_000_000, breakout: true, breakoutStall: 3000, targetScore: 2_000_000 });
    expect(result.evaluation.hiPriority).toBe(2);
    expect(result.stoppedBy).toBe("target");
    expect(result.trackedScore).toBe(result.evaluation.score);
  });

  it("reports the best so far while it runs, and stops when asked", () => {
    const instance = fc.sample(instanceArb, { numRuns: 1, seed: 9 })[0];
    const seen: number[] = [];
    let calls = 0;
    const result = solve(instance, {
      seed: 3,
      maxIterations: 1_000_000,
      progressEveryMs: 0,
      onProgress: (p) => {
        seen.push(p.best.score);
        expect(evaluate(instance, p.sequence).score).toBe(p.best.score);
      },
      shouldStop: () => ++calls > 3,
    });
    expect(["stopped", "zero"]).toContain(result.stoppedBy);
    expect(seen.at(-1)).toBe(result.evaluation.score);
    expect([...seen].sort((x, y) => y - x)).toEqual(seen);
  });

  it("follows the plant's order of criteria: paint first keeps one colour change, high first spreads the sunroofs", () => {
    // Three red cars with a sunroof (at most 1 in 2, high priority) and three blue without: keeping the reds
    // together costs sunroof violations, separating them costs colour changes. Which is right is the plant's call.
    const car = (id: string, colour: string, sunroof: boolean) => ({ id, options: sunroof ? ["sunroof"] : [], colour });
    const base: Omit<SequencingInstance, "objectives"> = {
      name: "order",
      units: [car("r1", "red", true), car("r2", "red", true), car("r3", "red", true), car("b1", "blue", false), car("b2", "blue", false), car("b3", "blue", false)],
      previous: [],
      rules: [{ option: "sunroof", p: 1, q: 2, priority: "high" }],
      paintBatchLimit: null,
      counting: "roadef",
    };
    // The lexicographic optimum under each order, by trying all 720 sequences.
    const permutations = (ids: string[]): string[][] => (ids.length <= 1 ? [ids] : ids.flatMap((id, i) => permutations([...ids.slice(0, i), ...ids.slice(i + 1)]).map((rest) => [id, ...rest])));
    const all = permutations(base.units.map((u) => u.id));
    const bestUnder = (objectives: SequencingInstance["objectives"]) => Math.min(...all.map((s) => evaluate({ ...base, objectives }, s).score));
    const paintFirst = solve({ ...base, objectives: ["paint", "high", "low"] }, { seed: 1, maxIterations: 20_000 });
    expect(paintFirst.evaluation.score).toBe(bestUnder(["paint", "high", "low"]));
    expect([paintFirst.evaluation.paintChanges, paintFirst.evaluation.hiPriority]).toEqual([1, 2]);
    const highFirst = solve({ ...base, objectives: ["high", "paint", "low"] }, { seed: 1, maxIterations: 20_000 });
    expect(highFirst.evaluation.score).toBe(bestUnder(["high", "paint", "low"]));
    expect([highFirst.evaluation.hiPriority, highFirst.evaluation.paintChanges]).toEqual([0, 4]);
    // Ranked by the paint-first score, the paint-first sequence wins, whatever its sunroof violations.
    const paintOrder = { ...base, objectives: ["paint", "high", "low"] as const };
    expect(evaluate(paintOrder, paintFirst.sequence).score).toBeLessThan(evaluate(paintOrder, highFirst.sequence).score);
  });

  it("where a high-priority violation is unavoidable, the later phases still find the best colour order (a six-car day)", () => {
    // Four sunroofs in six cars (1 in 2) leave one too many whatever the order, so the first phase (the rule alone)
    // drifts over the colours until its share is spent; the whole objective must still reach the optimum.
    const car = (id: string, colour: string, sunroof: boolean) => ({ id, options: sunroof ? ["sunroof"] : [], colour });
    const instance: SequencingInstance = {
      name: "six",
      units: [car("a", "red", true), car("b", "blue", true), car("c", "red", false), car("d", "blue", true), car("e", "red", true), car("f", "blue", false)],
      previous: [],
      rules: [{ option: "sunroof", p: 1, q: 2, priority: "high" }],
      paintBatchLimit: null,
      objectives: ["high", "paint", "low"],
      counting: "roadef",
    };
    const permutations = (ids: string[]): string[][] => (ids.length <= 1 ? [ids] : ids.flatMap((id, i) => permutations([...ids.slice(0, i), ...ids.slice(i + 1)]).map((rest) => [id, ...rest])));
    const optimum = Math.min(...permutations(instance.units.map((u) => u.id)).map((s) => evaluate(instance, s).score));
    for (let seed = 1; seed <= 40; seed++) {
      expect(solve(instance, { seed, maxIterations: 2_000 }).evaluation.score).toBe(optimum);
    }
  });

  it("refuses locks outside the day and a paint limit no sequence can keep", () => {
    const car = (id: string, colour: string) => ({ id, options: [], colour });
    const base: SequencingInstance = { name: "x", units: [car("a", "red"), car("b", "red"), car("c", "blue")], previous: [], rules: [], paintBatchLimit: 1, objectives: ["paint"], counting: "roadef" };
    expect(() => solve({ ...base, locked: [{ unitId: "a", position: 5 }] })).toThrow(/outside the day/);
    expect(() => solve({ ...base, locked: [{ unitId: "z", position: 0 }] })).toThrow(/not one of the day's cars/);
    // Red, blue, red is the only way to keep one colour at most once in a row.
    expect(solve(base).sequence[1]).toBe("c");
    expect(() => solve({ ...base, units: [...base.units, car("d", "red")] })).toThrow(SequencingError);
    expect(() => solve({ ...base, locked: [{ unitId: "a", position: 0 }, { unitId: "b", position: 1 }] })).toThrow(/paint batch limit/);
  });
});
