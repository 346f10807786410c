/**
 * catalog:publish and catalog:rollback against a real database: a draft
 * stored by catalog:import is published after the checks (a failing BOM
 * proof refuses it), a non-draft is refused, and rolling back goes to the
 * previous version — or is refused when there is none.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCatalog } from "../app/domain/catalog";
import { getActiveVersion } from "../app/.server/catalog/catalog.server";
import demo from "../db/catalog/demo.json";
import { auditLog, catalogVersions } from "../db/schema";
import { insertPublishedVersion } from "../db/seed";
import { createTestDb, type TestDb } from "../db/test-db";
import { importCatalogVersion } from "./catalog-import";
import { publishFromCommandLine } from "./catalog-publish";
import { rollbackFromCommandLine } from "./catalog-rollback";

let t: TestDb;
const catalog = parseCatalog(demo);

beforeAll(async () => {
  t = await createTestDb();
  await t.db.transaction((tx) => insertPublishedVersion(tx, { id: "v1", label: "V1", catalog }, new Date(Date.now() - 60_000)));
}, 60_000);
afterAll(async () => {
  await t?.close();
});

describe("catalog:publish and catalog:rollback", () => {
  it("refuses to roll back when only one version was ever published", async () => {
    const r = await rollbackFromCommandLine(t.db);
    expect(r.code).toBe(1);
    expect(r.err[0]).toMatch(/nothing to roll back to; nothing changed/);
  });

  it("refuses a draft whose BOM proof fails, and an unknown id or a published version", async () => {
    const broken = structuredClone(catalog);
    broken.modules.find((m) => m.code === "SEAT-FRONT-STD")!.slot = "paint";
    await importCatalogVersion(t.db, parseCatalog(broken), { id: "broken", label: "Broken" });
    const r = await publishFromCommandLine(t.db, "broken", { countTimeoutMs: 5000 });
    expect(r.code).toBe(1);
    expect(r.err.join("\n")).toMatch(/bom: several .*"slot":"paint"/);
    expect((await t.db.select().from(catalogVersions).where(eq(catalogVersions.id, "broken")))[0].status).toBe("draft");
    expect((await publishFromCommandLine(t.db, "nope")).err[0]).toMatch(/doesn't exist/);
    expect((await publishFromCommandLine(t.db, "v1")).err[0]).toMatch(/is published: only a draft/);
  }, 60_000);

  it("publishes an imported draft, then rolls back to the previous version and forward again by id", async () => {
    await importCatalogVersion(t.db, catalog, { id: "v2", label: "V2" });
    const r = await publishFromCommandLine(t.db, "v2", { countTimeoutMs: 5000 });
    expect(r).toMatchObject({ code: 0, out: [expect.stringMatching(/Published catalog version v2 \(replacing v1\)/)] });
    expect((await getActiveVersion({ db: t.db }))!.id).toBe("v2");
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.subjectId, "v2"));
    expect(audit).toEqual([expect.objectContaining({ action: "catalog.publish", actorId: null })]);

    const back = await rollbackFromCommandLine(t.db);
    expect(back).toMatchObject({ code: 0, out: ["Catalog version v1 is active again; v2 is retired."] });
    expect((await getActiveVersion({ db: t.db }))!.id).toBe("v1");
    const forward = await rollbackFromCommandLine(t.db, "v2");
    expect(forward.code).toBe(0);
    expect((await getActiveVersion({ db: t.db }))!.id).toBe("v2");
    expect((await rollbackFromCommandLine(t.db, "broken")).err[0]).toMatch(/is a draft: publish it instead/);
  }, 60_000);
});
