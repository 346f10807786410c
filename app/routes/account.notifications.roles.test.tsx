// @vitest-environment jsdom
/**
 * Every role's notification centre, against a real seeded database (PGlite,
 * or PostgreSQL with TEST_DATABASE_URL) through the route's own loader and
 * action: each role lists exactly its own notifications, the header's link
 * and badge show for every role with its unread count, one or all are marked
 * read, another user's notification is a 404 that changes nothing, and bad
 * ids are a 400 (never a 500). A dealer's page reads each staff kind as a
 * sentence in their language with a link to its thing.
 */
import { and, eq, isNull } from "drizzle-orm";
import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { Outlet, type RouteObject } from "react-router-dom";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { notifications } from "#db/schema";
import { unreadCount } from "~/.server/messages/notifications.server";
import { sessionCookie, useSeededProcessDb, userId, type ProcessDb } from "~/.server/configurations/configurations.testing";
import { SiteHeader } from "~/components/site-header";
import type { Role } from "~/domain/roles";
import { getI18n } from "~/i18n";
import { loader as rootLoader } from "~/root";
import Notifications, { action, loader } from "./account.notifications";
import { run } from "./pages.testing";

let pdb: ProcessDb;
let db: Db;

const ACCOUNTS: Record<Role, string> = {
  customer: "customer@atelier.test",
  dealer: "dealer@atelier.test",
  sales_manager: "manager@atelier.test",
  planner: "planner@atelier.test",
  admin: "admin@atelier.test",
};
const ROLES = Object.keys(ACCOUNTS) as Role[];
const people = {} as Record<Role, { id: string; cookie: string }>;

/** What each role's real writers leave in its centre (kinds and facts as those writers store them). */
const FIXTURES: Record<Role, { kind: string; data: Record<string, string | number | null>; href: string }[]> = {
  customer: [
    { kind: "order.received", data: { number: "AT-0000901", status: "received", from: null, buildDate: null }, href: "/orders/AT-0000901" },
    { kind: "order.status", data: { number: "AT-0000901", status: "cancelled", from: "received", buildDate: null }, href: "/orders/AT-0000901" },
  ],
  dealer: [
    { kind: "quote.approved", data: { number: "Q-0000901", version: 2, comment: null }, href: "/dealer/quotes/Q-0000901" },
    { kind: "quote.rejected", data: { number: "Q-0000902", version: 1, comment: "Zu viel" }, href: "/dealer/quotes/Q-0000902" },
    { kind: "quote.expiring", data: { number: "Q-0000903", version: 1, validUntil: "2027-01-05" }, href: "/dealer/quotes/Q-0000903" },
    { kind: "lead.received", data: { lead: "00000000-0000-4000-8000-000000000901" }, href: "/dealer/leads/00000000-0000-4000-8000-000000000901" },
    { kind: "dealership.order-status", data: { number: "AT-0000902", status: "in_production", from: "scheduled" }, href: "/orders/AT-0000902" },
    { kind: "catalog.published", data: { version: "2027.1" }, href: "/dealer/quotes/new" },
  ],
  sales_manager: [{ kind: "quote.approval-requested", data: { number: "Q-0000904", version: 1 }, href: "/dealer/quotes/Q-0000904" }],
  planner: [{ kind: "catalog.published", data: { version: "2027.1" }, href: "/planning/demand" }],
  admin: [
    { kind: "catalog.published", data: { version: "2027.1" }, href: "/admin" },
    { kind: "catalog.published", data: { version: "2027.2" }, href: "/admin" },
  ],
};
const ids = {} as Record<Role, number[]>;

beforeAll(async () => {
  pdb = await useSeededProcessDb();
  db = pdb.db;
  for (const role of ROLES) {
    const id = await userId(db, ACCOUNTS[role]);
    people[role] = { id, cookie: await sessionCookie(db, id) };
    const rows = await db
      .insert(notifications)
      .values(FIXTURES[role].map((f) => ({ userId: id, ...f })))
      .returning({ id: notifications.id });
    ids[role] = rows.map((r) => r.id);
  }
});

afterAll(async () => {
  await pdb?.close();
});

const get = (cookie: string, path = "/account/notifications") => new Request(`http://localhost${path}`, { headers: { Cookie: cookie } });
const post = (cookie: string, fields: Record<string, string>) => {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  return new Request("http://localhost/account/notifications", { method: "POST", body, headers: { Cookie: cookie } });
};
type Page = Awaited<ReturnType<typeof loader>>;
type Shell = Awaited<ReturnType<typeof rootLoader>>;
const badge = async (role: Role) => (await run<Shell>(rootLoader, get(people[role].cookie, "/"))).data!.unreadNotifications;
const readAt = async (id: number) => (await db.select({ readAt: notifications.readAt }).from(notifications).where(eq(notifications.id, id)))[0]!.readAt;

describe("every role's notification centre", () => {
  it("lists exactly the reader's own notifications, newest first, and the header counts their unread ones", async () => {
    for (const role of ROLES) {
      const page = await run<Page>(loader, get(people[role].cookie));
      expect(page.status, role).toBe(200);
      expect(page.data!.notifications.map((n) => n.id), role).toEqual([...ids[role]].reverse());
      expect(await badge(role), role).toBe(FIXTURES[role].length);
      expect(await badge(role), role).toBe(await unreadCount(db, people[role].id));
    }
  });

  it("shows every role the header's link to its centre with the unread badge", async () => {
    for (const role of ROLES) {
      await render("/", [{ id: "root", path: "/", element: <SiteHeader user={{ email: ACCOUNTS[role], role }} language="en" market="DE" unreadNotifications={FIXTURES[role].length} /> }], "en");
      const link = document.querySelector('[data-testid="notifications-link"]');
      expect(link?.getAttribute("href"), role).toBe("/account/notifications");
      expect(document.querySelector('[data-testid="unread-count"]')?.textContent, role).toBe(String(FIXTURES[role].length));
    }
  });
});

