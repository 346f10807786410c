/**
 * The anonymous configurator pages' microcache (decision 056) on the process's
 * database (PGlite, or PostgreSQL with TEST_DATABASE_URL), wrapped around a
 * handler that runs the real root and configurator loaders (the session, the
 * language and market, the active catalog version, the line) and renders what
 * they return into a page with a nonce-carrying inline script, as Remix's
 * document does: a signed-in visitor is never answered from the cache and
 * never fills it, language and market variants are kept apart, publishing or
 * rolling back a catalog version drops the cache at once (through the real
 * NOTIFY), bad input is still refused, the cache stays within its bytes, and a
 * cached page brings a policy whose script hashes admit exactly its scripts.
 */
import { createHash, randomBytes } from "node:crypto";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AppLoadContext } from "@remix-run/node";
import type { Db } from "#db/client";
import { rollback } from "~/.server/catalog/versions.server";
import { DEMO_SEDAN, newCustomerCookie, publishSuccessor, useSeededProcessDb, type ProcessDb } from "~/.server/configurations/configurations.testing";
import { guardRequestHandler } from "~/.server/platform/request-guard.server";
import { loader as rootLoader } from "~/root";
import { loader as configureLoader } from "~/routes/configure.$line._index";
import { chooseEncoding, createPageCache, inlineScriptHashes, isCacheableRequest, type PageCache } from "~/.server/platform/page-cache.server";

let pdb: ProcessDb;
let db: Db;
let renders = 0;
let clock = 1_000_000;

