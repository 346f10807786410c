/**
 * The whole route table against the permission table (~/domain/permissions):
 * every loader and action in app/routes has a row here, and every row that
 * isn't public is called by each role and by a signed-out visitor with real
 * sessions against a real seeded database (PGlite, or PostgreSQL with
 * TEST_DATABASE_URL).
 *
 *   - a route behind a permission lets exactly the roles that hold it past
 *     its gate, and answers 403 to the others;
 *   - a route for any signed-in account (ownership lives in its queries)
 *     lets every role past;
 *   - signed out, a page sends the visitor to /login (and back), the API
 *     answers 401;
 *   - a public route says why it is public, and answers a signed-out visitor
 *     without asking them to sign in.
 *
 * "Past the gate" is anything but 401, 403 or a redirect to /login: a 404
 * for an order that isn't yours, a 400 for an empty form.
 * dealer.ownership.test.ts checks which dealership's ids each dealer reaches.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionCookie, useSeededProcessDb, userId, type ProcessDb } from "~/.server/configurations/configurations.testing";
import { can, type Permission } from "~/domain/permissions";
import { ROLES, type Role } from "~/domain/roles";
import { SEDAN, seedDealerRecords } from "./routes.testing";

/** A well-formed order number no order has. */
const NO_ORDER = "AT-9999999";
/** A well-formed dealership id no dealership has. */
const NO_DEALERSHIP = "00000000-0000-4000-8000-000000000000";

/** Who guards a route. */
type Gate =
  | { permission: Permission }
  /** Any signed-in account: which rows it sees is decided by ownership in the repository's queries. */
  | { signedIn: string }
  | { public: string };

interface Row {
  /** The route module in app/routes. */
  file: string;
  method: "GET" | "POST";
  /** Pages send a signed-out visitor to /login, the API (and the event stream) answers 401. */
  kind: "page" | "api";
  path: () => string;
  params?: () => Record<string, string>;
  gate: Gate;
}

/** München's ids the dealers' routes are called with (filled in beforeAll): a customer, a sent quote and a lead. */
const ids = { customer: "", number: "", lead: "" };

const page = (file: string, method: Row["method"], path: Row["path"], gate: Gate, params?: Row["params"]): Row => ({ file, method, kind: "page", path, params, gate });
const api = (file: string, method: Row["method"], path: Row["path"], gate: Gate, params?: Row["params"]): Row => ({ file, method, kind: "api", path, params, gate });
const noSuchMethod: Gate = { public: "answers 405 to everyone: the route has no such method" };
const catalog: Gate = { public: "the published catalog is for everyone, signed in or not" };
const quoteParams = () => ({ number: ids.number });

