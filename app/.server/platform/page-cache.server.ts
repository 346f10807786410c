/**
 * A microcache of the configurator page for anonymous visitors (issue 15,
 * decision 056): `GET /configure/<line>` without a session is the same page
 * for everyone who asks with the same address, language and market, so for a
 * few seconds it is rendered and compressed once instead of per request.
 *
 * What is cached: only GETs of `/configure/<line>` (the page itself: not
 * `.data`, not /order or /review) whose Cookie header holds nothing but the
 * language/market cookie and that carry no Authorization; and of their
 * answers only a 200 `text/html` without Set-Cookie and without
 * `Cache-Control: private`/`no-store`. Anything else goes to Remix as before.
 *
 * The key: the whole address (host, path and query: what the loaders read),
 * the visitor's language and market as getPreferences resolves them (the
 * cookie, else Accept-Language: what the page is rendered in), and the
 * encoding sent (brotli, gzip or none; each compressed once per entry).
 *
 * Dropped: after PAGE_CACHE_SECONDS (default 5; 0 turns the cache off: the
 * page shows no date of its own, the delivery estimate is asked for by the
 * browser), at once when a catalog version is
 * activated (publish or rollback NOTIFY `atelier_catalog` in their
 * transaction; every process LISTENs, so every worker and app server hears
 * it), and least recently used first beyond MAX_BYTES. Until this process's
 * LISTEN is in place nothing is stored; a page whose render began before an
 * activation is not stored either.
 *
 * The page's inline scripts carry this request's CSP nonce; a stored copy is
 * sent to others, so a nonce would be shared. Instead a cached answer brings
 * its own Content-Security-Policy: the request's, with the nonce replaced by
 * the SHA-256 of each inline script the page holds. The browser runs exactly
 * the scripts the server rendered, and no nonce is handed out twice.
 */
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { brotliCompress, constants as zlibConstants, gzip } from "node:zlib";
import { getProcessDbHandle, type DbHandle } from "#db/client";
import { CATALOG_CHANNEL } from "~/.server/catalog/publish.server";
import { getEnv } from "~/.server/platform/env.server";
import { log } from "~/.server/platform/logger.server";
import { getPreferences, preferencesCookie } from "~/.server/platform/preferences.server";

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** The memory the cache may hold per process (bodies in every encoding kept). */
export const MAX_BYTES = 32 * 1024 * 1024;

/** The pages cached: the configurator of a line (line codes are lowercase words with hyphens). */
const CACHED_PATH = /^\/configure\/[a-z0-9][a-z0-9-]{0,63}$/;

type Encoding = "br" | "gzip" | "identity";

interface Entry {
  key: string;
  expires: number;
  status: number;
  headers: [string, string][];
  /** The script-src sources that replace the nonce: one hash per inline script. */
  scriptHashes: string;
  bodies: Partial<Record<Encoding, Promise<Buffer>>>;
  bytes: number;
}

type Handler<C> = (request: Request, context?: C) => Promise<Response>;

export interface PageCacheContext {
  /** The Content-Security-Policy the server set for this request (with its nonce). */
  contentSecurityPolicy?: string;
  cspNonce?: string;
  /** Set by the cache for a render it will store: the whole document at once (entry.server.tsx). */
  wholeDocument?: boolean;
}

export interface PageCacheOptions {
  /** How long a page is served from memory (default PAGE_CACHE_SECONDS); 0 turns the cache off. */
  ttlMs?: number;
  maxBytes?: number;
  now?: () => number;
  /** The database whose catalog activations drop the cache (default: the process's). */
  handle?: () => Promise<DbHandle>;
}

export interface PageCache<C> {
  handler: Handler<C>;
  /** Entries held now (tests, diagnostics). */
  readonly size: number;
  readonly bytes: number;
  clear(): void;
}

/** Brotli, else gzip, else none: what Accept-Encoding allows (q=0 refuses). */
export function chooseEncoding(header: string | null): Encoding {
  const accepted = new Set<string>();
  for (const part of (header ?? "").toLowerCase().split(",")) {
    const [name, ...params] = part.trim().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    if (name && !(q && Number(q.slice(2)) === 0)) accepted.add(name.trim());
  }
  if (accepted.has("br")) return "br";
  if (accepted.has("gzip") || accepted.has("*")) return "gzip";
  return "identity";
}