describe("marking read", () => {
  it("marks one of the reader's own: the badge drops by one and the others stay unread", async () => {
    const [first, second] = ids.dealer;
    const before = await badge("dealer");
    const marked = await run(action, post(people.dealer.cookie, { id: String(first) }));
    expect(marked.status).toBe(302);
    expect(await readAt(first!)).not.toBeNull();
    expect(await readAt(second!)).toBeNull();
    expect(await badge("dealer")).toBe(before - 1);
    // Marking it again changes nothing and is no error.
    const stamp = await readAt(first!);
    expect((await run(action, post(people.dealer.cookie, { id: String(first) }))).status).toBe(302);
    expect(await readAt(first!)).toEqual(stamp);
  });

  it("refuses another user's notification as one that doesn't exist (404), leaving it unread", async () => {
    const theirs = ids.sales_manager[0]!;
    for (const role of ["customer", "dealer", "planner", "admin"] as const) {
      const before = await badge(role);
      const refused = await run(action, post(people[role].cookie, { id: String(theirs) }));
      expect(refused.status, role).toBe(404);
      expect(await readAt(theirs), role).toBeNull();
      expect(await badge(role), role).toBe(before);
    }
    expect(await badge("sales_manager")).toBe(1);
    expect((await run(action, post(people.dealer.cookie, { id: "999999999" }))).status).toBe(404);
  });

  it("answers malformed input with a 400 and marks nothing", async () => {
    const unread = async () => (await db.select({ id: notifications.id }).from(notifications).where(isNull(notifications.readAt))).length;
    const before = await unread();
    const cases: Record<string, string>[] = [{}, { id: "abc" }, { id: "-1" }, { id: "0" }, { id: "1.5" }, { id: "" }, { id: "99999999999999999999" }, { upTo: "soon" }, { upTo: "-3" }];
    for (const fields of cases) {
      const answer = await run(action, post(people.planner.cookie, fields));
      expect(answer.status, JSON.stringify(fields)).toBe(400);
    }
    expect(await unread()).toBe(before);
  });

  it("marks all of the reader's own up to the newest the page showed, and nobody else's", async () => {
    const newest = Math.max(...Object.values(ids).flat());
    const othersBefore = await db
      .select({ id: notifications.id })
      .from(notifications)
      .where(and(isNull(notifications.readAt)));
    const marked = await run(action, post(people.admin.cookie, { upTo: String(newest) }));
    expect(marked.status).toBe(302);
    expect(await badge("admin")).toBe(0);
    const othersAfter = await db.select({ id: notifications.id }).from(notifications).where(isNull(notifications.readAt));
    expect(othersAfter.map((r) => r.id).sort()).toEqual(othersBefore.map((r) => r.id).filter((id) => !ids.admin.includes(id)).sort());
    expect(await badge("sales_manager")).toBe(1);
  });
});

describe("the staff's sentences", () => {
  it("reads each staff kind in the dealer's language, with a link to its quote, lead, order or catalog", async () => {
    const page = (await run<Page>(loader, get(people.dealer.cookie))).data!;
    await render(
      "/account/notifications",
      [{ id: "root", path: "/", loader: () => ({ language: "ja" }), element: <Outlet />, children: [{ id: "page", path: "account/notifications", loader: () => JSON.parse(JSON.stringify(page)), Component: Notifications }] }],
      "ja",
    );
    const en = getI18n("en").t;
    for (const f of FIXTURES.dealer) {
      const item = document.querySelector(`[data-kind="${f.kind}"]`);
      expect(item, f.kind).not.toBeNull();
      const text = item!.textContent!;
      expect(text, f.kind).not.toMatch(/\{\{|\}\}|undefined|NaN|notifications\./);
      // Japanese (kana), not the English fallback of an unknown kind.
      expect(text, f.kind).toMatch(/[\u3040-\u30ff]/);
      expect(text, f.kind).not.toContain(en("notifications.kind.other", { number: "" }).slice(0, 10));
      expect(item!.querySelector("a")?.getAttribute("href"), f.kind).toBe(f.href);
    }
    expect(document.querySelector('[data-kind="quote.rejected"]')!.textContent).toContain("Zu viel");
    expect(document.querySelector('[data-kind="quote.expiring"]')!.textContent).toContain("Q-0000903");
    expect(document.querySelector('[data-kind="dealership.order-status"]')!.textContent).toContain(getI18n("ja").t("orders.status.in_production"));
    expect(document.querySelector('[data-kind="catalog.published"]')!.textContent).toContain("2027.1");
    // Only unread ones offer "mark as read": the dealer read one above.
    expect(document.querySelectorAll('[data-testid="mark-one-read"]').length).toBe(page.notifications.filter((n) => n.unread).length);
  });
});

/** Render routes at `path` in `language` as the server would (the header's links and forms need a data router). */
async function render(path: string, routes: RouteObject[], language: "en" | "ja"): Promise<void> {
  const handler = createStaticHandler(routes);
  const context = await handler.query(new Request(`http://localhost${path}`));
  if (context instanceof Response) throw new Error(`unexpected response ${context.status}`);
  document.body.innerHTML = renderToString(
    <I18nextProvider i18n={getI18n(language)}>
      <StaticRouterProvider router={createStaticRouter(handler.dataRoutes, context)} context={context} hydrate={false} />
    </I18nextProvider>,
  );
}
