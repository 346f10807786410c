/**
 * The customer's ordering pages, their loaders and actions called with
 * Request objects against a real seeded database (PGlite, or PostgreSQL with
 * TEST_DATABASE_URL) and the real engine: checkout (exactly once, refusals
 * with nothing written, bad input per field), the order and confirmation
 * pages (who may see them), cancel and change before and after the frozen
 * horizon, notifications, and the outbox page.
 */
import { and, desc, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { emailOutbox, notifications } from "#db/schema";
import { getLine } from "~/.server/catalog/catalog.server";
import { signInAs, signInPeople, useSeededProcessDb, type People, type ProcessDb } from "~/.server/configurations/configurations.testing";
import { unreadCount } from "~/.server/messages/notifications.server";
import { ORDER_PICTURE_CID } from "~/.server/orders/order-messages.server";
import { getOrder, placeOrder, readOrder } from "~/.server/orders/orders.server";
import { DEMO_CONTACT, demoOrderInput, orderRowCounts } from "~/.server/orders/orders.testing";
import { scheduleOrder } from "~/.server/planning/planning.server";
import { workingDay } from "~/.server/planning/planning.testing";
import { visualKeysOf } from "~/domain/configuration-view";
import { bom } from "~/domain/engine";
import { configureHref } from "~/domain/forms/configuration";
import { addDays, dayOf } from "~/domain/orders";
import { loader as rootLoader } from "~/root";
import { action as notificationsAction, loader as notificationsLoader } from "./account.notifications";
import { loader as accountOrdersLoader } from "./account.orders";
import { action as checkoutAction, loader as checkoutLoader } from "./configure.$line.order";
import { loader as reviewLoader } from "./configure.$line.review";
import { loader as outboxLoader } from "./dev.outbox";
import { action as orderAction, loader as orderLoader } from "./orders.$number._index";
import { action as changeAction, loader as changeLoader } from "./orders.$number.change";
import { loader as confirmedLoader } from "./orders.$number.confirmed";
import { canonicalKeys } from "~/scene/picture-url";
import { run } from "./pages.testing";

let pdb: ProcessDb;
let db: Db;
let people: People;
let adminCookie: string;
let version: string;
let choices: string[];
let total: number;
let otherChoices: string[];
let otherTotal: number;

const SEDAN = "sedan-a6l";
// Accept-Language de-DE: prices in euros for the German market.
const GERMAN = { "Accept-Language": "de-DE" };

beforeAll(async () => {
  pdb = await useSeededProcessDb();
  db = pdb.db;
  people = await signInPeople(db);
  adminCookie = await signInAs(db, "admin@atelier.test");
  ({ catalogVersion: version, choices, expectedTotal: total } = await demoOrderInput(db));
  // 21-inch wheels pull in S line: another complete configuration at another price.
  ({ choices: otherChoices, expectedTotal: otherTotal } = await demoOrderInput(db, ["C9X"]));
  expect(otherTotal).not.toBe(total);
});

afterAll(async () => {
  await pdb?.close();
});

const savedEnv = { ...process.env };
afterEach(() => {
  process.env.ORDER_FROZEN_HORIZON_DAYS = savedEnv.ORDER_FROZEN_HORIZON_DAYS;
  if (savedEnv.ORDER_FROZEN_HORIZON_DAYS === undefined) delete process.env.ORDER_FROZEN_HORIZON_DAYS;
  process.env.NODE_ENV = savedEnv.NODE_ENV;
});

type Reply = { status?: string; error?: Record<string, string[] | null> | null };

const get = (path: string, cookie?: string) => new Request(`http://localhost${path}`, { headers: { ...GERMAN, ...(cookie ? { Cookie: cookie } : {}) } });

const post = (path: string, fields: Record<string, string>, cookie?: string) => {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  return new Request(`http://localhost${path}`, { method: "POST", body, headers: { ...GERMAN, ...(cookie ? { Cookie: cookie } : {}) } });
};

const checkoutPath = (c: readonly string[] = choices) => configureHref(SEDAN, c).replace(`/configure/${SEDAN}`, `/configure/${SEDAN}/order`);

// The country as a customer might type it: the checkout form upper-cases it.
const CONTACT = { ...DEMO_CONTACT, country: "de" };

let keys = 0;
const form = (over: Record<string, string> = {}) => ({
  ...CONTACT,
  terms: "on",
  expectedTotal: String(total),
  catalogVersion: version,
  idempotencyKey: `route-key-${++keys}`,
  ...over,
});

const tally = () => orderRowCounts(db);

/** Place an order through the checkout action and return its number. */
async function checkout(over: Record<string, string> = {}, c: readonly string[] = choices) {
  const out = await run(checkoutAction, post(checkoutPath(c), form(over), people.claraCookie), { line: SEDAN });
  expect(out.status).toBe(302);
  const location = out.response!.headers.get("Location")!;
  expect(location).toMatch(/^\/orders\/AT-\d{7}\/confirmed$/);
  return location.split("/")[2]!;
}

/** Schedule an order on the line's first working day at least `days` ahead (and after its parts' lead time). */
async function schedule(number: string, days: number) {
  const order = (await readOrder(db, { number }))!;
  const wanted = addDays(dayOf(new Date()), days);
  const day = await workingDay(db, order.line, order.earliestBuildDate! > wanted ? order.earliestBuildDate! : wanted);
  const result = await scheduleOrder(db, { id: people.planner, role: "planner" }, { number, buildDate: day, expectedVersion: order.version });
  if (!result.ok) throw new Error(result.problem.message);
  return day;
}

describe("checkout /configure/<line>/order", () => {
  it("sends a signed-out visitor to sign in and back, and refuses staff", async () => {
    const out = await run(checkoutLoader, get(checkoutPath()), { line: SEDAN });
    expect(out.status).toBe(302);
    expect(out.response!.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(checkoutPath())}`);
    expect((await run(checkoutLoader, get(checkoutPath(), people.plannerCookie), { line: SEDAN })).status).toBe(403);
    expect((await run(checkoutAction, post(checkoutPath(), form(), people.plannerCookie), { line: SEDAN })).status).toBe(403);
  });

  it("renders the server's price, the account's name and email, and a fresh idempotency key", async () => {
    const out = await run(checkoutLoader, get(checkoutPath(), people.claraCookie), { line: SEDAN });
    expect(out.status).toBe(200);
    const data = out.data as Awaited<ReturnType<typeof checkoutLoader>>;
    expect(data.problems).toEqual([]);
    expect(data.breakdown.total).toBe(total);
    expect(data.contact).toMatchObject({ email: "customer@atelier.test", name: expect.any(String) });
    expect(data.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    const again = (await run(checkoutLoader, get(checkoutPath(), people.claraCookie), { line: SEDAN })).data as typeof data;
    expect(again.idempotencyKey).not.toBe(data.idempotencyKey);
  });

  it("places one order and redirects to its confirmation; the same form again gives the same order", async () => {
    const before = await tally();
    const fields = form();
    const first = await run(checkoutAction, post(checkoutPath(), fields, people.claraCookie), { line: SEDAN });
    expect(first.status).toBe(302);
    const location = first.response!.headers.get("Location")!;
    const number = location.split("/")[2]!;
    const order = (await getOrder(db, { id: people.clara, role: "customer" }, number))!;
    expect(order).toMatchObject({ status: "received", total, customerId: people.clara, market: "DE", contact: { ...CONTACT, country: "DE" } });
    const loaded = (await getLine(SEDAN, undefined, { db }))!;
    expect(order.bom).toEqual(bom(loaded.line, choices));
    const after = await tally();
    expect(after).toEqual({ ...before, orders: before.orders + 1, lines: before.lines + order.bom.length, events: before.events + 1, queue: before.queue + 1, notifications: before.notifications + 1, emails: before.emails + 1 });

    // A double click or a refresh that resubmits: the same key, the same order, nothing more written.
    const again = await run(checkoutAction, post(checkoutPath(), fields, people.claraCookie), { line: SEDAN });
    expect(again.status).toBe(302);
    expect(again.response!.headers.get("Location")).toBe(location);
    expect(await tally()).toEqual(after);

    // The next checkout is pre-filled from this order.
    const next = (await run(checkoutLoader, get(checkoutPath(), people.claraCookie), { line: SEDAN })).data as Awaited<ReturnType<typeof checkoutLoader>>;
    expect(next.contact).toMatchObject({ phone: CONTACT.phone, street: CONTACT.street, postalCode: CONTACT.postalCode, city: CONTACT.city, country: "DE" });
  });

  it("refuses a total the server didn't compute with the new price, and writes nothing", async () => {
    const before = await tally();
    const out = await run(checkoutAction, post(checkoutPath(), form({ expectedTotal: String(total - 100) }), people.claraCookie), { line: SEDAN });
    expect(out.status).toBe(409);
    const data = out.data as { result: Reply; problem: { code: string; total: number } };
    expect(data.problem).toMatchObject({ code: "price-changed", total });
    expect(data.result.error?.[""]).toEqual(["checkout.refused.price-changed"]);
    expect(await tally()).toEqual(before);
  });

  it("answers bad fields with 400 and a message per field, and writes nothing", async () => {
    const before = await tally();
    const out = await run(
      checkoutAction,
      post(checkoutPath(), form({ email: "not-an-email", phone: "", country: "Germany", terms: "" }), people.claraCookie),
      { line: SEDAN },
    );
    expect(out.status).toBe(400);
    const { error } = (out.data as { result: Reply }).result;
    expect(error?.email).toEqual(["validation.email"]);
    expect(error?.phone).toEqual(["validation.required"]);
    expect(error?.country).toEqual(["validation.invalid"]);
    expect(error?.terms).toEqual(["validation.terms"]);
    const noKey = await run(checkoutAction, post(checkoutPath(), form({ idempotencyKey: "", expectedTotal: "12.5" }), people.claraCookie), { line: SEDAN });
    expect(noKey.status).toBe(400);
    expect((noKey.data as { result: Reply }).result.error).toMatchObject({ idempotencyKey: ["validation.required"], expectedTotal: ["validation.invalid"] });
    expect(await tally()).toEqual(before);
  });

  it("refuses an incomplete configuration with the engine's problems, and writes nothing", async () => {
    const before = await tally();
    const partial = choices.slice(1);
    const out = await run(checkoutAction, post(checkoutPath(partial), form(), people.claraCookie), { line: SEDAN });
    expect(out.status).toBe(422);
    const { problem } = out.data as { problem: { code: string; problems: { code: string }[] } };
    expect(problem.code).toBe("invalid-configuration");
    expect(problem.problems.length).toBeGreaterThan(0);
    expect(await tally()).toEqual(before);
    const page = (await run(checkoutLoader, get(checkoutPath(partial), people.claraCookie), { line: SEDAN })).data as Awaited<ReturnType<typeof checkoutLoader>>;
    expect(page.problems.length).toBeGreaterThan(0);
  });
});

describe("the order page /orders/<number>", () => {
  it("shows the order to its customer, planners and admins, and is a 404 for anyone else", async () => {
    const number = await checkout();
    const mine = await run(orderLoader, get(`/orders/${number}`, people.claraCookie), { number });
    expect(mine.status).toBe(200);
    const page = mine.data as Awaited<ReturnType<typeof orderLoader>>;
    expect(page.order).toMatchObject({ number, status: "received", total, buildDate: null });
    expect(page.line?.code).toBe(SEDAN);
    expect(page.timeline).toEqual([{ from: null, to: "received", note: null, at: expect.any(String), actor: { kind: "you" } }]);
    expect(page).toMatchObject({ isOwner: true, canChange: true, lock: null, deliveryEstimated: true });
    // Not scheduled yet, the customer keeps the configurator's estimate (from the line's queue), a day after today.
    expect(page.estimatedDelivery).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(page.estimatedDelivery! > new Date().toISOString().slice(0, 10)).toBe(true);
    expect((await run(confirmedLoader, get(`/orders/${number}/confirmed`, people.claraCookie), { number })).status).toBe(200);

    expect((await run(orderLoader, get(`/orders/${number}`, people.plannerCookie), { number })).status).toBe(200);
    expect((await run(orderLoader, get(`/orders/${number}`, adminCookie), { number })).status).toBe(200);
    for (const loader of [orderLoader, confirmedLoader, changeLoader]) {
      expect((await run(loader, get(`/orders/${number}`, people.otherCookie), { number })).status).toBe(404);
    }
    expect((await run(orderLoader, get("/orders/AT-9999999", people.claraCookie), { number: "AT-9999999" })).status).toBe(404);
    const out = await run(orderLoader, get(`/orders/${number}`), { number });
    expect(out.status).toBe(302);
    expect(out.response!.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(`/orders/${number}`)}`);
    // Another customer can't cancel it either.
    expect((await run(orderAction, post(`/orders/${number}`, { intent: "cancel", expectedVersion: "1" }, people.otherCookie), { number })).status).toBe(404);
    expect((await readOrder(db, { number }))!.status).toBe("received");
  });

  it("shows the build date, the delivery estimate, and staff by role only to the customer", async () => {
    const number = await checkout();
    const day = await schedule(number, 40);
    const page = (await run(orderLoader, get(`/orders/${number}`, people.claraCookie), { number })).data as Awaited<ReturnType<typeof orderLoader>>;
    expect(page.order.buildDate).toBe(day);
    expect(page.estimatedDelivery).toBe(addDays(day, 10));
    expect(page.deliveryEstimated).toBe(false);
    expect(page.changeableUntil).toBe(addDays(day, -6));
    expect(page.timeline.map((e) => e.to)).toEqual(["received", "scheduled"]);
    expect(page.timeline[1]!.actor).toEqual({ kind: "staff", role: "planner", name: null });
    const staffView = (await run(orderLoader, get(`/orders/${number}`, people.plannerCookie), { number })).data as typeof page;
    expect(staffView.timeline[1]!.actor).toMatchObject({ kind: "you" });
    const adminView = (await run(orderLoader, get(`/orders/${number}`, adminCookie), { number })).data as typeof page;
    expect(adminView.timeline[1]!.actor).toMatchObject({ kind: "staff", role: "planner", name: expect.any(String) });
    expect(adminView.timeline[0]!.actor).toEqual({ kind: "customer" });
  });

  it("lets the customer cancel before the frozen horizon", async () => {
    const number = await checkout();
    await schedule(number, 40);
    const stale = await run(orderAction, post(`/orders/${number}`, { intent: "cancel", expectedVersion: "1" }, people.claraCookie), { number });
    expect(stale.status).toBe(409);
    expect((stale.data as Reply).error?.[""]).toEqual(["orderPage.refused.stale"]);
    const out = await run(orderAction, post(`/orders/${number}`, { intent: "cancel", expectedVersion: "2" }, people.claraCookie), { number });
    expect(out.status).toBe(302);
    expect(out.response!.headers.get("Location")).toBe(`/orders/${number}`);
    const page = (await run(orderLoader, get(`/orders/${number}`, people.claraCookie), { number })).data as Awaited<ReturnType<typeof orderLoader>>;
    expect(page).toMatchObject({ order: { status: "cancelled" }, lock: "cancelled", canChange: false });
    expect(page.timeline.at(-1)).toMatchObject({ to: "cancelled", actor: { kind: "you" } });
  });

  it("refuses a cancel after the frozen horizon with the reason", async () => {
    const number = await checkout();
    await schedule(number, 40);
    // A 60-day horizon puts the build date inside it.
    process.env.ORDER_FROZEN_HORIZON_DAYS = "60";
    const page = (await run(orderLoader, get(`/orders/${number}`, people.claraCookie), { number })).data as Awaited<ReturnType<typeof orderLoader>>;
    expect(page).toMatchObject({ lock: "frozen", canChange: false, horizonDays: 60 });
    const out = await run(orderAction, post(`/orders/${number}`, { intent: "cancel", expectedVersion: "2" }, people.claraCookie), { number });
    expect(out.status).toBe(409);
    expect((out.data as Reply).error?.[""]).toEqual(["orderPage.refused.frozen"]);
    expect((await readOrder(db, { number }))!.status).toBe("scheduled");
  });

  it("answers malformed actions with 400", async () => {
    const number = await checkout();
    for (const fields of [{ intent: "explode" }, { intent: "cancel", expectedVersion: "x" }, {}] as Record<string, string>[]) {
      expect((await run(orderAction, post(`/orders/${number}`, fields, people.claraCookie), { number })).status).toBe(400);
    }
  });
});

