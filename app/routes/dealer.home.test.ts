/**
 * The dealer home /dealer (issue 12, items 4 and 5) against a real seeded
 * database (PGlite, or PostgreSQL with TEST_DATABASE_URL): the dealership's
 * quotes searched, filtered by status and validity, sorted and paged, with
 * counts per status, never another dealership's; bad list parameters are a
 * 400 with the reason. A share code typed in starts a quote from it: the
 * dealer chooses one of the dealership's customers and lands in the quote
 * editor; a malformed code is 400, an unknown one 404, each with its message,
 * and nothing is written.
 */
import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { orders, quotes, quoteVersions, shareCodes } from "#db/schema";
import { createShareCode } from "~/.server/configurations/configurations.server";
import { demoSedan, signInAs, useSeededProcessDb, userId, type ProcessDb } from "~/.server/configurations/configurations.testing";
import { DEMO_CONTACT } from "~/.server/orders/orders.testing";
import { addCustomer, createQuote, dealerContext, decideDiscount, orderFromQuote, sendQuote, signQuote, type DealerContext } from "~/.server/quotes/quotes.server";
import { newQuoteHref } from "~/domain/forms/dealer";
import { DEALER_PAGE_SIZE, QUOTE_STATUSES, type QuoteStatus } from "~/domain/forms/dealer-lists";
import { action as homeAction, loader as homeLoader } from "./dealer._index";
import { loader as newLoader } from "./dealer.quotes.new._index";
import { run } from "./pages.testing";

const SEDAN = "sedan-a6l";
const DAY = 86_400_000;

let pdb: ProcessDb;
let db: Db;
const cookies = { dealer: "", manager: "", dealer2: "" };
let munich: DealerContext;
let shanghai: DealerContext;
let choices: string[];
/** München's quotes by the status they end up in; the expired one is a sent quote made 60 days ago. */
const quoteOf = {} as Record<QuoteStatus | "expired", string>;
let shanghaiQuote: string;
let shareCode: string;
const names = { anna: "Anna Zimmermann", bruno: "Bruno Albers", wei: "Wang Wei" };
const ids = { anna: "", bruno: "", wei: "" };

async function quote(dealer: DealerContext, customer: string, discountBp = 0, now = new Date()) {
  const made = await createQuote(db, dealer, customer, { line: SEDAN, choices, texts: {}, market: dealer.dealership.market, discount: { kind: "percent", value: discountBp } }, now);
  if (!made.ok) throw new Error(made.problem.message);
  return made.value;
}

beforeAll(async () => {
  pdb = await useSeededProcessDb();
  db = pdb.db;
  for (const who of Object.keys(cookies) as (keyof typeof cookies)[]) cookies[who] = await signInAs(db, `${who}@atelier.test`);
  munich = (await dealerContext(db, await userId(db, "dealer@atelier.test")))!;
  shanghai = (await dealerContext(db, await userId(db, "dealer2@atelier.test")))!;
  choices = (await demoSedan(db)).choices;
  const add = async (dealer: DealerContext, name: string, email: string) => {
    const added = await addCustomer(db, dealer, { name, email, consentToContact: false });
    if (!added.ok) throw new Error(added.problem.message);
    return added.value.id;
  };
  ids.anna = await add(munich, names.anna, "anna.z@example.test");
  ids.bruno = await add(munich, names.bruno, "bruno@home-list.example.test");
  ids.wei = await add(shanghai, names.wei, "wei@example.test");

  quoteOf.draft = (await quote(munich, ids.anna)).number;
  const toSend = await quote(munich, ids.bruno);
  quoteOf.sent = toSend.number;
  expect((await sendQuote(db, munich, toSend.number, toSend.lockVersion)).ok).toBe(true);
  quoteOf.pending = (await quote(munich, ids.anna, 900)).number;
  const toSign = await quote(munich, ids.bruno);
  quoteOf.signed = toSign.number;
  expect((await signQuote(db, munich, toSign.number, { signature: "M 1 1 L 9 9", expectedLock: toSign.lockVersion })).ok).toBe(true);
  const toOrder = await quote(munich, ids.anna);
  quoteOf.ordered = toOrder.number;
  expect((await signQuote(db, munich, toOrder.number, { signature: "M 1 1 L 9 9", expectedLock: toOrder.lockVersion })).ok).toBe(true);
  expect((await orderFromQuote(db, munich, toOrder.number, { version: 1, contact: DEMO_CONTACT })).ok).toBe(true);
  const old = await quote(munich, ids.bruno, 0, new Date(Date.now() - 60 * DAY));
  quoteOf.expired = old.number;
  expect((await sendQuote(db, munich, old.number, old.lockVersion, new Date(Date.now() - 59 * DAY))).ok).toBe(true);
  // "rejected": a discount over the dealer's cap that the sales manager turned down.
  const toReject = await quote(munich, ids.anna, 900);
  quoteOf.rejected = toReject.number;
  const managerContext = (await dealerContext(db, await userId(db, "manager@atelier.test")))!;
  expect((await decideDiscount(db, managerContext, toReject.number, { approve: false, comment: "too much", expectedLock: toReject.lockVersion })).ok).toBe(true);

  shanghaiQuote = (await quote(shanghai, ids.wei)).number;
  const shared = await createShareCode(db, { line: SEDAN, choices: choices.slice(0, 2), texts: {} }, { createdBy: ids.anna });
  if (!shared.ok) throw new Error(shared.problem.message);
  shareCode = shared.value.code;
});

