/**
 * Test support for the JSON API's route tests (imported by tests only; not a
 * route, see ignoredRouteFiles): call a loader or action as Remix calls it and
 * read its JSON answer.
 */
import { expect } from "vitest";

/** A loader or action as Remix calls it (for the fuzz runs that read the raw Response). */
export type Handler = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => Promise<unknown>;

/** Call an API loader or action; it must answer with a JSON Response, whose status, headers and parsed body come back. */
export async function call(handler: unknown, request: Request, params: Record<string, string> = {}) {
  const response = await (handler as Handler)({ request, params, context: {} });
  if (!(response instanceof Response)) throw new Error("API handlers answer with a Response");
  const text = await response.text();
  let body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON under test
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`not JSON (${response.status}): ${text.slice(0, 200)}`);
  }
  expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
  return { status: response.status, headers: response.headers, body };
}

/** A GET request for `path` (with its query) on the test host. */
export const get = (path: string, headers: HeadersInit = {}) => new Request(`http://localhost${path}`, { headers });
