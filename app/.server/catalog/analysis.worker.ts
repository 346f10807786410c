/**
 * The catalog analysis off the request thread: a worker_threads entry that
 * builds the report (app/domain/catalog-report.ts) for the catalog it is
 * given and posts its progress after every step. It imports only pure
 * domain code, so it bundles into one file for production (scripts/
 * build-workers.mjs → build/server/catalog-analysis.worker.js) and runs from
 * source through tsx in tests and `remix vite:dev` (analysis.server.ts
 * picks which: decision 036).
 */
import { parentPort, workerData } from "node:worker_threads";
import type { Catalog } from "../../domain/catalog";
import { catalogReport, reportSteps } from "../../domain/catalog-report";

export interface AnalysisJob {
  catalog: Catalog;
  countBudgetMs: number;
}

export type AnalysisMessage =
  | { kind: "progress"; done: number; total: number }
  | { kind: "done"; report: unknown }
  | { kind: "failed"; error: string };

const job = (workerData as { job: AnalysisJob }).job;
const port = parentPort!;
const total = reportSteps(job.catalog);
let done = 0;
try {
  const report = catalogReport(job.catalog, job.countBudgetMs, () => {
    done++;
    port.postMessage({ kind: "progress", done, total } satisfies AnalysisMessage);
  });
  port.postMessage({ kind: "done", report } satisfies AnalysisMessage);
} catch (e) {
  port.postMessage({ kind: "failed", error: e instanceof Error ? e.message : String(e) } satisfies AnalysisMessage);
}
