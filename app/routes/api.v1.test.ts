/**
 * The JSON API (app/routes/api.v1.*) called as Remix calls it, with Request
 * objects, against a real seeded database and the real engine: the happy
 * paths, then every kind of bad input — each a 4xx with a JSON error naming
 * the problem, never a 500 — and a fuzz run of arbitrary JSON bodies.
 */
import fc from "fast-check";
import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { catalogVersions, configurations, shareCodes } from "#db/schema";
import { newCustomerCookie, sessionCookie, signInAs, useSeededProcessDb, userId, type ProcessDb } from "~/.server/configurations/configurations.testing";
import { getLine } from "~/.server/catalog/catalog.server";
import { parseCatalog } from "~/domain/catalog";
import { complete, countConfigurations, leadTimeDays, price, validate } from "~/domain/engine";
import { SHARE_CODE_PATTERN } from "~/domain/forms/configuration";
import { action as catchAllAction, loader as catchAllLoader } from "./api.v1.$";
import { action as configureAction, loader as configureLoader } from "./api.v1.configure";
import { action as configurationsAction, loader as configurationsLoader } from "./api.v1.configurations";
import { action as linesAction, loader as linesLoader } from "./api.v1.lines";
import { loader as lineLoader } from "./api.v1.lines.$line";
import { action as resolveAction } from "./api.v1.resolve";
import { action as shareAction } from "./api.v1.share";
import { loader as sharedLoader } from "./api.v1.share.$code";
import { call, get, type Handler } from "./api.testing";

let pdb: ProcessDb;
let db: Db;
let claraCookie: string;
let otherCookie: string;

beforeAll(async () => {
  pdb = await useSeededProcessDb();
  db = pdb.db;
  claraCookie = await signInAs(db, "customer@atelier.test");
  otherCookie = await newCustomerCookie(db, "someone.else@example.test");
});

afterAll(async () => {
  await pdb?.close();
});

const post = (path: string, body: unknown, headers: HeadersInit = {}) =>
  new Request(`http://localhost${path}`, {
    method: "POST",
    body: typeof body === "string" || body instanceof Uint8Array ? (body as BodyInit) : JSON.stringify(body),
    headers: { "Content-Type": "application/json", ...headers },
  });

const SEDAN = "sedan-a6l";

describe("GET /api/v1/lines", () => {
  it("lists the active version's lines with names in the language and prices in the market", async () => {
    const { status, body } = await call(linesLoader, get("/api/v1/lines?market=JP&lang=ja"));
    expect(status).toBe(200);
    expect(body.version).toMatchObject({ id: "demo-2026.1", status: "published" });
    expect(body.market).toEqual({ code: "JP", currency: "JPY", vatBasisPoints: 1000, minorDigits: 0 });
    expect(body.lines.map((l: { code: string }) => l.code)).toEqual(["sedan-a6l", "avant-a6", "fridge-fs"]);
    const sedan = body.lines[0];
    expect(sedan.basePrice).toBe(7450000);
    expect(sedan.name).not.toBe("A6 L Executive Sedan"); // Japanese
    expect(sedan.startingPrice).toBeGreaterThan(sedan.basePrice); // VAT and the required choices on top
  });

  it("defaults market and language to the visitor's preferences", async () => {
    const { body } = await call(linesLoader, get("/api/v1/lines", { "Accept-Language": "ko-KR" }));
    expect(body.market.code).toBe("KR");
    expect(body.language).toBe("ko");
  });

  it.each([
    ["?market=XX", "unknown-market", "market"],
    ["?lang=fr", "unknown-language", "lang"],
  ])("refuses %s with 400", async (query, code, path) => {
    const { status, body } = await call(linesLoader, get(`/api/v1/lines${query}`));
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code, path });
  });

  it("answers other methods with 405 and Allow", async () => {
    const { status, headers, body } = await call(linesAction, post("/api/v1/lines", {}));
    expect(status).toBe(405);
    expect(headers.get("Allow")).toBe("GET");
    expect(body.error.code).toBe("method-not-allowed");
  });
});

