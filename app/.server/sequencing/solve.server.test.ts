import { afterEach, describe, expect, it } from "vitest";
import { sequenceProblems } from "~/domain/sequencing/evaluate";
import { solve } from "~/domain/sequencing/solve";
import type { SequencingInstance } from "~/domain/sequencing/types";
import { sequencingWorkers, solveInWorker } from "./solve.server";

/** 60 cars, two tight rules and four colours: no quick zero, so the run lasts until stopped. */
function instance(): SequencingInstance {
  const units = Array.from({ length: 60 }, (_, i) => ({
    id: `car${i}`,
    options: [i % 2 === 0 ? "sunroof" : "", i % 3 === 0 ? "tow" : ""].filter(Boolean),
    colour: ["red", "blue", "white", "black"][i % 4],
  }));
  return {
    name: "worker",
    units,
    previous: [],
    rules: [
      { option: "sunroof", p: 1, q: 3, priority: "high" },
      { option: "tow", p: 1, q: 4, priority: "low" },
    ],
    paintBatchLimit: 3,
    objectives: ["high", "paint", "low"],
    counting: "roadef",
  };
}

describe("solveInWorker", () => {
  it("runs off the thread, reports progress, and stops early with the best so far", async () => {
    const progress: number[] = [];
    const run = solveInWorker(instance(), {
      seed: 2,
      timeLimitMs: 60_000,
      progressEveryMs: 0,
      onProgress: (p) => {
        progress.push(p.best.score);
        run.stop();
      },
    });
    const started = Date.now();
    const result = await run.finished;
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(result.stoppedBy).toBe("stopped");
    expect(sequenceProblems(instance(), result.sequence)).toEqual([]);
    expect(progress.length).toBeGreaterThan(0);
    expect(result.evaluation.score).toBeLessThanOrEqual(Math.min(...progress));
  });

  it("keeps to its time limit", async () => {
    const result = await solveInWorker(instance(), { seed: 2, timeLimitMs: 200 }).finished;
    expect(["time", "zero"]).toContain(result.stoppedBy);
    expect(result.elapsedMs).toBeLessThan(5_000);
  });

  it("runs one search per worker, each from its own seed, and keeps the best (the same as the searches run alone)", async () => {
    const maxIterations = 3_000;
    const alone = [5, 6, 7].map((seed) => solve(instance(), { seed, maxIterations }));
    const result = await solveInWorker(instance(), { seed: 5, workers: 3, maxIterations }).finished;
    const best = Math.min(...alone.map((r) => r.evaluation.score));
    const winner = alone.find((r) => r.evaluation.score === best)!;
    expect(result.evaluation.score).toBe(best);
    expect(result.seed).toBe(winner.seed);
    expect(result.sequence).toEqual(winner.sequence);
    // The searches really differ: otherwise this test could not tell one worker from three.
    expect(new Set(alone.map((r) => r.sequence.join())).size).toBeGreaterThan(1);
  });

  it("on days counted by windows without paint, walks with the breakout weights in one search and without in the next", async () => {
    // A CSPLib-like day: violated windows counted, no colours, two rules that cannot both be kept everywhere.
    const units = Array.from({ length: 40 }, (_, i) => ({ id: `u${i}`, options: [i % 3 === 0 ? "a" : "", i % 2 === 0 ? "b" : ""].filter(Boolean), colour: null }));
    const day: SequencingInstance = {
      name: "windows",
      units,
      previous: [],
      rules: [
        { option: "a", p: 1, q: 4, priority: "high" },
        { option: "b", p: 1, q: 2, priority: "high" },
      ],
      paintBatchLimit: null,
      objectives: ["high"],
      counting: "windows",
    };
    const maxIterations = 4_000;
    const weighted = solve(day, { seed: 3, maxIterations });
    const plain = solve(day, { seed: 4, maxIterations, breakout: false });
    expect([weighted.breakout, plain.breakout]).toEqual([true, false]);
    const result = await solveInWorker(day, { seed: 3, workers: 2, maxIterations }).finished;
    const winner = plain.evaluation.score < weighted.evaluation.score ? plain : weighted;
    expect(result.sequence).toEqual(winner.sequence);
    expect(result.breakout).toBe(winner.breakout);
    expect(result.seed).toBe(winner.seed);
  });

  it("stops every search once one reaches the target score", async () => {
    // Seed 1 reaches this score within 2,000 moves whatever the clock; seed 2 may not, and would run the minute.
    const target = solve(instance(), { seed: 1, maxIterations: 2_000 });
    expect(target.evaluation.score).toBeLessThan(target.greedy.score);
    const started = Date.now();
    const result = await solveInWorker(instance(), { seed: 1, workers: 2, timeLimitMs: 60_000, targetScore: target.evaluation.score }).finished;
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(result.evaluation.score).toBeLessThanOrEqual(target.evaluation.score);
    expect(["target", "zero"]).toContain(result.stoppedBy);
  });

  it("fails as a whole when the instance cannot be sequenced", async () => {
    // Three red cars locked in a row under a batch limit of 2: no search can keep the limit.
    const base = instance();
    const units = base.units.map((u, i) => (i < 3 ? { ...u, colour: "red" } : u));
    const locked = [0, 1, 2].map((position) => ({ unitId: units[position].id, position }));
    await expect(solveInWorker({ ...base, units, paintBatchLimit: 2, locked }, { workers: 2, timeLimitMs: 5_000 }).finished).rejects.toThrow(/paint batch limit/);
  });
});

describe("sequencingWorkers", () => {
  const saved = process.env.SEQUENCING_WORKERS;
  afterEach(() => {
    if (saved === undefined) delete process.env.SEQUENCING_WORKERS;
    else process.env.SEQUENCING_WORKERS = saved;
  });

  it("takes SEQUENCING_WORKERS, else at most two", () => {
    process.env.SEQUENCING_WORKERS = "3";
    expect(sequencingWorkers()).toBe(3);
    delete process.env.SEQUENCING_WORKERS;
    expect([1, 2]).toContain(sequencingWorkers());
    process.env.SEQUENCING_WORKERS = "0";
    expect(() => sequencingWorkers()).toThrow(/SEQUENCING_WORKERS/);
  });
});
