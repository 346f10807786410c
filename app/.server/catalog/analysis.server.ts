/**
 * Catalog analyses: started from the version page, run in a worker thread
 * (never in the request: counting a large catalog takes its whole time
 * budget), stored in catalog_analyses by version and content hash, so a
 * reload — on any app server — shows the progress and then the report.
 *
 * A draft that changes has a new hash: its old analysis no longer applies
 * and a new one is started. An analysis left "running" by a server that
 * stopped is stale after STALE_AFTER_MS and may be started again.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { and, eq, ne } from "drizzle-orm";
import type { Executor } from "#db/client";
import { catalogAnalyses, type CatalogAnalysisRow } from "#db/schema";
import type { Catalog } from "~/domain/catalog";
import { reportSteps, type CatalogReport } from "~/domain/catalog-report";
import type { AnalysisJob, AnalysisMessage } from "./analysis.worker";

/** Counting's time budget per product line. */
export const COUNT_BUDGET_MS = 10_000;
/** A running analysis older than this was left by a server that stopped. */
const STALE_AFTER_MS = 10 * 60_000;

export interface AnalysisState {
  status: "running" | "done" | "failed";
  stepsDone: number;
  stepsTotal: number;
  report: CatalogReport | null;
  error: string | null;
  startedAt: Date;
  finishedAt: Date | null;
}

/** JSON with sorted keys: the same catalog always hashes the same, whatever the key order jsonb gives back. */
export function contentHash(catalog: Catalog): string {
  const canonical = JSON.stringify(catalog, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
  return createHash("sha256").update(canonical).digest("hex");
}

function stateOf(row: CatalogAnalysisRow, now: Date): AnalysisState {
  const stale = row.status === "running" && now.getTime() - row.startedAt.getTime() > STALE_AFTER_MS;
  return {
    status: stale ? "failed" : row.status,
    stepsDone: row.stepsDone,
    stepsTotal: row.stepsTotal,
    report: (row.result as CatalogReport | null) ?? null,
    error: stale ? "the server running it stopped" : row.error,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}

/** The analysis of this content of the version, or null when none was started. */
export async function readAnalysis(db: Executor, versionId: string, catalog: Catalog, now = new Date()): Promise<AnalysisState | null> {
  const [row] = await db
    .select()
    .from(catalogAnalyses)
    .where(and(eq(catalogAnalyses.versionId, versionId), eq(catalogAnalyses.contentHash, contentHash(catalog))));
  return row ? stateOf(row, now) : null;
}

/** Where the worker is: the bundle beside the server build in production, else the source through tsx. */
function spawnWorker(job: AnalysisJob): Worker {
  // Names in variables: Vite must not treat these URLs as assets of the server bundle.
  const bundled = "catalog-analysis.worker.js";
  // The server build puts this module in build/server/assets/ (a chunk) or build/server/: the worker sits in build/server/.
  for (const candidate of [`../${bundled}`, `./${bundled}`]) {
    const built = new URL(candidate, import.meta.url);
    if (built.protocol === "file:" && existsSync(fileURLToPath(built))) return new Worker(built, { workerData: { job } });
  }
  const boot = "analysis-worker.dev.mjs";
  const source = "analysis.worker.ts";
  return new Worker(new URL(boot, import.meta.url), { workerData: { job, entry: new URL(source, import.meta.url).href } });
}

export interface StartedAnalysis {
  state: AnalysisState;
  /** Settles when the worker has finished and its result is stored (tests and scripts wait for it; pages poll). */
  finished: Promise<AnalysisState>;
}

/**
 * Start analysing this content of the version unless an analysis of it is
 * running or done. Returns at once; the worker writes its progress and the
 * report. `db` must outlive the worker (the process's database).
 */
export async function startAnalysis(db: Executor, versionId: string, catalog: Catalog, options: { countBudgetMs?: number; now?: Date; onProgress?: (done: number, total: number) => void } = {}): Promise<StartedAnalysis> {
  const now = options.now ?? new Date();
  const hash = contentHash(catalog);
  const existing = await readAnalysis(db, versionId, catalog, now);
  if (existing && existing.status !== "failed") return { state: existing, finished: waitFor(db, versionId, catalog, existing) };
  const total = reportSteps(catalog);
  // Analyses of the version's earlier content no longer apply.
  await db.delete(catalogAnalyses).where(and(eq(catalogAnalyses.versionId, versionId), ne(catalogAnalyses.contentHash, hash)));
  const values = { status: "running" as const, stepsDone: 0, stepsTotal: total, result: null, error: null, startedAt: now, finishedAt: null };
  await db
    .insert(catalogAnalyses)
    .values({ versionId, contentHash: hash, ...values })
    .onConflictDoUpdate({ target: [catalogAnalyses.versionId, catalogAnalyses.contentHash], set: values });
  const key = and(eq(catalogAnalyses.versionId, versionId), eq(catalogAnalyses.contentHash, hash));

  const finished = new Promise<AnalysisState>((resolve) => {
    const worker = spawnWorker({ catalog, countBudgetMs: options.countBudgetMs ?? COUNT_BUDGET_MS });
    // Writes in order, one at a time: a progress update must never land after the result.
    let writes: Promise<unknown> = Promise.resolve();
    let settled = false;
    const write = (set: Partial<typeof catalogAnalyses.$inferInsert>) => {
      writes = writes.then(() => db.update(catalogAnalyses).set(set).where(key)).catch(() => {});
      return writes;
    };
    const finish = async (set: Partial<typeof catalogAnalyses.$inferInsert>) => {
      if (settled) return;
      settled = true;
      clearTimeout(cap);
      await write({ ...set, finishedAt: new Date() });
      void worker.terminate();
      try {
        const [row] = await db.select().from(catalogAnalyses).where(key);
        resolve(stateOf(row, new Date()));
      } catch {
        // The database closed under a worker that outlived it (a test's end, a shutdown): nothing to report to.
        resolve({ ...stateOf({ versionId, contentHash: hash, ...values }, new Date()), status: "failed", error: "the database closed" });
      }
    };
    worker.on("message", (m: AnalysisMessage) => {
      if (m.kind === "progress") {
        options.onProgress?.(m.done, m.total);
        void write({ stepsDone: m.done });
      }
      else if (m.kind === "done") void finish({ status: "done", stepsDone: total, result: m.report });
      else void finish({ status: "failed", error: m.error });
    });
    // A hard stop: counting has its budget, but explaining thousands of dead values of a huge model might not end.
    const cap = setTimeout(() => void finish({ status: "failed", error: `the analysis took longer than ${STALE_AFTER_MS / 60_000} minutes` }), STALE_AFTER_MS);
    cap.unref();
    worker.on("error", (e) => void finish({ status: "failed", error: e.message }));
    worker.on("exit", (code) => void finish({ status: "failed", error: `the analysis stopped (exit code ${code})` }));
  });
  return { state: stateOf({ versionId, contentHash: hash, ...values }, now), finished };
}

/** An analysis already under way (started by another request or server): poll until it is no longer running. */
async function waitFor(db: Executor, versionId: string, catalog: Catalog, state: AnalysisState): Promise<AnalysisState> {
  let current: AnalysisState | null = state;
  while (current && current.status === "running") {
    await new Promise((r) => setTimeout(r, 200));
    current = await readAnalysis(db, versionId, catalog);
  }
  return current ?? state;
}
