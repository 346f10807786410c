/**
 * Comparing saved configurations against a real seeded database: two or
 * three of one's own side by side with the server's prices and the
 * differences marked; anything else is a 400, someone else's a 404.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { saveConfiguration } from "~/.server/configurations/configurations.server";
import { DEMO_SEDAN, demoSedan, signInPeople, useSeededProcessDb, type People, type ProcessDb } from "~/.server/configurations/configurations.testing";
import { price } from "~/domain/engine";
import { loader } from "./account.configurations_.compare";
import { run } from "./pages.testing";

let pdb: ProcessDb;
let db: Db;
let people: People;
const ids: string[] = [];
let othersId: string;
const totals: number[] = [];

beforeAll(async () => {
  pdb = await useSeededProcessDb();
  db = pdb.db;
  people = await signInPeople(db);
  for (const [name, wish] of [
    ["Grey", ["2Y2Y"]],
    ["Black", ["T9T9"]],
    ["Black, S line", ["T9T9", "PQD"]],
  ] as const) {
    const { loaded, choices } = await demoSedan(db, [...wish]);
    const saved = await saveConfiguration(db, people.clara, { line: DEMO_SEDAN, choices, texts: {}, name });
    if (!saved.ok) throw new Error(saved.problem.message);
    ids.push(saved.value.id);
    totals.push(price(loaded.line, choices, {}, "DE").total);
  }
  const { choices } = await demoSedan(db, []);
  const others = await saveConfiguration(db, people.other, { line: DEMO_SEDAN, choices, texts: {}, name: "Not Clara's" });
  if (!others.ok) throw new Error(others.problem.message);
  othersId = others.value.id;
});

afterAll(async () => {
  await pdb?.close();
});

type Loaded = Awaited<ReturnType<typeof loader>>;
type Reply = Extract<Loaded, { problem: null }> | { problem: string; comparison: null };

const compare = (list: string[], cookie = people.claraCookie) => {
  const url = new URL("http://localhost/account/configurations/compare");
  for (const id of list) url.searchParams.append("id", id);
  return run<Reply>(loader, new Request(url, { headers: { Cookie: cookie } }));
};

describe("/account/configurations/compare", () => {
  it("shows two configurations with their prices and the paint as the one difference", async () => {
    const out = await compare([ids[0]!, ids[1]!]);
    expect(out.status).toBe(200);
    const comparison = out.data!.comparison!;
    expect(comparison.items.map((i) => i.name)).toEqual(["Grey", "Black"]);
    expect(comparison.items.every((i) => i.visualKeys.length > 0 && i.model.length > 0)).toBe(true);
    const differing = comparison.rows.filter((r) => r.differs).map((r) => r.feature);
    expect(differing).toContain("paint");
    expect(comparison.rows.find((r) => r.feature === "paint")!.cells.map((c) => c.map((v) => v.code))).toEqual([["2Y2Y"], ["T9T9"]]);
    // The delivery estimate comes from the queue (a day, or null when the line can't take it).
    for (const item of comparison.items) expect(item.deliveryDay === null || /^\d{4}-\d{2}-\d{2}$/.test(item.deliveryDay)).toBe(true);
  });

  it("takes three, priced by the server", async () => {
    const out = await compare(ids);
    expect(out.status).toBe(200);
    const items = out.data!.comparison!.items;
    expect(items).toHaveLength(3);
    // Prices in the visitor's market (the default for an English visitor without a cookie is the US).
    expect(items.map((i) => i.total).every((t) => Number.isInteger(t) && t > 0)).toBe(true);
    expect(new Set(items.map((i) => i.total)).size).toBeGreaterThan(1);
  });

  it.each([
    ["one id", () => [ids[0]!]],
    ["four ids", () => [...ids, othersId]],
    ["the same id twice", () => [ids[0]!, ids[0]!]],
    ["an id that isn't a UUID", () => [ids[0]!, "Grey"]],
    ["no id", () => []],
  ])("answers %s with 400 and a message", async (_, list) => {
    const out = await compare(list());
    expect(out.status).toBe(400);
    expect(out.data?.problem).toMatch(/^compare\./);
  });

  it("answers someone else's configuration with 404, like a missing one", async () => {
    expect((await compare([ids[0]!, othersId])).status).toBe(404);
    expect((await compare([ids[0]!, "00000000-0000-4000-8000-000000000000"])).status).toBe(404);
    expect((await compare([othersId, ids[1]!], people.otherCookie)).status).toBe(404);
  });

  it("is for customers: staff are refused and visitors sent to sign in", async () => {
    expect((await compare([ids[0]!, ids[1]!], people.dealerCookie)).status).toBe(403);
    const out = await run(loader, new Request(`http://localhost/account/configurations/compare?id=${ids[0]}&id=${ids[1]}`));
    expect(out.status).toBe(302);
  });
});