describe("changing an order's configuration", () => {
  const changePath = (number: string, c: readonly string[]) => configureHref(SEDAN, c).replace(`/configure/${SEDAN}`, `/orders/${number}/change`);

  it("opens the order in the configurator and offers to apply a reviewed configuration to it", async () => {
    const number = await checkout();
    const out = await run(orderAction, post(`/orders/${number}`, { intent: "edit" }, people.claraCookie), { number });
    expect(out.status).toBe(302);
    expect(out.response!.headers.get("Location")).toBe(configureHref(SEDAN, choices));
    const cookie = out.response!.headers.get("Set-Cookie")!.split(";")[0]!;
    const review = (await run(reviewLoader, get(configureHref(SEDAN, otherChoices).replace(SEDAN, `${SEDAN}/review`), `${people.claraCookie}; ${cookie}`), { line: SEDAN }))
      .data as Awaited<ReturnType<typeof reviewLoader>>;
    expect(review.changingOrder).toBe(number);
    // The same cookie means nothing to another customer.
    const theirs = (await run(reviewLoader, get(`/configure/${SEDAN}/review`, `${people.otherCookie}; ${cookie}`), { line: SEDAN })).data as typeof review;
    expect(theirs.changingOrder).toBeNull();
  });

  it("shows old and new price and the difference, and on confirmation replaces configuration, price and BOM, keeping the build date", async () => {
    const number = await checkout();
    const day = await schedule(number, 40);
    const preview = await run(changeLoader, get(changePath(number, otherChoices), people.claraCookie), { number });
    expect(preview.status).toBe(200);
    const data = preview.data as Awaited<ReturnType<typeof changeLoader>>;
    expect(data.problem).toBeNull();
    expect(data.old).toMatchObject({ total, version: 2, market: "DE" });
    expect(data.preview).toMatchObject({ price: { total: otherTotal }, difference: otherTotal - total });

    const before = await tally();
    const out = await run(changeAction, post(changePath(number, otherChoices), { intent: "confirm", expectedVersion: "2", expectedTotal: String(otherTotal), catalogVersion: version }, people.claraCookie), { number });
    expect(out.status).toBe(302);
    expect(out.response!.headers.get("Location")).toBe(`/orders/${number}`);
    // The configurator forgets which order it was changing.
    expect(out.response!.headers.get("Set-Cookie")).toMatch(/^atelier_order_change=[^;]*;.*Max-Age=0/i);
    const order = (await getOrder(db, { id: people.clara, role: "customer" }, number))!;
    const loaded = (await getLine(SEDAN, undefined, { db }))!;
    expect(order).toMatchObject({ total: otherTotal, version: 3, buildDate: day, status: "scheduled" });
    expect([...order.choices].sort()).toEqual([...otherChoices].sort());
    expect(order.bom).toEqual(bom(loaded.line, otherChoices));
    expect(order.events.at(-1)).toMatchObject({ from: "scheduled", to: "scheduled", note: "configuration changed", actorId: people.clara });
    const after = await tally();
    expect(after).toMatchObject({ orders: before.orders, queue: before.queue, events: before.events + 1, notifications: before.notifications + 1, emails: before.emails + 1 });
    const [latest] = await db.select().from(notifications).where(eq(notifications.userId, people.clara)).orderBy(notifications.id);
    expect(latest).toBeDefined();
    const changed = await db.select().from(notifications).where(and(eq(notifications.userId, people.clara), eq(notifications.kind, "order.changed")));
    expect(changed.map((n) => n.data.number)).toContain(number);
    // The "changed" email shows the new configuration's picture (decision 050); the "scheduled" one before it none.
    const [changedMail, scheduledMail] = await db.select().from(emailOutbox).orderBy(desc(emailOutbox.id)).limit(2);
    expect(changedMail!.subject).toContain(number);
    expect(changedMail!.html).toContain(`cid:${ORDER_PICTURE_CID}`);
    expect(changedMail!.picture).toMatchObject({ cid: ORDER_PICTURE_CID, keys: canonicalKeys(visualKeysOf(loaded.line, otherChoices)) });
    expect(canonicalKeys(visualKeysOf(loaded.line, otherChoices))).not.toEqual(canonicalKeys(visualKeysOf(loaded.line, choices)));
    expect(scheduledMail!.subject).toContain(number);
    expect(scheduledMail!.html).not.toContain("cid:");
    expect(scheduledMail!.picture).toBeNull();

    // The same confirmation again is stale: nothing changes twice.
    const again = await run(changeAction, post(changePath(number, choices), { intent: "confirm", expectedVersion: "2", expectedTotal: String(total), catalogVersion: version }, people.claraCookie), { number });
    expect(again.status).toBe(409);
    expect((again.data as { problem: { code: string } }).problem.code).toBe("stale");
    expect((await readOrder(db, { number }))!.total).toBe(otherTotal);
  });

  it("refuses a total other than the new price, and a change after the frozen horizon, changing nothing", async () => {
    const number = await checkout();
    await schedule(number, 40);
    const tampered = await run(changeAction, post(changePath(number, otherChoices), { intent: "confirm", expectedVersion: "2", expectedTotal: String(total), catalogVersion: version }, people.claraCookie), { number });
    expect(tampered.status).toBe(409);
    expect((tampered.data as { problem: { code: string; total: number } }).problem).toMatchObject({ code: "price-changed", total: otherTotal });

    process.env.ORDER_FROZEN_HORIZON_DAYS = "60";
    const page = (await run(changeLoader, get(changePath(number, otherChoices), people.claraCookie), { number })).data as Awaited<ReturnType<typeof changeLoader>>;
    expect(page.preview).toBeNull();
    expect(page.problem?.code).toBe("frozen");
    const late = await run(changeAction, post(changePath(number, otherChoices), { intent: "confirm", expectedVersion: "2", expectedTotal: String(otherTotal), catalogVersion: version }, people.claraCookie), { number });
    expect(late.status).toBe(409);
    expect((late.data as { problem: { code: string } }).problem.code).toBe("frozen");
    const order = (await readOrder(db, { number }))!;
    expect(order).toMatchObject({ total, version: 2 });
  });

  it("refuses an invalid configuration with the engine's problems, and bad input with 400", async () => {
    const number = await checkout();
    const partial = otherChoices.slice(1);
    const page = (await run(changeLoader, get(changePath(number, partial), people.claraCookie), { number })).data as Awaited<ReturnType<typeof changeLoader>>;
    expect(page.problem?.code).toBe("invalid-configuration");
    expect(page.problem?.problems?.length).toBeGreaterThan(0);
    const bad = await run(changeAction, post(changePath(number, otherChoices), { intent: "confirm", expectedVersion: "two", expectedTotal: "", catalogVersion: version }, people.claraCookie), { number });
    expect(bad.status).toBe(400);
    expect((bad.data as { result: Reply }).result.error).toMatchObject({ expectedVersion: ["validation.invalid"] });
    const theirs = await run(changeAction, post(changePath(number, otherChoices), { intent: "confirm", expectedVersion: "1", expectedTotal: String(otherTotal), catalogVersion: version }, people.otherCookie), { number });
    expect(theirs.status).toBe(404);
    expect((await readOrder(db, { number }))!.total).toBe(total);
  });
});

