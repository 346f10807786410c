/**
 * The dealers' pages, their loaders and actions called with Request objects
 * against a real seeded database (PGlite, or PostgreSQL with
 * TEST_DATABASE_URL) and the real engine: only dealership staff get in; a
 * dealer of another dealership gets 403 for every customer and quote id and
 * writes nothing; bad input answers 4xx with the form's message and writes
 * nothing; and the whole path — customer, quote over the cap, approval,
 * signature, order — works.
 */
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { dealershipCustomers, notifications, orders, queueEntries, quotes, quoteVersions, users } from "#db/schema";
import { emailIndex } from "~/.server/privacy/personal-data.server";
import { getLine } from "~/.server/catalog/catalog.server";
import { createShareCode, saveConfiguration } from "~/.server/configurations/configurations.server";
import { demoSedan, signInAs, useSeededProcessDb, userId, type ProcessDb } from "~/.server/configurations/configurations.testing";
import { addCustomer, dealerContext, getQuote, type DealerContext } from "~/.server/quotes/quotes.server";
import { price } from "~/domain/engine";
import { applyDiscount } from "~/domain/quotes";
import { loader as homeLoader } from "./dealer._index";
import { loader as customerLoader } from "./dealer.customers.$id";
import { action as customersAction, loader as customersLoader } from "./dealer.customers._index";
import { action as quoteAction, loader as quoteLoader } from "./dealer.quotes.$number._index";
import { action as editAction, loader as editLoader } from "./dealer.quotes.$number.edit";
import { action as newLineAction, loader as newLineLoader } from "./dealer.quotes.new.$line";
import { loader as newLoader } from "./dealer.quotes.new._index";
import { run } from "./pages.testing";

let pdb: ProcessDb;
let db: Db;
const cookies: Record<"dealer" | "manager" | "dealer2" | "customer" | "planner", string> = { dealer: "", manager: "", dealer2: "", customer: "", planner: "" };
let munich: DealerContext;
let choices: string[];
let listNet: number;
let listTotal: number;
/** A München customer with a saved configuration and a share code of their own. */
let jonas: { id: string; configurationId: string; shareCode: string };
let otherMunichCustomer: string;

const SEDAN = "sedan-a6l";

beforeAll(async () => {
  pdb = await useSeededProcessDb();
  db = pdb.db;
  for (const who of ["dealer", "manager", "dealer2", "customer", "planner"] as const) cookies[who] = await signInAs(db, `${who}@atelier.test`);
  munich = (await dealerContext(db, await userId(db, "dealer@atelier.test")))!;
  const { choices: completed, price: list } = await demoSedan(db);
  choices = completed;
  listNet = list.net;
  listTotal = list.total;
  const added = await addCustomer(db, munich, { name: "Jonas Meyer", email: "jonas@example.test", phone: "+49 89 5550101", consentToContact: true });
  if (!added.ok) throw new Error(added.problem.message);
  const saved = await saveConfiguration(db, added.value.id, { line: SEDAN, choices: choices.slice(0, 3), texts: {}, name: "Jonas's sedan" });
  if (!saved.ok) throw new Error(saved.problem.message);
  const shared = await createShareCode(db, { line: SEDAN, choices: choices.slice(0, 2), texts: {} }, { createdBy: added.value.id });
  if (!shared.ok) throw new Error(shared.problem.message);
  jonas = { id: added.value.id, configurationId: saved.value.id, shareCode: shared.value.code };
  const other = await addCustomer(db, munich, { name: "Mia Schulz", email: "mia@example.test", consentToContact: false });
  if (!other.ok) throw new Error(other.problem.message);
  otherMunichCustomer = other.value.id;
});

afterAll(async () => {
  await pdb?.close();
});

type Reply = { status?: string; code?: string; error?: Record<string, string[]> };

const page = (path: string, cookie: string) => new Request(`http://localhost${path}`, { headers: { Cookie: cookie } });

function post(path: string, fields: Record<string, string>, cookie: string) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  return new Request(`http://localhost${path}`, { method: "POST", body, headers: { Cookie: cookie } });
}

