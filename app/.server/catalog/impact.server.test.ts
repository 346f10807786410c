/**
 * The impact of a draft on live business against a seeded database (PGlite,
 * or PostgreSQL with TEST_DATABASE_URL): a draft that raises a price in
 * Germany and retires a paint, an open order, a frozen one, a sent quote, a
 * saved configuration and a share code with that value. The impact lists
 * exactly what the engine refuses or prices differently, changes nothing, and
 * after publishing the owners of the open order and quote are told while the
 * order keeps its frozen price.
 */
import { and, eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { catalogVersions, notifications, orders, productLines } from "#db/schema";
import { applyCatalogEdit } from "~/domain/catalog-edit";
import type { Catalog } from "~/domain/catalog";
import { compileLine, complete, normaliseConfiguration } from "~/domain/engine";
import { getLine } from "~/.server/catalog/catalog.server";
import { publishCatalogVersion } from "~/.server/catalog/publish.server";
import { createShareCode, saveConfiguration } from "~/.server/configurations/configurations.server";
import { createCustomer, demoCatalog, userId, useSeededProcessDb, type ProcessDb } from "~/.server/configurations/configurations.testing";
import { placeOrder } from "~/.server/orders/orders.server";
import { demoCustomer, demoOrderInput } from "~/.server/orders/orders.testing";
import { addCustomer, createQuote, dealerContext, sendQuote } from "~/.server/quotes/quotes.server";
import { draftImpact, notifyImpactedOwners } from "./impact.server";

const SEDAN = "sedan-a6l";
const DRAFT = "draft-impact";
let pdb: ProcessDb;
let db: Db;
let retired = "";
const ids = { order: "", frozen: "", orderNumber: "", quote: "", configuration: "", share: "", clara: "", dealer: "" };
let orderTotal = 0;

/** The draft: 40 TFSI (the cheapest engine, so in every default sedan) costs €1,000 more in Germany, and one value no rule or package names is retired. */
function draftCatalog(): { catalog: Catalog; retired: string } {
  let catalog = demoCatalog();
  const raised = applyCatalogEdit(catalog, { op: "price", line: SEDAN, target: "40F", market: "DE", amount: 100_000 });
  if (!raised.ok) throw new Error(raised.problem.message);
  catalog = raised.value.catalog;
  // Not a default value (a default sedan must stay buildable) and not 40F.
  const candidates = catalog.productLines.find((l) => l.code === SEDAN)!.features.flatMap((f) => (f.kind === "text" ? [] : f.values.filter((v) => !v.default && v.code !== "40F")));
  for (const value of candidates) {
    const r = applyCatalogEdit(catalog, { op: "retire-value", line: SEDAN, value: value.code });
    if (r.ok) return { catalog: r.value.catalog, retired: value.code };
  }
  throw new Error("no value can be retired");
}

beforeAll(async () => {
  pdb = await useSeededProcessDb();
  db = pdb.db;
  const draft = draftCatalog();
  retired = draft.retired;
  await db.insert(catalogVersions).values({ id: DRAFT, label: "Draft 2027", catalog: draft.catalog, status: "draft" });
  await db.insert(productLines).values(draft.catalog.productLines.map((l, position) => ({ versionId: DRAFT, code: l.code, name: l.name, position })));

  const clara = await demoCustomer(db);
  ids.clara = clara.id;
  // An open order and one already in production (frozen): both with the default sedan, so both contain 40F.
  const input = await demoOrderInput(db);
  orderTotal = input.expectedTotal;
  const open = await placeOrder(db, clara, { ...input, idempotencyKey: "impact-open" });
  const frozen = await placeOrder(db, clara, { ...input, idempotencyKey: "impact-frozen" });
  if (!open.ok || !frozen.ok) throw new Error("orders refused");
  ids.order = open.value.order.id;
  ids.orderNumber = open.value.order.number;
  ids.frozen = frozen.value.order.id;
  await db.update(orders).set({ status: "in_production" }).where(eq(orders.id, ids.frozen));

  // A sent quote of the default sedan.
  const munich = (await dealerContext(db, await userId(db, "dealer@atelier.test")))!;
  ids.dealer = munich.userId;
  const customer = await addCustomer(db, munich, { name: "Rita Walk", email: "rita.walk@example.test", consentToContact: false });
  if (!customer.ok) throw new Error(customer.problem.message);
  const quote = await createQuote(db, munich, customer.value.id, { line: SEDAN, choices: input.choices, texts: {}, market: "DE", discount: { kind: "percent", value: 0 } });
  if (!quote.ok) throw new Error(quote.problem.message);
  const sent = await sendQuote(db, munich, quote.value.number, quote.value.lockVersion);
  if (!sent.ok) throw new Error(sent.problem.message);
  ids.quote = quote.value.number;

  // A saved configuration and a share code with the value the draft retires.
  const loaded = (await getLine(SEDAN, undefined, { db }))!;
  const withPaint = complete(loaded.compiled, { choices: [retired] }, { market: "DE" })!;
  const saved = await saveConfiguration(db, clara.id, { line: SEDAN, choices: withPaint, texts: {}, name: "With the retired value" });
  if (!saved.ok) throw new Error(saved.problem.message);
  ids.configuration = saved.value.id;
  const share = await createShareCode(db, { line: SEDAN, choices: withPaint, texts: {} });
  if (!share.ok) throw new Error(share.problem.message);
  ids.share = share.value.code;
}, 180_000);

afterAll(async () => {
  await pdb?.close();
});

describe("draftImpact", () => {
  it("lists what the draft makes unbuildable or prices differently, with the nearest valid configuration", async () => {
    const report = (await draftImpact(db, DRAFT))!;
    const { orders: o, quotes: q, configurations: c, shareCodes: s } = report.groups;

    const order = o.items.find((i) => i.id === ids.order)!;
    expect(order).toMatchObject({ kind: "price", label: ids.orderNumber, market: "DE", priceBefore: orderTotal, priceAfter: orderTotal + 119_000 });
    // In production: frozen, so not even checked.
    expect(o.items.some((i) => i.id === ids.frozen)).toBe(false);

    expect(q.items.find((i) => i.label === ids.quote)).toMatchObject({ kind: "price", priceAfter: orderTotal + 119_000 });

    const config = c.items.find((i) => i.id === ids.configuration)!;
    expect(config.kind).toBe("unbuildable");
    expect(config.leftOut).toEqual([retired]);
    expect(config.nearest!.choices).not.toContain(retired);
    expect(c.unbuildable).toBeGreaterThanOrEqual(1);

    expect(s.items.find((i) => i.id === ids.share)).toMatchObject({ kind: "unbuildable", leftOut: [retired] });
    // Counts cover the lists: every listed item is counted.
    for (const group of [o, q, c, s]) expect(group.items.length).toBeLessThanOrEqual(group.unbuildable + group.price);
  });

  it("lists a saved configuration as unbuildable iff the engine refuses it under the draft (random configurations)", async () => {
    const owner = await createCustomer(db, "random-configs@example.test");
    const active = (await getLine(SEDAN, undefined, { db }))!;
    const codes = active.line.features.flatMap((f) => (f.kind === "text" ? [] : f.values.map((v) => v.code)));
    // Random wishes completed by the engine under the active version: what customers really save.
    const saved: { id: string; choices: string[] }[] = [];
    for (const wish of fc.sample(fc.shuffledSubarray(codes, { minLength: 1, maxLength: 4 }), { numRuns: 25, seed: 13 })) {
      const kept = normaliseConfiguration(active.compiled, { choices: wish, texts: {} }).choices;
      const choices = complete(active.compiled, { choices: kept }, { market: "DE" });
      if (!choices) continue;
      const r = await saveConfiguration(db, owner, { line: SEDAN, choices, texts: {}, name: `random ${saved.length}` });
      if (!r.ok) throw new Error(r.problem.message);
      saved.push({ id: r.value.id, choices });
    }
    expect(saved.length).toBeGreaterThan(10);
    const draft = compileLine(draftCatalog().catalog.productLines.find((l) => l.code === SEDAN)!);
    const report = (await draftImpact(db, DRAFT, { limit: 10_000 }))!;
    const listed = new Set(report.groups.configurations.items.filter((i) => i.kind === "unbuildable").map((i) => i.id));
    for (const config of saved) {
      const refused = config.choices.some((c) => !draft.valueVar.has(c)) || complete(draft, { choices: config.choices }) === null;
      expect(listed.has(config.id), config.choices.join(" ")).toBe(refused);
    }
    // The sample holds both kinds, or the test would prove little.
    expect(saved.some((c) => listed.has(c.id))).toBe(true);
    expect(saved.some((c) => !listed.has(c.id))).toBe(true);
  });

  it("caps the lists but not the counts", async () => {
    const report = (await draftImpact(db, DRAFT, { limit: 0 }))!;
    expect(report.groups.configurations.items).toEqual([]);
    expect(report.groups.configurations.unbuildable).toBeGreaterThanOrEqual(1);
    expect(await draftImpact(db, "no-such-version")).toBeNull();
  });

  it("after publishing tells the open order's customer and the quote's author, and the order keeps its frozen price", async () => {
    const [before] = await db.select({ total: orders.total, price: orders.price, version: orders.catalogVersionId }).from(orders).where(eq(orders.id, ids.order));
    await db.transaction((tx) => publishCatalogVersion(tx, DRAFT, new Date(Date.now() + 1000)));

    const told = await db.select().from(notifications).where(and(eq(notifications.userId, ids.clara), eq(notifications.kind, "order.catalog")));
    expect(told.map((n) => n.data.number)).toEqual([ids.orderNumber]);
    expect(told[0]!.data).toMatchObject({ version: "Draft 2027", unbuildable: 0 });
    const quoteNews = await db.select().from(notifications).where(eq(notifications.kind, "quote.catalog"));
    expect(quoteNews.map((n) => n.data.number)).toContain(ids.quote);
    expect(quoteNews.find((n) => n.data.number === ids.quote)!.data).toMatchObject({ priceBefore: orderTotal, priceAfter: orderTotal + 119_000 });

    // Announcing the same version again tells nobody twice.
    await db.transaction((tx) => notifyImpactedOwners(tx, DRAFT));
    expect(await db.select().from(notifications).where(and(eq(notifications.userId, ids.clara), eq(notifications.kind, "order.catalog")))).toHaveLength(1);

    const [after] = await db.select({ total: orders.total, price: orders.price, version: orders.catalogVersionId }).from(orders).where(eq(orders.id, ids.order));
    expect(after).toEqual(before);
    expect(after!.total).toBe(orderTotal);
  });
});
