/**
 * Every loader and action in app/routes against hostile input (fast-check,
 * seeded, a few runs each so the file stays well under a minute): form
 * bodies, JSON bodies and query strings with missing fields, wrong types,
 * huge strings, NUL and other control characters, `__proto__` and duplicate
 * keys, as a signed-in account that gets past the route's gate. No answer is
 * a 5xx (a thrown Error is one: Remix answers it 500), and a refusal (4xx)
 * leaves every table as it was.
 *
 * The routes come from walking app/routes (as route-permissions.test.ts
 * does), so a new route is fuzzed without a line here; only the ids its
 * address needs may want one in `paramValue`. Real database: PGlite, or
 * PostgreSQL with TEST_DATABASE_URL.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { dealerships } from "#db/schema";
import { sessionCookie, useSeededProcessDb, userId, type ProcessDb } from "~/.server/configurations/configurations.testing";
import { ROLES, type Role } from "~/domain/roles";
import { SEDAN, seedDealerRecords } from "./routes.testing";

const RUNS = 8;

const modules = import.meta.glob<{ loader?: unknown; action?: unknown }>(["./*.{ts,tsx}", "!./*.test.ts", "!./*.testing.ts"]);
const FILES = readdirSync(join(process.cwd(), "app", "routes"))
  .filter((f) => /\.tsx?$/.test(f) && !/\.test(ing)?\.tsx?$/.test(f))
  .sort();

const ACCOUNTS: Record<Role, string> = {
  customer: "customer@atelier.test",
  dealer: "dealer@atelier.test",
  sales_manager: "manager@atelier.test",
  planner: "planner@atelier.test",
  admin: "admin@atelier.test",
};

/** Real ids the routes' addresses name (filled in beforeAll), so a fuzzed body reaches the parsing, not a 404. */
const ids = { customer: "", number: "", lead: "", dealership: "" };

/** The value of a route's `$param`: a real id where the route needs one. */
function paramValue(file: string, name: string): string {
  switch (name) {
    case "line":
      return SEDAN;
    case "number":
      return file.includes("quotes") ? ids.number : "AT-9999999";
    case "version":
      return "1";
    case "code":
      return "NOSUCHCODE";
    case "token":
      return "not-a-token";
    case "id":
      if (file.startsWith("admin.catalog")) return "demo-2026.1";
      if (file.startsWith("admin.dealerships")) return ids.dealership;
      if (file.includes("leads")) return ids.lead;
      return ids.customer;
    default:
      return "x";
  }
}

/** A route file's address and params by Remix's flat-routes convention (`$param`, `_index`, `[.]`, trailing `_`, `$` splat). */
function addressOf(file: string): { path: string; params: Record<string, string> } {
  const tokens = file.replace(/\.tsx?$/, "").match(/(?:\[[^\]]*\]|[^.])+/g) ?? [];
  const params: Record<string, string> = {};
  const segments: string[] = [];
  for (const raw of tokens) {
    const token = raw.replace(/_$/, "");
    if (token === "_index" || token.startsWith("_")) continue;
    if (token === "$") {
      params["*"] = "no/such/page";
      segments.push("no/such/page");
      continue;
    }
    const unescaped = token.replace(/\[([^\]]*)\]/g, "$1");
    const param = /^\$([A-Za-z0-9]+)(.*)$/.exec(token);
    if (param) {
      params[param[1]] = paramValue(file, param[1]);
      segments.push(encodeURIComponent(params[param[1]]) + param[2].replace(/\[([^\]]*)\]/g, "$1"));
    } else segments.push(unescaped);
  }
  return { path: `/${segments.join("/")}`, params };
}

// ---- hostile input

