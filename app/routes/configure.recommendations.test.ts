/**
 * GET /api/v1/lines/<line>/recommendations answers the same rules as JSON.
 * The configurator page ships the line's recommendation rules with the line:
 * the model last built (aggregated rules only), and nothing once the
 * customers behind it withdrew and the model was rebuilt.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { consentEvents, users } from "#db/schema";
import { seedDemoHistory } from "#db/seed-history";
import { consentingCustomers, readRecommendationModel, rebuildRecommendations } from "~/.server/recommendations/recommendations.server";
import { useSeededProcessDb, type ProcessDb } from "~/.server/configurations/configurations.testing";
import { MIN_CUSTOMERS } from "~/domain/recommend";
import { loader as apiLoader, action as apiAction } from "./api.v1.lines.$line.recommendations";
import { loader } from "./configure.$line._index";

let pdb: ProcessDb;
let db: Db;

beforeAll(async () => {
  pdb = await useSeededProcessDb();
  db = pdb.db;
  await seedDemoHistory(db, { customers: 30, ordersPerLine: 80 });
});
afterAll(async () => pdb?.close());

const open = async (line: string) => loader({ request: new Request(`http://localhost/configure/${line}`), params: { line }, context: {} });

const call = (fn: unknown, method: string, line: string) =>
  (fn as (args: { request: Request; params: Record<string, string>; context: object }) => Promise<Response>)({
    request: new Request(`http://localhost/api/v1/lines/${line}/recommendations`, { method }),
    params: { line },
    context: {},
  });

describe("GET /api/v1/lines/<line>/recommendations", () => {
  it("answers the line's model, 404 with a clear message for an unknown line, 405 for a POST", async () => {
    const res = await call(apiLoader, "GET", "sedan-a6l");
    expect(res.status).toBe(200);
    const body = await res.json();
    const model = (await readRecommendationModel(db, "sedan-a6l"))!;
    expect(body).toEqual({ line: "sedan-a6l", builtAt: model.builtAt, orders: model.orders, rules: model.rules });
    expect(body.rules.length).toBeGreaterThan(0);

    const unknown = await call(apiLoader, "GET", "no-such-line");
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: "unknown-line", message: expect.stringContaining("no-such-line") } });
    expect((await call(apiAction, "POST", "sedan-a6l")).status).toBe(405);
  });
});

describe("/configure/<line> recommendations", () => {
  it("sends the line's built rules, each backed by at least k customers, and no customer id", async () => {
    const data = await open("fridge-fs");
    const model = (await readRecommendationModel(db, "fridge-fs"))!;
    expect(data.recommendations.length).toBeGreaterThan(0);
    expect(data.recommendations).toEqual(model.rules);
    for (const rule of data.recommendations) expect(rule.customers).toBeGreaterThanOrEqual(MIN_CUSTOMERS);
    const text = JSON.stringify(data.recommendations);
    for (const { id } of await db.select({ id: users.id }).from(users)) expect(text).not.toContain(id);
  });

  it("sends none after everyone withdrew and the model was rebuilt", async () => {
    const everyone = [...(await consentingCustomers(db))];
    await db.insert(consentEvents).values(everyone.map((userId) => ({ userId, kind: "recommendations" as const, granted: false, at: new Date(Date.now() + 1000) })));
    expect((await open("fridge-fs")).recommendations.length).toBeGreaterThan(0);
    await rebuildRecommendations(db);
    expect((await open("fridge-fs")).recommendations).toEqual([]);
  });

  it("is still a 404 for an unknown line", async () => {
    await expect(open("no-such-line")).rejects.toMatchObject({ status: 404 });
  });
});
