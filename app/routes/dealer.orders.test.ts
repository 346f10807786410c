/**
 * A dealership's orders (issue 12, item 5), read by its staff through the
 * same order page and API as everyone else, against a real seeded database
 * (PGlite, or PostgreSQL with TEST_DATABASE_URL): the dealer and the sales
 * manager of Atelier München read every München order, also the ones a
 * colleague placed; Atelier Shanghai's orders stay a 404 for them (and
 * München's for Shanghai), exactly like a number that doesn't exist. The
 * list /dealer/orders shows a dealership's orders only, by status, sorted.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { demoSedan, signInAs, useSeededProcessDb, userId, type ProcessDb } from "~/.server/configurations/configurations.testing";
import { readOrder } from "~/.server/orders/orders.server";
import { scheduleOrder } from "~/.server/planning/planning.server";
import { workingDay } from "~/.server/planning/planning.testing";
import { addDays } from "~/domain/orders";
import { DEMO_CONTACT } from "~/.server/orders/orders.testing";
import { addCustomer, createQuote, dealerContext, orderFromQuote, signQuote, type DealerContext } from "~/.server/quotes/quotes.server";
import { call, get as apiGet } from "./api.testing";
import { loader as apiOrderLoader } from "./api.v1.orders.$number";
import { loader as dealerOrdersLoader } from "./dealer.orders";
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

describe("/dealer/orders: the dealership's orders", () => {
  type List = {
    ok: boolean;
    orders: { number: string; status: string; customerName: string; buildDate: string | null }[];
    total: number;
    counts: Record<string, number>;
    problem?: { message: string };
  };
  const list = async (query: string, who: Who = "dealer") => {
    const out = await run<List>(dealerOrdersLoader, page(`/dealer/orders${query}`, cookies[who]));
    return { status: out.status, data: out.data! };
  };
  const numbersIn = (l: { data: List }) => l.data.orders.map((o) => o.number);

  it("lists every order made through München, by either of its staff, for both of them; none of Shanghai's", async () => {
    // One München order gets a build date, so the statuses differ.
    const order = (await readOrder(db, { number: numbers.byManager }))!;
    const planner = { id: await userId(db, "planner@atelier.test"), role: "planner" as const };
    const day = await workingDay(db, order.line, addDays(order.earliestBuildDate!, 3));
    expect((await scheduleOrder(db, planner, { number: order.number, buildDate: day, expectedVersion: order.version })).ok).toBe(true);

    for (const who of ["dealer", "manager"] as const) {
      const all = await list("", who);
      expect(all.status).toBe(200);
      expect(numbersIn(all).sort()).toEqual([numbers.byDealer, numbers.byManager].sort());
      expect(all.data.total).toBe(2);
      expect(all.data.counts).toMatchObject({ received: 1, scheduled: 1, in_production: 0, cancelled: 0 });
    }
    const scheduled = await list("?status=scheduled");
    expect(scheduled.data.orders).toEqual([expect.objectContaining({ number: numbers.byManager, status: "scheduled", buildDate: day, customerName: "Customer ben.manager-order@example.test" })]);
    expect(scheduled.data.total).toBe(1);
    expect(numbersIn(await list("?status=received"))).toEqual([numbers.byDealer]);
    expect(numbersIn(await list("?status=delivered"))).toEqual([]);

    const theirs = await list("", "dealer2");
    expect(numbersIn(theirs)).toEqual([numbers.shanghai]);
    expect(JSON.stringify(theirs.data)).not.toContain(numbers.byDealer);
  });

  it("sorts by number and build date, both ways; orders without a build date come last", async () => {
    const ascending = [numbers.byDealer, numbers.byManager].sort();
    expect(numbersIn(await list("?sort=number&dir=asc"))).toEqual(ascending);
    expect(numbersIn(await list("?sort=number&dir=desc"))).toEqual([...ascending].reverse());
    // Newest first by default.
    expect(numbersIn(await list(""))).toEqual([...ascending].reverse());
    for (const dir of ["asc", "desc"]) expect(numbersIn(await list(`?sort=build&dir=${dir}`)), dir).toEqual([numbers.byManager, numbers.byDealer]);
    expect((await list("?page=2")).data).toMatchObject({ total: 2, orders: [] });
  });

  it("answers bad parameters with 400 and the reason, never a 500", async () => {
    for (const [query, message] of [
      ["?status=lost", "dealerLists.problems.status"],
      ["?sort=tier", "dealerLists.problems.sort"],
      ["?dir=up", "dealerLists.problems.sort"],
      ["?page=-1", "dealerLists.problems.page"],
      ["?page=99999999", "dealerLists.problems.page"],
    ] as const) {
      const out = await list(query);
      expect(out.status, query).toBe(400);
      expect(out.data.problem?.message, query).toBe(message);
    }
  });
});