describe("GET /api/v1/lines/<line>", () => {
  it("gives features and values with names and prices", async () => {
    const { status, body } = await call(lineLoader, get("/api/v1/lines/sedan-a6l?market=DE&lang=en"), { line: SEDAN });
    expect(status).toBe(200);
    const features = body.line.features as { code: string; kind: string; values?: { code: string; price: number; name: string; includes: string[] }[] }[];
    expect(features.map((f) => f.code)).toEqual(["trim", "engine", "paint", "wheels", "suspension", "interior", "packages", "options", "inscription"]);
    const pqd = features[0].values!.find((v) => v.code === "PQD")!;
    expect(pqd).toMatchObject({ name: "S line", price: 620000 });
    expect(features.find((f) => f.code === "packages")!.values!.find((v) => v.code === "WQS")!.includes).toEqual(["7X5", "KA6"]);
    expect(features.at(-1)).toMatchObject({ kind: "text", maxLength: 20, enabledBy: "VT7" });
    expect(body.line.rules.length).toBeGreaterThanOrEqual(25);
  });

  it("answers an unknown line or version with 404", async () => {
    for (const [path, params] of [
      ["/api/v1/lines/bicycle", { line: "bicycle" }],
      ["/api/v1/lines/sedan-a6l?version=1999", { line: SEDAN }],
    ] as const) {
      const { status, body } = await call(lineLoader, get(path), params);
      expect(status).toBe(404);
      expect(body.error.code).toBe("unknown-line");
    }
  });
});

describe("POST /api/v1/configure", () => {
  it("answers valid domains with reasons, price, completeness and the count", async () => {
    const { status, body } = await call(configureAction, post("/api/v1/configure", { line: SEDAN, choices: ["LB0"], market: "DE", lang: "en" }));
    expect(status).toBe(200);
    expect(body).toMatchObject({ line: SEDAN, consistent: true, complete: false });
    const wheels = body.features.find((f: { code: string }) => f.code === "wheels").values;
    const forged = wheels.find((v: { code: string }) => v.code === "C9X");
    expect(forged.available).toBe(false);
    expect(forged.reason.choices).toEqual(["LB0"]);
    expect(forged.reason.messages.join(" ")).toMatch(/wheels/i);
    expect(wheels.find((v: { code: string }) => v.code === "C4T").available).toBe(true);
    expect(body.problems.map((p: { code: string }) => p.code)).toContain("missing-required");

    const loaded = (await getLine(SEDAN, undefined, { db }))!;
    expect(body.price.total).toBe(price(loaded.line, ["LB0"], {}, "DE").total);
    expect(body.price.lines.find((l: { code?: string }) => l.code === "LB0")).toMatchObject({ kind: "value", name: "Base" });
    // The count is a decimal string; the trims partition the configurations.
    expect(body.configurations).toMatch(/^[1-9][0-9]*$/);
    const total = countConfigurations(loaded.compiled, []);
    const byTrim = ["LB0", "LA1", "PQD", "LP3"].map((t) => countConfigurations(loaded.compiled, [t]));
    expect(byTrim.reduce((a, b) => a + b, 0n)).toBe(total);
    expect(BigInt(body.configurations)).toBe(byTrim[0]);
  });

  it("says complete for a complete configuration; with every option taken, exactly one configuration is left", async () => {
    const sedan = (await getLine(SEDAN, undefined, { db }))!;
    const choices = complete(sedan.compiled, { choices: ["PQD", "VT7"] })!;
    const { body } = await call(configureAction, post("/api/v1/configure", { line: SEDAN, choices, texts: { inscription: "FOR ANNA" }, market: "US" }));
    expect(body).toMatchObject({ complete: true, problems: [] });
    expect(body.price.currency).toBe("USD");
    // Options not chosen could still be added: the count is of the configurations that contain the choices.
    expect(BigInt(body.configurations)).toBeGreaterThan(1n);

    const fridge = (await getLine("fridge-fs", undefined, { db }))!;
    const all = complete(fridge.compiled, { choices: ["WIF", "CAM", "VAC"] })!;
    const full = await call(configureAction, post("/api/v1/configure", { line: "fridge-fs", choices: all }));
    expect(full.body).toMatchObject({ complete: true, configurations: "1" });
  });

  it("reports inconsistent choices and invalid texts as problems, not as bad input", async () => {
    const { status, body } = await call(
      configureAction,
      post("/api/v1/configure", { line: SEDAN, choices: ["LB0", "C9X", "VT7"], texts: { inscription: "<b>" } }),
    );
    expect(status).toBe(200);
    expect(body.consistent).toBe(false);
    expect(body.configurations).toBe("0");
    expect(body.problems.map((p: { code: string }) => p.code)).toEqual(expect.arrayContaining(["rule-violated", "text-invalid"]));
  });
});

