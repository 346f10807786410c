/**
 * "Send to a dealer" and the dealership's leads inbox, through the pages'
 * loaders and actions with real sessions against a real seeded database
 * (PGlite, or PostgreSQL with TEST_DATABASE_URL) and the real engine:
 *
 *   - a customer sends a saved configuration (frozen: later edits don't
 *     change what was sent), a visitor a share code or the review's
 *     configuration; the dealership's staff are notified;
 *   - bad input is a 4xx with the form's message and writes nothing; the
 *     public form is throttled per address;
 *   - only that dealership's dealer and sales manager see and work the lead
 *     (Shanghai's dealer gets 403 like for every München id, customers and
 *     planners 403, visitors are sent to sign in);
 *   - "Start a quote" makes the customer once and the quote with exactly the
 *     lead's configuration, and a second tap (even at the same time) opens
 *     the same quote.
 */
import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { configurations, dealershipCustomers, leads, notifications, quotes, shareCodes, users } from "#db/schema";
import { emailIndex } from "~/.server/privacy/personal-data.server";
import { createShareCode, saveConfiguration } from "~/.server/configurations/configurations.server";
import { demoSedan, signInAs, useSeededProcessDb, userId, type ProcessDb } from "~/.server/configurations/configurations.testing";
import { dealerContext, getQuote, type DealerContext } from "~/.server/quotes/quotes.server";
import { LEAD_LIMITS } from "~/domain/leads";
import { loader as accountLoader } from "./account._index";
import { loader as homeLoader } from "./dealer._index";
import { action as leadAction, loader as leadLoader } from "./dealer.leads.$id";
import { loader as inboxLoader } from "./dealer.leads._index";
import { run } from "./pages.testing";
import { action as sendAction, loader as sendLoader } from "./send-to-dealer";

const SEDAN = "sedan-a6l";
type Who = "customer" | "dealer" | "manager" | "dealer2" | "planner";

let pdb: ProcessDb;
let db: Db;
const cookies = {} as Record<Who, string>;
let munich: DealerContext;
let clara: string;
let complete: string[];
/** The demo customer's saved, complete sedan. */
let savedId: string;
/** A share code of a complete sedan, made by nobody in particular. */
let shareCode: string;
/** Each send comes from its own address unless a test says otherwise (the form is throttled per address). */
let address = 0;

beforeAll(async () => {
  pdb = await useSeededProcessDb();
  db = pdb.db;
  for (const who of ["customer", "dealer", "manager", "dealer2", "planner"] as const) cookies[who] = await signInAs(db, `${who}@atelier.test`);
  munich = (await dealerContext(db, await userId(db, "dealer@atelier.test")))!;
  clara = await userId(db, "customer@atelier.test");
  complete = (await demoSedan(db)).choices;
  const saved = await saveConfiguration(db, clara, { line: SEDAN, choices: complete, texts: {}, name: "Clara's sedan" });
  if (!saved.ok) throw new Error(saved.problem.message);
  savedId = saved.value.id;
  const shared = await createShareCode(db, { line: SEDAN, choices: complete, texts: {} });
  if (!shared.ok) throw new Error(shared.problem.message);
  shareCode = shared.value.code;
});

afterAll(async () => {
  await pdb?.close();
});

function request(path: string, who: Who | null, form?: Record<string, string>): Request {
  const headers: Record<string, string> = who ? { Cookie: cookies[who] } : {};
  if (!form) return new Request(`http://localhost${path}`, { headers });
  const body = new FormData();
  for (const [k, v] of Object.entries(form)) body.append(k, v);
  return new Request(`http://localhost${path}`, { method: "POST", headers, body });
}

/** POST the send form as `who` (null: a visitor), from a fresh client address unless one is given. */
function send(query: string, who: Who | null, form: Record<string, string>, clientAddress = `198.51.100.${++address}`) {
  return run<{ sent: { dealership: string } | null; result?: { error?: Record<string, string[]> } }>(sendAction, request(`/send-to-dealer?${query}`, who, form), {}, { clientAddress });
}

const visitor = { name: "Vera Visitor", email: "Vera@Example.test", phone: "+49 89 1234567" };

async function counts() {
  const n = async (table: typeof leads | typeof shareCodes | typeof users | typeof quotes | typeof notifications | typeof dealershipCustomers) => Number((await db.select({ n: count() }).from(table))[0]!.n);
  return { leads: await n(leads), shareCodes: await n(shareCodes), users: await n(users), quotes: await n(quotes), notifications: await n(notifications), links: await n(dealershipCustomers) };
}

