/**
 * What every request passes before Remix sees it (server.js wraps the
 * build's handler with `guardRequestHandler`; decision 041):
 *
 *   - a request that changes state (anything but GET, HEAD, OPTIONS) from a
 *     browser must come from this site: its `Origin` names the site's own
 *     host, or PUBLIC_URL's origin. A foreign, `null` or malformed Origin is a
 *     403 page (Remix's own check threw a 500, and only for document
 *     requests: resource routes such as /logout and data requests went
 *     unchecked). No Origin at all is not a browser (browsers send one on
 *     every POST), so there is no ambient cookie to abuse: it passes. The
 *     JSON API is checked the same way, unless the request carries its own
 *     credentials (`Authorization`), which a foreign page cannot make a
 *     browser send;
 *   - an address with a NUL character (`%00`) is a 400: PostgreSQL text
 *     cannot hold one, so no route could do anything useful with it;
 *   - a body longer than the largest any route accepts (the catalog upload)
 *     is a 413, declared or counted while streaming. Each route then reads at
 *     most its own limit (readFormData, readJson).
 *
 * Behind a reverse proxy that rewrites `Host`, the proxy should send
 * `X-Forwarded-Host`, or PUBLIC_URL should name the address people use.
 */
import { getEnv } from "~/.server/platform/env.server";
import { getPreferences } from "~/.server/platform/preferences.server";
import { LARGEST_BODY_BYTES } from "~/utils/body-limits";
import { getT } from "~/i18n";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Why a request is refused before any route runs, or null when it may go on. */
export type Refusal = { status: 400 | 403 | 413; kind: "nul" | "cross-site" | "too-large" };

/** The host (with port) of an Origin header value, or null when it is `null`, malformed or not http(s). */
function originHost(origin: string): string | null {
  if (!/^https?:\/\/[^/?#\s]+$/i.test(origin)) return null;
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/** The hosts this site answers as: PUBLIC_URL's, the first X-Forwarded-Host (set by a proxy, not by a page) and Host. */
function ownHosts(headers: Headers, publicUrl: string | undefined): string[] {
  const hosts: string[] = [];
  if (publicUrl) hosts.push(new URL(publicUrl).host);
  const forwarded = headers.get("X-Forwarded-Host")?.split(",")[0]?.trim();
  if (forwarded) hosts.push(forwarded.toLowerCase());
  const host = headers.get("Host")?.trim();
  if (host) hosts.push(host.toLowerCase());
  return hosts;
}

/** Whether a state-changing request may proceed as far as its origin goes. */
export function sameOrigin(method: string, pathname: string, headers: Headers, publicUrl = getEnv().PUBLIC_URL): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return true;
  const origin = headers.get("Origin");
  if (origin === null) return true;
  if (pathname.startsWith("/api/") && headers.has("Authorization")) return true;
  const host = originHost(origin.trim());
  return host !== null && ownHosts(headers, publicUrl).includes(host);
}

/** Whether a request is refused before any route runs (see the module's comment). */
export function refuseRequest(request: Request, publicUrl = getEnv().PUBLIC_URL): Refusal | null {
  const url = new URL(request.url);
  if (/%00/.test(url.pathname + url.search)) return { status: 400, kind: "nul" };
  const declared = Number(request.headers.get("Content-Length"));
  if (Number.isFinite(declared) && declared > LARGEST_BODY_BYTES) return { status: 413, kind: "too-large" };
  if (!sameOrigin(request.method, url.pathname, request.headers, publicUrl)) return { status: 403, kind: "cross-site" };
  return null;
}

const MESSAGE_KEYS = {
  nul: { title: "errors.badRequest.title", message: "errors.badRequest.message" },
  "cross-site": { title: "errors.crossSite.title", message: "errors.crossSite.message" },
  "too-large": { title: "errors.tooLarge.title", message: "errors.tooLarge.message" },
} as const;

const API_CODES = {
  nul: ["invalid-character", "the address contains a NUL character"],
  "cross-site": ["cross-site-request", "the Origin header names another site: send the request from this site, or with an API token"],
  "too-large": ["body-too-large", "the body is larger than this server accepts"],
} as const;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The refusal as the client can read it: the API's JSON error, else a small page in the visitor's language. */
export async function refusalResponse(request: Request, refusal: Refusal): Promise<Response> {
  const headers = { "Cache-Control": "no-store", ...(refusal.kind === "too-large" ? { Connection: "close" } : {}) };
  if (new URL(request.url).pathname.startsWith("/api/")) {
    const [code, message] = API_CODES[refusal.kind];
    return Response.json({ error: { code, message } }, { status: refusal.status, headers });
  }
  const { language } = await getPreferences(request);
  const t = getT(language) as unknown as (key: string, values?: Record<string, unknown>) => string;
  const keys = MESSAGE_KEYS[refusal.kind];
  const page = `<!DOCTYPE html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(t(keys.title))}</title></head>
<body><main><p>${escapeHtml(t("errors.status", { status: refusal.status }))}</p><h1>${escapeHtml(t(keys.title))}</h1><p>${escapeHtml(t(keys.message))}</p><p><a href="/">${escapeHtml(t("errors.backHome"))}</a></p></main></body></html>`;
  return new Response(page, { status: refusal.status, headers: { ...headers, "Content-Type": "text/html; charset=utf-8" } });
}

/** A body stream that fails once more than `limit` bytes went through: a body without (or lying about) Content-Length is counted. */
function capped(body: ReadableStream<Uint8Array>, limit: number): ReadableStream<Uint8Array> {
  let seen = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > limit) controller.error(new Error(`request body larger than ${limit} bytes`));
        else controller.enqueue(chunk);
      },
    }),
  );
}

type Handler<C> = (request: Request, context?: C) => Promise<Response>;

/**
 * Wrap a Fetch handler (Remix's): refused requests are answered here; the
 * rest go on with a counted body and without the Origin header already
 * checked — Remix's own check, which knows neither PUBLIC_URL nor how to
 * answer anything but a 500, has nothing left to compare.
 */
export function guardRequestHandler<C>(handler: Handler<C>, options: { publicUrl?: string } = {}): Handler<C> {
  return async (request, context) => {
    const publicUrl = "publicUrl" in options ? options.publicUrl : getEnv().PUBLIC_URL;
    const refusal = refuseRequest(request, publicUrl);
    // The body is left unread (cancelling it would drop the connection before the answer goes out); a too-large
    // one's answer closes the connection.
    if (refusal) return refusalResponse(request, refusal);
    if (SAFE_METHODS.has(request.method.toUpperCase())) return handler(request, context);
    const headers = new Headers(request.headers);
    headers.delete("Origin");
    const init: RequestInit & { duplex?: "half" } = { method: request.method, headers, signal: request.signal };
    if (request.body) {
      init.body = capped(request.body, LARGEST_BODY_BYTES);
      init.duplex = "half";
    }
    return handler(new Request(request.url, init), context);
  };
}
