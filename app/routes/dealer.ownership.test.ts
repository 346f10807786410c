/**
 * The ownership matrix (issue 6, item 7): every dealer page and every dealers'
 * API route, walked with real sessions against a real seeded database
 * (PGlite, or PostgreSQL with TEST_DATABASE_URL):
 *
 *   - the dealer of Atelier München reaches München's customers and quotes;
 *   - the dealer of Atelier Shanghai gets 403 for every München id — pages and
 *     API alike — and nothing is written by any of their POSTs; on list routes
 *     they see none of München's data;
 *   - a customer's and a planner's account get 403 everywhere;
 *   - signed out, a page sends the visitor to /login and the API answers 401.
 *
 * A route can't skip the matrix: the last test lists app/routes and fails for
 * any `dealer.*`, `api.v1.quotes*` or `api.v1.customers*` route that has no
 * row here (add one to ROUTES).
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { dealershipCustomers, leads, notifications, orders, quotes, quoteVersions, users } from "#db/schema";
import { createShareCode } from "~/.server/configurations/configurations.server";
import { demoSedan, signInAs, useSeededProcessDb, userId, type ProcessDb } from "~/.server/configurations/configurations.testing";
import { sendLead } from "~/.server/leads/leads.server";
import { addCustomer, createQuote, dealerContext, getQuote, sendQuote } from "~/.server/quotes/quotes.server";

const SEDAN = "sedan-a6l";

/** München's ids the routes are called with (filled in beforeAll). */
const ids = { customer: "", number: "", email: "", name: "", share: "", lead: "" };

type Who = "dealer" | "dealer2" | "customer" | "planner";

interface Route {
  /** The route module in app/routes. */
  file: string;
  kind: "page" | "api";
  method: "GET" | "POST";
  path: () => string;
  params: () => Record<string, string>;
  /** POST: form fields (pages) or the JSON body (API), naming München's ids. */
  body?: () => Record<string, unknown>;
  /**
   * "id": the address or body names a München id → 403 for Shanghai.
   * "list": the dealership's own data (Shanghai sees theirs: 200, and none of München's).
   * "none": no dealership data at all (e.g. adding a customer): only the role checks apply.
   */
  scope: "id" | "list" | "none";
  /** What München's dealer gets: 200 for pages and reads; for POSTs a harmless request's answer (never 403). */
  own: number;
  /** A method the route doesn't have: this answer (405) for everyone, signed in or not, before anything is read. */
  everyone?: number;
}

const quoteForm = (extra: Record<string, string> = {}) => ({
  customer: ids.customer,
  line: SEDAN,
  choices: chosen.join(","),
  texts: "{}",
  discountKind: "percent",
  discountValue: "1",
  ...extra,
});

/**
 * Every dealers' route. Add a row when adding a route: the scan below fails
 * until you do.
 */