const counts = async () => ({
  users: (await db.select({ n: count() }).from(users))[0]!.n,
  links: (await db.select({ n: count() }).from(dealershipCustomers))[0]!.n,
  quotes: (await db.select({ n: count() }).from(quotes))[0]!.n,
  versions: (await db.select({ n: count() }).from(quoteVersions))[0]!.n,
  orders: (await db.select({ n: count() }).from(orders))[0]!.n,
});

const quoteFields = (discountValue: string, extra: Record<string, string> = {}) => ({
  customer: jonas.id,
  line: SEDAN,
  choices: choices.join(","),
  texts: "{}",
  discountKind: "percent",
  discountValue,
  ...extra,
});

/** Create a quote through the page's action; its number. */
async function createThroughPage(discountValue: string, cookie = cookies.dealer, customer = jonas.id): Promise<string> {
  const out = await run(newLineAction, post(`/dealer/quotes/new/${SEDAN}?customer=${customer}`, quoteFields(discountValue, { customer }), cookie), { line: SEDAN });
  expect(out.status, JSON.stringify(out.data)).toBe(302);
  const location = out.response!.headers.get("Location")!;
  expect(location).toMatch(/^\/dealer\/quotes\/Q-\d{7}$/);
  return location.split("/").at(-1)!;
}

const lockOf = async (number: string) => (await getQuote(db, munich, number))!.lockVersion;

describe("who may open the dealers' pages", () => {
  it("a customer or a planner gets 403 on every page and action; a signed-out visitor is sent to sign in", async () => {
    const number = await createThroughPage("0");
    const loaders: [unknown, string, Record<string, string>][] = [
      [homeLoader, "/dealer", {}],
      [customersLoader, "/dealer/customers", {}],
      [customerLoader, `/dealer/customers/${jonas.id}`, { id: jonas.id }],
      [newLoader, `/dealer/quotes/new?customer=${jonas.id}`, {}],
      [newLineLoader, `/dealer/quotes/new/${SEDAN}?customer=${jonas.id}`, { line: SEDAN }],
      [quoteLoader, `/dealer/quotes/${number}`, { number }],
      [editLoader, `/dealer/quotes/${number}/edit`, { number }],
    ];
    const before = await counts();
    for (const who of ["customer", "planner"] as const) {
      for (const [fn, path, params] of loaders) expect((await run(fn, page(path, cookies[who]), params)).status, `${who} ${path}`).toBe(403);
      expect((await run(customersAction, post("/dealer/customers", { name: "X", email: "x@example.test" }, cookies[who]))).status).toBe(403);
      expect((await run(newLineAction, post(`/dealer/quotes/new/${SEDAN}`, quoteFields("0"), cookies[who]), { line: SEDAN })).status).toBe(403);
      expect((await run(quoteAction, post(`/dealer/quotes/${number}`, { intent: "send", expectedLock: "1" }, cookies[who]), { number })).status).toBe(403);
      expect((await run(editAction, post(`/dealer/quotes/${number}/edit`, quoteFields("1", { expectedLock: "1" }), cookies[who]), { number })).status).toBe(403);
    }
    expect(await counts()).toEqual(before);
    const out = await run(homeLoader, new Request("http://localhost/dealer"));
    expect(out.status).toBe(302);
    expect(out.response?.headers.get("Location")).toBe("/login?redirectTo=%2Fdealer");
  });
});

