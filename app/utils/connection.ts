/**
 * A dropped connection, told apart from a failure of ours. When the tablet
 * loses its connection, Remix's fetch of an action or a loader rejects with a
 * TypeError ("Failed to fetch" in Chromium, "NetworkError …" in Firefox,
 * "Load failed" in Safari); handed to an error boundary as it is, that looked
 * like a 500 of the server. Pages say "offline" instead, keep what they have,
 * and try again when the connection returns.
 */

/** What an action answers in the browser when it could not reach the server: the page keeps its work and waits. */
export interface OfflineResult {
  offline: true;
}

export const OFFLINE: OfflineResult = { offline: true };

export function isOfflineResult(value: unknown): value is OfflineResult {
  return typeof value === "object" && value !== null && (value as { offline?: unknown }).offline === true;
}

/** Whether the browser believes it is online (true outside a browser: the server is never "offline"). */
export function browserOnline(): boolean {
  return typeof navigator === "undefined" || navigator.onLine !== false;
}

/** The browsers' messages of a fetch that never reached the server. */
const FETCH_FAILED = /failed to fetch|networkerror|load failed|network request failed|internet connection/i;

/**
 * A failure because the connection is gone: any failure while the browser
 * says it is offline, or a fetch's TypeError with a browser's network message
 * (a TypeError from a bug in our code reads otherwise and stays an error).
 */
export function isConnectionFailure(error: unknown, online = browserOnline()): boolean {
  if (typeof window === "undefined") return false;
  if (!online) return true;
  return error instanceof TypeError && FETCH_FAILED.test(error.message);
}

/**
 * A route's `shouldRevalidate`: after an action that answered offline, and
 * while the browser knows it is offline, don't reload the page's data — the
 * fetch would fail and replace the page (the dealer's unsaved quote with it)
 * by an error page.
 */
export function revalidateUnlessOffline({ actionResult, defaultShouldRevalidate }: { actionResult?: unknown; defaultShouldRevalidate: boolean }): boolean {
  if (isOfflineResult(actionResult) || !browserOnline()) return false;
  return defaultShouldRevalidate;
}