const COOKIE_NAME = /^\s*([^=;\s]+)\s*=/;

/** Whether a request may be answered from (and stored in) the cache: see the module's comment. */
export function isCacheableRequest(request: Request): boolean {
  if (request.method !== "GET") return false;
  if (request.headers.has("Authorization")) return false;
  const url = new URL(request.url);
  if (!CACHED_PATH.test(url.pathname)) return false;
  const cookie = request.headers.get("Cookie");
  if (cookie) {
    for (const part of cookie.split(";")) {
      if (part.trim() === "") continue;
      // Only the language/market cookie: a session (or any cookie we don't know) may change the page.
      if (COOKIE_NAME.exec(part)?.[1] !== preferencesCookie.name) return false;
    }
  }
  return true;
}

function isCacheableResponse(response: Response): boolean {
  if (response.status !== 200) return false;
  if (!(response.headers.get("Content-Type") ?? "").startsWith("text/html")) return false;
  if (response.headers.has("Set-Cookie")) return false;
  return !/\b(private|no-store)\b/i.test(response.headers.get("Cache-Control") ?? "");
}

const INLINE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;

/** 'sha256-…' of every inline script of a document (scripts with src are covered by 'self'). */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const [, attributes, content] of html.matchAll(INLINE_SCRIPT)) {
    if (/\bsrc\s*=/i.test(attributes!)) continue;
    hashes.add(`'sha256-${createHash("sha256").update(content!, "utf8").digest("base64")}'`);
  }
  return [...hashes];
}

/** The request's policy with its nonce source replaced by the page's script hashes; null if it had no nonce to replace. */
function policyFor(entry: Entry, context: PageCacheContext | undefined): string | null {
  const policy = context?.contentSecurityPolicy;
  const nonce = context?.cspNonce;
  if (!policy || !nonce) return null;
  const source = `'nonce-${nonce}'`;
  return policy.includes(source) ? policy.replace(source, entry.scriptHashes) : null;
}

/** A request whose policy has a nonce the cache can't swap for hashes is not served from it (its scripts would be refused). */
function nonceReplaceable(context: PageCacheContext | undefined): boolean {
  const policy = context?.contentSecurityPolicy;
  if (!policy) return true;
  return Boolean(context.cspNonce) && policy.includes(`'nonce-${context.cspNonce}'`);
}

function encode(identity: Buffer, encoding: Encoding): Promise<Buffer> {
  if (encoding === "br")
    return brotli(identity, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: identity.length } });
  if (encoding === "gzip") return gzipAsync(identity, { level: 6 });
  return Promise.resolve(identity);
}

/**
 * Wrap a Fetch handler (Remix's) with the microcache. Requests the cache
 * doesn't take go to `handler` unchanged.
 */
