/**
 * /api/v1/openapi.json against the routes it describes, called as Remix
 * calls them on a real seeded database (PGlite, or PostgreSQL with
 * TEST_DATABASE_URL): every route file under api.v1.* and each method it
 * answers (anything but 405) is in the document; every operation's success
 * answer and a refusal of each kind the document lists are what the routes
 * really answer — a documented status, a body of the documented shape.
 */
import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { answerSchemas, errorBodySchema, OPERATIONS, openApiDocument, type Operation } from "~/.server/api/openapi.server";
import { createCustomer, publishSuccessor, sessionCookie, signInAs, useSeededProcessDb, userId, type ProcessDb } from "~/.server/configurations/configurations.testing";
import { demoOrderInput } from "~/.server/orders/orders.testing";
import { getLine } from "~/.server/catalog/catalog.server";
import { complete } from "~/domain/engine";
import { call, get, type Handler } from "./api.testing";

const SEDAN = "sedan-a6l";
const modules = import.meta.glob<{ loader?: unknown; action?: unknown }>(["./api.v1.*.ts", "!./*.test.ts", "!./*.testing.ts"]);

let pdb: ProcessDb;
const cookies = { customer: "", dealer: "" };
let choices: string[] = [];
let orderBody: Record<string, unknown> = {};

beforeAll(async () => {
  pdb = await useSeededProcessDb();
  const { db } = pdb;
  cookies.customer = await signInAs(db, "customer@atelier.test");
  cookies.dealer = await sessionCookie(db, await userId(db, "dealer@atelier.test"));
  await createCustomer(db, "openapi.probe@example.test");
  const loaded = (await getLine(SEDAN, undefined, { db }))!;
  choices = complete(loaded.compiled, { choices: [] }, { market: "DE" })!;
  const { contact, idempotencyKey: _header, ...body } = await demoOrderInput(db, ["PQD"]);
  orderBody = { ...body, delivery: contact };
});

afterAll(async () => {
  await pdb?.close();
});

type Doc = { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
const doc = () => openApiDocument() as unknown as Doc;

/** A route file's address as OpenAPI writes it: `$param` → `{param}`, `[.]` → `.`. */
function openApiPath(file: string): string {
  const tokens = file.replace(/\.ts$/, "").match(/(?:\[[^\]]*\]|[^.])+/g) ?? [];
  return `/${tokens.map((t) => (t.startsWith("$") ? `{${t.slice(1)}}` : t.replace(/\[([^\]]*)\]/g, "$1"))).join("/")}`;
}

describe("the OpenAPI document", () => {
  it("is served at /api/v1/openapi.json as OpenAPI 3.1, the API's error shape for other methods", async () => {
    const mod = await modules["./api.v1.openapi[.]json.ts"]!();
    const { status, body } = await call(mod.loader, get("/api/v1/openapi.json"));
    expect(status).toBe(200);
    expect(body.openapi).toBe("3.1.0");
    expect(answerSchemas.openapi.safeParse(body).success).toBe(true);
    const post = await call(mod.action, new Request("http://localhost/api/v1/openapi.json", { method: "POST" }));
    expect(post.status).toBe(405);
  });

  it("has every route under /api/v1 with each method it answers", async () => {
    const files = readdirSync(join(process.cwd(), "app", "routes")).filter((f) => /^api\.v1\..+\.ts$/.test(f) && !/\.test(ing)?\.ts$/.test(f) && f !== "api.v1.$.ts");
    const missing: string[] = [];
    for (const file of files) {
      const mod = await modules[`./${file}`]!();
      const path = openApiPath(file);
      for (const [method, handler] of [["get", mod.loader], ["post", mod.action]] as const) {
        if (!handler) continue;
        const params = Object.fromEntries([...path.matchAll(/\{(\w+)\}/g)].map((m) => [m[1], "x"]));
        const url = `http://localhost${path.replace(/\{(\w+)\}/g, "x")}`;
        const answer = (await (handler as Handler)({ request: new Request(url, { method: method.toUpperCase() }), params, context: {} })) as Response;
        await answer.body?.cancel();
        if (answer.status !== 405 && !doc().paths[path]?.[method]) missing.push(`${method.toUpperCase()} ${path} (${file})`);
      }
    }
    expect(missing).toEqual([]);
    for (const op of OPERATIONS) expect(files.map(openApiPath), `${op.path} has a route`).toContain(op.path);
  });
});

