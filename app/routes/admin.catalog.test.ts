/**
 * The admins' catalog pages against a real seeded database (PGlite, or
 * PostgreSQL with TEST_DATABASE_URL): uploading drafts (and every bad upload:
 * a JSON syntax error, an unknown module, a rule naming a missing value, a
 * bad price, an empty form, 10 MB), drafts from the active version, the
 * analysis in its worker, the difference, publishing (checks, non-drafts),
 * rolling back (and with nothing to roll back to), deleting and retiring —
 * each change with its audit row, and nothing half-written on refusal.
 */
import { and, count, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { auditLog, catalogVersions, productLines } from "#db/schema";
import { signInAs, userId, useSeededProcessDb, type ProcessDb } from "~/.server/configurations/configurations.testing";
import { getActiveVersion } from "~/.server/catalog/catalog.server";
import { readAnalysis, type AnalysisState } from "~/.server/catalog/analysis.server";
import { readVersion } from "~/.server/catalog/versions.server";
import { parseCatalog, type Catalog } from "~/domain/catalog";
import type { CatalogDiff } from "~/domain/catalog-diff";
import { demoCatalog } from "~/.server/configurations/configurations.testing";
import { action as listAction, loader as listLoader, MAX_UPLOAD_BYTES } from "./admin.catalog._index";
import { action as versionAction, loader as versionLoader } from "./admin.catalog.$id._index";
import { loader as diffLoader } from "./admin.catalog.$id.diff";
import { loader as downloadLoader } from "./admin.catalog.$id.download";
import { action as publishAction, loader as publishLoader } from "./admin.catalog.$id.publish";
import { run } from "./pages.testing";
import { importCatalogVersion } from "../../scripts/catalog-import";

let pdb: ProcessDb;
let db: Db;
let admin: string;
let adminId: string;
let planner: string;
let customer: string;

beforeAll(async () => {
  pdb = await useSeededProcessDb();
  db = pdb.db;
  admin = await signInAs(db, "admin@atelier.test");
  adminId = await userId(db, "admin@atelier.test");
  planner = await signInAs(db, "planner@atelier.test");
  customer = await signInAs(db, "customer@atelier.test");
}, 120_000);

afterAll(async () => {
  await pdb?.close();
});

const url = (path: string) => `http://localhost${path}`;
const get = (path: string, cookie: string) => new Request(url(path), { headers: { Cookie: cookie, "Accept-Language": "en" } });
const post = (path: string, fields: Record<string, string | Blob>, cookie: string, fileName?: string) => {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    if (typeof v === "string") body.append(k, v);
    else body.append(k, v, fileName ?? "catalog.json");
  }
  return new Request(url(path), { method: "POST", body, headers: { Cookie: cookie } });
};

const versionCount = async () => (await db.select({ n: count() }).from(catalogVersions))[0].n;
const lastAudit = async () => (await db.select().from(auditLog).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(1))[0];

/** The demo catalog, changed. */
const changedDemo = (change: (c: Catalog & Record<string, unknown>) => void): Catalog => {
  const c = demoCatalog() as Catalog & Record<string, unknown>;
  change(c);
  return c;
};

async function upload(catalog: unknown, label = "Test draft"): Promise<string> {
  const out = await run(listAction, post("/admin/catalog", { intent: "upload", label, file: new Blob([JSON.stringify(catalog)], { type: "application/json" }) }, admin, "model-year.json"));
  expect(out.status, JSON.stringify(out.data)).toBe(302);
  const location = out.response!.headers.get("Location")!;
  expect(location).toMatch(/^\/admin\/catalog\/model-year-\d{8}-\d{6}-[0-9a-f]{6}$/);
  return decodeURIComponent(location.split("/").pop()!);
}

async function analysed(id: string): Promise<AnalysisState> {
  const version = (await readVersion(db, id))!;
  for (let i = 0; i < 600; i++) {
    const state = await readAnalysis(db, id, version.catalog);
    if (state && state.status !== "running") return state;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`analysis of ${id} didn't finish`);
}

type Answer = { error: string; problems?: { path: string; message: string; line?: number; column?: number }[] };

async function badUpload(text: string): Promise<Answer & { status: number }> {
  const before = await versionCount();
  const out = await run<Answer>(listAction, post("/admin/catalog", { intent: "upload", json: text }, admin));
  expect(await versionCount()).toBe(before);
  return { status: out.status, ...out.data! };
}

describe("who may", () => {
  it("answers 403 to everyone but admins, on pages and actions", async () => {
    for (const cookie of [planner, customer]) {
      expect((await run(listLoader, get("/admin/catalog", cookie))).status).toBe(403);
      expect((await run(listAction, post("/admin/catalog", { intent: "from-active" }, cookie))).status).toBe(403);
      expect((await run(versionLoader, get("/admin/catalog/demo-2026.1", cookie), { id: "demo-2026.1" })).status).toBe(403);
      expect((await run(publishAction, post("/admin/catalog/demo-2026.1/publish", {}, cookie), { id: "demo-2026.1" })).status).toBe(403);
    }
  });
});

