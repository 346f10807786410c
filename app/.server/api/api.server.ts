/**
 * The JSON API's plumbing (routes app/routes/api.v1.*; docs/api.md):
 * bounded body reading, schema parsing, and one error shape for everything
 * a client can get wrong:
 *
 *   { "error": { "code": "unknown-code", "message": "unknown value code \"X\"", "path": "choices.2" } }
 *
 * Bad input is a 4xx naming the problem — never a 500. Routes wrap their
 * loader/action in `api(...)`: an ApiError thrown anywhere becomes its
 * response; a thrown Response passes through.
 */
import type { z } from "zod";
import { LANGUAGES, MARKET_CODES, type Language, type Market } from "~/domain/catalog";
import type { Refusal } from "~/domain/result";
import { can, type Permission } from "~/domain/permissions";
import { getT } from "~/i18n";
import type { Executor } from "#db/client";
import { findTokenUser, readBearer } from "~/.server/auth/api-tokens.server";
import { getUser, type AuthUser } from "~/.server/auth/auth.server";
import type { LoadedLine } from "~/.server/catalog/catalog.server";
import { checkStructure, loadLineFor } from "~/.server/configurations/configurations.server";
import { getPreferences } from "~/.server/platform/preferences.server";
import { readBodyUpTo } from "~/utils/form-data.server";

/** Largest request body accepted (bytes). */
export const MAX_BODY_BYTES = 64 * 1024;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly path?: string,
    readonly headers?: HeadersInit,
    /** More about the error, beside code, message and path (e.g. every problem the engine found). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export function errorResponse(status: number, code: string, message: string, path?: string, headers?: HeadersInit, details?: Record<string, unknown>): Response {
  const error = { ...(path === undefined ? { code, message } : { code, message, path }), ...details };
  return Response.json({ error }, { status, headers: { "Cache-Control": "no-store", ...Object.fromEntries(new Headers(headers)) } });
}

/**
 * A repository's refusal as an ApiError: its status, code, message and path,
 * with what the client needs to recover beside them (every problem the engine
 * found, the server's total).
 */
export function problemError(problem: Refusal): ApiError {
  const { problems, total } = problem;
  return new ApiError(problem.status, problem.code, problem.message, problem.path, undefined, { ...(problems && { problems }), ...(total !== undefined && { total }) });
}

/** JSON with the API's headers (no caching of personal or price data by shared caches). */
export function json(body: unknown, init: { status?: number; headers?: HeadersInit } = {}): Response {
  return Response.json(body, { status: init.status ?? 200, headers: { "Cache-Control": "no-store", ...Object.fromEntries(new Headers(init.headers)) } });
}

type Handler<A> = (args: A) => Promise<Response> | Response;

/** Wrap a loader or action: ApiErrors become error responses. */
export function api<A>(handler: Handler<A>): (args: A) => Promise<Response> {
  return async (args) => {
    try {
      return await handler(args);
    } catch (error) {
      if (error instanceof ApiError) return errorResponse(error.status, error.code, error.message, error.path, error.headers, error.details);
      throw error;
    }
  };
}

/** A handler for methods a route doesn't have: 405 with the Allow header. */
export function methodNotAllowed(allow: string): () => Promise<Response> {
  return async () => errorResponse(405, "method-not-allowed", `this endpoint accepts ${allow} only`, undefined, { Allow: allow });
}

/** Refuse any method but `method` (actions receive POST, PUT, PATCH and DELETE alike). */
export function requireMethod(request: Request, method: string): void {
  if (request.method !== method) throw new ApiError(405, "method-not-allowed", `this endpoint accepts ${method} only`, undefined, { Allow: method });
}

/**
 * The request's body as JSON: `Content-Type: application/json` (415
 * otherwise — which also keeps cross-site form posts out), at most
 * MAX_BODY_BYTES (413, checked while reading, whatever Content-Length
 * claims), valid UTF-8 and valid JSON without a NUL character (400).
 */
export async function readJson(request: Request): Promise<unknown> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type.trim()))
    throw new ApiError(415, "unsupported-media-type", "send the body as JSON with Content-Type: application/json");
  const bytes = await readBodyUpTo(request, MAX_BODY_BYTES);
  if (bytes === null) throw tooLarge();
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError(400, "invalid-json", "the body is not valid UTF-8");
  }
  if (text.trim() === "") throw new ApiError(400, "invalid-json", "the body is empty: send a JSON object");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ApiError(400, "invalid-json", `the body is not valid JSON (${(error as Error).message})`);
  }
  const where = nulPath(value);
  if (where !== null) throw new ApiError(400, "invalid-character", `${where || "body"}: a NUL character (\\u0000) is not accepted`, where || undefined);
  return value;
}

/**
 * Where a parsed JSON value holds a NUL character, in a string or a key ("" the
 * body itself), or null: PostgreSQL text cannot store one, so every route
 * would fail on it — refused here once for all of them.
 */