const NASTY = ["\u0000", "a\u0000b", "\u0007\u001b[2J", "\u202e\u200b", "__proto__", "constructor", "-1", "1e309", "NaN", "0x10", "null", "[]", "{}", "🚗".repeat(3), "x".repeat(5_000)];
const KEYS = ["intent", "name", "email", "password", "id", "code", "line", "choices", "texts", "version", "q", "market", "lang", "customer", "label", "note", "reason", "quantity", "discount", "redirectTo", "__proto__", "constructor", "file"];
const INTENTS = ["delete", "create", "rename", "share", "send", "cancel", "save", "upload", "revoke", "follow", "approve", "reject", "schedule", "draft", "rollback"];

const nasty = fc.constantFrom(...NASTY);
const text = fc.oneof({ weight: 2, arbitrary: nasty }, fc.string({ maxLength: 30 }), fc.constantFrom(...INTENTS), fc.uuid(), fc.constantFrom(SEDAN, "DE", "JP", "en"));
const key = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...KEYS) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });

/** Plausible values, so that one bad field among good ones gets past the early checks to the code that uses it. */
const PLAUSIBLE: Record<string, string> = { name: "Ada Lovelace", email: "ada@example.test", password: "correct horse battery", line: SEDAN, version: "demo-2026.1", q: "a", market: "DE", lang: "en", label: "label", note: "note", reason: "reason", quantity: "1", discount: "0", redirectTo: "/" };
const JSON_PLAUSIBLE: Record<string, unknown> = { ...PLAUSIBLE, choices: [], texts: {}, quantity: 1 };

/** Form fields in order, duplicates allowed (FormData keeps them all): random ones, or plausible ones with one or two made bad. */
const fields: fc.Arbitrary<[string, string][]> = fc.oneof(
  fc.array(fc.tuple(key, text), { maxLength: 8 }),
  fc.tuple(fc.constantFrom(...INTENTS), fc.subarray(Object.keys(PLAUSIBLE), { minLength: 1, maxLength: 2 }), text).map(([intent, bad, value]) => [
    ["intent", intent] as [string, string],
    ...Object.entries(PLAUSIBLE).map(([k, v]) => [k, bad.includes(k) ? value : v] as [string, string]),
  ]),
);
const jsonValue = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(text, { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 8 }), text, { maxKeys: 3 }));
/** A JSON object's text, so `__proto__` and repeated keys arrive as a client would send them. */
const objectText = (entries: [string, unknown][]) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(",")}}`;
const jsonObject = fc.oneof(
  fc.array(fc.tuple(key, jsonValue), { maxLength: 6 }).map(objectText),
  fc.tuple(fc.subarray(Object.keys(JSON_PLAUSIBLE), { minLength: 1, maxLength: 2 }), jsonValue, fc.boolean()).map(([bad, value, nested]) =>
    objectText(Object.entries(JSON_PLAUSIBLE).map(([k, v]) => [k, bad.includes(k) ? (nested && k === "texts" ? { inscription: value } : nested && k === "choices" ? [value] : value) : v] as [string, unknown])),
  ),
);

type Body = { kind: "form"; fields: [string, string][] } | { kind: "multipart"; fields: [string, string][] } | { kind: "json"; text: string } | { kind: "raw"; type: string; text: string };

type Input = { query: [string, string][]; body?: Body };

const body: fc.Arbitrary<Body> = fc.oneof(
  fields.map((f) => ({ kind: "form" as const, fields: f })),
  fields.map((f) => ({ kind: "multipart" as const, fields: f })),
  jsonObject.map((text) => ({ kind: "json" as const, text })),
  fc.jsonValue().map((v) => ({ kind: "json" as const, text: JSON.stringify(v) })),
  fc.record({ type: fc.constantFrom("application/json", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain", ""), text: fc.oneof(fc.string({ maxLength: 60 }), fc.constantFrom("{", "a=%00&a=%ZZ", "--x\r\nContent-Disposition: form-data\r\n\r\n", "\u0000")) }).map((r) => ({ kind: "raw" as const, ...r })),
);

/**
 * Always tried first: a NUL in each field the routes know. One field at a
 * time in the API's query strings and JSON bodies (their schemas are strict:
 * an unknown key is refused before the rest is looked at); in every field at
 * once among plausible values in a page's form.
 */
const NUL = "a\u0000";
const JSON_KEYS = ["line", "version", "choices", "texts", "name", "email", "market", "lang", "want", "customer", "catalogVersion", "configurationId", "note", "reason", "label", "code", "q"];
const nulQueries: Input[] = [...new Set([...KEYS, ...JSON_KEYS, "limit", "status", "sort", "page"])].map((k) => ({ query: [[k, NUL]] }));
const nulForm: Input = { query: [], body: { kind: "form", fields: Object.entries({ ...Object.fromEntries(KEYS.map((k) => [k, NUL])), intent: "create" }) } };
const nulJson: Input[] = JSON_KEYS.map((k) => ({
  query: [],
  body: { kind: "json", text: objectText(Object.entries(k === "line" ? { line: NUL } : { line: SEDAN, [k]: k === "texts" ? { inscription: NUL } : k === "choices" ? [NUL] : NUL })) },
}));

/** The examples a route gets first: the API's query or JSON fields one by one, a page's form all at once. */
function examplesFor(method: "GET" | "POST", path: string): [Input][] {
  const list = !path.startsWith("/api/") ? [nulForm] : method === "GET" ? nulQueries : [nulForm, ...nulJson];
  return list.map((input) => [input]);
}

const query: fc.Arbitrary<[string, string][]> = fc.oneof(
  fc.array(fc.tuple(key, text), { maxLength: 5 }),
  fc.tuple(fc.subarray(KEYS, { minLength: 1, maxLength: 4 }), text).map(([keys, value]) => keys.map((k) => [k, value] as [string, string])),
);

function requestFor(method: "GET" | "POST", path: string, cookie: string | null, input: Input): Request {
  const url = new URL(`http://localhost${path}`);
  for (const [k, v] of input.query) url.searchParams.append(k, v);
  const headers = new Headers(cookie ? { Cookie: cookie } : {});
  if (method === "GET" || !input.body) return new Request(url, { method, headers });
  const b = input.body;
  let payload: BodyInit;
  if (b.kind === "form") payload = new URLSearchParams(b.fields);
  else if (b.kind === "multipart") {
    const form = new FormData();
    for (const [k, v] of b.fields) form.append(k, v);
    payload = form;
  } else {
    payload = b.text;
    headers.set("Content-Type", b.kind === "json" ? "application/json" : b.type);
    if (b.kind === "raw" && b.type === "") headers.delete("Content-Type");
  }
  return new Request(url, { method, headers, body: payload });
}

