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
 *   WEB_CONCURRENCY  worker processes serving requests (decision 053):
 *                default one per CPU on PostgreSQL in production, 1 on the
 *                embedded PGlite (one process owns its files) and in
 *                development. With more than one, this process is the
 *                cluster's primary: it prepares the database (migrate, seed,
 *                re-encrypt) and runs the background jobs once, then forks
 *                the workers, replaces one that dies, and stops them all
 *                on SIGTERM / SIGINT. App servers are stateless, so workers
 *                share nothing but the database.
 */
import cluster from "node:cluster";
import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import { availableParallelism } from "node:os";
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

/** In a cluster, every line names the worker that wrote it. */
const workerField = cluster.isWorker ? { worker: cluster.worker.id } : {};

function log(level, msg, fields = {}) {
  process.stdout.write(`${JSON.stringify({ level, time: new Date().toISOString(), msg, ...workerField, ...fields })}\n`);
}

/**
 * How many workers serve: WEB_CONCURRENCY, else one per CPU in production on
 * PostgreSQL. Always 1 on PGlite, whatever is asked: it is a database inside
 * this process, and two processes must never open its folder.
 */
function workerCount(env = process.env) {
  if (!env.DATABASE_URL?.trim()) return 1;
  const asked = env.WEB_CONCURRENCY?.trim();
  if (asked) {
    const n = Number(asked);
    if (!Number.isInteger(n) || n < 1 || n > 256) throw new Error(`WEB_CONCURRENCY must be a whole number from 1 to 256, not "${asked}"`);
    return n;
  }
  return env.NODE_ENV === "production" ? availableParallelism() : 1;
}

/** A worker that can't listen (port taken, no permission) exits with this: the primary stops instead of retrying. */
const CANNOT_LISTEN = 78;

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
 * state-changing request, NUL in the address, largest body; decision 041)
 * and the anonymous configurator pages' microcache (decision 056): what
 * @remix-run/express's createRequestHandler does, with those between.
 */
function remixHandler(build) {
  const { guardRequestHandler, createPageCache } = build.entry.module;
  const handle = guardRequestHandler(createPageCache(createRequestHandler(build, process.env.NODE_ENV)).handler);
  return async (req, res, next) => {
    try {
      const context = {
        requestId: res.locals.requestId,
        clientAddress: req.ip ?? "unknown",
        cspNonce: res.locals.cspNonce,
        contentSecurityPolicy: res.getHeader("Content-Security-Policy"),
      };
      const response = await handle(createRemixRequest(req, res), context);
      // A page from the microcache brings its own policy (script hashes instead of this request's nonce, decision 056):
      // it replaces the one set above instead of being added to it.
      if (response.headers.has("Content-Security-Policy")) res.removeHeader("Content-Security-Policy");
      await sendRemixResponse(res, response);
    } catch (error) {
      next(error);
    }
  };
}

/**
 * `serve` only for the few files at the top of build/client (favicon.svg …):
 * every other request (pages, the API) goes on without a look at the disk.
 */
function topLevelFiles(root, serve) {
  const names = new Set(readdirSync(root).filter((name) => name !== "assets"));
  return (req, res, next) => (names.has(req.path.split("/")[1]) ? serve(req, res, next) : next());
}

/** One process serving requests: the only one, or a cluster's worker. */
async function serve() {
  const build = await import(here("./build/server/index.js"));
  const { startup, shutdown } = build.entry.module;
  await startup(cluster.isWorker ? "worker" : "primary");

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", trustProxySetting(process.env.TRUST_PROXY));
  app.use(requestLog, securityHeaders());
  // Vite fingerprints everything under /assets: cache it for good. The build wrote a brotli and
  // a gzip copy of each (scripts/precompress.mjs): the smallest the browser accepts is sent.
  app.use("/assets", precompressedStatic(here("./build/client/assets"), { immutable: true, maxAge: "1y" }));
  app.use(topLevelFiles(here("./build/client"), precompressedStatic(here("./build/client"), { maxAge: "1h" })));
  app.use(compressResponses());
  app.all("*", remixHandler(build));

  const server = app.listen(port, () => log("info", "listening", { port, url: `http://localhost:${port}`, pid: process.pid }));
  server.on("error", (error) => {
    log("error", "server error", { error: String(error) });
    process.exit(cluster.isWorker && ["EADDRINUSE", "EACCES"].includes(error.code) ? CANNOT_LISTEN : 1);
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

/**
 * A cluster's primary: prepares the database and runs the background jobs
 * (startup "primary"), then forks `count` workers that serve. A worker that
 * dies is replaced (after a second if it died young, so a crash at start does
 * not spin); SIGTERM / SIGINT stop the workers (each finishes its requests),
 * then the jobs and the database.
 */
async function primary(count) {
  const build = await import(here("./build/server/index.js"));
  const { startup, shutdown } = build.entry.module;
  await startup("primary");
  log("info", "starting workers", { workers: count });

  const born = new Map();
  const fork = () => born.set(cluster.fork().id, Date.now());
  let stopping = false;
  let exitCode = 0;
  const finish = async () => {
    try {
      await shutdown();
      log("info", "stopped", {});
    } catch (error) {
      log("error", "shutdown failed", { error: String(error?.stack ?? error) });
      exitCode = 1;
    }
    process.exit(exitCode);
  };
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    log("info", "shutting down", { signal, workers: Object.keys(cluster.workers ?? {}).length });
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    if (Object.keys(cluster.workers ?? {}).length === 0) void finish();
  };
  cluster.on("exit", (worker, code, signal) => {
    const age = Date.now() - (born.get(worker.id) ?? 0);
    born.delete(worker.id);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) void finish();
      return;
    }
    log("error", "worker exited", { pid: worker.process.pid, code, signal, ms: age });
    if (code === CANNOT_LISTEN) {
      exitCode = 1;
      stop("worker could not listen");
      return;
    }
    setTimeout(() => stopping || fork(), age < 10_000 ? 1_000 : 0);
  });
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  for (let i = 0; i < count; i++) fork();
}

async function main() {
  const count = cluster.isPrimary ? workerCount() : 1;
  await (count > 1 ? primary(count) : serve());
}

main().catch((error) => {
  log("error", "start-up failed", { error: String(error?.stack ?? error) });
  process.exit(1);
});