describe("/dealer/customers", () => {
  // Whole values only: name, email and phone are encrypted and searched through blind indexes (decision 045).
  it("searches the dealership's customers by name, email or phone", async () => {
    for (const q of ["jonas", "meyer jonas", "JONAS@example.test", "+49 89 555 0101", "49895550101"]) {
      const out = await run(customersLoader, page(`/dealer/customers?q=${encodeURIComponent(q)}`, cookies.dealer));
      expect((out.data as { customers: { id: string }[] }).customers.map((c) => c.id), q).toEqual([jonas.id]);
    }
    // Shanghai's dealer finds none of München's customers.
    const other = await run(customersLoader, page("/dealer/customers?q=jonas", cookies.dealer2));
    expect((other.data as { customers: unknown[] }).customers).toEqual([]);
  });

  it("creates a customer with their consent and opens their page", async () => {
    const out = await run(customersAction, post("/dealer/customers", { name: "Lena Vogel", email: "Lena@Example.test", phone: "+49 89 5550199", consent: "on" }, cookies.dealer));
    expect(out.status).toBe(302);
    const [row] = await db
      .select({ id: users.id, phone: users.phone, consent: dealershipCustomers.consentToContact })
      .from(users)
      .innerJoin(dealershipCustomers, eq(dealershipCustomers.customerId, users.id))
      .where(eq(users.emailIndex, emailIndex("lena@example.test")));
    expect(row).toMatchObject({ phone: "+49 89 5550199", consent: true });
    expect(out.response!.headers.get("Location")).toBe(`/dealer/customers/${row!.id}`);
  });

  it("answers bad input with 400 and the field's message, and a staff email with 409; nothing is written", async () => {
    const before = await counts();
    const bad = await run(customersAction, post("/dealer/customers", { name: "", email: "not-an-email", phone: "call me" }, cookies.dealer));
    expect(bad.status).toBe(400);
    const error = (bad.data as Reply).error!;
    expect(error.name).toEqual(["validation.required"]);
    expect(error.email).toEqual(["validation.email"]);
    expect(error.phone).toEqual(["validation.invalid"]);
    const staff = await run(customersAction, post("/dealer/customers", { name: "Paul", email: "planner@atelier.test" }, cookies.dealer));
    expect(staff.status).toBe(409);
    expect((staff.data as Reply).error!.email).toEqual(["customers.errors.staffEmail"]);
    expect(await counts()).toEqual(before);
  });
});

describe("/dealer/customers/<id>", () => {
  it("shows the customer, their quotes, saved configurations and share codes with links to start a quote", async () => {
    const out = await run(customerLoader, page(`/dealer/customers/${jonas.id}`, cookies.dealer), { id: jonas.id });
    expect(out.status).toBe(200);
    const view = out.data as { customer: { name: string }; configurations: { id: string }[]; shares: { code: string }[]; quotes: unknown[] };
    expect(view.customer.name).toBe("Jonas Meyer");
    expect(view.configurations.map((c) => c.id)).toEqual([jonas.configurationId]);
    expect(view.shares.map((s) => s.code)).toEqual([jonas.shareCode]);
    expect(view.quotes.length).toBeGreaterThan(0);
  });

  it("is 403 for another dealership's customer and for an id that isn't one", async () => {
    expect((await run(customerLoader, page(`/dealer/customers/${jonas.id}`, cookies.dealer2), { id: jonas.id })).status).toBe(403);
    expect((await run(customerLoader, page("/dealer/customers/nope", cookies.dealer), { id: "nope" })).status).toBe(403);
    expect((await run(customerLoader, page("/dealer/customers/00000000-0000-4000-8000-000000000000", cookies.dealer), { id: "00000000-0000-4000-8000-000000000000" })).status).toBe(403);
  });
});