type Args = { request: Request; params: Record<string, string>; context: Record<string, unknown> };

/** Call a handler as Remix does: its status (a thrown Error is Remix's 500), and the body read (or the stream closed). */
async function answer(handler: unknown, request: Request, params: Record<string, string>, gone: AbortController): Promise<{ status: number; location: string | null; detail: string }> {
  let result: unknown;
  try {
    result = await (handler as (args: Args) => Promise<unknown>)({ request, params, context: { requestId: "fuzz", clientAddress: "192.0.2.7" } });
  } catch (thrown) {
    result = thrown;
  } finally {
    gone.abort();
  }
  if (result instanceof Response) {
    const type = result.headers.get("Content-Type") ?? "";
    const readable = type.startsWith("application/json") || type.startsWith("text/plain");
    const detail = readable ? (await result.text()).slice(0, 300) : "";
    if (!readable) await result.body?.cancel().catch(() => {});
    return { status: result.status, location: result.headers.get("Location"), detail };
  }
  if (result instanceof Error) return { status: 500, location: null, detail: String(result.stack ?? result) };
  if (result && typeof result === "object" && "init" in result && "data" in result) {
    const init = (result as { init: ResponseInit | null }).init;
    return { status: init?.status ?? 200, location: null, detail: JSON.stringify((result as { data: unknown }).data)?.slice(0, 300) ?? "" };
  }
  return { status: 200, location: null, detail: "" };
}