describe("POST /api/v1/resolve", () => {
  it("proposes the smallest change that makes the wanted value possible, with its price difference", async () => {
    const { status, body } = await call(resolveAction, post("/api/v1/resolve", { line: SEDAN, choices: ["LB0", "C4T"], want: "C9X", market: "DE" }));
    expect(status).toBe(200);
    expect(body).toMatchObject({ want: "C9X", chosen: false, available: false });
    expect(body.reason.choices).toContain("LB0");
    expect(body.proposals.length).toBeGreaterThan(0);
    const loaded = (await getLine(SEDAN, undefined, { db }))!;
    for (const p of body.proposals) {
      expect(p.remove).toEqual(expect.arrayContaining(["LB0", "C4T"]));
      expect(p.choices).toContain("C9X");
      expect(p.choices).toContain("PQD"); // 21-inch wheels need S line
      expect(complete(loaded.compiled, { choices: p.choices })).not.toBeNull();
      expect(p.priceDelta).toBe(price(loaded.line, p.choices, {}, "DE").total - price(loaded.line, ["LB0", "C4T"], {}, "DE").total);
      expect(p.configureUrl).toMatch(/^\/configure\/sedan-a6l\?c=/);
    }
  });

  it("proposes a whole car: on a complete Base 40 TFSI the 55 TFSI brings Advanced and the next wheels up, complete again, with the price and lead-time change", async () => {
    const before = ["LB0", "40F", "T9T9", "C4T", "1BA", "N4M-AF"];
    const { status, body } = await call(resolveAction, post("/api/v1/resolve", { line: SEDAN, choices: before, want: "55Q", market: "DE" }));
    expect(status).toBe(200);
    expect(body.dead).toBe(false);
    const loaded = (await getLine(SEDAN, undefined, { db }))!;
    expect(body.proposals.map((p: { add: string[] }) => p.add)).toEqual([
      ["LA1", "CH1"],
      ["LA1", "C3U"],
    ]);
    for (const p of body.proposals) {
      expect(p.remove).toEqual(["LB0", "40F", "C4T"]);
      expect(validate(loaded.line, { line: SEDAN, choices: p.choices, texts: {} })).toEqual([]);
      expect(p.priceDelta).toBe(price(loaded.line, p.choices, {}, "DE").total - price(loaded.line, before, {}, "DE").total);
      expect(p.leadTimeDelta).toBe(leadTimeDays(loaded.line, p.choices) - leadTimeDays(loaded.line, before));
      expect(p.minimal).toBe(true);
    }
  });

  it("finds a fix of any size on a published catalog (six removals here), and says dead for a value no configuration has", async () => {
    const steps = [1, 2, 3, 4, 5, 6];
    const chain = {
      code: "chain",
      name: { en: "Chain" },
      basePrice: { DE: 1000 },
      baseModules: [],
      features: [
        ...steps.map((i) => ({
          kind: "single",
          code: `f${i}`,
          name: { en: `F${i}` },
          values: [
            { code: `A${i}`, name: { en: `A${i}` }, price: { DE: 0 } },
            { code: `B${i}`, name: { en: `B${i}` }, price: { DE: 100 } },
          ],
        })),
        { kind: "multiple", code: "options", name: { en: "Options" }, values: ["X", "NEVER"].map((code) => ({ code, name: { en: code } })) },
      ],
      rules: [
        { kind: "requires", id: "x-needs-b", if: { value: "X" }, then: { and: steps.map((i) => ({ value: `B${i}` })) } },
        { kind: "constraint", id: "no-never", condition: { not: { value: "NEVER" } } },
      ],
    };
    await db.insert(catalogVersions).values({ id: "chain-1", label: "Chain", status: "retired", publishedAt: new Date(), activatedAt: new Date(), catalog: parseCatalog({ productLines: [chain] }) });
    const standard = steps.map((i) => `A${i}`);
    const six = await call(resolveAction, post("/api/v1/resolve", { line: "chain", version: "chain-1", choices: standard, want: "X", market: "DE" }));
    expect(six.status).toBe(200);
    expect(six.body.dead).toBe(false);
    expect(six.body.proposals).toHaveLength(1);
    expect(six.body.proposals[0]).toMatchObject({ remove: standard, add: steps.map((i) => `B${i}`), minimal: true, priceDelta: 714 });
    const dead = await call(resolveAction, post("/api/v1/resolve", { line: "chain", version: "chain-1", choices: standard, want: "NEVER" }));
    expect(dead.body).toMatchObject({ dead: true, proposals: [] });
  });

  it("says available when nothing has to go", async () => {
    const { body } = await call(resolveAction, post("/api/v1/resolve", { line: SEDAN, choices: ["PQD"], want: "C9X" }));
    expect(body).toMatchObject({ available: true, reason: null });
  });

  it("refuses an unknown wanted code", async () => {
    const { status, body } = await call(resolveAction, post("/api/v1/resolve", { line: SEDAN, choices: [], want: "ZZZ" }));
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: "unknown-code", path: "want" });
  });
});

