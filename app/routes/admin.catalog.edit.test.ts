/**
 * The draft edit page and its neighbours (/admin/catalog/<id>/edit, /impact,
 * /download) called with real requests against a seeded database: each
 * kind of edit, bad input answered with a 4xx and nothing written, a stale
 * revision from a second tab (409, nothing written), a published version
 * (409), a non-admin (403), the audit entry per edit, and the catalog tests
 * shown after every edit. The draft is inserted directly: a copy of the
 * active version's catalog with status draft.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { auditLog, catalogVersions } from "#db/schema";
import { demoCatalog, signInAs, useSeededProcessDb, type ProcessDb } from "~/.server/configurations/configurations.testing";
import { readAnalysis } from "~/.server/catalog/analysis.server";
import { parseCatalog, type Catalog } from "~/domain/catalog";
import { findValue } from "~/domain/catalog-edit";
import { action as editAction, loader as editLoader } from "./admin.catalog.$id_.edit";
import { loader as jsonLoader } from "./admin.catalog.$id.download";
import { loader as impactLoader } from "./admin.catalog.$id_.impact";
import { run } from "./pages.testing";

let pdb: ProcessDb;
let db: Db;
let admin: string;
let dealer: string;
const DRAFT = "draft-edit-1";
const SEDAN = "sedan-a6l";

beforeAll(async () => {
  pdb = await useSeededProcessDb();
  db = pdb.db;
  await db.insert(catalogVersions).values({ id: DRAFT, label: "Draft 2027", catalog: demoCatalog(), status: "draft" });
  admin = await signInAs(db, "admin@atelier.test");
  dealer = await signInAs(db, "dealer@atelier.test");
}, 120_000);

afterAll(async () => {
  await pdb?.close();
});

const path = (id = DRAFT) => `/admin/catalog/${id}/edit`;
const get = (p: string, cookie: string) => new Request(`http://localhost${p}`, { headers: { Cookie: cookie, "Accept-Language": "en" } });
const post = (fields: Record<string, string | string[]>, cookie = admin, id = DRAFT) => {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
  return run<{ ok: false; op: string; field: string; key: string; detail: string }>(editAction, new Request(`http://localhost${path(id)}`, { method: "POST", body, headers: { Cookie: cookie } }), { id });
};

async function draftRow(): Promise<{ revision: number; catalog: Catalog }> {
  const [row] = await db.select({ revision: catalogVersions.revision, catalog: catalogVersions.catalog }).from(catalogVersions).where(eq(catalogVersions.id, DRAFT));
  return row!;
}
const sedan = (c: Catalog) => c.productLines.find((l) => l.code === SEDAN)!;
const edits = () => db.select().from(auditLog).where(and(eq(auditLog.action, "catalog.draft.edit"), eq(auditLog.subjectId, DRAFT)));

/** Send an edit on the draft's current revision; expect it saved (a redirect back to the page). */
async function edit(fields: Record<string, string | string[]>) {
  const { revision } = await draftRow();
  const answer = await post({ revision: String(revision), line: SEDAN, ...fields });
  expect(answer.status, JSON.stringify(answer.data)).toBe(302);
  expect(answer.response?.headers.get("Location")).toContain(`saved=${revision + 1}`);
  return draftRow();
}

/** Send an edit; expect it refused with `status` and nothing written. */
async function refused(fields: Record<string, string | string[]>, status: number, revision?: number) {
  const before = await draftRow();
  const audits = (await edits()).length;
  const answer = await post({ revision: String(revision ?? before.revision), line: SEDAN, ...fields });
  expect(answer.status, JSON.stringify(answer.data)).toBe(status);
  expect(await draftRow()).toEqual(before);
  expect((await edits()).length).toBe(audits);
  return answer.data!;
}