afterAll(async () => {
  await pdb?.close();
});

const page = (path: string, cookie: string) => new Request(`http://localhost${path}`, { headers: { Cookie: cookie } });

type Home = {
  ok: boolean;
  quotes: { number: string; customerName: string; status: QuoteStatus; expired: boolean; total: number }[];
  total: number;
  counts: Record<QuoteStatus, number>;
  page: number;
  problem?: { message: string; field: string };
};

async function home(query: string, who: keyof typeof cookies = "dealer") {
  const out = await run<Home>(homeLoader, page(`/dealer${query}`, cookies[who]));
  return { status: out.status, data: out.data! };
}
const numbersOf = (h: { data: Home }) => h.data.quotes.map((q) => q.number).sort();

describe("/dealer: the dealership's quotes", () => {
  it("lists every München quote with its status and counts per status, and none of Shanghai's", async () => {
    const all = await home("");
    expect(all.status).toBe(200);
    expect(numbersOf(all)).toEqual(Object.values(quoteOf).sort());
    expect(all.data.counts).toEqual({ draft: 1, pending: 1, rejected: 1, sent: 2, signed: 1, ordered: 1 });
    expect(all.data.total).toBe(7);
    const status = Object.fromEntries(all.data.quotes.map((q) => [q.number, q.status]));
    for (const s of QUOTE_STATUSES) expect(status[quoteOf[s]], s).toBe(s);
    expect(all.data.quotes.find((q) => q.number === quoteOf.expired)).toMatchObject({ status: "sent", expired: true });

    const theirs = await home("", "dealer2");
    expect(numbersOf(theirs)).toEqual([shanghaiQuote]);
  });

  // A customer by a whole word of the name or the whole email: both are encrypted, searched through blind indexes (decision 045).
  it("finds quotes by number, customer name or email (any case), only in the dealership", async () => {
    expect(numbersOf(await home(`?q=${quoteOf.signed.toLowerCase()}`))).toEqual([quoteOf.signed]);
    expect(numbersOf(await home("?q=zimmermann"))).toEqual([quoteOf.draft, quoteOf.pending, quoteOf.ordered, quoteOf.rejected].sort());
    expect(numbersOf(await home("?q=zimmer"))).toEqual([]);
    expect(numbersOf(await home("?q=Bruno@HOME-LIST.example.test"))).toEqual([quoteOf.sent, quoteOf.signed, quoteOf.expired].sort());
    // Searching counts too: Bruno has a sent, a signed and an expired (sent) quote.
    expect((await home("?q=bruno")).data.counts).toEqual({ draft: 0, pending: 0, rejected: 0, sent: 2, signed: 1, ordered: 0 });
    // Another dealership's quote is not found by its number or its customer.
    expect(numbersOf(await home(`?q=${shanghaiQuote}`))).toEqual([]);
    expect(numbersOf(await home("?q=wang"))).toEqual([]);
    // LIKE's wildcards are searched for as themselves.
    expect(numbersOf(await home("?q=%25"))).toEqual([]);
  });

  it("filters by status and by validity", async () => {
    for (const s of QUOTE_STATUSES) {
      const expected = s === "sent" ? [quoteOf.sent, quoteOf.expired].sort() : [quoteOf[s]];
      expect(numbersOf(await home(`?status=${s}`)), s).toEqual(expected);
    }
    expect(numbersOf(await home("?validity=expired"))).toEqual([quoteOf.expired]);
    expect(numbersOf(await home("?validity=valid"))).not.toContain(quoteOf.expired);
    expect((await home("?validity=valid")).data.total).toBe(6);
    expect(numbersOf(await home("?status=sent&validity=valid"))).toEqual([quoteOf.sent]);
    // An empty field is no filter.
    expect((await home("?status=&validity=&q=&sort=&dir=&page=")).data.total).toBe(7);
  });

  it("sorts by customer, number and last change, both ways, and pages", async () => {
    const byCustomer = (await home("?sort=customer")).data.quotes.map((q) => q.customerName);
    expect(byCustomer).toEqual([...byCustomer].sort());
    expect(byCustomer[0]).toBe(names.anna);
    expect((await home("?sort=customer&dir=desc")).data.quotes[0]!.customerName).toBe(names.bruno);
    const byNumber = (await home("?sort=number&dir=asc")).data.quotes.map((q) => q.number);
    expect(byNumber).toEqual([...byNumber].sort());
    expect((await home("?sort=number")).data.quotes.map((q) => q.number)).toEqual([...byNumber].reverse());
    // Newest change first by default: the rejected quote was decided last.
    expect((await home("")).data.quotes[0]!.number).toBe(quoteOf.rejected);
    const second = await home("?page=2");
    // Seven quotes fit on the first page.
    expect(DEALER_PAGE_SIZE).toBeGreaterThan(7);
    expect(second.data).toMatchObject({ page: 2, total: 7, quotes: [] });
  });

  it("answers bad list parameters with 400 and the reason, never a 500", async () => {
    for (const [query, message] of [
      ["?status=bogus", "dealerLists.problems.status"],
      ["?validity=soon", "dealerLists.problems.validity"],
      ["?sort=price", "dealerLists.problems.sort"],
      ["?dir=sideways", "dealerLists.problems.sort"],
      ["?page=0", "dealerLists.problems.page"],
      ["?page=abc", "dealerLists.problems.page"],
      ["?page=1.5", "dealerLists.problems.page"],
      [`?q=${"x".repeat(101)}`, "validation.tooLong"],
    ] as const) {
      const out = await home(query);
      expect(out.status, query).toBe(400);
      expect(out.data.problem?.message, query).toBe(message);
    }
  });
});