const big = JSON.stringify({ line: SEDAN, choices: [], texts: { inscription: "x".repeat(70 * 1024) } });
const invalidUtf8 = new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
function streamed(text: string): Request {
  const bytes = new TextEncoder().encode(text);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.length; i += 4096) controller.enqueue(bytes.slice(i, i + 4096));
      controller.close();
    },
  });
  // No Content-Length: the limit must hold while reading.
  return new Request("http://localhost/api/v1/configure", {
    method: "POST",
    body: stream,
    headers: { "Content-Type": "application/json" },
    duplex: "half",
  } as RequestInit);
}

const badRequests: [string, () => Request, number, string, string?][] = [
  ["invalid JSON", () => post("/api/v1/configure", "{"), 400, "invalid-json"],
  ["an empty body", () => post("/api/v1/configure", ""), 400, "invalid-json"],
  ["bytes that are not UTF-8", () => post("/api/v1/configure", invalidUtf8), 400, "invalid-json"],
  ["a form instead of JSON", () => new Request("http://localhost/api/v1/configure", { method: "POST", body: new URLSearchParams({ line: SEDAN }) }), 415, "unsupported-media-type"],
  ["text/plain JSON", () => post("/api/v1/configure", { line: SEDAN }, { "Content-Type": "text/plain" }), 415, "unsupported-media-type"],
  ["a body over 64 KB", () => post("/api/v1/configure", big), 413, "body-too-large"],
  ["a streamed body over 64 KB", () => streamed(big), 413, "body-too-large"],
  ["a JSON array", () => post("/api/v1/configure", []), 400, "wrong-type"],
  ["JSON null", () => post("/api/v1/configure", "null"), 400, "wrong-type"],
  ["a missing line", () => post("/api/v1/configure", { choices: [] }), 400, "missing-field", "line"],
  ["a numeric line", () => post("/api/v1/configure", { line: 7 }), 400, "wrong-type", "line"],
  ["choices as a string", () => post("/api/v1/configure", { line: SEDAN, choices: "PQD" }), 400, "wrong-type", "choices"],
  ["a numeric choice", () => post("/api/v1/configure", { line: SEDAN, choices: ["PQD", 5] }), 400, "wrong-type", "choices.1"],
  ["a code with spaces", () => post("/api/v1/configure", { line: SEDAN, choices: ["P QD"] }), 400, "invalid-value", "choices.0"],
  ["501 choices", () => post("/api/v1/configure", { line: SEDAN, choices: Array(501).fill("PQD") }), 400, "invalid-value", "choices"],
  ["an unknown code", () => post("/api/v1/configure", { line: SEDAN, choices: ["PQD", "NOPE"] }), 400, "unknown-code", "choices.1"],
  ["a repeated code", () => post("/api/v1/configure", { line: SEDAN, choices: ["PQD", "PQD"] }), 400, "duplicate-code", "choices.1"],
  ["a code of another line", () => post("/api/v1/configure", { line: "fridge-fs", choices: ["PQD"] }), 400, "unknown-code", "choices.0"],
  ["an unknown line", () => post("/api/v1/configure", { line: "bicycle" }), 400, "unknown-line", "line"],
  ["an unknown version", () => post("/api/v1/configure", { line: SEDAN, version: "1999.1" }), 400, "unknown-version", "version"],
  ["texts as a list", () => post("/api/v1/configure", { line: SEDAN, texts: ["x"] }), 400, "wrong-type", "texts"],
  ["a numeric text", () => post("/api/v1/configure", { line: SEDAN, texts: { inscription: 5 } }), 400, "wrong-type", "texts.inscription"],
  ["an unknown text field", () => post("/api/v1/configure", { line: SEDAN, texts: { engraving: "x" } }), 400, "unknown-text", "texts.engraving"],
  ["an unknown field", () => post("/api/v1/configure", { line: SEDAN, choice: ["PQD"] }), 400, "unknown-field", "choice"],
  ["an unknown market", () => post("/api/v1/configure", { line: SEDAN, market: "FR" }), 400, "invalid-value", "market"],
  ["a missing want (resolve)", () => post("/api/v1/resolve", { line: SEDAN }), 400, "missing-field", "want"],
];