let pdb: ProcessDb;
let db: Db;
let countAll: () => Promise<Record<string, number>>;

/** Tables a refused request may still touch: sign-in bookkeeping (sessions, attempts counted against guessing). */
const BOOKKEEPING = /^(sessions|sign_in_attempts)$/;

beforeAll(async () => {
  pdb = await useSeededProcessDb();
  db = pdb.db;
  const seeded = await seedDealerRecords(db, ACCOUNTS);
  const [dealership] = await db.select({ id: dealerships.id }).from(dealerships).where(eq(dealerships.code, seeded.dealershipCode));
  Object.assign(ids, { customer: seeded.customer, number: seeded.number, lead: seeded.lead, dealership: dealership.id });

  const tables = (await db.execute<{ table_name: string }>(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`)) as unknown;
  const names = ((Array.isArray(tables) ? tables : (tables as { rows: { table_name: string }[] }).rows) as { table_name: string }[])
    .map((r) => r.table_name)
    .filter((name) => !BOOKKEEPING.test(name) && !name.startsWith("__drizzle"));
  const counting = sql.raw(`select ${names.map((n) => `(select count(*) from "${n}")::int as "${n}"`).join(", ")}`);
  countAll = async () => {
    const result = (await db.execute(counting)) as unknown;
    const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, number>[];
    return rows[0];
  };
}, 120_000);

afterAll(async () => {
  await pdb?.close();
});

const blocked = (a: { status: number; location: string | null }) => a.status === 401 || a.status === 403 || (a.status === 302 && (a.location ?? "").startsWith("/login"));

/** A fresh session for the first role the route lets past its gate with an empty request (signed out when none). */
async function cookieFor(handler: unknown, method: "GET" | "POST", path: string, params: Record<string, string>): Promise<string | null> {
  for (const role of ROLES) {
    const cookie = await sessionCookie(db, await userId(db, ACCOUNTS[role]));
    const probe = await answer(handler, requestFor(method, path, cookie, { body: { kind: "form", fields: [] }, query: [] }), params, new AbortController());
    if (!blocked(probe)) return cookie;
  }
  return null;
}

describe("hostile input on every route", () => {
  // Every action, and the API's loaders (their query strings are input too). A page's loader reads at most a few
  // query fields; the request guard refuses a NUL in any address before a route runs (request-guard.server.test.ts).
  const cases = FILES.flatMap((file) => (file.startsWith("api.") ? (["POST", "GET"] as const) : (["POST"] as const)).map((method) => [`${method} ${file}`, file, method] as const));

  it.each(cases)("%s: never a 5xx, and a refusal writes nothing", async (_name, file, method) => {
    const mod = await modules[`./${file}`]!();
    const handler = method === "GET" ? mod.loader : mod.action;
    if (!handler) return;
    const { path, params } = addressOf(file);
    const cookie = await cookieFor(handler, method, path, params);
    const seed = [...`${method} ${file}`].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 7);
    const examples = examplesFor(method, path);
    let rows = await countAll();
    await fc.assert(
      fc.asyncProperty(method === "GET" ? fc.record<Input>({ query }) : fc.record<Input>({ query, body }), async (input) => {
        const before = rows;
        // The event stream stays open until its request goes away.
        const gone = new AbortController();
        const request = requestFor(method, path, cookie, input);
        const got = await answer(handler, new Request(request, { signal: gone.signal }), params, gone);
        expect(got.status, `${method} ${path} answered ${got.status}: ${got.detail}`).toBeLessThan(500);
        // Counted after each call, compared with the count after the one before (a success may write).
        rows = await countAll();
        if (got.status >= 400) {
          const after = rows;
          const changed = Object.keys(after).filter((t) => after[t] !== before[t]);
          expect(changed, `${method} ${path} refused (${got.status}) but changed rows in`).toEqual([]);
        }
      }),
      {
        // Examples count as runs: the random ones come on top.
        numRuns: examples.length + RUNS,
        seed,
        endOnFailure: true,
        examples,
      },
    );
  });
});