describe("/dealer: a quote from a share code", () => {
  const post = (code: string, who: keyof typeof cookies = "dealer") => {
    const body = new FormData();
    body.append("code", code);
    return run<{ error?: Record<string, string[]> }>(homeAction, new Request("http://localhost/dealer", { method: "POST", body, headers: { Cookie: cookies[who] } }));
  };
  const written = async () => ({
    quotes: (await db.select({ n: count() }).from(quotes))[0]!.n,
    versions: (await db.select({ n: count() }).from(quoteVersions))[0]!.n,
    orders: (await db.select({ n: count() }).from(orders))[0]!.n,
    shares: (await db.select({ n: count() }).from(shareCodes))[0]!.n,
  });

  it("opens the code as typed (any case, spaces or dashes) and asks which of the dealership's customers it is for", async () => {
    const before = await written();
    const typed = `${shareCode.slice(0, 4).toLowerCase()}-${shareCode.slice(4).toLowerCase()}`;
    const out = await post(typed);
    expect(out.status).toBe(302);
    const location = out.response!.headers.get("Location")!;
    expect(location).toBe(`/dealer/quotes/new?share=${shareCode}`);

    const picker = await run<{ mode: string; share: { code: string }; customers: { id: string; name: string }[] }>(newLoader, page(location, cookies.dealer));
    expect(picker.status).toBe(200);
    expect(picker.data).toMatchObject({ mode: "customer", share: { code: shareCode } });
    expect(picker.data!.customers.map((c) => c.id)).toEqual(expect.arrayContaining([ids.anna, ids.bruno]));
    expect(picker.data!.customers.map((c) => c.id)).not.toContain(ids.wei);
    const search = await run<{ customers: { id: string }[] }>(newLoader, page(`${location}&q=albers`, cookies.dealer));
    expect(search.data!.customers.map((c) => c.id)).toEqual([ids.bruno]);
    // Shanghai's dealer may open the same code, for Shanghai's customers only.
    const theirs = await run<{ customers: { id: string }[] }>(newLoader, page(location, cookies.dealer2));
    expect(theirs.data!.customers.map((c) => c.id)).toEqual([ids.wei]);

    // Choosing Bruno goes on the way a customer's page does: into the quote editor with the shared configuration.
    const chosen = await run(newLoader, page(`/dealer/quotes/new?customer=${ids.bruno}&share=${shareCode}`, cookies.dealer));
    expect(chosen.status).toBe(302);
    expect(chosen.response!.headers.get("Location")).toBe(newQuoteHref(ids.bruno, SEDAN, choices.slice(0, 2), {}));
    expect(await written()).toEqual(before);
  });

  it("answers a malformed code with 400 and an unknown one with 404, each with its message, writing nothing", async () => {
    const before = await written();
    for (const code of ["", "abc", "!!!!!!!!", "x".repeat(41)]) {
      const out = await post(code);
      expect(out.status, code).toBe(400);
      expect(out.data?.error?.code?.length, code).toBeGreaterThan(0);
    }
    expect((await post("abc")).data?.error?.code).toEqual(["share.invalidCode"]);
    const unknown = await post("ZZZZ 2222");
    expect(unknown.status).toBe(404);
    expect(unknown.data?.error?.code).toEqual(["dealerPages.shareUnknown"]);
    expect((await run(newLoader, page("/dealer/quotes/new?share=ZZZZ2222", cookies.dealer))).status).toBe(404);
    expect((await run(newLoader, page("/dealer/quotes/new?share=%3Cscript%3E", cookies.dealer))).status).toBe(404);
    expect(await written()).toEqual(before);
  });
});
