import { describe, expect, it } from "vitest";
import { sequenceProblems } from "~/domain/sequencing/evaluate";
import type { SequencingInstance } from "~/domain/sequencing/types";
import { solveInWorker } from "./solve.server";

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
});
