/**
 * Running the sequencing solver in a worker thread with a time limit: the
 * request (or the command) never blocks for the solver's seconds, sees the
 * best sequence so far as it improves, and can stop it early and keep that
 * best. The planner's page and `npm run sequence` both start it here.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { SolveProgress, SolveResult } from "~/domain/sequencing/solve";
import type { SequencingInstance } from "~/domain/sequencing/types";
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

export function solveInWorker(
  instance: SequencingInstance,
  options: { seed?: number; timeLimitMs?: number; maxIterations?: number; progressEveryMs?: number; onProgress?: (progress: SolveProgress) => void },
): SequencingRun {
  if (options.timeLimitMs === undefined && options.maxIterations === undefined) throw new Error("a sequencing run needs a time limit or an iteration budget");
  const stopFlag = new SharedArrayBuffer(4);
  const job: SequencingJob = { instance, seed: options.seed ?? 1, timeLimitMs: options.timeLimitMs, maxIterations: options.maxIterations, progressEveryMs: options.progressEveryMs };
  const worker = spawn(job, stopFlag);
  const finished = new Promise<SolveResult>((resolve, reject) => {
    let settled = false;
    worker.on("message", (message: SequencingMessage) => {
      if (message.kind === "progress") options.onProgress?.(message.progress);
      else {
        settled = true;
        if (message.kind === "done") resolve(message.result);
        else reject(new Error(message.error));
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
  return { finished, stop: () => Atomics.store(new Int32Array(stopFlag), 0, 1) };
}