describe("bad input", () => {
  it.each(badRequests)("answers %s with a 4xx and a JSON error naming it", async (_name, request, status, code, path) => {
    const req = request();
    const handler = new URL(req.url).pathname === "/api/v1/resolve" ? resolveAction : configureAction;
    const result = await call(handler, req);
    expect(result.status).toBe(status);
    expect(result.body.error.code).toBe(code);
    expect(typeof result.body.error.message).toBe("string");
    expect(result.body.error.message.length).toBeGreaterThan(5);
    if (path !== undefined) expect(result.body.error.path).toBe(path);
  });

  it("answers the wrong method with 405 and an Allow header", async () => {
    const got = await call(configureLoader, get("/api/v1/configure"));
    expect(got.status).toBe(405);
    expect(got.headers.get("Allow")).toBe("POST");
    const put = await call(configureAction, new Request("http://localhost/api/v1/configure", { method: "PUT", body: "{}", headers: { "Content-Type": "application/json" } }));
    expect(put.status).toBe(405);
    expect(put.body.error.code).toBe("method-not-allowed");
  });

  it("answers unknown endpoints with a JSON 404", async () => {
    for (const handler of [catchAllLoader, catchAllAction]) {
      const { status, body } = await call(handler, get("/api/v1/nothing-here"));
      expect(status).toBe(404);
      expect(body.error.code).toBe("not-found");
    }
  });

  it("never answers arbitrary JSON with a server error", async () => {
    const handlers = [configureAction, resolveAction, shareAction, configurationsAction];
    const bodyArb = fc.oneof(
      fc.json(),
      fc.record(
        {
          line: fc.oneof(fc.constantFrom(SEDAN, "fridge-fs", "avant-a6"), fc.string(), fc.integer()),
          choices: fc.oneof(fc.array(fc.constantFrom("PQD", "LB0", "C9X", "VT7", "S60", "WQS", "7X5", "x y")), fc.anything()),
          texts: fc.oneof(fc.dictionary(fc.constantFrom("inscription", "other"), fc.string()), fc.anything()),
          want: fc.oneof(fc.constantFrom("C9X", "PQD", "nope"), fc.anything()),
          market: fc.oneof(fc.constantFrom("DE", "JP"), fc.string()),
          name: fc.string(),
          configurationId: fc.oneof(fc.uuid(), fc.string()),
        },
        { requiredKeys: [] },
      ).map((o) => JSON.stringify(o)),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...handlers.keys()), bodyArb, async (i, body) => {
        const response = (await (handlers[i] as Handler)({
          request: post("/api/v1/x", body, { Cookie: claraCookie }),
          params: {},
          context: {},
        })) as Response;
        expect(response.status, await response.clone().text()).toBeLessThan(500);
        if (response.status >= 400) expect((await response.json()).error.code).toEqual(expect.any(String));
      }),
      { numRuns: 150 },
    );
  });
});

const tally = async () => ({
  configurations: (await db.select({ n: count() }).from(configurations))[0].n,
  shareCodes: (await db.select({ n: count() }).from(shareCodes))[0].n,
});

