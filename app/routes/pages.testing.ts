/**
 * Test support for the page routes' tests (imported by tests only; not a
 * route, see ignoredRouteFiles): run a loader or action as Remix calls it and
 * say what it answered, thrown or returned.
 */

type Args = { request: Request; params: Record<string, string>; context: Record<string, unknown> };

/** What a loader or action answered: a Response, or data with its status (and, from `data(...)`, its headers). */
export interface Outcome<D = unknown> {
  status: number;
  response?: Response;
  data?: D;
  headers?: Headers;
}

/** Remix's `data(value, init)`: a value with the status and headers it is answered with. */
function isData(value: unknown): value is { data: unknown; init: ResponseInit | null } {
  return !!value && typeof value === "object" && "init" in value && "data" in value;
}

/**
 * Run a loader or action; a thrown or returned Response comes back as
 * `response`, `data(...)` as `data` + status + headers (200 returned, 500
 * thrown unless it says), anything else returned as `data` with 200.
 */
export async function run<D = unknown>(fn: unknown, request: Request, params: Record<string, string> = {}, context: Record<string, unknown> = {}): Promise<Outcome<D>> {
  try {
    const result = await (fn as (args: Args) => Promise<unknown>)({ request, params, context });
    if (result instanceof Response) return { status: result.status, response: result };
    if (isData(result)) return { status: result.init?.status ?? 200, data: result.data as D, headers: new Headers(result.init?.headers) };
    return { status: 200, data: result as D };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, response: thrown };
    if (isData(thrown)) return { status: thrown.init?.status ?? 500, data: thrown.data as D, headers: new Headers(thrown.init?.headers) };
    throw thrown;
  }
}
