/**
 * The customer's profile page against a real seeded database: it saves what
 * it shows, keeps each consent's history with dates, refuses bad input with
 * 400 and the field's message without writing anything, pre-fills checkout,
 * and an "in the app only" customer gets notifications but no order emails.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { consentEvents, dealerships, emailOutbox, notifications, users } from "#db/schema";
import { signInPeople, useSeededProcessDb, type People, type ProcessDb } from "~/.server/configurations/configurations.testing";
import { checkoutPrefill } from "~/.server/orders/order-pages.server";
import { announceOrderChange } from "~/.server/orders/order-messages.server";
import { action, loader } from "./account.profile";
import { run } from "./pages.testing";

let pdb: ProcessDb;
let db: Db;
let people: People;
let munich: string;

beforeAll(async () => {
  pdb = await useSeededProcessDb();
  db = pdb.db;
  people = await signInPeople(db);
  [{ id: munich }] = await db.select({ id: dealerships.id }).from(dealerships).where(eq(dealerships.code, "MUC-01"));
});

afterAll(async () => {
  await pdb?.close();
});

type Reply = { result?: { error?: Record<string, string[] | null> | null }; saved?: boolean };
type Loaded = Awaited<ReturnType<typeof loader>>;

const URL = "http://localhost/account/profile";
const page = (cookie?: string) => new Request(URL, { headers: cookie ? { Cookie: cookie } : {} });
const submit = (fields: Record<string, string>, cookie?: string) => {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  return new Request(URL, { method: "POST", body, headers: cookie ? { Cookie: cookie } : {} });
};

const FULL = {
  name: "Clara Becker",
  phone: "+49 89 555 0101",
  street: "Leopoldstraße 1",
  postalCode: "80802",
  city: "München",
  country: "DE",
  language: "ja",
  market: "JP",
  contactChannel: "in_app",
  consentRecommendations: "on",
};

async function countRows() {
  return (await db.select({ id: consentEvents.id }).from(consentEvents)).length;
}

describe("/account/profile", () => {
  it("is the customer's own: signed-out visitors go to sign in, staff are refused", async () => {
    expect((await run(loader, page())).status).toBe(302);
    expect((await run(loader, page(people.dealerCookie))).status).toBe(403);
    expect((await run(action, submit(FULL, people.plannerCookie))).status).toBe(403);
  });

  it("saves every field, and records a consent with the date it was given, then withdrawn", async () => {
    const first = await run<Reply>(action, submit({ ...FULL, preferredDealership: munich }, people.claraCookie));
    expect(first.status).toBe(200);
    expect(first.data?.saved).toBe(true);

    const shown = (await run<Loaded>(loader, page(people.claraCookie))).data!.profile;
    expect(shown).toMatchObject({
      name: "Clara Becker",
      phone: "+49 89 555 0101",
      address: { street: "Leopoldstraße 1", postalCode: "80802", city: "München", country: "DE" },
      language: "ja",
      market: "JP",
      contactChannel: "in_app",
      preferredDealershipId: munich,
    });
    expect(shown.consents.recommendations).toEqual({ granted: true, since: expect.any(String) });
    expect(shown.consents.saved_configuration_news).toEqual({ granted: false, since: null });

    // Saving again unchanged adds no consent event; unticking withdraws it.
    await run(action, submit({ ...FULL, preferredDealership: munich }, people.claraCookie));
    await run(action, submit({ ...FULL, consentRecommendations: "" }, people.claraCookie));
    const history = await db
      .select({ kind: consentEvents.kind, granted: consentEvents.granted })
      .from(consentEvents)
      .where(eq(consentEvents.userId, people.clara))
      .orderBy(asc(consentEvents.at));
    expect(history).toEqual([
      { kind: "recommendations", granted: true },
      { kind: "recommendations", granted: false },
    ]);
    const after = (await run<Loaded>(loader, page(people.claraCookie))).data!.profile;
    expect(after.consents.recommendations).toEqual({ granted: false, since: expect.any(String) });
    expect(after.preferredDealershipId).toBeNull();
  });

  it.each([
    ["an empty name", { name: "" }, "name"],
    ["a country that isn't one", { country: "XX" }, "country"],
    ["a street without a city", { city: "" }, "city"],
    ["a phone with letters", { phone: "call me" }, "phone"],
    ["an unknown language", { language: "fr" }, "language"],
    ["an unknown channel", { contactChannel: "pigeon" }, "contactChannel"],
    ["a dealership id that isn't one", { preferredDealership: "MUC-01" }, "preferredDealership"],
    ["a NUL in the city", { city: "M\u0000nchen" }, "city"],
  ])("refuses %s with 400 on the field and writes nothing", async (_, change, field) => {
    const [before] = await db.select().from(users).where(eq(users.id, people.clara));
    const consents = await countRows();
    const out = await run<Reply>(action, submit({ ...FULL, name: "Someone Else", ...change }, people.claraCookie));
    expect(out.status).toBe(400);
    expect(out.data?.result?.error?.[field]).toBeTruthy();
    const [after] = await db.select().from(users).where(eq(users.id, people.clara));
    expect(after).toEqual(before);
    expect(await countRows()).toBe(consents);
  });

  it("refuses a well-formed but unknown dealership with 400 and writes nothing", async () => {
    const [before] = await db.select().from(users).where(eq(users.id, people.clara));
    const out = await run<Reply>(action, submit({ ...FULL, name: "Someone Else", preferredDealership: "00000000-0000-4000-8000-000000000000" }, people.claraCookie));
    expect(out.status).toBe(400);
    expect(out.data?.result?.error?.preferredDealership).toEqual(["validation.invalid"]);
    const [after] = await db.select().from(users).where(eq(users.id, people.clara));
    expect(after).toEqual(before);
  });

  it("pre-fills checkout from the profile", async () => {
    await run(action, submit({ ...FULL, street: "Hauptstraße 7", city: "Augsburg", postalCode: "86150", country: "AT" }, people.claraCookie));
    const [clara] = await db.select().from(users).where(eq(users.id, people.clara));
    const contact = await checkoutPrefill(db, { ...clara!, id: people.clara }, "DE");
    expect(contact).toMatchObject({ name: "Clara Becker", phone: "+49 89 555 0101", street: "Hauptstraße 7", city: "Augsburg", postalCode: "86150", country: "AT" });
  });

  it("sends order messages by email only when the customer chose email", async () => {
    const order = {
      number: "AT-9999999",
      status: "received" as const,
      line: "sedan-a6l",
      customerId: people.clara,
      dealershipId: null,
      buildDate: null,
      version: 1,
      contact: { email: "customer@atelier.test", name: "Clara Becker" },
    };
    const count = async () => {
      const mails = await db.select().from(emailOutbox);
      const notes = await db.select().from(notifications).where(eq(notifications.userId, people.clara));
      return { mails: mails.length, notes: notes.length };
    };
    await run(action, submit({ ...FULL, contactChannel: "in_app" }, people.claraCookie));
    const before = await count();
    await db.transaction((tx) => announceOrderChange(tx, order, { kind: "order.received", from: null }));
    expect(await count()).toEqual({ mails: before.mails, notes: before.notes + 1 });

    await run(action, submit({ ...FULL, contactChannel: "email" }, people.claraCookie));
    await db.transaction((tx) => announceOrderChange(tx, order, { kind: "order.received", from: null }));
    expect(await count()).toEqual({ mails: before.mails + 1, notes: before.notes + 2 });
  });
});