const ROUTES: Route[] = [
  // ---- pages
  { file: "dealer._index.tsx", kind: "page", method: "GET", path: () => "/dealer", params: () => ({}), scope: "list", own: 200 },
  { file: "dealer._index.tsx", kind: "page", method: "GET", path: () => `/dealer?q=${encodeURIComponent(ids.email.split("@")[0]!)}`, params: () => ({}), scope: "list", own: 200 },
  // A share code typed in: malformed → 400 (a good one is redirected to choosing the customer; nothing is written either way).
  { file: "dealer._index.tsx", kind: "page", method: "POST", path: () => "/dealer", params: () => ({}), body: () => ({ code: "" }), scope: "none", own: 400 },
  { file: "dealer.orders.tsx", kind: "page", method: "GET", path: () => "/dealer/orders", params: () => ({}), scope: "list", own: 200 },
  { file: "dealer.customers._index.tsx", kind: "page", method: "GET", path: () => "/dealer/customers", params: () => ({}), scope: "list", own: 200 },
  {
    file: "dealer.customers._index.tsx",
    kind: "page",
    method: "POST",
    path: () => "/dealer/customers",
    params: () => ({}),
    body: () => ({ name: "", email: "" }),
    scope: "none",
    own: 400,
  },
  { file: "dealer.customers.$id.tsx", kind: "page", method: "GET", path: () => `/dealer/customers/${ids.customer}`, params: () => ({ id: ids.customer }), scope: "id", own: 200 },
  // An empty note: München's dealer gets 400 and nothing is written (Shanghai's 403 before the form is read).
  { file: "dealer.customers.$id.tsx", kind: "page", method: "POST", path: () => `/dealer/customers/${ids.customer}`, params: () => ({ id: ids.customer }), body: () => ({ intent: "note", body: "" }), scope: "id", own: 400 },
  { file: "dealer.quotes.new._index.tsx", kind: "page", method: "GET", path: () => `/dealer/quotes/new?customer=${ids.customer}`, params: () => ({}), scope: "id", own: 200 },
  // A share code without a customer: the customers to choose from are the dealership's own.
  { file: "dealer.quotes.new._index.tsx", kind: "page", method: "GET", path: () => `/dealer/quotes/new?share=${ids.share}`, params: () => ({}), scope: "list", own: 200 },
  {
    file: "dealer.quotes.new.$line.tsx",
    kind: "page",
    method: "GET",
    path: () => `/dealer/quotes/new/${SEDAN}?customer=${ids.customer}`,
    params: () => ({ line: SEDAN }),
    scope: "id",
    own: 200,
  },
  {
    file: "dealer.quotes.new.$line.tsx",
    kind: "page",
    method: "POST",
    path: () => `/dealer/quotes/new/${SEDAN}?customer=${ids.customer}`,
    params: () => ({ line: SEDAN }),
    // A valid quote: München's dealer gets it made (302 to the quote), Shanghai's dealer 403 (the customer isn't theirs).
    body: () => quoteForm(),
    scope: "id",
    own: 302,
  },
  { file: "dealer.quotes.$number._index.tsx", kind: "page", method: "GET", path: () => `/dealer/quotes/${ids.number}`, params: () => ({ number: ids.number }), scope: "id", own: 200 },
  {
    file: "dealer.quotes.$number._index.tsx",
    kind: "page",
    method: "POST",
    path: () => `/dealer/quotes/${ids.number}`,
    params: () => ({ number: ids.number }),
    // A stale lock: München's dealer gets 409 and nothing changes.
    body: () => ({ intent: "sign", expectedLock: "999", signature: "M 1 1 L 9 9" }),
    scope: "id",
    own: 409,
  },
  { file: "dealer.quotes.$number.edit.tsx", kind: "page", method: "GET", path: () => `/dealer/quotes/${ids.number}/edit`, params: () => ({ number: ids.number }), scope: "id", own: 200 },
  {
    file: "dealer.quotes.$number.edit.tsx",
    kind: "page",
    method: "POST",
    path: () => `/dealer/quotes/${ids.number}/edit`,
    params: () => ({ number: ids.number }),
    body: () => quoteForm({ expectedLock: "999" }),
    scope: "id",
    own: 409,
  },
  {
    file: "dealer.quotes.$number_.present.tsx",
    kind: "page",
    method: "GET",
    path: () => `/dealer/quotes/${ids.number}/present`,
    params: () => ({ number: ids.number }),
    scope: "id",
    own: 200,
  },
  {
    file: "dealer.quotes.$number_.v.$version[.pdf].ts",
    kind: "page",
    method: "GET",
    path: () => `/dealer/quotes/${ids.number}/v/1.pdf`,
    params: () => ({ number: ids.number, version: "1" }),
    scope: "id",
    own: 200,
  },
  {
    file: "dealer.quotes.$number_.v.$version[.pdf].ts",
    kind: "page",
    method: "POST",
    path: () => `/dealer/quotes/${ids.number}/v/1.pdf`,
    params: () => ({ number: ids.number, version: "1" }),
    // Version 1 is sent: München's dealer is sent on to the PDF.
    body: () => ({ intent: "send", expectedLock: "999" }),
    scope: "id",
    own: 303,
  },
  { file: "dealer.leads._index.tsx", kind: "page", method: "GET", path: () => "/dealer/leads", params: () => ({}), scope: "list", own: 200 },
  { file: "dealer.leads.$id.tsx", kind: "page", method: "GET", path: () => `/dealer/leads/${ids.lead}`, params: () => ({ id: ids.lead }), scope: "id", own: 200 },
  // An unknown intent: München's dealer gets 400 and nothing changes (Shanghai's 403 before the form is read).
  { file: "dealer.leads.$id.tsx", kind: "page", method: "POST", path: () => `/dealer/leads/${ids.lead}`, params: () => ({ id: ids.lead }), body: () => ({ intent: "bogus" }), scope: "id", own: 400 },
  // ---- API
  { file: "api.v1.quotes.ts", kind: "api", method: "GET", path: () => "/api/v1/quotes", params: () => ({}), scope: "list", own: 200 },
  { file: "api.v1.quotes.ts", kind: "api", method: "GET", path: () => `/api/v1/quotes?customer=${ids.customer}`, params: () => ({}), scope: "id", own: 200 },
  {
    file: "api.v1.quotes.ts",
    kind: "api",
    method: "POST",
    path: () => "/api/v1/quotes",
    params: () => ({}),
    body: () => ({ customer: ids.customer, line: SEDAN, choices: chosen, discount: { kind: "percent", value: -1 } }),
    scope: "id",
    own: 400,
  },
  { file: "api.v1.quotes.$number.ts", kind: "api", method: "GET", path: () => `/api/v1/quotes/${ids.number}`, params: () => ({ number: ids.number }), scope: "id", own: 200 },
  {
    file: "api.v1.quotes.$number.ts",
    kind: "api",
    method: "POST",
    path: () => `/api/v1/quotes/${ids.number}`,
    params: () => ({ number: ids.number }),
    body: () => ({}),
    scope: "id",
    own: 405,
    everyone: 405,
  },
  {
    file: "api.v1.quotes.$number.send.ts",
    kind: "api",
    method: "POST",
    path: () => `/api/v1/quotes/${ids.number}/send`,
    params: () => ({ number: ids.number }),
    // A stale lock: München's dealer gets 409 and nothing changes.
    body: () => ({ expectedLock: 999 }),
    scope: "id",
    own: 409,
  },
  { file: "api.v1.customers.ts", kind: "api", method: "GET", path: () => "/api/v1/customers", params: () => ({}), scope: "list", own: 200 },
  { file: "api.v1.customers.ts", kind: "api", method: "GET", path: () => `/api/v1/customers?q=${encodeURIComponent(ids.email)}`, params: () => ({}), scope: "list", own: 200 },
  {
    file: "api.v1.customers.ts",
    kind: "api",
    method: "POST",
    path: () => "/api/v1/customers",
    params: () => ({}),
    body: () => ({ name: "Nobody", email: "nobody@example.test" }),
    scope: "none",
    own: 400,
  },
];