/** A real call of an operation, by what it should show. */
interface Case {
  op: `${"GET" | "POST"} ${string}`;
  /** The address with its ids filled in. */
  url: () => string;
  params?: () => Record<string, string>;
  body?: () => unknown;
  cookie?: keyof typeof cookies;
  headers?: Record<string, string>;
}

const ctx = { quote: "", lock: 0, order: "", share: "", customer: "" };

/** Happy paths first (they make the ids later cases use), then a refusal of each kind. */
const CASES: Case[] = [
  { op: "GET /api/v1/lines", url: () => "/api/v1/lines" },
  { op: "GET /api/v1/lines/{line}", url: () => `/api/v1/lines/${SEDAN}?market=JP`, params: () => ({ line: SEDAN }) },
  { op: "GET /api/v1/lines/{line}/recommendations", url: () => `/api/v1/lines/${SEDAN}/recommendations`, params: () => ({ line: SEDAN }) },
  { op: "POST /api/v1/configure", url: () => "/api/v1/configure", body: () => ({ line: SEDAN, choices: ["PQD"] }) },
  { op: "POST /api/v1/resolve", url: () => "/api/v1/resolve", body: () => ({ line: SEDAN, choices, want: "PQD" }) },
  { op: "GET /api/v1/delivery-estimate", url: () => `/api/v1/delivery-estimate?line=${SEDAN}` },
  { op: "POST /api/v1/share", url: () => "/api/v1/share", body: () => ({ line: SEDAN, choices }) },
  { op: "GET /api/v1/share/{code}", url: () => `/api/v1/share/${ctx.share}`, params: () => ({ code: ctx.share }) },
  { op: "POST /api/v1/configurations", url: () => "/api/v1/configurations", body: () => ({ line: SEDAN, choices, name: "Mine" }), cookie: "customer" },
  { op: "GET /api/v1/configurations", url: () => "/api/v1/configurations", cookie: "customer" },
  { op: "POST /api/v1/orders", url: () => "/api/v1/orders", body: () => orderBody, cookie: "customer", headers: { "Idempotency-Key": randomUUID() } },
  { op: "GET /api/v1/orders", url: () => "/api/v1/orders", cookie: "customer" },
  { op: "GET /api/v1/orders/{number}", url: () => `/api/v1/orders/${ctx.order}`, params: () => ({ number: ctx.order }), cookie: "customer" },
  { op: "GET /api/v1/customers", url: () => "/api/v1/customers?q=openapi", cookie: "dealer" },
  { op: "POST /api/v1/customers", url: () => "/api/v1/customers", body: () => ({ name: "Open Api", email: "open.api@example.test", consentToContact: false }), cookie: "dealer" },
  { op: "POST /api/v1/quotes", url: () => "/api/v1/quotes", body: () => ({ customer: ctx.customer, line: SEDAN, choices, discount: { kind: "percent", value: 0 } }), cookie: "dealer" },
  { op: "GET /api/v1/quotes", url: () => "/api/v1/quotes", cookie: "dealer" },
  { op: "GET /api/v1/quotes/{number}", url: () => `/api/v1/quotes/${ctx.quote}`, params: () => ({ number: ctx.quote }), cookie: "dealer" },
  { op: "POST /api/v1/quotes/{number}/send", url: () => `/api/v1/quotes/${ctx.quote}/send`, params: () => ({ number: ctx.quote }), body: () => ({ expectedLock: ctx.lock }), cookie: "dealer" },
  // Refusals: bad input (400), no credentials (401), the wrong role (403), unknown (404), too large (413), not JSON (415), a NUL (400).
  { op: "GET /api/v1/lines/{line}", url: () => "/api/v1/lines/nope", params: () => ({ line: "nope" }) },
  { op: "GET /api/v1/lines", url: () => "/api/v1/lines?market=XX" },
  { op: "POST /api/v1/configure", url: () => "/api/v1/configure", body: () => ({ line: SEDAN, version: "a\u0000" }) },
  { op: "POST /api/v1/configure", url: () => "/api/v1/configure", body: () => ({ line: SEDAN, texts: { inscription: "x".repeat(70_000) } }) },
  { op: "POST /api/v1/configure", url: () => "/api/v1/configure", body: () => "line=x", headers: { "Content-Type": "application/x-www-form-urlencoded" } },
  { op: "GET /api/v1/configurations", url: () => "/api/v1/configurations" },
  { op: "GET /api/v1/customers", url: () => "/api/v1/customers", cookie: "customer" },
  { op: "GET /api/v1/customers", url: () => "/api/v1/customers?q=%00", cookie: "dealer" },
  { op: "GET /api/v1/orders/{number}", url: () => "/api/v1/orders/AT-9999999", params: () => ({ number: "AT-9999999" }), cookie: "customer" },
  { op: "POST /api/v1/quotes/{number}/send", url: () => `/api/v1/quotes/${ctx.quote}/send`, params: () => ({ number: ctx.quote }), body: () => ({ expectedLock: ctx.lock + 9 }), cookie: "dealer" },
];