describe("saving and sharing over the API", () => {
  const PARTIAL = { line: SEDAN, choices: ["PQD", "VT7"], texts: { inscription: "FOR ANNA" } };

  it("needs a customer session to save or list, and writes nothing without one", async () => {
    const before = await tally();
    for (const [handler, request] of [
      [configurationsAction, post("/api/v1/configurations", { ...PARTIAL, name: "x" })],
      [configurationsLoader, get("/api/v1/configurations")],
      [shareAction, post("/api/v1/share", { configurationId: "00000000-0000-4000-8000-000000000000" })],
    ] as const) {
      const { status, body } = await call(handler, request);
      expect(status).toBe(401);
      expect(body.error.code).toBe("unauthorized");
    }
    // Staff accounts have no saved configurations.
    const dealer = await sessionCookie(db, await userId(db, "dealer@atelier.test"));
    const staff = await call(configurationsAction, post("/api/v1/configurations", { ...PARTIAL, name: "x" }, { Cookie: dealer }));
    expect(staff.status).toBe(403);
    expect(staff.body.error.code).toBe("forbidden");
    expect(await tally()).toEqual(before);
  });

  it("saves, lists only the owner's, and shares a saved configuration only for its owner", async () => {
    const saved = await call(configurationsAction, post("/api/v1/configurations", { ...PARTIAL, name: "Weekend car" }, { Cookie: claraCookie }));
    expect(saved.status).toBe(201);
    expect(saved.body.configuration).toMatchObject({ name: "Weekend car", version: "demo-2026.1", choices: PARTIAL.choices });
    expect(saved.body.configuration.configureUrl).toBe("/configure/sedan-a6l?c=PQD%2CVT7&t.inscription=FOR+ANNA");
    const id = saved.body.configuration.id;

    const mine = await call(configurationsLoader, get("/api/v1/configurations", { Cookie: claraCookie }));
    expect(mine.body.configurations.map((c: { id: string }) => c.id)).toContain(id);
    const theirs = await call(configurationsLoader, get("/api/v1/configurations", { Cookie: otherCookie }));
    expect(theirs.body.configurations).toEqual([]);

    const stolen = await call(shareAction, post("/api/v1/share", { configurationId: id }, { Cookie: otherCookie }));
    expect(stolen.status).toBe(404);
    const shared = await call(shareAction, post("/api/v1/share", { configurationId: id }, { Cookie: claraCookie }));
    expect(shared.status).toBe(201);
    expect(shared.body.code).toMatch(SHARE_CODE_PATTERN);
  });

  it("refuses an invalid save with 400 naming the field", async () => {
    const before = await tally();
    for (const [body, code, path] of [
      [{ ...PARTIAL, name: "" }, "invalid-value", "name"],
      [{ ...PARTIAL }, "missing-field", "name"],
      [{ ...PARTIAL, name: "x", choices: ["LB0", "PQD"], texts: {} }, "conflicting-choices", "choices"],
      [{ ...PARTIAL, name: "x", texts: { inscription: "ÄÖÜ!" } }, "text-invalid", "texts.inscription"],
    ] as const) {
      const { status, body: reply } = await call(configurationsAction, post("/api/v1/configurations", body, { Cookie: claraCookie }));
      expect(status).toBe(400);
      expect(reply.error).toMatchObject({ code, path });
    }
    expect(await tally()).toEqual(before);
  });

  it("shares a configuration anyone sends and opens it by code", async () => {
    const created = await call(shareAction, post("/api/v1/share", PARTIAL));
    expect(created.status).toBe(201);
    const { code } = created.body;
    expect(code).toMatch(SHARE_CODE_PATTERN);
    expect(created.headers.get("Location")).toBe(`/api/v1/share/${code}`);

    const opened = await call(sharedLoader, get(`/api/v1/share/${code.toLowerCase()}?market=DE&lang=en`), { code: code.toLowerCase() });
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ code, line: SEDAN, current: true, nearest: null, texts: PARTIAL.texts });
    expect(opened.body.version).toMatchObject({ id: "demo-2026.1", status: "published" });
    expect(opened.body.choices).toEqual([
      { code: "PQD", name: "S line" },
      { code: "VT7", name: "Illuminated door sills with personal inscription" },
    ]);
    const loaded = (await getLine(SEDAN, undefined, { db }))!;
    expect(opened.body.price.total).toBe(price(loaded.line, PARTIAL.choices, PARTIAL.texts, "DE").total);
    expect(opened.body.configureUrl).toBe("/configure/sedan-a6l?c=PQD%2CVT7&t.inscription=FOR+ANNA");
  });

  it("answers unknown and malformed codes with 404", async () => {
    for (const code of ["ZZZZZZZZ", "nope", "0000OOOO"]) {
      const { status, body } = await call(sharedLoader, get(`/api/v1/share/${code}`), { code });
      expect(status).toBe(404);
      expect(body.error.code).toBe("unknown-share-code");
    }
  });

  it("refuses to share invalid input", async () => {
    const before = await tally();
    const { status, body } = await call(shareAction, post("/api/v1/share", { ...PARTIAL, choices: ["PQD", "NOPE"] }));
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: "unknown-code", path: "choices.1" });
    const both = await call(shareAction, post("/api/v1/share", { configurationId: "00000000-0000-4000-8000-000000000000", line: SEDAN }));
    expect(both.status).toBe(400);
    expect(both.body.error.code).toBe("unknown-field");
    expect(await tally()).toEqual(before);
  });
});