describe("rolling back with nothing to roll back to", () => {
  it("answers 409 and changes nothing", async () => {
    const out = await run<Answer>(listAction, post("/admin/catalog", { intent: "rollback" }, admin));
    expect(out.status).toBe(409);
    expect(out.data!.error).toBe("adminCatalog.errors.nothing-to-roll-back");
    expect((await getActiveVersion({ db }))!.id).toBe("demo-2026.1");
  });
});

describe("uploading a catalog as a draft", () => {
  it("names a JSON syntax error's line and column", async () => {
    const a = await badUpload('{\n  "productLines": [\n    { "code": "x" "name": {} }\n  ]\n}');
    expect(a.status).toBe(400);
    expect(a.problems).toEqual([{ path: "", message: expect.stringMatching(/invalid JSON/), line: 3, column: 19 }]);
  });

  it("names an unknown module by its path", async () => {
    const bad = changedDemo((c) => {
      c.productLines[0].baseModules[0].module = "NO-SUCH-MODULE";
    });
    const a = await badUpload(JSON.stringify(bad, null, 2));
    expect(a.status).toBe(400);
    expect(a.problems).toContainEqual(expect.objectContaining({ path: "productLines[0].baseModules[0].module", message: 'unknown module "NO-SUCH-MODULE"' }));
    expect(a.problems![0].line).toBeGreaterThan(1);
  });

  it("names a rule naming a missing value by its path", async () => {
    const bad = changedDemo((c) => {
      const rule = c.productLines[2].rules.findIndex((r) => r.kind === "requires");
      (c.productLines[2].rules[rule] as { then: unknown }).then = { value: "NO-SUCH-VALUE" };
    });
    const a = await badUpload(JSON.stringify(bad));
    const rule = bad.productLines[2].rules.findIndex((r) => r.kind === "requires");
    expect(a.problems).toContainEqual(expect.objectContaining({ path: `productLines[2].rules[${rule}].then`, message: 'unknown value code "NO-SUCH-VALUE"' }));
  });

  it("names a bad price down to its market, and an unknown slot", async () => {
    const bad = changedDemo((c) => {
      const f = c.productLines[0].features[3];
      if (f.kind === "text") throw new Error("wheels are a choice");
      f.values[2].price = { ...f.values[2].price, KR: -5 };
      c.modules[0] = { ...c.modules[0], slot: "no-such-slot" };
    });
    const a = await badUpload(JSON.stringify(bad));
    expect(a.problems!.map((p) => p.path)).toEqual(expect.arrayContaining(["productLines[0].features[3].values[2].price.KR", "modules[0].slot"]));
  });

  it("refuses an empty form and a bad label with 400", async () => {
    expect((await badUpload("  ")).status).toBe(400);
    const out = await run<Answer>(listAction, post("/admin/catalog", { intent: "upload", json: "{}", label: "x".repeat(201) }, admin));
    expect(out.status).toBe(400);
  });

  it("answers a 10 MB upload with 413 and a clear message, storing nothing", async () => {
    const before = await versionCount();
    const huge = new Blob([`{"pad":"${"x".repeat(10 * 1024 * 1024)}"}`], { type: "application/json" });
    const out = await run<Answer>(listAction, post("/admin/catalog", { intent: "upload", file: huge }, admin));
    expect(out.status).toBe(413);
    expect(out.data!.error).toBe("adminCatalog.upload.tooLarge");
    expect(MAX_UPLOAD_BYTES).toBeLessThan(10 * 1024 * 1024);
    expect(await versionCount()).toBe(before);
  });
});