/** Every loader and action in app/routes. Add a row when adding a route: the scan below fails until you do. */
const ROWS: Row[] = [
  // ---- public
  page("$.tsx", "GET", () => "/no/such/page", { public: "the 404 page for an address no route matches" }),
  page("$.tsx", "POST", () => "/no/such/page", { public: "the 404 page for an address no route matches" }),
  page("_index.tsx", "GET", () => "/", catalog),
  page("configure.$line._index.tsx", "GET", () => `/configure/${SEDAN}`, catalog, () => ({ line: SEDAN })),
  page("configure.$line.review.tsx", "GET", () => `/configure/${SEDAN}/review`, { public: "anyone reviews a configuration; ordering it asks them to sign in" }, () => ({ line: SEDAN })),
  page("configure.$line.review.tsx", "POST", () => `/configure/${SEDAN}/review`, { public: "anyone prints a design sheet: it shares the configuration as a share code, which needs no account" }, () => ({ line: SEDAN })),
  page("share.$code_.sheet.tsx", "GET", () => "/share/NOSUCHCODE/sheet", { public: "a share code's design sheet, like the share page, needs no account" }, () => ({ code: "NOSUCHCODE" })),
  page("share._index.tsx", "GET", () => "/share", { public: "opening a share code needs no account" }),
  api("picture.$line[.png].ts", "GET", () => `/picture/${SEDAN}.png?k=paint:tango-red:metallic&w=320`, { public: "a picture drawn from a line's visual keys alone shows nothing personal" }, () => ({ line: SEDAN })),
  page("share.$code.tsx", "GET", () => "/share/NOSUCHCODE", { public: "opening a share code needs no account" }, () => ({ code: "NOSUCHCODE" })),
  page("send-to-dealer.tsx", "GET", () => "/send-to-dealer?share=NOSUCHCODE", { public: "visitors send a configuration to a dealer too (with their contact); staff get 403 (leads.test.ts)" }),
  page("send-to-dealer.tsx", "POST", () => "/send-to-dealer?share=NOSUCHCODE", { public: "visitors send a configuration to a dealer too (with their contact); staff get 403 (leads.test.ts)" }),
  page("unsubscribe.$token.tsx", "GET", () => "/unsubscribe/not-a-token", { public: "an email's unsubscribe link works without signing in: its token is signed by the server" }, () => ({ token: "not-a-token" })),
  page("unsubscribe.$token.tsx", "POST", () => "/unsubscribe/not-a-token", { public: "one-click unsubscribe (RFC 8058) from a mail program, signed token instead of a session" }, () => ({ token: "not-a-token" })),
  page("set-password.$token.tsx", "GET", () => "/set-password/not-a-token", { public: "an invitation, reset or claim link: its one-time token is the credential (404 unknown, 410 used or expired)" }, () => ({ token: "not-a-token" })),
  page("set-password.$token.tsx", "POST", () => "/set-password/not-a-token", { public: "setting a password with a one-time link's token" }, () => ({ token: "not-a-token" })),
  page("login.tsx", "GET", () => "/login", { public: "signing in" }),
  page("login.tsx", "POST", () => "/login", { public: "signing in" }),
  page("signup.tsx", "GET", () => "/signup", { public: "creating a customer account" }),
  page("signup.tsx", "POST", () => "/signup", { public: "creating a customer account" }),
  page("logout.tsx", "GET", () => "/logout", { public: "signing out (GET only redirects home)" }),
  page("logout.tsx", "POST", () => "/logout", { public: "signing out" }),
  page("preferences.tsx", "POST", () => "/preferences", { public: "language and market are chosen before signing in too" }),
  page("preferences.tsx", "GET", () => "/preferences", { public: "only redirects home" }),
  page("healthz.ts", "GET", () => "/healthz", { public: "load balancers ask whether the database answers" }),
  page("dev.scene.tsx", "GET", () => "/dev/scene", { public: "a development tool: 404 in production" }),
  page("dev.outbox.tsx", "GET", () => "/dev/outbox", { public: "a development tool: outside development only for outbox.read (404 to others)" }),
  api("api.v1.$.ts", "GET", () => "/api/v1/nothing", { public: "404 for an API address no route matches" }),
  api("api.v1.$.ts", "POST", () => "/api/v1/nothing", { public: "404 for an API address no route matches" }),
  api("api.v1.lines.ts", "GET", () => "/api/v1/lines", catalog),
  api("api.v1.lines.ts", "POST", () => "/api/v1/lines", noSuchMethod),
  api("api.v1.lines.$line.ts", "GET", () => `/api/v1/lines/${SEDAN}`, catalog, () => ({ line: SEDAN })),
  api("api.v1.lines.$line.ts", "POST", () => `/api/v1/lines/${SEDAN}`, noSuchMethod, () => ({ line: SEDAN })),
  api("api.v1.lines.$line.recommendations.ts", "GET", () => `/api/v1/lines/${SEDAN}/recommendations`, catalog, () => ({ line: SEDAN })),
  api("api.v1.lines.$line.recommendations.ts", "POST", () => `/api/v1/lines/${SEDAN}/recommendations`, noSuchMethod, () => ({ line: SEDAN })),
  api("api.v1.configure.ts", "POST", () => "/api/v1/configure", catalog),
  api("api.v1.configure.ts", "GET", () => "/api/v1/configure", noSuchMethod),
  api("api.v1.resolve.ts", "POST", () => "/api/v1/resolve", catalog),
  api("api.v1.resolve.ts", "GET", () => "/api/v1/resolve", noSuchMethod),
  api("api.v1.delivery-estimate.ts", "GET", () => `/api/v1/delivery-estimate?line=${SEDAN}`, { public: "an estimate for anyone (a customer's own tier when signed in)" }),
  api("api.v1.delivery-estimate.ts", "POST", () => "/api/v1/delivery-estimate", noSuchMethod),
  api("api.v1.share.ts", "POST", () => "/api/v1/share", { public: "anyone shares a configuration given in full; sharing a saved one needs configuration.save" }),
  api("api.v1.share.ts", "GET", () => "/api/v1/share", noSuchMethod),
  api("api.v1.share.$code.ts", "GET", () => "/api/v1/share/NOSUCHCODE", { public: "opening a share code needs no account" }, () => ({ code: "NOSUCHCODE" })),
  api("api.v1.share.$code.ts", "POST", () => "/api/v1/share/NOSUCHCODE", noSuchMethod, () => ({ code: "NOSUCHCODE" })),
  api("api.v1.orders.$number.ts", "POST", () => `/api/v1/orders/${NO_ORDER}`, noSuchMethod, () => ({ number: NO_ORDER })),
  api("api.v1.openapi[.]json.ts", "GET", () => "/api/v1/openapi.json", { public: "the API's description for machines: no data, only shapes" }),
  api("api.v1.openapi[.]json.ts", "POST", () => "/api/v1/openapi.json", noSuchMethod),
  api("api.v1.quotes.$number.ts", "POST", () => `/api/v1/quotes/${ids.number}`, noSuchMethod, quoteParams),

  // ---- any signed-in account
  page("account.api-tokens.tsx", "GET", () => "/account/api-tokens", { signedIn: "every account may hold API tokens; a token carries its owner's permissions" }),
  page("account.api-tokens.tsx", "POST", () => "/account/api-tokens", { signedIn: "every account may hold API tokens; a token carries its owner's permissions" }),
  page("orders.$number._index.tsx", "GET", () => `/orders/${NO_ORDER}`, { signedIn: "an order its viewer may see (own, dealership's, or all)" }, () => ({ number: NO_ORDER })),
  page("orders.$number._index.tsx", "POST", () => `/orders/${NO_ORDER}`, { signedIn: "an order its viewer may see; the repository decides who may cancel it" }, () => ({ number: NO_ORDER })),
  page("orders.$number.change.tsx", "GET", () => `/orders/${NO_ORDER}/change`, { signedIn: "the repository decides who may change an order" }, () => ({ number: NO_ORDER })),
  page("orders.$number.change.tsx", "POST", () => `/orders/${NO_ORDER}/change`, { signedIn: "the repository decides who may change an order" }, () => ({ number: NO_ORDER })),
  page("orders.$number.confirmed.tsx", "GET", () => `/orders/${NO_ORDER}/confirmed`, { signedIn: "an order its viewer may see" }, () => ({ number: NO_ORDER })),
  api("events.orders.ts", "GET", () => "/events/orders", { signedIn: "each listener hears only the orders they may see" }),
  api("api.v1.orders.ts", "GET", () => "/api/v1/orders", { signedIn: "the caller's own orders" }),
  api("api.v1.orders.$number.ts", "GET", () => `/api/v1/orders/${NO_ORDER}`, { signedIn: "an order its caller may see" }, () => ({ number: NO_ORDER })),

  // ---- behind a permission
  page("account._index.tsx", "GET", () => "/account", { permission: "order.read.own" }),
  page("account.orders.tsx", "GET", () => "/account/orders", { permission: "order.read.own" }),
  page("account.recently-viewed.ts", "POST", () => "/account/recently-viewed", { permission: "order.read.own" }),
  page("account.profile.tsx", "GET", () => "/account/profile", { permission: "profile.edit" }),
  page("account.profile.tsx", "POST", () => "/account/profile", { permission: "profile.edit" }),
  page("account.privacy.tsx", "GET", () => "/account/privacy", { permission: "profile.edit" }),
  page("account.privacy.tsx", "POST", () => "/account/privacy", { permission: "profile.edit" }),
  page("account.notifications.tsx", "GET", () => "/account/notifications", { permission: "notification.read" }),
  page("account.notifications.tsx", "POST", () => "/account/notifications", { permission: "notification.read" }),
  page("account.configurations.tsx", "GET", () => "/account/configurations", { permission: "configuration.save" }),
  page("account.configurations.tsx", "POST", () => "/account/configurations", { permission: "configuration.save" }),
  page("account.configurations_.compare.tsx", "GET", () => "/account/configurations/compare", { permission: "configuration.save" }),
  page("configure.$line.order.tsx", "GET", () => `/configure/${SEDAN}/order`, { permission: "order.place" }, () => ({ line: SEDAN })),
  page("configure.$line.order.tsx", "POST", () => `/configure/${SEDAN}/order`, { permission: "order.place" }, () => ({ line: SEDAN })),
  api("api.v1.configurations.ts", "GET", () => "/api/v1/configurations", { permission: "configuration.save" }),
  api("api.v1.configurations.ts", "POST", () => "/api/v1/configurations", { permission: "configuration.save" }),
  api("api.v1.orders.ts", "POST", () => "/api/v1/orders", { permission: "order.place" }),
  page("admin._index.tsx", "GET", () => "/admin", { permission: "catalog.publish" }),
  page("admin.catalog._index.tsx", "GET", () => "/admin/catalog", { permission: "catalog.publish" }),
  page("admin.catalog._index.tsx", "POST", () => "/admin/catalog", { permission: "catalog.publish" }),
  page("admin.catalog.$id._index.tsx", "GET", () => "/admin/catalog/demo-2026.1", { permission: "catalog.publish" }, () => ({ id: "demo-2026.1" })),
  page("admin.catalog.$id._index.tsx", "POST", () => "/admin/catalog/demo-2026.1", { permission: "catalog.publish" }, () => ({ id: "demo-2026.1" })),
  page("admin.catalog.$id.diff.tsx", "GET", () => "/admin/catalog/demo-2026.1/diff", { permission: "catalog.publish" }, () => ({ id: "demo-2026.1" })),
  page("admin.catalog.$id.download.ts", "GET", () => "/admin/catalog/demo-2026.1/download", { permission: "catalog.publish" }, () => ({ id: "demo-2026.1" })),
  page("admin.catalog.$id.publish.tsx", "GET", () => "/admin/catalog/demo-2026.1/publish", { permission: "catalog.publish" }, () => ({ id: "demo-2026.1" })),
  page("admin.catalog.$id.publish.tsx", "POST", () => "/admin/catalog/demo-2026.1/publish", { permission: "catalog.publish" }, () => ({ id: "demo-2026.1" })),
  page("admin.catalog.$id_.edit.tsx", "GET", () => "/admin/catalog/no-such-draft/edit", { permission: "catalog.publish" }, () => ({ id: "no-such-draft" })),
  page("admin.catalog.$id_.edit.tsx", "POST", () => "/admin/catalog/no-such-draft/edit", { permission: "catalog.publish" }, () => ({ id: "no-such-draft" })),
  page("admin.catalog.$id_.impact.tsx", "GET", () => "/admin/catalog/no-such-draft/impact", { permission: "catalog.publish" }, () => ({ id: "no-such-draft" })),
  page("admin.users.tsx", "GET", () => "/admin/users", { permission: "user.manage" }),
  page("admin.users.tsx", "POST", () => "/admin/users", { permission: "user.manage" }),
  page("admin.users.$id.privacy.tsx", "GET", () => `/admin/users/${NO_DEALERSHIP}/privacy`, { permission: "user.manage" }, () => ({ id: NO_DEALERSHIP })),
  page("admin.users.$id.privacy.tsx", "POST", () => `/admin/users/${NO_DEALERSHIP}/privacy`, { permission: "user.manage" }, () => ({ id: NO_DEALERSHIP })),
  page("admin.dealerships._index.tsx", "GET", () => "/admin/dealerships", { permission: "dealership.manage" }),
  page("admin.dealerships._index.tsx", "POST", () => "/admin/dealerships", { permission: "dealership.manage" }),
  page("admin.dealerships.$id.tsx", "GET", () => `/admin/dealerships/${NO_DEALERSHIP}`, { permission: "dealership.manage" }, () => ({ id: NO_DEALERSHIP })),
  page("admin.dealerships.$id.tsx", "POST", () => `/admin/dealerships/${NO_DEALERSHIP}`, { permission: "dealership.manage" }, () => ({ id: NO_DEALERSHIP })),
  page("admin.audit.tsx", "GET", () => "/admin/audit", { permission: "audit.read" }),
  page("admin.audit[.]csv.ts", "GET", () => "/admin/audit.csv", { permission: "audit.read" }),
  page("planning._index.tsx", "GET", () => "/planning", { permission: "queue.manage" }),
  page("planning._index.tsx", "POST", () => "/planning", { permission: "queue.manage" }),
  page("planning.capacity.tsx", "GET", () => "/planning/capacity", { permission: "queue.manage" }),
  page("planning.capacity.tsx", "POST", () => "/planning/capacity", { permission: "queue.manage" }),
  page("planning.demand.tsx", "GET", () => "/planning/demand", { permission: "queue.manage" }),
  page("planning.demand[.]csv.ts", "GET", () => "/planning/demand.csv", { permission: "queue.manage" }),
  page("planning.queue[.]csv.ts", "GET", () => "/planning/queue.csv", { permission: "queue.manage" }),
  page("planning.sequence.tsx", "GET", () => "/planning/sequence", { permission: "queue.manage" }),
  page("planning.sequence.tsx", "POST", () => "/planning/sequence", { permission: "queue.manage" }),
  page("planning.sequence[.]csv.ts", "GET", () => "/planning/sequence.csv", { permission: "queue.manage" }),
  page("planning.sequence_.status.ts", "GET", () => "/planning/sequence/status", { permission: "queue.manage" }),
  page("planning.orders.$number.tsx", "GET", () => `/planning/orders/${NO_ORDER}`, { permission: "queue.manage" }, () => ({ number: NO_ORDER })),
  page("planning.orders.$number.tsx", "POST", () => `/planning/orders/${NO_ORDER}`, { permission: "queue.manage" }, () => ({ number: NO_ORDER })),
  page("dealer._index.tsx", "GET", () => "/dealer", { permission: "quote.manage" }),
  page("dealer._index.tsx", "POST", () => "/dealer", { permission: "quote.manage" }),
  page("dealer.orders.tsx", "GET", () => "/dealer/orders", { permission: "order.read.dealership" }),
  page("dealer.customers._index.tsx", "GET", () => "/dealer/customers", { permission: "quote.manage" }),
  page("dealer.customers._index.tsx", "POST", () => "/dealer/customers", { permission: "quote.manage" }),
  page("dealer.customers.$id.tsx", "GET", () => `/dealer/customers/${ids.customer}`, { permission: "quote.manage" }, () => ({ id: ids.customer })),
  page("dealer.customers.$id.tsx", "POST", () => `/dealer/customers/${ids.customer}`, { permission: "quote.manage" }, () => ({ id: ids.customer })),
  page("customers.$id.tsx", "GET", () => `/customers/${ids.customer}`, { permission: "customer-file.read" }, () => ({ id: ids.customer })),
  page("customers.$id.tsx", "POST", () => `/customers/${ids.customer}`, { permission: "customer-file.read" }, () => ({ id: ids.customer })),
  page("dealer.quotes.new._index.tsx", "GET", () => `/dealer/quotes/new?customer=${ids.customer}`, { permission: "quote.manage" }),
  page("dealer.quotes.new._index.tsx", "GET", () => "/dealer/quotes/new?share=NOSUCHCODE", { permission: "quote.manage" }),
  page("dealer.quotes.new.$line.tsx", "GET", () => `/dealer/quotes/new/${SEDAN}?customer=${ids.customer}`, { permission: "quote.manage" }, () => ({ line: SEDAN })),
  page("dealer.quotes.new.$line.tsx", "POST", () => `/dealer/quotes/new/${SEDAN}?customer=${ids.customer}`, { permission: "quote.manage" }, () => ({ line: SEDAN })),
  page("dealer.quotes.$number._index.tsx", "GET", () => `/dealer/quotes/${ids.number}`, { permission: "quote.manage" }, quoteParams),
  page("dealer.quotes.$number._index.tsx", "POST", () => `/dealer/quotes/${ids.number}`, { permission: "quote.manage" }, quoteParams),
  page("dealer.quotes.$number.edit.tsx", "GET", () => `/dealer/quotes/${ids.number}/edit`, { permission: "quote.manage" }, quoteParams),
  page("dealer.quotes.$number.edit.tsx", "POST", () => `/dealer/quotes/${ids.number}/edit`, { permission: "quote.manage" }, quoteParams),
  page("dealer.quotes.$number_.present.tsx", "GET", () => `/dealer/quotes/${ids.number}/present`, { permission: "quote.manage" }, quoteParams),
  page("dealer.quotes.$number_.v.$version[.pdf].ts", "GET", () => `/dealer/quotes/${ids.number}/v/1.pdf`, { permission: "quote.manage" }, () => ({ number: ids.number, version: "1" })),
  page("dealer.quotes.$number_.v.$version[.pdf].ts", "POST", () => `/dealer/quotes/${ids.number}/v/1.pdf`, { permission: "quote.manage" }, () => ({ number: ids.number, version: "1" })),
  page("dealer.leads._index.tsx", "GET", () => "/dealer/leads", { permission: "lead.manage" }),
  page("dealer.leads.$id.tsx", "GET", () => `/dealer/leads/${ids.lead}`, { permission: "lead.manage" }, () => ({ id: ids.lead })),
  page("dealer.leads.$id.tsx", "POST", () => `/dealer/leads/${ids.lead}`, { permission: "lead.manage" }, () => ({ id: ids.lead })),
  api("api.v1.customers.ts", "GET", () => "/api/v1/customers", { permission: "quote.manage" }),
  api("api.v1.customers.ts", "POST", () => "/api/v1/customers", { permission: "quote.manage" }),
  api("api.v1.quotes.ts", "GET", () => "/api/v1/quotes", { permission: "quote.manage" }),
  api("api.v1.quotes.ts", "POST", () => "/api/v1/quotes", { permission: "quote.manage" }),
  api("api.v1.quotes.$number.ts", "GET", () => `/api/v1/quotes/${ids.number}`, { permission: "quote.manage" }, quoteParams),
  api("api.v1.quotes.$number.send.ts", "POST", () => `/api/v1/quotes/${ids.number}/send`, { permission: "quote.manage" }, quoteParams),
];