async function newestLead() {
  const [row] = await db.select().from(leads).orderBy(sql`${leads.createdAt} desc`).limit(1);
  return row!;
}

async function shareChoices(code: string) {
  const [row] = await db.select({ choices: shareCodes.choices }).from(shareCodes).where(eq(shareCodes.code, code));
  return row!.choices;
}

describe("sending a configuration to a dealer", () => {
  it("a customer sends a saved configuration: frozen as a share code, the dealership's staff notified", async () => {
    const page = await run<{ dealerships: { code: string }[]; visitor: boolean }>(sendLoader, request(`/send-to-dealer?configuration=${savedId}`, "customer"));
    expect(page.status).toBe(200);
    expect(page.data!.visitor).toBe(false);
    // Clara's market is Germany's (her preference or the default): München comes first.
    expect(page.data!.dealerships.map((d) => d.code)).toContain("MUC-01");

    const before = await counts();
    const out = await send(`configuration=${savedId}`, "customer", { dealership: "MUC-01", message: "Can I see it on Saturday?\nThanks", preferredContact: "email" });
    expect(out.status).toBe(200);
    expect(out.data!.sent).toEqual({ dealership: "Atelier München" });
    const lead = await newestLead();
    expect(lead).toMatchObject({ dealershipId: munich.dealershipId, customerId: clara, name: null, email: null, status: "new", message: "Can I see it on Saturday?\nThanks", quoteId: null });
    expect(await shareChoices(lead.shareCode)).toEqual(complete);
    const after = await counts();
    expect(after.leads).toBe(before.leads + 1);
    expect(after.shareCodes).toBe(before.shareCodes + 1);
    // The dealer and the sales manager of München, nobody else.
    const told = await db.select({ userId: notifications.userId }).from(notifications).where(eq(notifications.kind, "lead.received"));
    expect(told.map((r) => r.userId).sort()).toEqual([await userId(db, "dealer@atelier.test"), await userId(db, "manager@atelier.test")].sort());

    // Clara changes her saved configuration afterwards: the dealership still sees what she sent.
    await db.update(configurations).set({ choices: complete.slice(0, 2) }).where(eq(configurations.id, savedId));
    expect(await shareChoices(lead.shareCode)).toEqual(complete);
    await db.update(configurations).set({ choices: complete }).where(eq(configurations.id, savedId));

    // Her account lists it, with the dealership and its status.
    const account = await run<{ sent: { dealership: string; status: string; shareCode: string }[] }>(accountLoader, request("/account", "customer"));
    expect(account.data!.sent[0]).toMatchObject({ dealership: "Atelier München", status: "new", shareCode: lead.shareCode });
  });

  it("a visitor sends a share code they opened (the same snapshot, no copy) with their contact", async () => {
    const page = await run<{ visitor: boolean }>(sendLoader, request(`/send-to-dealer?share=${shareCode.toLowerCase()}`, null));
    expect(page.status).toBe(200);
    expect(page.data!.visitor).toBe(true);
    const before = await counts();
    const out = await send(`share=${shareCode}`, null, { dealership: "MUC-01", ...visitor, preferredContact: "phone" });
    expect(out.status).toBe(200);
    const lead = await newestLead();
    expect(lead).toMatchObject({ customerId: null, name: "Vera Visitor", email: "vera@example.test", phone: "+49 89 1234567", preferredContact: "phone", shareCode, status: "new" });
    expect((await counts()).shareCodes).toBe(before.shareCodes);
  });

  it("a visitor sends the configuration of the configurator's review (a new share code)", async () => {
    const out = await send(`line=${SEDAN}&c=${complete.join(",")}`, null, { dealership: "SHA-01", name: "Wang Wei", email: "wang@example.test" });
    expect(out.status).toBe(200);
    expect(out.data!.sent).toEqual({ dealership: "Atelier Shanghai" });
    const lead = await newestLead();
    expect(await shareChoices(lead.shareCode)).toEqual(complete);
  });

  it("refuses bad input with a 4xx and the form's message, and writes nothing", async () => {
    const before = await counts();
    const cases: [string, Who | null, Record<string, string>, number, string][] = [
      [`share=${shareCode}`, null, { dealership: "NOPE-99", ...visitor }, 404, "leads.errors.unknownDealership"],
      [`share=${shareCode}`, null, { dealership: "MUC-01", name: "Vera", email: "not-an-email" }, 400, "validation.email"],
      [`share=${shareCode}`, null, { dealership: "MUC-01", ...visitor, message: "x".repeat(LEAD_LIMITS.messageLength + 1) }, 400, "validation.tooLong"],
      [`share=${shareCode}`, null, { dealership: "MUC-01", name: "Vera", email: "vera@example.test", preferredContact: "phone" }, 400, "leads.errors.phoneNeeded"],
      [`share=${shareCode}`, null, { dealership: "MUC-01", name: "Vera\u0000", email: "vera@example.test" }, 400, "validation.invalid"],
      [`share=${shareCode}`, null, { dealership: "", ...visitor }, 400, "validation.required"],
      [`share=${shareCode}`, "customer", { dealership: "MUC-01", preferredContact: "fax" }, 400, "validation.invalid"],
      ["share=ZZZZ2222", null, { dealership: "MUC-01", ...visitor }, 404, "leads.errors.unknownShareCode"],
      [`line=${SEDAN}&c=no-such-value`, null, { dealership: "MUC-01", ...visitor }, 400, "leads.errors.configurationRefused"],
    ];
    for (const [query, who, form, status, message] of cases) {
      const out = await send(query, who, form);
      expect(out.status, `${query} ${JSON.stringify(form).slice(0, 80)}`).toBe(status);
      expect(JSON.stringify(out.data?.result), query).toContain(message);
    }
    // A body far beyond what the form holds is refused before it is read whole.
    const huge = await send(`share=${shareCode}`, null, { dealership: "MUC-01", ...visitor, message: "x".repeat(LEAD_LIMITS.formBytes * 4) });
    expect(huge.status).toBe(413);
    // Addresses that name nothing that exists: 404 (the page too), none at all 400.
    expect((await run(sendLoader, request("/send-to-dealer?share=ZZZZ2222", null))).status).toBe(404);
    expect((await run(sendLoader, request(`/send-to-dealer?line=no-such-line`, null))).status).toBe(404);
    expect((await run(sendLoader, request("/send-to-dealer", null))).status).toBe(400);
    // Someone else's saved configuration, or a visitor naming one, reads like a missing one.
    expect((await send(`configuration=${savedId}`, null, { dealership: "MUC-01", ...visitor })).status).toBe(404);
    expect((await send("configuration=00000000-0000-4000-8000-000000000000", "customer", { dealership: "MUC-01" })).status).toBe(404);
    // Staff work leads, they don't send them.
    for (const who of ["dealer", "planner"] as const) {
      expect((await run(sendLoader, request(`/send-to-dealer?share=${shareCode}`, who))).status, who).toBe(403);
      expect((await send(`share=${shareCode}`, who, { dealership: "MUC-01" })).status, who).toBe(403);
    }
    expect(await counts()).toEqual(before);
  });

  it("throttles the public form per address: over the limit is 429 and nothing is written", async () => {
    const from = "203.0.113.7";
    for (let i = 0; i < LEAD_LIMITS.perWindow; i++) {
      const out = await send(`share=${shareCode}`, null, { dealership: "SHA-01", name: `Spammer ${i}`, email: `spam${i}@example.test` }, from);
      expect(out.status, `send ${i + 1}`).toBe(200);
    }
    const before = await counts();
    const out = await send(`share=${shareCode}`, null, { dealership: "SHA-01", name: "Spammer", email: "spam-last@example.test" }, from);
    expect(out.status).toBe(429);
    expect(JSON.stringify(out.data?.result)).toContain("leads.errors.tooMany");
    expect(await counts()).toEqual(before);
    // Another address is not held back.
    expect((await send(`share=${shareCode}`, null, { dealership: "SHA-01", name: "Someone", email: "someone@example.test" })).status).toBe(200);
  });
});

