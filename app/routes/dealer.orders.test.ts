/**
 * A dealership's orders (issue 12, item 5), read by its staff through the
 * same order page and API as everyone else, against a real seeded database
 * (PGlite, or PostgreSQL with TEST_DATABASE_URL): the dealer and the sales
 * manager of Atelier München read every München order, also the ones a
 * colleague placed; Atelier Shanghai's orders stay a 404 for them (and
 * München's for Shanghai), exactly like a number that doesn't exist.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { demoSedan, signInAs, useSeededProcessDb, userId, type ProcessDb } from "~/.server/configurations/configurations.testing";
import { readOrder } from "~/.server/orders/orders.server";
import { DEMO_CONTACT } from "~/.server/orders/orders.testing";
import { addCustomer, createQuote, dealerContext, orderFromQuote, signQuote, type DealerContext } from "~/.server/quotes/quotes.server";
import { call, get as apiGet } from "./api.testing";
import { loader as apiOrderLoader } from "./api.v1.orders.$number";
import { action as orderAction, loader as orderLoader } from "./orders.$number._index";
import { run } from "./pages.testing";

const SEDAN = "sedan-a6l";
const NO_ORDER = "AT-9999999";

type Who = "dealer" | "manager" | "dealer2";

let pdb: ProcessDb;
let db: Db;
const cookies: Record<Who, string> = { dealer: "", manager: "", dealer2: "" };
/** München's orders (one placed by the dealer, one by the sales manager) and one of Shanghai's. */
const numbers = { byDealer: "", byManager: "", shanghai: "" };

/** An order the way a dealership makes one: a customer, a quote, the customer's signature, the order. */
async function dealershipOrder(db: Db, dealer: DealerContext, email: string, choices: string[]): Promise<string> {
  const customer = await addCustomer(db, dealer, { name: `Customer ${email}`, email, consentToContact: false });
  if (!customer.ok) throw new Error(customer.problem.message);
  const quote = await createQuote(db, dealer, customer.value.id, { line: SEDAN, choices, texts: {}, market: dealer.dealership.market, discount: { kind: "percent", value: 0 } });
  if (!quote.ok) throw new Error(quote.problem.message);
  const signed = await signQuote(db, dealer, quote.value.number, { signature: "M 1 1 L 9 9", expectedLock: quote.value.lockVersion });
  if (!signed.ok) throw new Error(signed.problem.message);
  const order = await orderFromQuote(db, dealer, quote.value.number, { version: 1, contact: { ...DEMO_CONTACT, email } });
  if (!order.ok) throw new Error(order.problem.message);
  return order.value.number;
}

beforeAll(async () => {
  pdb = await useSeededProcessDb();
  db = pdb.db;
  for (const who of Object.keys(cookies) as Who[]) cookies[who] = await signInAs(db, `${who}@atelier.test`);
  const context = async (who: Who) => (await dealerContext(db, await userId(db, `${who}@atelier.test`)))!;
  const { choices } = await demoSedan(db);
  numbers.byDealer = await dealershipOrder(db, await context("dealer"), "anna.dealer-order@example.test", choices);
  numbers.byManager = await dealershipOrder(db, await context("manager"), "ben.manager-order@example.test", choices);
  numbers.shanghai = await dealershipOrder(db, await context("dealer2"), "chen.shanghai-order@example.test", choices);
});

afterAll(async () => {
  await pdb?.close();
});

const page = (path: string, cookie: string) => new Request(`http://localhost${path}`, { headers: { Cookie: cookie } });

/** Who reads which order: München's staff every München order, Shanghai's dealer Shanghai's only. */
const READS: [Who, keyof typeof numbers, boolean][] = [
  ["manager", "byDealer", true],
  ["manager", "byManager", true],
  ["dealer", "byManager", true],
  ["dealer", "byDealer", true],
  ["dealer2", "shanghai", true],
  ["dealer", "shanghai", false],
  ["manager", "shanghai", false],
  ["dealer2", "byDealer", false],
  ["dealer2", "byManager", false],
];

describe("the order page /orders/<number> for a dealership's staff", () => {
  it.each(READS)("%s reading the order %s: %s", async (who, which, sees) => {
    const number = numbers[which];
    const out = await run(orderLoader, page(`/orders/${number}`, cookies[who]), { number });
    expect(out.status).toBe(sees ? 200 : 404);
    if (!sees) return;
    const data = out.data as Awaited<ReturnType<typeof orderLoader>>;
    expect(data.order.number).toBe(number);
    // Staff read it; only the customer may cancel or change it.
    expect(data).toMatchObject({ isOwner: false, canChange: false });
  });

  it("answers another dealership's order exactly like an unknown number", async () => {
    const other = await run(orderLoader, page(`/orders/${numbers.byDealer}`, cookies.dealer2), { number: numbers.byDealer });
    const unknown = await run(orderLoader, page(`/orders/${NO_ORDER}`, cookies.dealer2), { number: NO_ORDER });
    expect([other.status, unknown.status]).toEqual([404, 404]);
    expect(await other.response!.text()).toBe(await unknown.response!.text());
  });

  it("lets staff read an order, not cancel it", async () => {
    const number = numbers.byDealer;
    for (const who of ["dealer", "manager", "dealer2"] as const) {
      const body = new FormData();
      body.append("intent", "cancel");
      body.append("expectedVersion", "1");
      const out = await run(orderAction, new Request(`http://localhost/orders/${number}`, { method: "POST", body, headers: { Cookie: cookies[who] } }), { number });
      expect([403, 404], who).toContain(out.status);
    }
    expect((await readOrder(db, { number }))!.status).toBe("received");
  });
});

describe("GET /api/v1/orders/<number> for a dealership's staff", () => {
  const read = (number: string, who: Who) => call(apiOrderLoader, apiGet(`/api/v1/orders/${number}`, { Cookie: cookies[who] }), { number });

  it.each(READS)("%s reading the order %s: %s", async (who, which, sees) => {
    const number = numbers[which];
    const { status, body } = await read(number, who);
    expect(status).toBe(sees ? 200 : 404);
    if (sees) expect(body.order).toMatchObject({ number, status: "received" });
    else expect(body.error.code).toBe("not-found");
  });

  it("answers another dealership's order with the same 404 as an unknown number", async () => {
    const theirs = await read(numbers.shanghai, "manager");
    const unknown = await read(NO_ORDER, "manager");
    expect(theirs.body.error.message.replace(numbers.shanghai, "X")).toBe(unknown.body.error.message.replace(NO_ORDER, "X"));
  });
});
