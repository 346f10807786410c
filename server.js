/**
 * Production server: express serves the built assets and hands every other
 * request to the Remix build. Start-up (migrate + seed) and shutdown (close
 * the database) live in app/entry.server.tsx, so there is one copy of the
 * database module: the build's.
 *
 *   PORT         port to listen on (default 3000)
 *   TRUST_PROXY  express "trust proxy" setting, when behind a reverse proxy
 *                (e.g. 1 for one hop); the client address comes from
 *                X-Forwarded-For only then
 *   PUBLIC_URL   the address people use: form posts whose Origin names it
 *                pass the Origin check even when a proxy rewrote Host and
 *                sent no X-Forwarded-Host (decision 041)
 */
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import express from "express";
// The express adapter's own Request/Response bridge (its package index exports only createRequestHandler).
import { createRemixRequest, sendRemixResponse } from "@remix-run/express/dist/server.js";
import { createRequestHandler } from "@remix-run/node";
import { compressResponses, precompressedStatic } from "./compression.js";
import { securityHeaders } from "./security-headers.js";

process.env.NODE_ENV ??= "production";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const port = Number(process.env.PORT ?? 3000);

function log(level, msg, fields = {}) {
  process.stdout.write(`${JSON.stringify({ level, time: new Date().toISOString(), msg, ...fields })}\n`);
}

function trustProxySetting(value) {
  if (!value) return false;
  if (/^\d+$/.test(value)) return Number(value);
  if (value === "true") return true;
  return value;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
let shuttingDown = false;

/** One JSON line per request; the id comes from a sane incoming x-request-id or is made here. */
function requestLog(req, res, next) {
  const incoming = req.get("x-request-id");
  const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  const started = process.hrtime.bigint();
  res.locals.requestId = requestId;
  res.setHeader("x-request-id", requestId);
  if (shuttingDown) res.setHeader("Connection", "close");
  res.on("finish", () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    log(res.statusCode >= 500 ? "error" : "info", "request", {
      method: req.method,
      path: req.path,
      status: res.statusCode,
      ms: Math.round(ms * 10) / 10,
      requestId,
    });
  });
  next();
}

/**
 * Remix's handler behind the build's request guard (Origin check on every
 * state-changing request, NUL in the address, largest body; decision 041):
 * what @remix-run/express's createRequestHandler does, with the guard between.
 */
function remixHandler(build) {
  const handle = build.entry.module.guardRequestHandler(createRequestHandler(build, process.env.NODE_ENV));
  return async (req, res, next) => {
    try {
      const context = { requestId: res.locals.requestId, clientAddress: req.ip ?? "unknown", cspNonce: res.locals.cspNonce };
      await sendRemixResponse(res, await handle(createRemixRequest(req, res), context));
    } catch (error) {
      next(error);
    }
  };
}

async function main() {
  const build = await import(here("./build/server/index.js"));
  const { startup, shutdown } = build.entry.module;
  await startup();

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", trustProxySetting(process.env.TRUST_PROXY));
  app.use(requestLog, securityHeaders());
  // Vite fingerprints everything under /assets: cache it for good. The build wrote a brotli and
  // a gzip copy of each (scripts/precompress.mjs): the smallest the browser accepts is sent.
  app.use("/assets", precompressedStatic(here("./build/client/assets"), { immutable: true, maxAge: "1y" }));
  app.use(precompressedStatic(here("./build/client"), { maxAge: "1h" }));
  app.use(compressResponses());
  app.all("*", remixHandler(build));

  const server = app.listen(port, () => log("info", "listening", { port, url: `http://localhost:${port}` }));
  server.on("error", (error) => {
    log("error", "server error", { error: String(error) });
    process.exit(1);
  });

  /** Stop accepting, let in-flight requests finish (10 s at most), close the database, exit 0. */
  const stop = (signal) => {
    if (shuttingDown) return;
    shuttingDown = true;
    log("info", "shutting down", { signal });
    const force = setTimeout(() => server.closeAllConnections(), 10_000);
    force.unref();
    server.close(async () => {
      clearTimeout(force);
      try {
        await shutdown();
        log("info", "stopped", { signal });
        process.exit(0);
      } catch (error) {
        log("error", "shutdown failed", { error: String(error?.stack ?? error) });
        process.exit(1);
      }
    });
    server.closeIdleConnections();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((error) => {
  log("error", "start-up failed", { error: String(error?.stack ?? error) });
  process.exit(1);
});