describe("/dealer/quotes/new", () => {
  it("needs a customer (400) of the dealer's own dealership (403)", async () => {
    expect((await run(newLoader, page("/dealer/quotes/new", cookies.dealer))).status).toBe(400);
    expect((await run(newLoader, page(`/dealer/quotes/new?customer=${jonas.id}`, cookies.dealer2))).status).toBe(403);
    expect((await run(newLineLoader, page(`/dealer/quotes/new/${SEDAN}`, cookies.dealer), { line: SEDAN })).status).toBe(400);
    expect((await run(newLineLoader, page(`/dealer/quotes/new/${SEDAN}?customer=${jonas.id}`, cookies.dealer2), { line: SEDAN })).status).toBe(403);
  });

  it("starts from scratch (pick a line), a saved configuration of that customer, or a share code", async () => {
    const scratch = await run(newLoader, page(`/dealer/quotes/new?customer=${jonas.id}`, cookies.dealer));
    expect((scratch.data as { lines: { code: string }[] }).lines.map((l) => l.code)).toContain(SEDAN);

    const fromSaved = await run(newLoader, page(`/dealer/quotes/new?customer=${jonas.id}&configuration=${jonas.configurationId}`, cookies.dealer));
    expect(fromSaved.status).toBe(302);
    expect(fromSaved.response!.headers.get("Location")).toBe(`/dealer/quotes/new/${SEDAN}?customer=${jonas.id}&c=${encodeURIComponent(choices.slice(0, 3).join(","))}`);

    const fromShare = await run(newLoader, page(`/dealer/quotes/new?customer=${jonas.id}&share=${jonas.shareCode.toLowerCase()}`, cookies.dealer));
    expect(fromShare.status).toBe(302);
    expect(fromShare.response!.headers.get("Location")).toBe(`/dealer/quotes/new/${SEDAN}?customer=${jonas.id}&c=${encodeURIComponent(choices.slice(0, 2).join(","))}`);

    // Another customer's configuration is not this customer's: 403. An unknown share code: 404.
    expect((await run(newLoader, page(`/dealer/quotes/new?customer=${otherMunichCustomer}&configuration=${jonas.configurationId}`, cookies.dealer))).status).toBe(403);
    expect((await run(newLoader, page(`/dealer/quotes/new?customer=${jonas.id}&share=ZZZZ2222`, cookies.dealer))).status).toBe(404);

    const editor = await run(newLineLoader, page(`/dealer/quotes/new/${SEDAN}?customer=${jonas.id}&c=${choices.slice(0, 3).join(",")}`, cookies.dealer), { line: SEDAN });
    expect(editor.status).toBe(200);
    expect(editor.data).toMatchObject({ market: "DE", capBasisPoints: 500, initial: { choices: choices.slice(0, 3) }, customer: { id: jonas.id } });
  });

  it("saves a quote within the cap: no approval needed", async () => {
    const number = await createThroughPage("3");
    const quote = (await getQuote(db, munich, number))!;
    expect(quote.customer.id).toBe(jonas.id);
    expect(quote.versions[0]).toMatchObject({ approval: "not_needed", discount: { kind: "percent", value: 300 }, total: applyDiscount(quote.versions[0]!.price.list, { kind: "percent", value: 300 }).total });
  });

  it("answers bad input with 4xx and the message, writing nothing", async () => {
    const before = await counts();
    const path = `/dealer/quotes/new/${SEDAN}?customer=${jonas.id}`;
    const negative = await run(newLineAction, post(path, quoteFields("-5"), cookies.dealer), { line: SEDAN });
    expect(negative.status).toBe(400);
    expect((negative.data as Reply).error!.discountValue).toEqual(["quotes.errors.negative"]);

    const abovePrice = await run(newLineAction, post(path, quoteFields(String(listNet / 100 + 1), { discountKind: "amount" }), cookies.dealer), { line: SEDAN });
    expect(abovePrice.status).toBe(400);
    expect((abovePrice.data as Reply).error!.discountValue).toEqual(["quotes.errors.abovePrice"]);

    const overHundred = await run(newLineAction, post(path, quoteFields("100.5"), cookies.dealer), { line: SEDAN });
    expect(overHundred.status).toBe(400);

    const { customer: _customer, ...withoutCustomer } = quoteFields("1");
    const missing = await run(newLineAction, post(`/dealer/quotes/new/${SEDAN}`, withoutCustomer, cookies.dealer), { line: SEDAN });
    expect(missing.status).toBe(400);
    expect((missing.data as Reply).error!.customer).toEqual(["quotes.errors.missingCustomer"]);

    const incomplete = await run(newLineAction, post(path, quoteFields("1", { choices: choices.slice(0, 2).join(",") }), cookies.dealer), { line: SEDAN });
    expect(incomplete.status).toBe(422);
    expect((incomplete.data as Reply).error!.choices).toEqual(["quotes.errors.invalidConfiguration"]);

    const garbled = await run(newLineAction, post(path, quoteFields("1", { texts: "{not json" }), cookies.dealer), { line: SEDAN });
    expect(garbled.status).toBe(400);

    // Shanghai's dealer quoting for München's customer: 403.
    expect((await run(newLineAction, post(path, quoteFields("1"), cookies.dealer2), { line: SEDAN })).status).toBe(403);
    expect(await counts()).toEqual(before);
  });
});

