/**
 * Running the sequencing solver in worker threads with a time limit: the
 * request (or the command) never blocks for the solver's seconds, sees the
 * best sequence so far as it improves, and can stop it early and keep that
 * best. One search per worker, each from its own seed, on the machine's
 * cores. The planner's page and `npm run sequence` both start it here.
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { SolveProgress, SolveResult } from "~/domain/sequencing/solve";
import type { SequencingInstance } from "~/domain/sequencing/types";
import { getEnv } from "../platform/env.server";
import type { SequencingJob, SequencingMessage } from "./solve.worker";

export interface SequencingRun {
  /** Settles with the best sequence when the time is up, the iterations are spent or stop() was called; rejects when the instance cannot be sequenced. */
  finished: Promise<SolveResult>;
  /** Ask the solver to stop now; `finished` then settles with the best so far. */
  stop(): void;
}

function spawn(job: SequencingJob, stop: SharedArrayBuffer): Worker {
  // Names in variables: Vite must not treat these URLs as assets of the server bundle.
  const bundled = "sequencing.worker.js";
  for (const candidate of [`../${bundled}`, `./${bundled}`]) {
    const built = new URL(candidate, import.meta.url);
    if (built.protocol === "file:" && existsSync(fileURLToPath(built))) return new Worker(built, { workerData: { job, stop } });
  }
  const boot = "sequencing-worker.dev.mjs";
  const source = "solve.worker.ts";
  return new Worker(new URL(boot, import.meta.url), { workerData: { job, stop, entry: new URL(source, import.meta.url).href } });
}

/**
 * How many searches run side by side unless told (SEQUENCING_WORKERS, else two where the machine has two cores or
 * more). Each starts from its own seed and the best wins: seeds matter as much as time on the hard days (ROADEF's
 * 048_39_1_EP_RAF_ENP: 11 high-priority violations with seed 1, 6 with seed 2 at 10 s), so a second core is worth
 * more as a second search; more than two would take the cores the pages are served from.
 */
export function sequencingWorkers(): number {
  return getEnv().SEQUENCING_WORKERS ?? Math.max(1, Math.min(2, availableParallelism()));
}

export interface SolveInWorkerOptions {
  /** The first search's seed; the others take the next ones (seed + 1, …). */
  seed?: number;
  timeLimitMs?: number;
  maxIterations?: number;
  progressEveryMs?: number;
  /** Called when the best of all the searches improves. */
  onProgress?: (progress: SolveProgress) => void;
  /** Searches side by side (default: sequencingWorkers()). */
  workers?: number;
  /** Every search stops once one has reached this score. */
  targetScore?: number;
  /** "cpu": each search's time limit counts its share of the process's CPU time (benchmarks on a shared machine). */
  clock?: "wall" | "cpu";
}

/**
 * Run the solver in worker threads, one search per worker from its own seed (every other one without the breakout
 * weights), and settle with the best sequence (the lowest score; on a tie the first seed's). Where an iteration
 * budget bounds the searches, the same seed and workers give the same result; the result's `seed` and `breakout`
 * name the search that found it (solve() alone with those reproduces it).
 */
export function solveInWorker(instance: SequencingInstance, options: SolveInWorkerOptions): SequencingRun {
  if (options.timeLimitMs === undefined && options.maxIterations === undefined) throw new Error("a sequencing run needs a time limit or an iteration budget");
  const workers = options.workers ?? sequencingWorkers();
  if (!Number.isInteger(workers) || workers < 1) throw new Error("a sequencing run needs at least one worker");
  const stopFlag = new SharedArrayBuffer(4);
  const stopAll = () => Atomics.store(new Int32Array(stopFlag), 0, 1);
  const seed = options.seed ?? 1;
  let bestScore = Number.POSITIVE_INFINITY;
  const runs = Array.from({ length: workers }, (_, i) => {
    const job: SequencingJob = {
      instance,
      seed: seed + i,
      timeLimitMs: options.timeLimitMs,
      maxIterations: options.maxIterations,
      progressEveryMs: options.progressEveryMs,
      targetScore: options.targetScore,
      clock: options.clock,
      share: workers,
      // Every other search walks without the breakout weights (where they apply: days counted by windows without
      // paint). Neither walk wins everywhere on Gagné's set — the weights took pb_400_09 from 7–8 windows to 5 and
      // lost pb_400_03 (11 for 9–10) — so two cores run one of each; elsewhere both are the same walk, seeds apart.
      breakout: i % 2 === 1 ? false : undefined,
    };
    const worker = spawn(job, stopFlag);
    return new Promise<SolveResult>((resolve, reject) => {
      let settled = false;
      worker.on("message", (message: SequencingMessage) => {
        if (message.kind === "progress") {
          if (message.progress.best.score < bestScore) {
            bestScore = message.progress.best.score;
            options.onProgress?.(message.progress);
          }
        } else {
          settled = true;
          if (message.kind === "done") {
            // One search at zero or at the target: the others have nothing left to find.
            if (message.result.stoppedBy === "zero" || message.result.stoppedBy === "target") stopAll();
            resolve(message.result);
          } else reject(new Error(message.error));
          void worker.terminate();
        }
      });
      worker.on("error", (e) => {
        settled = true;
        reject(e);
      });
      worker.on("exit", (code) => {
        if (!settled) reject(new Error(`the sequencing worker stopped (exit code ${code})`));
      });
    });
  });
  // A search that fails (an instance that cannot be sequenced) fails them all the same way: stop the rest at once.
  for (const run of runs) run.catch(stopAll);
  const finished = Promise.all(runs).then((results) => results.reduce((best, r) => (r.evaluation.score < best.evaluation.score ? r : best)));
  return { finished, stop: stopAll };
}