function nulPath(value: unknown, path: string[] = []): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path.join(".") : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulPath(value[i], [...path, String(i)]);
      if (found !== null) return found;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes("\u0000")) return [...path, key.replaceAll("\u0000", "\\u0000")].join(".");
      const found = nulPath(item, [...path, key]);
      if (found !== null) return found;
    }
  }
  return null;
}

function tooLarge(): ApiError {
  return new ApiError(413, "body-too-large", `the body is larger than ${MAX_BODY_BYTES / 1024} KB`);
}

/** Parse with a schema; the first issue becomes a 400 naming the field. */
export function parseWith<S extends z.ZodTypeAny>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw issueError(issue);
}

const english = getT("en") as (key: string) => string;

function issueError(issue: z.ZodIssue): ApiError {
  const path = issue.path.length > 0 ? issue.path.join(".") : undefined;
  // Shared form schemas carry i18n keys as messages: give API clients the English text.
  const text = issue.message.startsWith("validation.") ? english(issue.message) : issue.message;
  const where = path ? `${path}: ` : "";
  if (issue.code === "invalid_type" && issue.received === "undefined")
    return new ApiError(400, "missing-field", `${path ?? "body"} is required`, path);
  if (issue.code === "invalid_type")
    return new ApiError(400, "wrong-type", `${where}expected ${issue.expected}, got ${issue.received}`, path);
  if (issue.code === "unrecognized_keys") {
    const key = issue.keys[0];
    const full = path ? `${path}.${key}` : key;
    return new ApiError(400, "unknown-field", `unknown field "${full}"`, full);
  }
  return new ApiError(400, "invalid-value", `${where}${text}`, path);
}

/**
 * Market and language of a request: `?market=` and `?lang=` (or the body's
 * `market` / `lang`), else the visitor's preferences (cookie, then
 * Accept-Language). An unsupported value is a 400.
 */
export async function marketAndLanguage(
  request: Request,
  given: { market?: string | null; lang?: string | null } = {},
): Promise<{ market: Market; language: Language }> {
  const url = new URL(request.url);
  const market = given.market ?? url.searchParams.get("market");
  const lang = given.lang ?? url.searchParams.get("lang");
  if (market !== null && !(MARKET_CODES as string[]).includes(market))
    throw new ApiError(400, "unknown-market", `unknown market "${market.slice(0, 20)}" (markets: ${MARKET_CODES.join(", ")})`, "market");
  if (lang !== null && !(LANGUAGES as readonly string[]).includes(lang))
    throw new ApiError(400, "unknown-language", `unknown language "${lang.slice(0, 20)}" (languages: ${LANGUAGES.join(", ")})`, "lang");
  const preferences = await getPreferences(request);
  return { market: (market as Market | null) ?? preferences.market, language: (lang as Language | null) ?? preferences.language };
}

/**
 * The line a body names, with its choices and texts checked for structure
 * (known, unrepeated codes; known text fields): 400 naming the first problem.
 */
export async function loadCheckedLine(
  db: Executor,
  input: { line: string; version?: string; choices: readonly string[]; texts: Readonly<Record<string, string>> },
): Promise<LoadedLine> {
  const loaded = await loadLineFor(db, input);
  if (!loaded.ok) throw problemError(loaded.problem);
  const problem = checkStructure(loaded.value.line, input);
  if (problem) throw problemError(problem);
  return loaded.value;
}

/**
 * The caller: the owner of an `Authorization: Bearer <API token>`, else the
 * signed-in user of the session cookie; otherwise a 401 in the API's error
 * shape. A token that is present but unknown, revoked or malformed is a 401
 * even when a valid cookie comes with it: credentials a client sent are never
 * swapped for others.
 */
export async function requireApiSession(request: Request, db: Executor): Promise<AuthUser> {
  const bearer = readBearer(request);
  if (bearer.kind !== "none") {
    const user = bearer.kind === "bearer" ? await findTokenUser(db, bearer.token) : null;
    if (!user)
      throw new ApiError(401, "invalid-token", "the API token is not valid (unknown, revoked or malformed): send Authorization: Bearer atk_…", undefined, {
        "WWW-Authenticate": 'Bearer error="invalid_token"',
      });
    return user;
  }
  const user = await getUser(request, { db });
  if (!user) throw new ApiError(401, "unauthorized", "sign in first: this endpoint needs a session cookie or an API token (Authorization: Bearer …)", undefined, { "WWW-Authenticate": "Bearer" });
  return user;
}

/** The caller if they hold `permission`: 401 without credentials (as requireApiSession), 403 `forbidden` saying `refusal` without it. */
export async function requireApiSessionPermission(request: Request, db: Executor, permission: Permission, refusal: string): Promise<AuthUser> {
  const user = await requireApiSession(request, db);
  if (!can(user, permission)) throw new ApiError(403, "forbidden", refusal);
  return user;
}

/** Saved configurations belong to customers (their account lists them): 401 signed out, 403 for staff accounts. */
export function requireApiCustomer(request: Request, db: Executor): Promise<AuthUser> {
  return requireApiSessionPermission(request, db, "configuration.save", "only customer accounts have saved configurations");
}