type Inbox = { ok: boolean; counts: Record<string, number>; leads: { id: string; name: string; status: string; createdAt: string }[] };

describe("the leads inbox", () => {
  it("München's dealer and sales manager see München's leads, newest first, by status; /dealer shows how many are new", async () => {
    const munichLeads = await db.select({ id: leads.id }).from(leads).where(eq(leads.dealershipId, munich.dealershipId));
    for (const who of ["dealer", "manager"] as const) {
      const out = await run<Inbox>(inboxLoader, request("/dealer/leads", who));
      expect(out.status, who).toBe(200);
      expect(out.data!.leads.map((l) => l.id).sort()).toEqual(munichLeads.map((l) => l.id).sort());
      const times = out.data!.leads.map((l) => l.createdAt);
      expect(times).toEqual([...times].sort().reverse());
      expect(out.data!.leads.map((l) => l.name)).toContain("Vera Visitor");
      expect(out.data!.leads.map((l) => l.name)).toContain("Clara Becker");
    }
    const filtered = await run<Inbox>(inboxLoader, request("/dealer/leads?status=quoted", "dealer"));
    expect(filtered.data!.leads).toEqual([]);
    expect((await run(inboxLoader, request("/dealer/leads?status=bogus", "dealer"))).status).toBe(400);
    const home = await run<{ newLeads: number }>(homeLoader, request("/dealer", "dealer"));
    expect(home.data!.newLeads).toBe(munichLeads.length);
  });

  it("Shanghai's dealer sees none of München's leads and gets 403 for one; customers and planners 403; visitors sign in", async () => {
    const [munichLead] = await db.select({ id: leads.id }).from(leads).where(eq(leads.dealershipId, munich.dealershipId)).limit(1);
    const id = munichLead!.id;
    const shanghai = await run<Inbox>(inboxLoader, request("/dealer/leads", "dealer2"));
    expect(shanghai.status).toBe(200);
    expect(shanghai.data!.leads.map((l) => l.id)).not.toContain(id);
    expect(JSON.stringify(shanghai.data)).not.toContain("Vera Visitor");
    expect(shanghai.data!.leads.map((l) => l.name)).toContain("Wang Wei");
    const before = await counts();
    expect((await run(leadLoader, request(`/dealer/leads/${id}`, "dealer2"), { id })).status).toBe(403);
    for (const intent of [{ intent: "start-quote" }, { intent: "status", status: "closed" }] as Record<string, string>[])
      expect((await run(leadAction, request(`/dealer/leads/${id}`, "dealer2", intent), { id })).status).toBe(403);
    for (const who of ["customer", "planner"] as const) {
      expect((await run(inboxLoader, request("/dealer/leads", who))).status, who).toBe(403);
      expect((await run(leadLoader, request(`/dealer/leads/${id}`, who), { id })).status, who).toBe(403);
      expect((await run(leadAction, request(`/dealer/leads/${id}`, who, { intent: "start-quote" }), { id })).status, who).toBe(403);
    }
    const signedOut = await run(inboxLoader, request("/dealer/leads", null));
    expect(signedOut.status).toBe(302);
    expect(signedOut.response!.headers.get("Location")).toMatch(/^\/login/);
    expect(await counts()).toEqual(before);
    const [row] = await db.select({ status: leads.status }).from(leads).where(eq(leads.id, id));
    expect(row!.status).toBe("new");
  });
});