describe("/admin/catalog/<id>/edit", () => {
  it("shows a draft's lines, values, revision and catalog tests to an admin", async () => {
    const page = await run<{ editable: true; revision: number; line: { code: string }; tests: { pass: boolean }[] }>(editLoader, get(path(), admin), { id: DRAFT });
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({ editable: true, revision: 1, line: { code: SEDAN } });
    expect(page.data!.tests.length).toBeGreaterThanOrEqual(4);
    expect(page.data!.tests.every((t) => t.pass)).toBe(true);
  });

  it("answers 403 to anyone but an admin, and writes nothing", async () => {
    expect((await run(editLoader, get(path(), dealer), { id: DRAFT })).status).toBe(403);
    const before = await draftRow();
    expect((await post({ op: "price", revision: "1", line: SEDAN, target: "40F", market: "DE", amount: "1" }, dealer)).status).toBe(403);
    expect(await draftRow()).toEqual(before);
  });

  it("answers 409 for a published version, to the page and to an edit, and writes nothing", async () => {
    const page = await run<{ editable: boolean }>(editLoader, get(path("demo-2026.1"), admin), { id: "demo-2026.1" });
    expect(page.status).toBe(409);
    expect(page.data?.editable).toBe(false);
    const answer = await post({ op: "price", revision: "1", line: SEDAN, target: "40F", market: "DE", amount: "1" }, admin, "demo-2026.1");
    expect(answer.status).toBe(409);
    expect(answer.data?.key).toBe("catalogEdit.errors.notDraft");
    expect((await run(editLoader, get(path("no-such"), admin), { id: "no-such" })).status).toBe(404);
  });

  it("sets a price per market in major units, audited with before and after", async () => {
    const before = findValue(sedan((await draftRow()).catalog), "40F")!.value.price.DE;
    const after = await edit({ op: "price", target: "40F", market: "DE", amount: "1250.50" });
    expect(findValue(sedan(after.catalog), "40F")!.value.price.DE).toBe(125050);
    const [entry] = (await edits()).slice(-1);
    expect(entry).toMatchObject({ subject: "catalog-version", before: { op: "price", target: "40F", market: "DE", amount: before ?? null }, after: { op: "price", amount: 125050 } });
    const base = await edit({ op: "price", target: "base", market: "JP", amount: "7500000" });
    expect(sedan(base.catalog).basePrice.JP).toBe(7500000);
    // The edited draft is being analysed already, so the publish checks don't wait for someone to ask.
    expect(await readAnalysis(db, DRAFT, parseCatalog(base.catalog))).toMatchObject({ status: expect.stringMatching(/^(running|done)$/) });
  });

  it("names per language, sets a lead time, adds and retires a value, adds and removes a rule", async () => {
    let c = await edit({ op: "name", target: "40F", language: "ko", text: "40 TFSI 전륜" });
    expect((findValue(sedan(c.catalog), "40F")!.value.name as Record<string, string>).ko).toBe("40 TFSI 전륜");
    c = await edit({ op: "lead-time", value: "40F", days: "12" });
    expect(findValue(sedan(c.catalog), "40F")!.value.leadTimeDays).toBe(12);
    c = await edit({ op: "add-value", feature: "paint", code: "Z9Z9", name: "Ultra violet" });
    expect(findValue(sedan(c.catalog), "Z9Z9")).not.toBeNull();
    c = await edit({ op: "add-rule", kind: "requires", a: "Z9Z9", b: "LP3" });
    expect(sedan(c.catalog).rules.at(-1)).toMatchObject({ id: "req-Z9Z9-LP3", kind: "requires" });
    // The rule names Z9Z9: retiring it is refused until the rule goes.
    const inUse = await refused({ op: "retire-value", value: "Z9Z9" }, 422);
    expect(inUse).toMatchObject({ field: "value", key: "catalogEdit.errors.inUse" });
    c = await edit({ op: "remove-rule", rule: "req-Z9Z9-LP3" });
    c = await edit({ op: "retire-value", value: "Z9Z9" });
    expect(findValue(sedan(c.catalog), "Z9Z9")).toBeNull();
  });

  it("refuses bad input with a 4xx next to its field, writing nothing", async () => {
    expect(await refused({ op: "price", target: "NOPE", market: "DE", amount: "10" }, 422)).toMatchObject({ field: "target", key: "catalogEdit.errors.unknownTarget" });
    expect(await refused({ op: "price", target: "40F", market: "DE", amount: "-5" }, 400)).toMatchObject({ field: "amount", detail: "a price can't be negative" });
    expect(await refused({ op: "price", target: "40F", market: "FR", amount: "5" }, 400)).toMatchObject({ field: "market" });
    expect(await refused({ op: "price", target: "40F", market: "JP", amount: "5.5" }, 400)).toMatchObject({ field: "amount" });
    expect(await refused({ op: "add-rule", kind: "excludes", a: "40F", b: "MISSING" }, 422)).toMatchObject({ field: "b", key: "catalogEdit.errors.unknownTarget" });
    expect(await refused({ op: "add-value", feature: "paint", code: "40F", name: "dup" }, 422)).toMatchObject({ field: "code" });
    expect(await refused({ op: "add-value", feature: "paint", code: "bad code!", name: "x" }, 400)).toMatchObject({ field: "code" });
    expect(await refused({ op: "lead-time", value: "40F", days: "soon" }, 400)).toMatchObject({ field: "days" });
    expect(await refused({ op: "explode" }, 400)).toMatchObject({ field: "op" });
    expect(await refused({ op: "price", target: "40F", market: "DE", amount: "5", revision: "" }, 400)).toMatchObject({ field: "revision" });
  });

  it("refuses an edit made on a stale revision (a second tab) with 409, writing nothing", async () => {
    const { revision } = await draftRow();
    // Tab one saves; tab two still carries the revision it was opened on.
    await edit({ op: "price", target: "45F", market: "US", amount: "2000" });
    const stale = await refused({ op: "price", target: "45F", market: "US", amount: "1" }, 409, revision);
    expect(stale).toMatchObject({ field: "revision", key: "catalogEdit.errors.stale" });
  });

  it("adds a catalog test from the page's pickers, shows it failing after the edit, and removes it", async () => {
    await edit({ op: "add-example", name: "Fridge side-by-side in 60 cm", line: "fridge-fs", choices: ["S60", "DSS"], expect: "buildable" });
    const page = await run<{ editable: true; tests: { name: string; pass: boolean; outcome: { code: string } }[] }>(editLoader, get(`${path()}?line=fridge-fs`, admin), { id: DRAFT });
    const added = page.data!.tests.at(-1)!;
    expect(added).toMatchObject({ name: "Fridge side-by-side in 60 cm", pass: false, outcome: { code: "not-buildable" } });
    const priced = await edit({ op: "add-example", name: "Cheapest sedan in DE", choices: [], expect: "buildable", market: "DE", total: "1.00" });
    expect(priced.catalog.examples!.at(-1)).toMatchObject({ price: { market: "DE", total: 100 } });
    const count = priced.catalog.examples!.length;
    const removed = await edit({ op: "remove-example", index: String(count - 1) });
    expect(removed.catalog.examples!.length).toBe(count - 1);
    expect(await refused({ op: "add-example", name: "", choices: ["40F"], expect: "buildable" }, 400)).toMatchObject({ field: "name" });
    expect(await refused({ op: "add-example", name: "x", choices: ["NOPE"], expect: "buildable" }, 422)).toMatchObject({ field: "choices", key: "catalogEdit.errors.unknownTarget" });
  });

  it("keeps the JSON downloadable, as edited", async () => {
    const answer = await run(jsonLoader, get(`/admin/catalog/${DRAFT}/download`, admin), { id: DRAFT });
    expect(answer.status).toBe(200);
    expect(answer.response!.headers.get("Content-Disposition")).toContain(`${DRAFT}.json`);
    const body = (await answer.response!.json()) as Catalog;
    expect(body).toEqual((await draftRow()).catalog);
    expect((await run(jsonLoader, get(`/admin/catalog/${DRAFT}/download`, dealer), { id: DRAFT })).status).toBe(403);
  });

  it("answers 422 for a stored draft that no longer parses, edits nothing, and still lets its JSON be downloaded", async () => {
    const broken = { productLines: [{ code: "x" }] };
    await db.insert(catalogVersions).values({ id: "draft-broken", label: "Broken", catalog: broken as unknown as Catalog, status: "draft" });
    expect((await run(editLoader, get(path("draft-broken"), admin), { id: "draft-broken" })).status).toBe(422);
    expect((await run(impactLoader, get("/admin/catalog/draft-broken/impact", admin), { id: "draft-broken" })).status).toBe(422);
    const answer = await post({ op: "price", revision: "1", line: "x", target: "base", market: "DE", amount: "1" }, admin, "draft-broken");
    expect(answer.status).toBe(422);
    const [row] = await db.select({ revision: catalogVersions.revision, catalog: catalogVersions.catalog }).from(catalogVersions).where(eq(catalogVersions.id, "draft-broken"));
    expect(row).toEqual({ revision: 1, catalog: broken });
    const file = await run(jsonLoader, get("/admin/catalog/draft-broken/download", admin), { id: "draft-broken" });
    expect(await file.response!.json()).toEqual(broken);
  });

  it("shows the impact page for a draft to an admin only", async () => {
    const page = await run<{ draft: true; groups: Record<string, { checked: number }> }>(impactLoader, get(`/admin/catalog/${DRAFT}/impact`, admin), { id: DRAFT });
    expect(page.status).toBe(200);
    expect(Object.keys(page.data!.groups).sort()).toEqual(["configurations", "orders", "quotes", "shareCodes"]);
    expect((await run(impactLoader, get(`/admin/catalog/${DRAFT}/impact`, dealer), { id: DRAFT })).status).toBe(403);
    expect((await run(impactLoader, get("/admin/catalog/demo-2026.1/impact", admin), { id: "demo-2026.1" })).status).toBe(409);
  });
});