/** The route modules, by file name (imported lazily: a missing file fails its own rows). */
const modules = import.meta.glob<{ loader?: unknown; action?: unknown }>(["./dealer.*.{ts,tsx}", "./api.v1.quotes*.ts", "./api.v1.customers*.ts", "!./*.test.ts"]);

let pdb: ProcessDb;
let db: Db;
const cookies: Record<Who, string> = { dealer: "", dealer2: "", customer: "", planner: "" };
let chosen: string[] = [];

beforeAll(async () => {
  pdb = await useSeededProcessDb();
  db = pdb.db;
  for (const who of Object.keys(cookies) as Who[]) cookies[who] = await signInAs(db, `${who}@atelier.test`);
  const munich = (await dealerContext(db, await userId(db, "dealer@atelier.test")))!;
  chosen = (await demoSedan(db)).choices;
  const customer = await addCustomer(db, munich, { name: "Lena Ownership", email: "lena.ownership@example.test", phone: "+49 89 4440404", consentToContact: true });
  if (!customer.ok) throw new Error(customer.problem.message);
  const quote = await createQuote(db, munich, customer.value.id, { line: SEDAN, choices: chosen, texts: {}, market: "DE", discount: { kind: "percent", value: 200 } });
  if (!quote.ok) throw new Error(quote.problem.message);
  const sent = await sendQuote(db, munich, quote.value.number, quote.value.lockVersion);
  if (!sent.ok) throw new Error(sent.problem.message);
  const share = await createShareCode(db, { line: SEDAN, choices: chosen, texts: {} }, { createdBy: customer.value.id });
  if (!share.ok) throw new Error(share.problem.message);
  // A visitor's lead to München, under the customer's name (so a page leaking it to Shanghai shows it).
  const lead = await sendLead(db, {
    sender: { visitor: { name: customer.value.name, email: customer.value.email } },
    source: { share: share.value.code },
    form: { dealership: munich.dealership.code, preferredContact: "email" },
    clientAddress: "192.0.2.1",
  });
  if (!lead.ok) throw new Error(lead.problem.message);
  Object.assign(ids, { customer: customer.value.id, number: quote.value.number, email: customer.value.email, name: customer.value.name, share: share.value.code, lead: lead.value.id });
});

afterAll(async () => {
  await pdb?.close();
});

type Args = { request: Request; params: Record<string, string>; context: Record<string, unknown> };

async function call(route: Route, who: Who | null): Promise<{ status: number; location: string | null; text: string }> {
  const load = modules[`./${route.file}`];
  if (!load) throw new Error(`no route module app/routes/${route.file}`);
  const mod = await load();
  const handler = (route.method === "GET" ? mod.loader : mod.action) as ((args: Args) => Promise<unknown>) | undefined;
  if (!handler) throw new Error(`app/routes/${route.file} has no ${route.method === "GET" ? "loader" : "action"}`);
  const headers: Record<string, string> = who ? { Cookie: cookies[who] } : {};
  let body: BodyInit | undefined;
  if (route.method === "POST") {
    const fields = route.body?.() ?? {};
    if (route.kind === "api") {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(fields);
    } else {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.append(k, String(v));
      body = form;
    }
  }
  const request = new Request(`http://localhost${route.path()}`, { method: route.method, headers, body });
  let result: unknown;
  try {
    result = await handler({ request, params: route.params(), context: {} });
  } catch (thrown) {
    result = thrown;
  }
  if (result instanceof Response) {
    const binary = (result.headers.get("Content-Type") ?? "").startsWith("application/pdf");
    return { status: result.status, location: result.headers.get("Location"), text: binary ? "" : await result.text() };
  }
  if (result instanceof Error) throw result;
  // Remix's data(...) carries its status in init; plain objects are 200.
  if (result && typeof result === "object" && "init" in result && "data" in result) {
    const { data, init } = result as { data: unknown; init: ResponseInit | null };
    return { status: init?.status ?? 200, location: null, text: JSON.stringify(data) };
  }
  return { status: 200, location: null, text: JSON.stringify(result) };
}

