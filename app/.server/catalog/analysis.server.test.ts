/**
 * The catalog analysis in its worker thread: it runs, reports its progress
 * step by step, and its report is stored by version and content hash, so a
 * reload finds it and a changed draft doesn't.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catalogVersions } from "#db/schema";
import { createTestDb, type TestDb } from "#db/test-db";
import demo from "#db/catalog/demo.json";
import { parseCatalog } from "~/domain/catalog";
import { contentHash, readAnalysis, startAnalysis } from "./analysis.server";

let t: TestDb;
const catalog = parseCatalog(demo);

beforeAll(async () => {
  t = await createTestDb();
  await t.db.insert(catalogVersions).values({ id: "draft-a", label: "Draft A", catalog });
}, 60_000);
afterAll(async () => {
  await t?.close();
});

describe("catalog analysis in a worker", () => {
  it("runs off the request, reports progress per step and stores the report", async () => {
    const progress: number[] = [];
    const started = await startAnalysis(t.db, "draft-a", catalog, { onProgress: (done) => progress.push(done) });
    expect(started.state).toMatchObject({ status: "running", stepsDone: 0, stepsTotal: 6 });
    const done = await started.finished;
    expect(progress).toEqual([1, 2, 3, 4, 5, 6]);
    expect(done).toMatchObject({ status: "done", stepsDone: 6, stepsTotal: 6, error: null });
    const sedan = done.report!.lines.find((l) => l.line === "sedan-a6l")!;
    expect(BigInt(sedan.configurations!)).toBeGreaterThan(1000n);
    expect(sedan.bom.holds).toBe(true);
    expect(sedan.conflict).toBeNull();
    // A reload reads it back from the database, JSON and all.
    const again = await readAnalysis(t.db, "draft-a", catalog);
    expect(again).toMatchObject({ status: "done", report: { countBudgetMs: done.report!.countBudgetMs } });
    expect(again!.report!.lines.map((l) => l.line)).toEqual(["sedan-a6l", "avant-a6", "fridge-fs"]);
    // Started again, the stored analysis answers: no second worker.
    const second = await startAnalysis(t.db, "draft-a", catalog);
    expect(second.state.status).toBe("done");
  }, 120_000);

  it("keys the analysis by content: a changed draft has none until it is analysed", async () => {
    const changed = structuredClone(catalog);
    changed.productLines[2].basePrice.DE! += 100;
    expect(contentHash(changed)).not.toBe(contentHash(catalog));
    expect(contentHash(parseCatalog(JSON.parse(JSON.stringify(catalog))))).toBe(contentHash(catalog));
    expect(await readAnalysis(t.db, "draft-a", changed)).toBeNull();
    const done = await (await startAnalysis(t.db, "draft-a", changed)).finished;
    expect(done.status).toBe("done");
    // The earlier content's analysis no longer applies and is gone.
    expect(await readAnalysis(t.db, "draft-a", catalog)).toBeNull();
  }, 120_000);

  it("says when counting ran out of its time budget", async () => {
    const done = await (await startAnalysis(t.db, "draft-a", catalog, { countBudgetMs: 0.000001 })).finished;
    // A budget this small may or may not expire before the first check; when it does, the count is unknown.
    for (const l of done.report!.lines) expect(l.configurations === null).toBe(l.countTimedOut);
  }, 120_000);
});