/** The signed-in account of each role (the seed's demo accounts; the dealers work at Atelier München). */
const ACCOUNTS: Record<Role, string> = {
  customer: "customer@atelier.test",
  dealer: "dealer@atelier.test",
  sales_manager: "manager@atelier.test",
  planner: "planner@atelier.test",
  admin: "admin@atelier.test",
};

const modules = import.meta.glob<{ loader?: unknown; action?: unknown }>(["./*.{ts,tsx}", "!./*.test.ts", "!./*.testing.ts"]);

let pdb: ProcessDb;
const cookies = {} as Record<Role, string>;

beforeAll(async () => {
  pdb = await useSeededProcessDb();
  const { db } = pdb;
  for (const role of ROLES) cookies[role] = await sessionCookie(db, await userId(db, ACCOUNTS[role]));
  const seeded = await seedDealerRecords(db, ACCOUNTS);
  Object.assign(ids, { customer: seeded.customer, number: seeded.number, lead: seeded.lead });
});

afterAll(async () => {
  await pdb?.close();
});

type Args = { request: Request; params: Record<string, string>; context: Record<string, unknown> };
type Answer = { status: number; location: string | null; text: string };

/** Call a row's handler with an empty form (pages) or an empty JSON object (API): the gate comes before the input. */
async function call(row: Row, role: Role | null): Promise<Answer> {
  const mod = await modules[`./${row.file}`]!();
  const handler = (row.method === "GET" ? mod.loader : mod.action) as (args: Args) => Promise<unknown>;
  const headers: Record<string, string> = role ? { Cookie: cookies[role] } : {};
  let body: BodyInit | undefined;
  if (row.method === "POST") {
    if (row.kind === "api") headers["Content-Type"] = "application/json";
    body = row.kind === "api" ? "{}" : new FormData();
  }
  // The event stream stays open until its request goes away.
  const gone = new AbortController();
  const request = new Request(`http://localhost${row.path()}`, { method: row.method, headers, body, signal: gone.signal });
  let result: unknown;
  try {
    result = await handler({ request, params: row.params?.() ?? {}, context: {} });
  } catch (thrown) {
    result = thrown;
  } finally {
    gone.abort();
  }
  if (result instanceof Response) {
    const type = result.headers.get("Content-Type") ?? "";
    const readable = !type.startsWith("application/pdf") && !type.startsWith("image/") && !type.startsWith("text/event-stream");
    const text = readable ? await result.text() : "";
    if (!readable) await result.body?.cancel();
    return { status: result.status, location: result.headers.get("Location"), text };
  }
  if (result instanceof Error) throw result;
  // Remix's data(...) carries its status in init; plain objects are 200.
  if (result && typeof result === "object" && "init" in result && "data" in result) {
    return { status: (result as { init: ResponseInit | null }).init?.status ?? 200, location: null, text: "" };
  }
  return { status: 200, location: null, text: "" };
}