/** The document: the shell's and the page's loader data, in the visible page and in an inline script with the request's nonce. */
async function render(request: Request, context: AppLoadContext = {}): Promise<Response> {
  const line = new URL(request.url).pathname.split("/")[2] ?? "";
  try {
    const shell = await rootLoader({ request, params: {}, context });
    const page = await configureLoader({ request, params: { line }, context });
    renders++;
    const data = { user: shell.user?.email ?? null, language: shell.language, market: shell.market, version: page.version.id, choices: page.initial.choices };
    const html = `<!DOCTYPE html><html lang="${shell.language}"><body><main>${JSON.stringify(data)}</main>${"<p>filler</p>".repeat(500)}<script nonce="${context.cspNonce ?? ""}">window.__data = ${JSON.stringify(data)};</script><script type="module" src="/assets/entry.js"></script></body></html>`;
    return new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8" } });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

const POLICY = (nonce: string) => `default-src 'self';script-src 'self' 'nonce-${nonce}';script-src-attr 'none'`;

/** A fresh nonce and its policy per request, as server.js makes them. */
function context(): AppLoadContext {
  const cspNonce = randomBytes(16).toString("base64");
  return { cspNonce, contentSecurityPolicy: POLICY(cspNonce) };
}

let cache: PageCache<AppLoadContext>;
const handle = (request: Request) => guardRequestHandler(cache.handler, { publicUrl: undefined })(request, context());

function get(path: string, headers: Record<string, string> = {}): Request {
  return new Request(`http://localhost${path}`, { headers: { "Accept-Encoding": "br, gzip", ...headers } });
}

/** The page's text, whatever the encoding it came in. */
async function text(response: Response): Promise<string> {
  const bytes = Buffer.from(await response.arrayBuffer());
  const encoding = response.headers.get("Content-Encoding");
  if (encoding === "br") return brotliDecompressSync(bytes).toString("utf8");
  if (encoding === "gzip") return gunzipSync(bytes).toString("utf8");
  return bytes.toString("utf8");
}

async function page(path: string, headers: Record<string, string> = {}) {
  const response = await handle(get(path, headers));
  return { status: response.status, headers: response.headers, body: response.status === 200 ? JSON.parse(/<main>(.*?)<\/main>/.exec(await text(response))![1]!) : null };
}

beforeAll(async () => {
  pdb = await useSeededProcessDb();
  db = pdb.db;
});
afterAll(async () => pdb?.close());
beforeEach(() => {
  cache = createPageCache(render, { now: () => clock });
  renders = 0;
});

const SEDAN = `/configure/${DEMO_SEDAN}`;

describe("which requests the cache takes", () => {
  it("only anonymous GETs of a configurator page: no session, no other cookie, no Authorization", () => {
    expect(isCacheableRequest(get(SEDAN))).toBe(true);
    expect(isCacheableRequest(get(`${SEDAN}?c=a,b`))).toBe(true);
    expect(isCacheableRequest(get(SEDAN, { Cookie: "atelier_prefs=eyJsYW5ndWFnZSI6ImphIn0%3D" }))).toBe(true);
    expect(isCacheableRequest(get(SEDAN, { Cookie: "atelier_prefs=x; atelier_session=y" }))).toBe(false);
    expect(isCacheableRequest(get(SEDAN, { Cookie: "atelier_session=y" }))).toBe(false);
    expect(isCacheableRequest(get(SEDAN, { Cookie: "something_else=1" }))).toBe(false);
    expect(isCacheableRequest(get(SEDAN, { Authorization: "Bearer x" }))).toBe(false);
    expect(isCacheableRequest(new Request(`http://localhost${SEDAN}`, { method: "POST" }))).toBe(false);
    expect(isCacheableRequest(new Request(`http://localhost${SEDAN}`, { method: "HEAD" }))).toBe(false);
    for (const path of [`${SEDAN}.data`, `${SEDAN}/order`, `${SEDAN}/review`, "/", "/healthz", "/configure/SEDAN"]) expect(isCacheableRequest(get(path)), path).toBe(false);
  });

  it("sends brotli, else gzip, else the page as is", () => {
    expect(chooseEncoding("gzip, deflate, br")).toBe("br");
    expect(chooseEncoding("gzip, br;q=0")).toBe("gzip");
    expect(chooseEncoding("deflate")).toBe("identity");
    expect(chooseEncoding(null)).toBe("identity");
  });
});

describe("the configurator page's microcache", () => {
  it("renders a page once for anonymous visitors, until its time is up", async () => {
    const first = await page(SEDAN);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ user: null, language: "en", market: "US", version: "demo-2026.1" });
    expect(first.headers.get("Content-Encoding")).toBe("br");
    expect(first.headers.get("Vary")).toMatch(/Accept-Encoding/);
    const again = await page(SEDAN);
    expect(again.body).toEqual(first.body);
    expect(renders).toBe(1);
    // Another encoding of the same entry: no new render.
    const gzip = await handle(get(SEDAN, { "Accept-Encoding": "gzip" }));
    expect(gzip.headers.get("Content-Encoding")).toBe("gzip");
    const plain = await handle(get(SEDAN, { "Accept-Encoding": "identity" }));
    expect(plain.headers.get("Content-Encoding")).toBeNull();
    expect(await text(gzip)).toBe(await text(plain));
    expect(renders).toBe(1);

    clock += 5_001;
    await page(SEDAN);
    expect(renders).toBe(2);
  });

  it("is off with a time of 0 (PAGE_CACHE_SECONDS=0)", async () => {
    cache = createPageCache(render, { now: () => clock, ttlMs: 0 });
    await page(SEDAN);
    const again = await page(SEDAN);
    expect(again.headers.get("Content-Security-Policy")).toBeNull();
    expect(renders).toBe(2);
    expect(cache.size).toBe(0);
  });

  it("renders concurrent first requests for one page once", async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => page(SEDAN)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(renders).toBe(1);
  });

  it("never answers a signed-in visitor from the cache, and never stores their page for others", async () => {
    const cookie = await newCustomerCookie(db, `page-cache-${randomBytes(4).toString("hex")}@example.test`);
    const email = /page-cache-[0-9a-f]+@example\.test/;

    await page(SEDAN); // anonymous page cached
    const signedIn = await page(SEDAN, { Cookie: cookie });
    expect(signedIn.body.user).toMatch(email);
    expect(renders).toBe(2);
    expect(cache.size).toBe(1);

    // The signed-in page first: the anonymous visitor after gets an anonymous page.
    cache.clear();
    renders = 0;
    expect((await page(`${SEDAN}?c=x`, { Cookie: `${cookie}; atelier_prefs=e30%3D` })).body.user).toMatch(email);
    expect(cache.size).toBe(0);
    expect((await page(`${SEDAN}?c=x`)).body.user).toBeNull();
    expect((await page(`${SEDAN}?c=x`, { Cookie: cookie })).body.user).toMatch(email);
    expect(renders).toBe(3);
  });

  it("keeps each language and market apart, whether they come from the cookie or from Accept-Language", async () => {
    const prefs = (value: object) => `atelier_prefs=${encodeURIComponent(Buffer.from(JSON.stringify(value)).toString("base64"))}`;
    const en = await page(SEDAN);
    const ja = await page(SEDAN, { "Accept-Language": "ja" });
    const jaCookie = await page(SEDAN, { Cookie: prefs({ language: "ja" }) });
    const jaDe = await page(SEDAN, { Cookie: prefs({ language: "ja", market: "DE" }) });
    const koKr = await page(SEDAN, { "Accept-Language": "ko-KR" });
    expect([en, ja, jaCookie, jaDe, koKr].map((p) => `${p.body.language}/${p.body.market}`)).toEqual(["en/US", "ja/JP", "ja/JP", "ja/DE", "ko/KR"]);
    // ja/JP asked two ways is one page.
    expect(renders).toBe(4);
    expect((await page(SEDAN, { "Accept-Language": "ja-JP;q=0.9" })).body.language).toBe("ja");
    expect((await page(SEDAN)).body.language).toBe("en");
    expect(renders).toBe(4);
    // The configuration in the address is part of the key too.
    expect((await page(`${SEDAN}?c=one`)).body.choices).toEqual(["one"]);
    expect((await page(`${SEDAN}?c=two`)).body.choices).toEqual(["two"]);
    expect(renders).toBe(6);
  });

  it("drops every page at once when a catalog version is published or rolled back (NOTIFY on the database)", async () => {
    const before = await page(SEDAN);
    await page(SEDAN, { "Accept-Language": "ja" });
    expect(cache.size).toBe(2);
    const successor = `page-cache-${randomBytes(3).toString("hex")}`;
    await publishSuccessor(db, successor, () => {});
    await until(() => cache.size === 0);
    const after = await page(SEDAN);
    expect(after.body.version).toBe(successor);
    expect(after.body.version).not.toBe(before.body.version);

    await rollback(db, { actorId: null, to: before.body.version });
    await until(() => cache.size === 0);
    expect((await page(SEDAN)).body.version).toBe(before.body.version);
  });

  it("still refuses bad input, and stores no answer but a 200 page", async () => {
    expect((await page("/configure/no-such-line")).status).toBe(404);
    expect((await page("/configure/no-such-line")).status).toBe(404);
    expect(renders).toBe(0);
    expect((await handle(get(`${SEDAN}%00`))).status).toBe(400);
    expect(cache.size).toBe(0);
  });

  it("stays within its bytes, dropping the least recently used pages first", async () => {
    const one = (await handle(get(SEDAN, { "Accept-Encoding": "identity" }))).headers.get("Content-Length");
    const size = Number(one);
    expect(size).toBeGreaterThan(1000);
    cache = createPageCache(render, { now: () => clock, maxBytes: size * 3 + 100 });
    renders = 0;
    const plain = { "Accept-Encoding": "identity" };
    for (const c of ["a", "b", "c"]) await handle(get(`${SEDAN}?c=${c}`, plain));
    expect(cache.size).toBe(3);
    await handle(get(`${SEDAN}?c=a`, plain)); // a is now the most recently used
    await handle(get(`${SEDAN}?c=d`, plain)); // b goes
    expect(cache.size).toBe(3);
    expect(cache.bytes).toBeLessThanOrEqual(size * 3 + 100);
    expect(renders).toBe(4);
    await handle(get(`${SEDAN}?c=a`, plain));
    expect(renders).toBe(4);
    await handle(get(`${SEDAN}?c=b`, plain));
    expect(renders).toBe(5);
    // Compressed copies count too.
    await handle(get(`${SEDAN}?c=e`));
    await until(() => cache.bytes <= size * 3 + 100);
  });

  it("sends a cached page with a policy that admits exactly its inline scripts, without the nonce it was rendered with", async () => {
    const ctx = context();
    const first = await cache.handler(get(SEDAN), ctx);
    const html = await text(first);
    const script = /<script nonce="[^"]*">(.*?)<\/script>/.exec(html)![1]!;
    const hash = `'sha256-${createHash("sha256").update(script).digest("base64")}'`;
    expect(inlineScriptHashes(html)).toEqual([hash]);
    expect(first.headers.get("Content-Security-Policy")).toBe(`default-src 'self';script-src 'self' ${hash};script-src-attr 'none'`);
    const later = context();
    const second = await cache.handler(get(SEDAN), later);
    expect(second.headers.get("Content-Security-Policy")).toBe(`default-src 'self';script-src 'self' ${hash};script-src-attr 'none'`);
    expect(second.headers.get("Content-Security-Policy")).not.toContain("nonce");
    // A request whose policy has no nonce to swap is not answered from the cache.
    renders = 0;
    const odd = await cache.handler(get(SEDAN), { cspNonce: "abc", contentSecurityPolicy: "default-src 'self'" });
    expect(odd.headers.get("Content-Security-Policy")).toBeNull();
    expect(renders).toBe(1);
  });
});

async function until(condition: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}
