/**
 * Server entry: renders documents (as Remix's default does) and owns the
 * process's start-up and shutdown, so server.js and the routes share ONE copy
 * of the database module (both reach it through this build).
 */
import { PassThrough } from "node:stream";
import { type ActionFunctionArgs, type AppLoadContext, type EntryContext, type LoaderFunctionArgs, createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { closeDb, getDb } from "#db/client";
import { seed, shouldSeedDemo } from "#db/seed";
import { log } from "~/.server/platform/logger.server";
import { startMailer, type MailerHandle } from "~/.server/messages/mailer.server";
import { startQuoteExpirySweep } from "~/.server/messages/staff-notifications.server";
import { startRetentionSweep } from "~/.server/platform/retention.server";
import { NonceProvider } from "~/utils/nonce";
import { startRecommendationSchedule } from "~/.server/recommendations/recommendations.server";
import { reencryptPersonalData } from "~/.server/privacy/reencrypt.server";

// server.js wraps Remix's handler with it: Origin, NUL and body-size refusals before any route runs (decision 041).
export { guardRequestHandler } from "~/.server/platform/request-guard.server";
// …and with the anonymous configurator pages' microcache inside the guard (decision 056).
export { createPageCache } from "~/.server/platform/page-cache.server";

const ABORT_DELAY = 5_000;

/** Open (and so migrate) the database, then seed it: always on PGlite, on PostgreSQL only with SEED_DEMO=1. */
async function prepareDatabase(): Promise<void> {
  const started = performance.now();
  const db = await getDb();
  const demo = shouldSeedDemo();
  await seed(db, { demo, orders: demo, history: demo, sequencingDay: demo });
  // Plaintext left from before encryption, or values of a rotated-out key, are brought to the current key (decision 045).
  const reencrypted = await reencryptPersonalData(db);
  log.info("database ready", { demo, reencrypted, ms: Math.round(performance.now() - started) });
  // Sends the email outbox only when SMTP_URL is set; otherwise mail waits in the outbox (/dev/outbox).
  mailer = startMailer();
  // Nightly rebuild of the recommendation models (withdrawn consents drop out then); `npm run recommend:rebuild` does it at once.
  stopRecommendations = startRecommendationSchedule(getDb);
  // Tells dealers of quotes about to expire, hourly, without a cron (decision 034); every app server may run it.
  stopQuoteSweep = startQuoteExpirySweep(getDb);
  // Hourly: forgets sign-in attempts after 24 h, orders' idempotency keys after 7 days, expired sessions, and sent
  // mail after its retention (decisions 043, 044, 046).
  stopRetentionSweep = startRetentionSweep(getDb);
}

let stopQuoteSweep: (() => Promise<void>) | null = null;

let stopRetentionSweep: (() => Promise<void>) | null = null;

let stopRecommendations: (() => void) | null = null;

let mailer: MailerHandle | null = null;

let starting: Promise<void> | undefined;

/**
 * Called by server.js before it listens; safe to call more than once.
 * "primary": the only process, or a cluster's primary — migrate, seed,
 * re-encrypt and start the background jobs, once. "worker": a cluster's
 * worker, started after its primary did all that — open the database and
 * serve (decision 053).
 */
export function startup(role: "primary" | "worker" = "primary"): Promise<void> {
  starting ??= role === "primary" ? prepareDatabase() : getDb().then(() => undefined);
  return starting;
}

// `remix vite:dev` runs without server.js: prepare the database when this module first loads.
if (import.meta.env.DEV) {
  startup().catch((error) => log.error("start-up failed", { error }));
}

/** Close the database: with PGlite open the process would not exit. */
export async function shutdown(): Promise<void> {
  stopRecommendations?.();
  await stopQuoteSweep?.();
  await stopRetentionSweep?.();
  await mailer?.stop();
  await closeDb();
}

/** Unexpected errors in loaders, actions and rendering: log them with the request id; the page shows none of it. */
export function handleError(error: unknown, { request, context }: LoaderFunctionArgs | ActionFunctionArgs) {
  if (request.signal.aborted) return;
  // Thrown responses (404, 403, redirects) are control flow, not errors.
  if (error instanceof Response) return;
  log.error("unhandled error", { requestId: context?.requestId, method: request.method, path: new URL(request.url).pathname, error });
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // Bots get the whole document at once; browsers get the shell as soon as it is ready.
  // So does the page cache: an error after the shell then shows in the status, and a 500 is never stored.
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode || loadContext?.wholeDocument === true;
  // The CSP nonce server.js made for this request (none under `remix vite:dev`, which sends no CSP).
  const nonce = loadContext?.cspNonce;
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce ?? ""}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors before the shell reject above and are logged by Remix's handleError.
          if (shellRendered) log.error("render error", { requestId: loadContext?.requestId, error });
        },
      },
    );
    setTimeout(abort, ABORT_DELAY + 1000);
  });
}