const opOf = (c: Case): Operation => OPERATIONS.find((o) => `${o.method.toUpperCase()} ${o.path}` === c.op)!;
const fileOf = (op: Operation) => `./${op.path.slice(1).replace(/\{(\w+)\}/g, "$$$1").replaceAll("/", ".").replace(".openapi.json", ".openapi[.]json")}.ts`;

describe("the real answers", () => {
  it("are of a documented status and shape, for every operation's success and each kind of refusal", async () => {
    const succeeded = new Set<string>();
    for (const c of CASES) {
      const op = opOf(c);
      expect(op, c.op).toBeDefined();
      const mod = await modules[fileOf(op)]!();
      const handler = op.method === "get" ? mod.loader : mod.action;
      const headers: Record<string, string> = { ...(c.cookie ? { Cookie: cookies[c.cookie] } : {}), ...(c.body ? { "Content-Type": "application/json" } : {}), ...c.headers };
      const raw = c.body?.();
      const request = new Request(`http://localhost${c.url()}`, { method: op.method.toUpperCase(), headers, body: raw === undefined ? undefined : typeof raw === "string" ? raw : JSON.stringify(raw) });
      const { status, body } = await call(handler, request, c.params?.() ?? {});
      const documented = doc().paths[op.path][op.method].responses;
      expect(Object.keys(documented), `${c.op} answered ${status}: ${JSON.stringify(body).slice(0, 300)}`).toContain(String(status));
      const schema: z.ZodTypeAny = status < 300 ? answerSchemas[op.ok[status as 200 | 201]!] : errorBodySchema;
      const parsed = schema.safeParse(body);
      expect(parsed.success, `${c.op} ${status}: ${parsed.success ? "" : JSON.stringify(parsed.error.issues.slice(0, 3))}`).toBe(true);
      if (status < 300) succeeded.add(c.op);
      if (c.op === "POST /api/v1/share") ctx.share = body.code;
      if (c.op === "POST /api/v1/orders") ctx.order = body.order.number;
      if (c.op === "POST /api/v1/customers") ctx.customer = body.customer.id;
      if (c.op === "POST /api/v1/quotes") Object.assign(ctx, { quote: body.quote.number, lock: body.quote.lockVersion });
    }
    const undocumentedSuccess = OPERATIONS.filter((o) => o.path !== "/api/v1/openapi.json" && !succeeded.has(`${o.method.toUpperCase()} ${o.path}`)).map((o) => `${o.method} ${o.path}`);
    expect(undocumentedSuccess, "operations whose success answer no case checked").toEqual([]);
  });
});

describe("the real answers for another catalog", () => {
  it("keep the documented shape for a line with no visual model and no description", async () => {
    await publishSuccessor(pdb.db, "openapi-plain-line", (catalog) => {
      const plain = structuredClone(catalog.productLines.find((l) => l.code === SEDAN)!);
      plain.code = "plain-line";
      delete plain.visualModel;
      delete plain.description;
      catalog.productLines.push(plain);
    });
    const lines = await call((await import("./api.v1.lines")).loader, get("/api/v1/lines"), {});
    expect(lines.status).toBe(200);
    expect(lines.body.lines.map((l: { code: string }) => l.code)).toContain("plain-line");
    const linesParsed = answerSchemas.lines.safeParse(lines.body);
    expect(linesParsed.success, JSON.stringify(linesParsed.error?.issues.slice(0, 3))).toBe(true);
    const line = await call((await import("./api.v1.lines.$line")).loader, get("/api/v1/lines/plain-line"), { line: "plain-line" });
    expect(line.status).toBe(200);
    const lineParsed = answerSchemas.line.safeParse(line.body);
    expect(lineParsed.success, JSON.stringify(lineParsed.error?.issues.slice(0, 3))).toBe(true);
  });
});