describe("a draft's life: analysis, difference, checks, publishing, rollback", () => {
  let draft: string;

  it("stores an upload as a draft made by the admin, with its lines and an audit row, and analyses it in a worker", async () => {
    const catalog = changedDemo((c) => {
      const f = c.productLines[0].features[3];
      if (f.kind === "text") throw new Error("wheels are a choice");
      f.values[1].price.DE = (f.values[1].price.DE ?? 0) + 50_000;
    });
    draft = await upload(catalog, "Model year 2027");
    const [row] = await db.select().from(catalogVersions).where(eq(catalogVersions.id, draft));
    expect(row).toMatchObject({ status: "draft", label: "Model year 2027", createdBy: adminId, publishedAt: null, activatedAt: null });
    expect((await db.select({ n: count() }).from(productLines).where(eq(productLines.versionId, draft)))[0].n).toBe(3);
    expect(await lastAudit()).toMatchObject({ action: "catalog.draft.create", subjectId: draft, actorId: adminId });

    const state = await analysed(draft);
    expect(state.status).toBe("done");
    const page = await run<{ analysis: { status: string; report: { lines: { line: string; bom: { holds: boolean } }[] } } }>(versionLoader, get(`/admin/catalog/${draft}`, admin), { id: draft });
    expect(page.status).toBe(200);
    expect(page.data!.analysis.status).toBe("done");
    expect(page.data!.analysis.report.lines.every((l) => l.bom.holds)).toBe(true);
  }, 120_000);

  it("shows the difference from the active version: the changed price", async () => {
    const out = await run<{ diff: CatalogDiff }>(diffLoader, get(`/admin/catalog/${draft}/diff`, admin), { id: draft });
    expect(out.status).toBe(200);
    const sedan = out.data!.diff.lines.find((l) => l.line === "sedan-a6l")!;
    expect(sedan.prices).toEqual([expect.objectContaining({ market: "DE", after: (sedan.prices[0].before ?? 0) + 50_000 })]);
    expect(out.data!.diff.lines.map((l) => l.line)).toEqual(["sedan-a6l"]);
  });

  it("downloads the draft's JSON", async () => {
    const out = await run(downloadLoader, get(`/admin/catalog/${draft}/download`, admin), { id: draft });
    expect(out.response!.headers.get("Content-Disposition")).toContain(`${draft}.json`);
    const body = parseCatalog(await out.response!.json());
    expect(body).toEqual((await readVersion(db, draft))!.catalog);
  });

  it("refuses to publish a draft whose BOM proof fails, naming the slot and a configuration", async () => {
    const broken = changedDemo((c) => {
      // Seats come in twos: in the trim-level slot, every sedan gets two more modules there.
      const seat = c.modules.find((m) => m.code === "SEAT-FRONT-STD")!;
      seat.slot = "trim-level";
    });
    const id = await upload(broken, "Broken seats");
    await analysed(id);
    const page = await run<{ checks: { id: string; ok: boolean; problems: { key: string; values: Record<string, string> }[] }[] }>(publishLoader, get(`/admin/catalog/${id}/publish`, admin), { id });
    const bom = page.data!.checks.find((c) => c.id === "bom")!;
    expect(bom.ok).toBe(false);
    expect(bom.problems[0]).toMatchObject({ key: "adminCatalog.checks.bom.several", values: { slot: "trim-level" } });
    const out = await run<Answer>(publishAction, post(`/admin/catalog/${id}/publish`, {}, admin), { id });
    expect(out.status).toBe(409);
    expect(out.data!.error).toBe("adminCatalog.errors.checks-failed");
    expect((await readVersion(db, id))!.status).toBe("draft");
    // Deleting it: a draft goes, with an audit row.
    const del = await run(versionAction, post(`/admin/catalog/${id}`, { intent: "delete" }, admin), { id });
    expect(del.status).toBe(302);
    expect(await readVersion(db, id)).toBeNull();
    expect(await lastAudit()).toMatchObject({ action: "catalog.draft.delete", subjectId: id });
  }, 120_000);

  it("refuses to publish a draft whose own catalog tests fail, naming the test", async () => {
    const failing = changedDemo((c) => {
      c.examples = [...(c.examples ?? []), { name: "The sedan can't be built at all", line: "sedan-a6l", choices: [], texts: {}, expect: "refused" }];
    });
    const id = await upload(failing, "Failing test");
    await analysed(id);
    const page = await run<{ checks: { id: string; ok: boolean; problems: { key: string; values: Record<string, string> }[] }[] }>(publishLoader, get(`/admin/catalog/${id}/publish`, admin), { id });
    const tests = page.data!.checks.find((c) => c.id === "tests")!;
    expect(tests).toMatchObject({ ok: false, problems: [{ key: "adminCatalog.checks.tests.failing", values: { name: "The sedan can't be built at all" } }] });
    const out = await run<Answer>(publishAction, post(`/admin/catalog/${id}/publish`, {}, admin), { id });
    expect(out.status).toBe(409);
    expect((await readVersion(db, id))!.status).toBe("draft");
    await run(versionAction, post(`/admin/catalog/${id}`, { intent: "delete" }, admin), { id });
  }, 120_000);

  it("publishes the draft after its checks: it becomes active, with the publisher and an audit row", async () => {
    const page = await run<{ checks: { id: string; ok: boolean }[]; changes: { group: string; checked: number; unbuildable: number; price: number }[] }>(
      publishLoader,
      get(`/admin/catalog/${draft}/publish`, admin),
      { id: draft },
    );
    expect(page.data!.checks.map((c) => [c.id, c.ok])).toEqual([["analysed", true], ["buildable", true], ["bom", true], ["tests", true]]);
    // The confirmation counts what the draft changes in each group (impact.server.test.ts checks the counts themselves).
    expect(page.data!.changes.map((c) => c.group)).toEqual(["orders", "quotes", "configurations", "shareCodes"]);
    const out = await run(publishAction, post(`/admin/catalog/${draft}/publish`, {}, admin), { id: draft });
    expect(out.status).toBe(302);
    expect((await getActiveVersion({ db }))!.id).toBe(draft);
    expect((await readVersion(db, draft))!).toMatchObject({ status: "published", active: true, publishedBy: { id: adminId } });
    expect(await lastAudit()).toMatchObject({ action: "catalog.publish", subjectId: draft, before: { status: "draft", active: "demo-2026.1" } });
  });

  it("refuses to publish a version that isn't a draft (409), or to delete it", async () => {
    const out = await run<Answer>(publishAction, post(`/admin/catalog/${draft}/publish`, {}, admin), { id: draft });
    expect(out.status).toBe(409);
    expect(out.data!.error).toBe("adminCatalog.errors.not-draft");
    expect((await run(versionAction, post(`/admin/catalog/${draft}`, { intent: "delete" }, admin), { id: draft })).status).toBe(409);
    expect((await run(versionAction, post(`/admin/catalog/${draft}`, { intent: "retire" }, admin), { id: draft })).status).toBe(409);
    expect((await run(publishAction, post("/admin/catalog/nope/publish", {}, admin), { id: "nope" })).status).toBe(404);
  });

  it("rolls back to the earlier version in one step: it is active again, the draft's version retired, an audit row", async () => {
    const out = await run(listAction, post("/admin/catalog", { intent: "rollback" }, admin));
    expect(out.status).toBe(302);
    expect((await getActiveVersion({ db }))!.id).toBe("demo-2026.1");
    expect((await readVersion(db, draft))!.status).toBe("retired");
    expect(await lastAudit()).toMatchObject({ action: "catalog.rollback", subjectId: "demo-2026.1", before: { active: draft }, after: { active: "demo-2026.1", retired: draft } });
    // …and forward again, to a named version, from its page.
    const forward = await run(versionAction, post(`/admin/catalog/${draft}`, { intent: "rollback" }, admin), { id: draft });
    expect(forward.status).toBe(302);
    expect((await getActiveVersion({ db }))!.id).toBe(draft);
    const already = await run<Answer>(versionAction, post(`/admin/catalog/${draft}`, { intent: "rollback" }, admin), { id: draft });
    expect(already.status).toBe(409);
  });

  it("starts a draft from the active version, based on it", async () => {
    const out = await run(listAction, post("/admin/catalog", { intent: "from-active", label: "" }, admin));
    expect(out.status).toBe(302);
    const id = decodeURIComponent(out.response!.headers.get("Location")!.split("/").pop()!);
    const copy = (await readVersion(db, id))!;
    expect(copy).toMatchObject({ status: "draft", basedOn: draft, createdBy: { id: adminId } });
    expect(copy.catalog).toEqual((await readVersion(db, draft))!.catalog);
    await analysed(id);
    const list = await run<{ versions: { id: string; status: string; active: boolean }[] }>(listLoader, get("/admin/catalog", admin));
    expect(list.data!.versions[0]).toMatchObject({ id, status: "draft", active: false });
    expect(list.data!.versions.filter((v) => v.active).map((v) => v.id)).toEqual([draft]);
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.subjectId, id), eq(auditLog.action, "catalog.draft.create")));
    expect(audits).toHaveLength(1);
  }, 120_000);

  it("retires a published version that isn't active, and refuses to retire the active one", async () => {
    // An import left published beside the active version (as older installations may have).
    await importCatalogVersion(db, demoCatalog(), { id: "side-version", label: "Side", publish: true, now: new Date(Date.now() - 3_600_000) });
    expect((await getActiveVersion({ db }))!.id).toBe(draft);
    const active = await run<Answer>(versionAction, post(`/admin/catalog/${draft}`, { intent: "retire" }, admin), { id: draft });
    expect(active.status).toBe(409);
    expect(active.data!.error).toBe("adminCatalog.errors.retire-active");
    const out = await run(versionAction, post("/admin/catalog/side-version", { intent: "retire" }, admin), { id: "side-version" });
    expect(out.status).toBe(302);
    expect((await readVersion(db, "side-version"))!.status).toBe("retired");
    expect(await lastAudit()).toMatchObject({ action: "catalog.retire", subjectId: "side-version", actorId: adminId });
  });

  it("answers an unknown intent with 400", async () => {
    expect((await run(listAction, post("/admin/catalog", { intent: "explode" }, admin))).status).toBe(400);
    expect((await run(versionAction, post(`/admin/catalog/${draft}`, { intent: "explode" }, admin), { id: draft })).status).toBe(400);
  });
});