describe("the customer's order list and notifications", () => {
  it("lists only the customer's own orders", async () => {
    const number = await checkout();
    const mine = (await run(accountOrdersLoader, get("/account/orders", people.claraCookie))).data as Awaited<ReturnType<typeof accountOrdersLoader>>;
    expect(mine.orders.find((o) => o.number === number)).toMatchObject({ status: "received", total, market: "DE", lineName: expect.anything() });
    const theirs = (await run(accountOrdersLoader, get("/account/orders", people.otherCookie))).data as typeof mine;
    expect(theirs.orders).toEqual([]);
    expect((await run(accountOrdersLoader, get("/account/orders", people.plannerCookie))).status).toBe(403);
  });

  it("lists the customer's notifications, counts the unread ones in the header, and marks them read", async () => {
    const number = await checkout();
    await run(orderAction, post(`/orders/${number}`, { intent: "cancel", expectedVersion: "1" }, people.claraCookie), { number });
    const list = (await run(notificationsLoader, get("/account/notifications", people.claraCookie))).data as Awaited<ReturnType<typeof notificationsLoader>>;
    const ours = list.notifications.filter((n) => n.data.number === number);
    expect(ours.map((n) => n.kind)).toEqual(["order.status", "order.received"]);
    expect(ours[0]).toMatchObject({ unread: true, href: `/orders/${number}`, data: { status: "cancelled" } });

    const unread = await unreadCount(db, people.clara);
    expect(unread).toBeGreaterThanOrEqual(2);
    const shell = (await run(rootLoader, get("/", people.claraCookie))).data as Awaited<ReturnType<typeof rootLoader>>;
    expect(shell.unreadNotifications).toBe(unread);

    // One arrives after the page was rendered: it stays unread.
    const newest = list.notifications[0]!.id;
    const later = await placeOrder(db, { id: people.clara, role: "customer" }, { line: SEDAN, catalogVersion: version, choices, texts: {}, market: "DE", expectedTotal: total, contact: { ...CONTACT, country: "DE" }, idempotencyKey: "late-arrival" });
    expect(later.ok).toBe(true);
    const marked = await run(notificationsAction, post("/account/notifications", { upTo: String(newest) }, people.claraCookie));
    expect(marked.status).toBe(302);
    expect(await unreadCount(db, people.clara)).toBe(1);

    expect((await run(notificationsAction, post("/account/notifications", { upTo: "soon" }, people.claraCookie))).status).toBe(400);
    const theirs = (await run(notificationsLoader, get("/account/notifications", people.otherCookie))).data as typeof list;
    expect(theirs.notifications.filter((n) => n.data.number === number)).toEqual([]);
    expect((await run(rootLoader, get("/", people.plannerCookie))).data).toMatchObject({ unreadNotifications: 0 });
  });
});

describe("/dev/outbox", () => {
  it("lists the outbox in development, and in production only to admins", async () => {
    await checkout();
    process.env.NODE_ENV = "development";
    const dev = await run(outboxLoader, get("/dev/outbox"));
    expect(dev.status).toBe(200);
    const { emails } = dev.data as Awaited<ReturnType<typeof outboxLoader>>;
    expect(emails[0]).toMatchObject({ to: CONTACT.email, sentAt: null, subject: expect.stringMatching(/AT-\d{7}/) });

    process.env.NODE_ENV = "production";
    expect((await run(outboxLoader, get("/dev/outbox"))).status).toBe(404);
    expect((await run(outboxLoader, get("/dev/outbox", people.claraCookie))).status).toBe(404);
    expect((await run(outboxLoader, get("/dev/outbox", adminCookie))).status).toBe(200);
  });
});