const label = (route: Route) => `${route.method} ${route.path()} (${route.file})`;

async function counts() {
  const n = async (table: typeof users | typeof dealershipCustomers | typeof quotes | typeof quoteVersions | typeof orders | typeof notifications | typeof leads) =>
    (await db.select({ n: count() }).from(table))[0]!.n;
  const quote = await getQuote(db, { dealershipId: (await dealerContext(db, await userId(db, "dealer@atelier.test")))!.dealershipId }, ids.number);
  return {
    users: await n(users),
    links: await n(dealershipCustomers),
    quotes: await n(quotes),
    versions: await n(quoteVersions),
    orders: await n(orders),
    notifications: await n(notifications),
    leads: await n(leads),
    leadStatuses: (await db.select({ status: leads.status }).from(leads)).map((l) => l.status).join(","),
    lock: quote!.lockVersion,
  };
}

describe("the ownership matrix", () => {
  it("München's dealer reaches München's customers and quotes on every route", async () => {
    for (const route of ROUTES) {
      const out = await call(route, "dealer");
      expect(out.status, `${label(route)}: ${out.text.slice(0, 200)}`).toBe(route.own);
    }
  });

  it("Shanghai's dealer gets 403 for every München id (pages and API), sees none of München's data on lists, and writes nothing", async () => {
    const before = await counts();
    for (const route of ROUTES.filter((r) => r.scope === "id")) {
      const out = await call(route, "dealer2");
      expect(out.status, label(route)).toBe(route.everyone ?? 403);
      expect(out.text, label(route)).not.toContain(ids.name);
    }
    for (const route of ROUTES.filter((r) => r.scope === "list")) {
      const out = await call(route, "dealer2");
      expect(out.status, label(route)).toBe(200);
      for (const secret of [ids.number, ids.name, ids.email, ids.customer]) expect(out.text, label(route)).not.toContain(secret);
    }
    expect(await counts()).toEqual(before);
  });

  it("a customer's and a planner's account get 403 on every route, and write nothing", async () => {
    const before = await counts();
    for (const who of ["customer", "planner"] as const)
      for (const route of ROUTES) {
        const out = await call(route, who);
        expect(out.status, `${who}: ${label(route)}`).toBe(route.everyone ?? 403);
      }
    expect(await counts()).toEqual(before);
  });

  it("signed out, pages send the visitor to sign in (and back) and the API answers 401; nothing is written", async () => {
    const before = await counts();
    for (const route of ROUTES) {
      const out = await call(route, null);
      if (route.everyone) {
        expect(out.status, label(route)).toBe(route.everyone);
      } else if (route.kind === "page") {
        expect(out.status, label(route)).toBe(302);
        expect(out.location, label(route)).toBe(`/login?${new URLSearchParams({ redirectTo: route.path() })}`);
      } else {
        expect(out.status, label(route)).toBe(401);
        expect(JSON.parse(out.text).error.code, label(route)).toBe("unauthorized");
      }
    }
    expect(await counts()).toEqual(before);
  });

  it("has a row for every dealers' route in app/routes (a new route can't skip the matrix)", () => {
    const dir = join(process.cwd(), "app", "routes");
    const routes = readdirSync(dir)
      .filter((f) => /^(dealer[._]|api\.v1\.(quotes|customers)[.$])/.test(f) && /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
      .sort();
    const covered = [...new Set(ROUTES.map((r) => r.file))].sort();
    expect(covered, "routes in the matrix that don't exist").toEqual(covered.filter((f) => routes.includes(f)));
    expect(routes.filter((f) => !covered.includes(f)), "dealers' routes missing from ROUTES").toEqual([]);
    // Every module with an action has a POST row, every one with a loader a GET row.
    return Promise.all(
      routes.map(async (file) => {
        const mod = await modules[`./${file}`]!();
        if (mod.loader) expect(ROUTES.some((r) => r.file === file && r.method === "GET"), `${file}: GET row`).toBe(true);
        if (mod.action) expect(ROUTES.some((r) => r.file === file && r.method === "POST"), `${file}: POST row`).toBe(true);
      }),
    );
  });
});