export function createPageCache<C extends PageCacheContext>(handler: Handler<C>, options: PageCacheOptions = {}): PageCache<C> {
  const ttl = options.ttlMs ?? getEnv().PAGE_CACHE_SECONDS * 1000;
  const maxBytes = options.maxBytes ?? MAX_BYTES;
  const now = options.now ?? Date.now;
  const handleOf = options.handle ?? getProcessDbHandle;
  // Insertion order = recency: a hit moves its entry to the end.
  const entries = new Map<string, Entry>();
  // Misses being rendered, so concurrent requests for one key wait for the same render.
  const pending = new Map<string, Promise<Entry | null>>();
  let bytes = 0;
  // Bumped on every activation: a render that began before one is not stored.
  let generation = 0;
  let listening: { handle: DbHandle; ready: Promise<boolean> } | null = null;

  const drop = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    bytes -= entry.bytes;
  };
  const clear = () => {
    generation++;
    entries.clear();
    pending.clear();
    bytes = 0;
  };

  /** LISTEN for activations on the database in use (again after it was reopened); false until in place. */
  const ensureListening = async (): Promise<boolean> => {
    const handle = await handleOf();
    if (listening?.handle !== handle) {
      clear();
      const ready = handle
        .listen(CATALOG_CHANNEL, () => clear())
        .then(() => true)
        .catch((error: unknown) => {
          log.error("page cache: LISTEN failed, not caching", { error });
          if (listening?.ready === ready) listening = null;
          return false;
        });
      listening = { handle, ready };
    }
    return listening.ready;
  };

  /** Least recently used first, until within the bytes; `kept` (the entry just used) last of all. */
  const evict = (kept: Entry) => {
    for (const [key, oldest] of entries) {
      if (bytes <= maxBytes || oldest === kept) break;
      drop(key);
    }
    if (bytes > maxBytes) drop(kept.key);
  };

  const account = (entry: Entry, added: number) => {
    entry.bytes += added;
    if (entries.get(entry.key) !== entry) return;
    bytes += added;
    evict(entry);
  };

  const bodyOf = (entry: Entry, encoding: Encoding): Promise<Buffer> => {
    let body = entry.bodies[encoding];
    if (!body) {
      body = entry.bodies.identity!.then((identity) => encode(identity, encoding));
      entry.bodies[encoding] = body;
      void body.then((b) => account(entry, b.length)).catch(() => drop(entry.key));
    }
    return body;
  };

  const store = async (key: string, response: Response): Promise<Entry> => {
    const identity = Buffer.from(await response.arrayBuffer());
    const headers: [string, string][] = [];
    response.headers.forEach((value, name) => {
      if (!["content-length", "content-encoding"].includes(name)) headers.push([name, value]);
    });
    return {
      key,
      expires: now() + ttl,
      status: response.status,
      headers,
      scriptHashes: inlineScriptHashes(identity.toString("utf8")).join(" "),
      bodies: { identity: Promise.resolve(identity) },
      bytes: identity.length,
    };
  };

  const remember = (entry: Entry) => {
    drop(entry.key);
    entries.set(entry.key, entry);
    bytes += entry.bytes;
    evict(entry);
  };

  const answer = async (entry: Entry, encoding: Encoding, context: C | undefined): Promise<Response> => {
    const body = await bodyOf(entry, encoding);
    const headers = new Headers(entry.headers);
    const policy = policyFor(entry, context);
    if (policy) headers.set("Content-Security-Policy", policy);
    if (encoding !== "identity") headers.set("Content-Encoding", encoding);
    headers.set("Content-Length", String(body.length));
    if (!/accept-encoding/i.test(headers.get("Vary") ?? "")) headers.append("Vary", "Accept-Encoding");
    return new Response(new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.length), { status: entry.status, headers });
  };

  const cached: Handler<C> = async (request, context) => {
    if (ttl <= 0 || !isCacheableRequest(request) || !nonceReplaceable(context) || !(await ensureListening())) return handler(request, context);
    const { language, market } = await getPreferences(request);
    const key = `${request.url}\u0000${language}\u0000${market}`;
    const encoding = chooseEncoding(request.headers.get("Accept-Encoding"));

    const hit = entries.get(key);
    if (hit && hit.expires > now()) {
      entries.delete(key);
      entries.set(key, hit);
      return answer(hit, encoding, context);
    }
    if (hit) drop(key);

    const inFlight = pending.get(key);
    if (inFlight) {
      const entry = await inFlight;
      return entry ? answer(entry, encoding, context) : handler(request, context);
    }

    const startedIn = generation;
    let uncached: Response | null = null;
    const rendering = (async () => {
      const response = await handler(request, { ...context, wholeDocument: true } as C);
      if (!isCacheableResponse(response)) {
        uncached = response;
        return null;
      }
      const entry = await store(key, response);
      if (generation === startedIn) remember(entry);
      return entry;
    })();
    const shared = rendering.catch(() => null);
    pending.set(key, shared);
    try {
      const entry = await rendering;
      return entry ? await answer(entry, encoding, context) : uncached!;
    } finally {
      if (pending.get(key) === shared) pending.delete(key);
    }
  };

  return {
    handler: cached,
    get size() {
      return entries.size;
    },
    get bytes() {
      return bytes;
    },
    clear,
  };
}
