import { eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { consentEvents, orders, recommendationModels, users } from "#db/schema";
import { emailIndex } from "~/.server/privacy/personal-data.server";
import { seed } from "#db/seed";
import { seedDemoHistory } from "#db/seed-history";
import { createTestDb, type TestDb } from "#db/test-db";
import { getLine } from "~/.server/catalog/catalog.server";
import { complete, price } from "~/domain/engine";
import { MIN_CUSTOMERS } from "~/domain/recommend";
import { consentingCustomers, nextNightlyRun, readRecommendationModel, rebuildRecommendations } from "./recommendations.server";

let t: TestDb;
let db: Db;

beforeAll(async () => {
  t = await createTestDb();
  db = t.db;
  await seed(db, { demo: true });
});
afterAll(async () => t?.close());

let n = 0;
async function customer(consent: boolean | null): Promise<string> {
  n++;
  const [row] = await db.insert(users).values({ email: `r${n}@example.test`, name: `R ${n}`, passwordHash: "x" }).returning({ id: users.id });
  if (consent !== null) await db.insert(consentEvents).values({ userId: row.id, kind: "recommendations", granted: consent, at: new Date("2026-01-01T00:00:00Z") });
  return row.id;
}

/** A delivered sedan order of `wish`, completed by the engine (so it is valid), for `customerId`. */
async function order(customerId: string, wish: string[], status: "delivered" | "cancelled" = "delivered"): Promise<string[]> {
  const loaded = (await getLine("sedan-a6l", undefined, { db }))!;
  const choices = complete(loaded.compiled, { choices: wish }, { market: "DE" })!;
  expect(choices).not.toBeNull();
  const breakdown = price(loaded.line, choices, {}, "DE");
  n++;
  await db.insert(orders).values({
    customerId,
    placedBy: customerId,
    idempotencyKey: `t-${n}`,
    requestHash: "t",
    lineCode: "sedan-a6l",
    catalogVersionId: loaded.version.id,
    choices,
    texts: {},
    market: "DE",
    currency: breakdown.currency,
    price: breakdown,
    total: breakdown.total,
    contact: { name: "R", email: "r@example.test", phone: "", street: "", postalCode: "", city: "", country: "DE" },
    status,
  });
  return choices;
}

const pair = (rule: { if: string; then: string }) => [rule.if, rule.then].sort().join("+");

describe("rebuildRecommendations", () => {
  const crowd: string[] = [];
  let unique: string;
  let uniqueChoices: string[] = [];
  let crowdChoices: string[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 6; i++) {
      const id = await customer(true);
      crowd.push(id);
      crowdChoices = await order(id, ["PQD", "WQS", "PCZ"]);
    }
    // Someone who never answered and someone who said no: their orders stay out, however many.
    for (const consent of [null, false]) {
      const id = await customer(consent);
      for (let i = 0; i < 6; i++) await order(id, ["LB0", "PW1"]);
    }
    // Consenting, but alone with this combination, ordered again and again.
    unique = await customer(true);
    for (let i = 0; i < 8; i++) uniqueChoices = await order(unique, ["LB0", "KA6", "1D4"]);
    // A cancelled order doesn't count.
    await order(crowd[0], ["LB0", "PW1"], "cancelled");
  });

  it("mines the consenting customers' orders into the line's model, with the crowd's pair and nothing of the unique customer", async () => {
    const result = await rebuildRecommendations(db, { now: new Date("2026-02-01T02:30:00Z") });
    expect(result.lines).toEqual([{ line: "sedan-a6l", orders: 6 + 8, rules: expect.any(Number) }]);
    const model = (await readRecommendationModel(db, "sedan-a6l"))!;
    expect(model).toMatchObject({ line: "sedan-a6l", builtAt: "2026-02-01T02:30:00.000Z", orders: 14 });
    expect(model.rules.find((r) => r.if === "PQD" && r.then === "WQS")).toMatchObject({ customers: 6, confidence: 1 });
    for (const rule of model.rules) expect(rule.customers).toBeGreaterThanOrEqual(MIN_CUSTOMERS);
    // The unique customer's own values (the crowd never ordered them) appear in no rule.
    const own = ["LB0", "1D4"];
    for (const code of own) {
      expect(uniqueChoices).toContain(code);
      expect(crowdChoices).not.toContain(code);
    }
    for (const rule of model.rules) for (const code of own) expect([rule.if, rule.then]).not.toContain(code);
    // Nor the values of those who did not consent.
    for (const rule of model.rules) for (const code of ["PW1", "2ZQ", "4A4"]) expect([rule.if, rule.then]).not.toContain(code);
    // No customer or order id anywhere in what is stored.
    const [row] = await db.select().from(recommendationModels);
    const stored = JSON.stringify(row);
    const ids = await db.select({ id: orders.id }).from(orders);
    for (const id of [...crowd, unique, ...ids.map((o) => o.id)]) expect(stored).not.toContain(id);
  });

  it("drops a withdrawing customer's orders at the next rebuild: the pair falls under k = 5 and disappears", async () => {
    const later = new Date("2026-03-01T00:00:00Z");
    await db.insert(consentEvents).values([
      { userId: crowd[0], kind: "recommendations", granted: false, at: later },
      { userId: crowd[1], kind: "recommendations", granted: false, at: later },
    ]);
    expect((await consentingCustomers(db)).has(crowd[0])).toBe(false);
    await rebuildRecommendations(db);
    const model = (await readRecommendationModel(db, "sedan-a6l"))!;
    expect(model.orders).toBe(4 + 8);
    expect(model.rules.filter((r) => pair(r) === "PQD+WQS")).toEqual([]);
    // Given again: back in.
    await db.insert(consentEvents).values({ userId: crowd[1], kind: "recommendations", granted: true, at: new Date("2026-04-01T00:00:00Z") });
    await rebuildRecommendations(db);
    expect((await readRecommendationModel(db, "sedan-a6l"))!.rules.find((r) => r.if === "PQD" && r.then === "WQS")).toMatchObject({ customers: 5 });
  });

  it("empties a model whose last consenting customer withdrew, rather than keeping stale rules", async () => {
    await db.insert(recommendationModels).values({ lineCode: "fridge-fs", builtAt: new Date(), orders: 9, rules: [{ if: "A", then: "B", customers: 5, support: 1, confidence: 1, lift: 2 }] });
    await rebuildRecommendations(db);
    expect(await readRecommendationModel(db, "fridge-fs")).toMatchObject({ orders: 0, rules: [] });
  });

  it("reads no model for a line never built", async () => {
    expect(await readRecommendationModel(db, "avant-a6")).toBeNull();
  });
});