describe("/dealer/quotes/<number>", () => {
  const contact = { name: "Jonas Meyer", email: "jonas@example.test", phone: "+49 89 5550101", street: "Marienplatz 1", postalCode: "80331", city: "München", country: "DE" };

  it("over the cap: waits for a sales manager, who approves; the customer signs; the quote becomes an order with the discounted total", async () => {
    const number = await createThroughPage("10");
    let view = (await run(quoteLoader, page(`/dealer/quotes/${number}`, cookies.dealer), { number })).data as {
      versions: { approval: string; total: number }[];
      can: Record<string, boolean>;
      lockVersion: number;
      orderNumber: string | null;
    };
    expect(view.versions[0]!.approval).toBe("pending");
    expect(view.can).toMatchObject({ decide: false, sign: false, order: false });

    // The manager sees it first on /dealer; the dealer has no such list.
    const home = (await run(homeLoader, page("/dealer", cookies.manager))).data as { pending: { number: string }[] };
    expect(home.pending.map((q) => q.number)).toContain(number);
    expect(((await run(homeLoader, page("/dealer", cookies.dealer))).data as { pending: unknown }).pending).toBeNull();

    // A dealer can't approve.
    const lock = view.lockVersion;
    expect((await run(quoteAction, post(`/dealer/quotes/${number}`, { intent: "approve", expectedLock: String(lock), comment: "" }, cookies.dealer), { number })).status).toBe(403);
    expect((await getQuote(db, munich, number))!.versions[0]!.approval).toBe("pending");

    const approved = await run(quoteAction, post(`/dealer/quotes/${number}`, { intent: "approve", expectedLock: String(lock), comment: "Loyal customer" }, cookies.manager), { number });
    expect(approved.status).toBe(302);
    const afterApproval = (await getQuote(db, munich, number))!;
    expect(afterApproval.versions[0]).toMatchObject({ approval: "approved", approvalComment: "Loyal customer" });
    const [dealerNote] = await db.select().from(notifications).where(eq(notifications.kind, "quote.approved"));
    expect(dealerNote?.href).toBe(`/dealer/quotes/${number}`);

    // An empty signature: 400, nothing signed.
    const empty = await run(quoteAction, post(`/dealer/quotes/${number}`, { intent: "sign", expectedLock: String(afterApproval.lockVersion), signature: "" }, cookies.dealer), { number });
    expect(empty.status).toBe(400);
    expect((empty.data as Reply).error!.signature).toEqual(["signature.errors.empty"]);
    const dot = await run(quoteAction, post(`/dealer/quotes/${number}`, { intent: "sign", expectedLock: String(afterApproval.lockVersion), signature: "M 10 10" }, cookies.dealer), { number });
    expect(dot.status).toBe(400);
    expect((await getQuote(db, munich, number))!.versions[0]!.signed).toBe(false);

    const signed = await run(quoteAction, post(`/dealer/quotes/${number}`, { intent: "sign", expectedLock: String(afterApproval.lockVersion), signature: "M 10 10 L 20 25 L 40 12" }, cookies.dealer), { number });
    expect(signed.status).toBe(302);

    // Order form with a bad field: 400 with that field's message, no order.
    const before = await counts();
    const badContact = await run(quoteAction, post(`/dealer/quotes/${number}`, { intent: "order", version: "1", ...contact, postalCode: "" }, cookies.dealer), { number });
    expect(badContact.status).toBe(400);
    expect((badContact.data as Reply).error!.postalCode).toEqual(["validation.required"]);
    expect(await counts()).toEqual(before);

    const ordered = await run(quoteAction, post(`/dealer/quotes/${number}`, { intent: "order", version: "1", ...contact }, cookies.dealer), { number });
    expect(ordered.status).toBe(302);
    view = (await run(quoteLoader, page(`/dealer/quotes/${number}`, cookies.dealer), { number })).data as typeof view;
    expect(view.orderNumber).toMatch(/\S/);
    const [order] = await db.select().from(orders).where(eq(orders.number, view.orderNumber!));
    const expected = applyDiscount(price((await getLine(SEDAN, undefined, { db }))!.line, choices, {}, "DE"), { kind: "percent", value: 1000 });
    expect(order!.total).toBe(expected.total);
    expect(order!.total).toBeLessThan(listTotal);
    expect(order!.dealershipId).toBe(munich.dealershipId);
    // In the planners' queue.
    expect(await db.select().from(queueEntries).where(eq(queueEntries.orderId, order!.id))).toHaveLength(1);

    // Ordering again makes no second order.
    const again = await run(quoteAction, post(`/dealer/quotes/${number}`, { intent: "order", version: "1", ...contact }, cookies.dealer), { number });
    expect(again.status).toBeLessThan(500);
    expect((await counts()).orders).toBe(before.orders + 1);
  });

  it("a stale lock answers 409 'changed meanwhile' and writes nothing", async () => {
    const number = await createThroughPage("1");
    const lock = await lockOf(number);
    const sent = await run(quoteAction, post(`/dealer/quotes/${number}`, { intent: "send", expectedLock: String(lock) }, cookies.dealer), { number });
    expect(sent.status).toBe(302);
    const before = await counts();
    const stale = await run(quoteAction, post(`/dealer/quotes/${number}`, { intent: "sign", expectedLock: String(lock), signature: "M 1 1 L 2 2" }, cookies.dealer), { number });
    expect(stale.status).toBe(409);
    expect(stale.data).toMatchObject({ code: "stale", error: { "": ["quotes.errors.stale"] } });
    const staleEdit = await run(editAction, post(`/dealer/quotes/${number}/edit`, quoteFields("2", { expectedLock: String(lock) }), cookies.dealer), { number });
    expect(staleEdit.status).toBe(409);
    // The refusal carries the quote as it is now, for the editor to show beside the dealer's draft.
    const now = (await getQuote(db, munich, number))!;
    expect(staleEdit.data).toMatchObject({ code: "stale", server: { lock: now.lockVersion, version: now.latestVersion, choices: now.versions.at(-1)!.choices, texts: {}, discountKind: "percent", discountValue: "1" } });
    expect(await counts()).toEqual(before);
    expect((await getQuote(db, munich, number))!.versions[0]!.signed).toBe(false);
  });

  it("editing a sent quote makes a new version; the earlier one stays readable", async () => {
    const number = await createThroughPage("2");
    await run(quoteAction, post(`/dealer/quotes/${number}`, { intent: "send", expectedLock: String(await lockOf(number)) }, cookies.dealer), { number });
    const editor = await run(editLoader, page(`/dealer/quotes/${number}/edit`, cookies.dealer), { number });
    expect(editor.data).toMatchObject({ sent: true, discount: { kind: "percent", value: "2" }, initial: { choices } });
    const lock = (editor.data as { lockVersion: number }).lockVersion;

    const negative = await run(editAction, post(`/dealer/quotes/${number}/edit`, quoteFields("-1", { expectedLock: String(lock) }), cookies.dealer), { number });
    expect(negative.status).toBe(400);
    const noLock = await run(editAction, post(`/dealer/quotes/${number}/edit`, quoteFields("1"), cookies.dealer), { number });
    expect(noLock.status).toBe(400);

    const revised = await run(editAction, post(`/dealer/quotes/${number}/edit`, quoteFields("250", { discountKind: "amount", expectedLock: String(lock) }), cookies.dealer), { number });
    expect(revised.status).toBe(302);
    const view = (await run(quoteLoader, page(`/dealer/quotes/${number}`, cookies.dealer), { number })).data as { versions: { version: number; discount: { kind: string; value: number }; sentAt: string | null }[] };
    expect(view.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(view.versions[0]!.discount).toEqual({ kind: "amount", value: 25000 });
    expect(view.versions[1]).toMatchObject({ discount: { kind: "percent", value: 200 } });
    expect(view.versions[1]!.sentAt).not.toBeNull();
  });

  it("another dealership's quote number (or a malformed one) is 403 on every page and action, and nothing is written", async () => {
    const number = await createThroughPage("1");
    const lock = String(await lockOf(number));
    const before = await counts();
    const asShanghai = cookies.dealer2;
    for (const n of [number, "Q-9999999", "not-a-number"]) {
      expect((await run(quoteLoader, page(`/dealer/quotes/${n}`, asShanghai), { number: n })).status, n).toBe(403);
      expect((await run(editLoader, page(`/dealer/quotes/${n}/edit`, asShanghai), { number: n })).status, n).toBe(403);
    }
    const forms: Record<string, string>[] = [
      { intent: "send", expectedLock: lock },
      { intent: "approve", expectedLock: lock, comment: "" },
      { intent: "sign", expectedLock: lock, signature: "M 1 1 L 5 5" },
      { intent: "order", version: "1", ...contact },
    ];
    for (const fields of forms) {
      expect((await run(quoteAction, post(`/dealer/quotes/${number}`, fields, asShanghai), { number })).status, fields.intent).toBe(403);
    }
    expect((await run(editAction, post(`/dealer/quotes/${number}/edit`, quoteFields("9", { expectedLock: lock }), asShanghai), { number })).status).toBe(403);
    expect(await counts()).toEqual(before);
    expect(await lockOf(number)).toBe(Number(lock));
  });
});

describe("/dealer/quotes/<number>: only a version whose discount stands is handed over", () => {
  type QuoteView = {
    lockVersion: number;
    can: Record<string, boolean>;
    versions: { approval: string; sentAt: string | null; approvalJustification: string | null }[];
    rejection: { comment: string } | null;
    approvalRequest: { justification: string | null; listNet: number; discountAmount: number; discountBasisPoints: number; netAfter: number } | null;
  };
  const view = async (number: string, cookie = cookies.dealer) => (await run(quoteLoader, page(`/dealer/quotes/${number}`, cookie), { number })).data as QuoteView;
  const notes = async () => (await db.select({ n: count() }).from(notifications))[0]!.n;

  async function createWith(discountValue: string, extra: Record<string, string>): Promise<string> {
    const out = await run(newLineAction, post(`/dealer/quotes/new/${SEDAN}?customer=${jonas.id}`, quoteFields(discountValue, extra), cookies.dealer), { line: SEDAN });
    expect(out.status, JSON.stringify(out.data)).toBe(302);
    return out.response!.headers.get("Location")!.split("/").at(-1)!;
  }

  it("a discount waiting for approval, then rejected, is never offered for hand-over and its send is refused (409, nothing written); the rejection needs a comment, which the dealer reads", async () => {
    const number = await createThroughPage("20");
    let seen = await view(number);
    expect(seen.versions[0]!.approval).toBe("pending");
    expect(seen.can.send).toBe(false);

    const pendingSend = await run(quoteAction, post(`/dealer/quotes/${number}`, { intent: "send", expectedLock: String(seen.lockVersion) }, cookies.dealer), { number });
    expect(pendingSend.status).toBe(409);
    expect(pendingSend.data).toMatchObject({ code: "awaiting-approval", error: { "": ["quotes.errors.awaitingApproval"] } });
    let stored = (await getQuote(db, munich, number))!;
    expect(stored.versions[0]!.sentAt).toBeNull();
    expect(stored.lockVersion).toBe(seen.lockVersion);

    // Rejecting without a word (or only spaces): 400 on the comment field, nothing decided, nobody notified.
    const before = await notes();
    for (const comment of ["", "   "]) {
      const silent = await run(quoteAction, post(`/dealer/quotes/${number}`, { intent: "reject", expectedLock: String(seen.lockVersion), comment }, cookies.manager), { number });
      expect(silent.status, JSON.stringify(comment)).toBe(400);
      expect((silent.data as Reply).error!.comment).toEqual(["quotes.errors.commentRequired"]);
    }
    stored = (await getQuote(db, munich, number))!;
    expect(stored.versions[0]!.approval).toBe("pending");
    expect(stored.lockVersion).toBe(seen.lockVersion);
    expect(await notes()).toBe(before);

    const rejected = await run(quoteAction, post(`/dealer/quotes/${number}`, { intent: "reject", expectedLock: String(seen.lockVersion), comment: "20 % is above what this trim allows" }, cookies.manager), { number });
    expect(rejected.status).toBe(302);
    seen = await view(number);
    expect(seen.versions[0]!.approval).toBe("rejected");
    expect(seen.rejection).toEqual({ comment: "20 % is above what this trim allows" });
    expect(seen.can).toMatchObject({ send: false, sign: false, order: false, edit: true });

    const rejectedSend = await run(quoteAction, post(`/dealer/quotes/${number}`, { intent: "send", expectedLock: String(seen.lockVersion) }, cookies.dealer), { number });
    expect(rejectedSend.status).toBe(409);
    expect(rejectedSend.data).toMatchObject({ code: "rejected", error: { "": ["quotes.errors.rejected"] } });
    expect((await getQuote(db, munich, number))!.versions[0]!.sentAt).toBeNull();
  });

  it("an approved discount is handed over: the button is offered and the send goes through", async () => {
    const number = await createThroughPage("20");
    const lock = (await view(number)).lockVersion;
    expect((await run(quoteAction, post(`/dealer/quotes/${number}`, { intent: "approve", expectedLock: String(lock), comment: "" }, cookies.manager), { number })).status).toBe(302);
    const seen = await view(number);
    expect(seen.can.send).toBe(true);
    expect(seen.rejection).toBeNull();
    const sent = await run(quoteAction, post(`/dealer/quotes/${number}`, { intent: "send", expectedLock: String(seen.lockVersion) }, cookies.dealer), { number });
    expect(sent.status).toBe(302);
    expect((await getQuote(db, munich, number))!.versions[0]!.sentAt).not.toBeNull();
  });

  it("the dealer's justification goes with a version that needs approval; the sales manager sees it with the margin effect", async () => {
    const justification = "Fleet customer: third car this year";
    const number = await createWith("20", { justification });
    const asManager = await view(number, cookies.manager);
    expect(asManager.can.decide).toBe(true);
    const list = price((await getLine(SEDAN, undefined, { db }))!.line, choices, {}, "DE");
    const quoted = applyDiscount(list, { kind: "percent", value: 2000 });
    expect(asManager.approvalRequest).toEqual({ justification, listNet: listNet, discountAmount: quoted.discountAmount, discountBasisPoints: 2000, netAfter: quoted.net });
    expect(quoted.net).toBe(listNet - quoted.discountAmount);
    expect(asManager.versions[0]!.approvalJustification).toBe(justification);

    // Editing the draft keeps a new justification with it; within the cap there is nothing to justify.
    const edited = await run(editAction, post(`/dealer/quotes/${number}/edit`, quoteFields("12", { expectedLock: String(asManager.lockVersion), justification: "Matches the competitor's offer" }), cookies.dealer), { number });
    expect(edited.status).toBe(302);
    expect((await view(number, cookies.manager)).approvalRequest).toMatchObject({ justification: "Matches the competitor's offer", discountBasisPoints: 1200 });
    const within = await createWith("3", { justification: "nothing to approve" });
    const withinView = await view(within);
    expect(withinView.versions[0]).toMatchObject({ approval: "not_needed", approvalJustification: null });
    expect(withinView.approvalRequest).toBeNull();

    // Too long, or with control characters: 400 on the field, nothing written.
    const before = await counts();
    for (const bad of ["x".repeat(1001), "line\u0000break"]) {
      const out = await run(newLineAction, post(`/dealer/quotes/new/${SEDAN}?customer=${jonas.id}`, quoteFields("20", { justification: bad }), cookies.dealer), { line: SEDAN });
      expect(out.status).toBe(400);
      expect((out.data as Reply).error!.justification).toHaveLength(1);
    }
    expect(await counts()).toEqual(before);
  });
});
