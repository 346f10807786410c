/**
 * The line-sequencing solver off the calling thread: a worker_threads entry
 * that runs solve() (pure domain code) with the job's time limit and posts the
 * best sequence so far as it improves. The caller stops it early through a
 * shared flag (the search loop is synchronous: it cannot read messages, but it
 * reads the flag every few hundred moves). Bundled like the catalog analysis
 * worker (scripts/build-workers.mjs, decision 036).
 */
import { parentPort, workerData } from "node:worker_threads";
import { solve, type SolveProgress, type SolveResult } from "../../domain/sequencing/solve";
import type { SequencingInstance } from "../../domain/sequencing/types";

export interface SequencingJob {
  instance: SequencingInstance;
  seed: number;
  timeLimitMs?: number;
  maxIterations?: number;
  progressEveryMs?: number;
  targetScore?: number;
  /**
   * "wall" (the default) or "cpu": the time limit counts the process's CPU time divided by `share` (the workers
   * running side by side), a benchmark's measure on a machine others use too. Node 20 has no per-thread CPU clock.
   */
  clock?: "wall" | "cpu";
  share?: number;
  /** SolveOptions.breakout (CSPLib-like days only; undefined: the solver's default). */
  breakout?: boolean;
}

export type SequencingMessage =
  | { kind: "progress"; progress: SolveProgress }
  | { kind: "done"; result: SolveResult }
  | { kind: "failed"; error: string };

const { job, stop } = workerData as { job: SequencingJob; stop: SharedArrayBuffer };
const flag = new Int32Array(stop);
const port = parentPort!;
const share = job.share ?? 1;
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000 / share;
};
try {
  const result = solve(job.instance, {
    seed: job.seed,
    timeLimitMs: job.timeLimitMs,
    maxIterations: job.maxIterations,
    progressEveryMs: job.progressEveryMs,
    targetScore: job.targetScore,
    breakout: job.breakout,
    now: job.clock === "cpu" ? cpuNow : undefined,
    shouldStop: () => Atomics.load(flag, 0) !== 0,
    onProgress: (progress) => {
      if (!progress.done) port.postMessage({ kind: "progress", progress } satisfies SequencingMessage);
    },
  });
  port.postMessage({ kind: "done", result } satisfies SequencingMessage);
} catch (e) {
  port.postMessage({ kind: "failed", error: e instanceof Error ? e.message : String(e) } satisfies SequencingMessage);
}