describe("consentingCustomers", () => {
  it("property: a customer counts exactly when their latest recommendations event is a grant (the other kind never counts)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.record({ granted: fc.boolean(), other: fc.boolean() }), { maxLength: 4 }), { minLength: 1, maxLength: 4 }),
        async (histories) => {
          const ids: string[] = [];
          for (const history of histories) {
            const id = await customer(null);
            ids.push(id);
            // Inserted in shuffled order: the time decides, not the insertion.
            const events = history.map((e, i) => ({ userId: id, kind: e.other ? ("saved_configuration_news" as const) : ("recommendations" as const), granted: e.granted, at: new Date(Date.UTC(2026, 0, 1 + i)) }));
            if (events.length > 0) await db.insert(consentEvents).values([...events].reverse());
          }
          const consenting = await consentingCustomers(db);
          histories.forEach((history, i) => {
            const last = history.filter((e) => !e.other).at(-1);
            expect(consenting.has(ids[i])).toBe(last?.granted ?? false);
          });
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe("seedDemoHistory", () => {
  it("writes a varied synthetic history once and builds models with rules from it", async () => {
    const h = await createTestDb();
    try {
      await seed(h.db, { demo: true });
      const written = await seedDemoHistory(h.db, { customers: 40, ordersPerLine: 100 });
      expect(written).toBe(300);
      expect(await seedDemoHistory(h.db)).toBe(0);
      for (const line of ["sedan-a6l", "avant-a6", "fridge-fs"]) {
        const model = (await readRecommendationModel(h.db, line))!;
        // Every 10th customer gave no consent: fewer orders than written are mined.
        expect(model.orders).toBeLessThan(100);
        expect(model.rules.length).toBeGreaterThan(0);
      }
      const unconsenting = await h.db.select({ id: users.id }).from(users).where(eq(users.emailIndex, emailIndex("history-010@customers.atelier.test")));
      expect((await consentingCustomers(h.db)).has(unconsenting[0].id)).toBe(false);
    } finally {
      await h.close();
    }
  });
});

describe("nextNightlyRun", () => {
  it("is today's 02:30 UTC before it, tomorrow's from then on", () => {
    expect(nextNightlyRun(new Date("2026-05-10T01:00:00Z")).toISOString()).toBe("2026-05-10T02:30:00.000Z");
    expect(nextNightlyRun(new Date("2026-05-10T02:30:00Z")).toISOString()).toBe("2026-05-11T02:30:00.000Z");
    expect(nextNightlyRun(new Date("2026-12-31T23:00:00Z")).toISOString()).toBe("2027-01-01T02:30:00.000Z");
  });
});