describe("starting a quote from a lead", () => {
  const visitorLead = async () => (await db.select().from(leads).where(eq(leads.emailIndex, emailIndex("vera@example.test"))))[0]!;

  it("makes the visitor a customer of the dealership once and the quote with exactly the lead's configuration; a second tap opens the same quote", async () => {
    const lead = await visitorLead();
    const page = await run<{ lead: { name: string; message: string | null; status: string } }>(leadLoader, request(`/dealer/leads/${lead.id}`, "dealer"), { id: lead.id });
    expect(page.status).toBe(200);
    expect(page.data!.lead).toMatchObject({ name: "Vera Visitor", status: "new" });

    const before = await counts();
    const tap = () => run(leadAction, request(`/dealer/leads/${lead.id}`, "dealer", { intent: "start-quote" }), { id: lead.id });
    // Two taps at once (a double tap on a slow connection) and one more later.
    const [first, second] = await Promise.all([tap(), tap()]);
    const third = await tap();
    const locations = [first, second, third].map((o) => o.response?.headers.get("Location"));
    expect(locations[0]).toMatch(/^\/dealer\/quotes\/Q-\d{7}\/edit$/);
    expect(new Set(locations).size).toBe(1);
    const number = locations[0]!.split("/")[3]!;

    const after = await counts();
    expect(after.quotes).toBe(before.quotes + 1);
    expect(after.users).toBe(before.users + 1);
    expect(after.links).toBe(before.links + 1);
    const [customer] = await db.select().from(users).where(eq(users.emailIndex, emailIndex("vera@example.test")));
    expect(customer).toMatchObject({ name: "Vera Visitor", phone: "+49 89 1234567", role: "customer" });
    const [link] = await db.select().from(dealershipCustomers).where(and(eq(dealershipCustomers.customerId, customer!.id), eq(dealershipCustomers.dealershipId, munich.dealershipId)));
    expect(link!.consentToContact).toBe(true);
    const quote = (await getQuote(db, munich, number))!;
    expect(quote.customer.id).toBe(customer!.id);
    expect(quote.versions).toHaveLength(1);
    expect(quote.versions[0]!.choices).toEqual(await shareChoices(lead.shareCode));
    expect(quote.versions[0]!.discount).toEqual({ kind: "percent", value: 0 });

    const updated = (await db.select().from(leads).where(eq(leads.id, lead.id)))[0]!;
    expect(updated.status).toBe("quoted");
    expect(updated.quoteId).toBe(quote.id);
    const inbox = await run<{ leads: { id: string; quoteNumber: string | null }[] }>(inboxLoader, request("/dealer/leads?status=quoted", "manager"));
    expect(inbox.data!.leads).toEqual([expect.objectContaining({ id: lead.id, quoteNumber: number })]);
    // A quoted lead is settled: closing it by hand is refused.
    const close = await run(leadAction, request(`/dealer/leads/${lead.id}`, "dealer", { intent: "status", status: "closed" }), { id: lead.id });
    expect(close.status).toBe(409);
  });

  it("links a customer's own account (no new account) and quotes their configuration as sent", async () => {
    const [lead] = await db.select().from(leads).where(eq(leads.customerId, clara));
    const before = await counts();
    const out = await run(leadAction, request(`/dealer/leads/${lead!.id}`, "manager", { intent: "start-quote" }), { id: lead!.id });
    expect(out.status).toBe(302);
    const number = out.response!.headers.get("Location")!.split("/")[3]!;
    const quote = (await getQuote(db, munich, number))!;
    expect(quote.customer.id).toBe(clara);
    expect(quote.versions[0]!.choices).toEqual(complete);
    const after = await counts();
    expect(after.users).toBe(before.users);
    expect(after.quotes).toBe(before.quotes + 1);
    const account = await run<{ sent: { status: string }[] }>(accountLoader, request("/account", "customer"));
    expect(account.data!.sent[0]!.status).toBe("quoted");
  });

  it("an incomplete configuration goes to the configurator with the customer chosen; the lead is contacted, no quote yet", async () => {
    const sent = await send(`line=${SEDAN}&c=${complete.slice(0, 2).join(",")}`, null, { dealership: "MUC-01", name: "Ida Incomplete", email: "ida@example.test" });
    expect(sent.status).toBe(200);
    const lead = await newestLead();
    const before = await counts();
    const out = await run(leadAction, request(`/dealer/leads/${lead.id}`, "dealer", { intent: "start-quote" }), { id: lead.id });
    expect(out.status).toBe(302);
    const location = new URL(out.response!.headers.get("Location")!, "http://localhost");
    expect(location.pathname).toBe("/dealer/quotes/new");
    expect(location.searchParams.get("share")).toBe(lead.shareCode);
    const [ida] = await db.select().from(users).where(eq(users.emailIndex, emailIndex("ida@example.test")));
    expect(location.searchParams.get("customer")).toBe(ida!.id);
    expect((await counts()).quotes).toBe(before.quotes);
    expect((await db.select().from(leads).where(eq(leads.id, lead.id)))[0]!.status).toBe("contacted");
  });

  it("marks a lead contacted, then closed", async () => {
    const sent = await send(`share=${shareCode}`, null, { dealership: "MUC-01", name: "Otto Open", email: "otto@example.test" });
    expect(sent.status).toBe(200);
    const lead = await newestLead();
    for (const status of ["contacted", "closed"]) {
      const out = await run(leadAction, request(`/dealer/leads/${lead.id}`, "dealer", { intent: "status", status }), { id: lead.id });
      expect(out.status, status).toBe(302);
      expect((await db.select().from(leads).where(eq(leads.id, lead.id)))[0]!.status).toBe(status);
    }
    expect((await run(leadAction, request(`/dealer/leads/${lead.id}`, "dealer", { intent: "status", status: "quoted" }), { id: lead.id })).status).toBe(400);
  });
});