const label = (row: Row, who: Role | null) => `${who ?? "signed out"}: ${row.method} ${row.path()} (${row.file})`;
const sentToSignIn = (answer: Answer) => answer.status === 302 && (answer.location ?? "").startsWith("/login");
const pastTheGate = (answer: Answer) => answer.status !== 401 && answer.status !== 403 && !sentToSignIn(answer);

describe("the route table against the permission table", () => {
  it("has a row for every loader and action in app/routes, and no row for one that doesn't exist", async () => {
    const files = readdirSync(join(process.cwd(), "app", "routes")).filter((f) => /\.tsx?$/.test(f) && !/\.test(ing)?\.tsx?$/.test(f));
    const missing: string[] = [];
    for (const file of files) {
      const mod = await modules[`./${file}`]!();
      for (const [method, handler] of [["GET", mod.loader], ["POST", mod.action]] as const)
        if (handler && !ROWS.some((r) => r.file === file && r.method === method)) missing.push(`${method} ${file}`);
    }
    expect(missing, "routes without a row (add one to ROWS: a permission, or public with a reason)").toEqual([]);
    for (const row of ROWS) {
      const mod = await modules[`./${row.file}`]?.();
      expect(row.method === "GET" ? mod?.loader : mod?.action, `${row.method} ${row.file}: no such handler`).toBeDefined();
    }
  });

  it.each(ROLES)("lets %s past exactly the gates the permission table opens to them", async (role) => {
    for (const row of ROWS) {
      if ("public" in row.gate) continue;
      const answer = await call(row, role);
      if ("signedIn" in row.gate || can({ role }, row.gate.permission)) expect(pastTheGate(answer), `${label(row, role)} answered ${answer.status} ${answer.text.slice(0, 200)}`).toBe(true);
      else expect(answer.status, label(row, role)).toBe(403);
    }
  });

  it("sends a signed-out visitor to sign in on every page that isn't public, and answers 401 on the API", async () => {
    for (const row of ROWS) {
      if ("public" in row.gate) continue;
      const answer = await call(row, null);
      if (row.kind === "page") {
        expect(answer.status, label(row, null)).toBe(302);
        expect(answer.location, label(row, null)).toBe(`/login?${new URLSearchParams({ redirectTo: row.path() })}`);
      } else {
        expect(answer.status, label(row, null)).toBe(401);
      }
    }
  });

  it("answers a signed-out visitor on every public route without asking them to sign in", async () => {
    for (const row of ROWS) {
      if (!("public" in row.gate)) continue;
      expect(row.gate.public, `${row.file}: the reason it is public`).not.toBe("");
      const answer = await call(row, null);
      expect(pastTheGate(answer), `${label(row, null)} answered ${answer.status}`).toBe(true);
    }
  });
});
