/**
 * server.js as a cluster (decision 053), on PostgreSQL (TEST_DATABASE_URL) and
 * the production build (skipped without PostgreSQL; built first when build/ is missing, as on a fresh clone): with
 * WEB_CONCURRENCY=2 the primary prepares the database once (migrate, seed),
 * both workers serve, a worker killed with SIGKILL is replaced while the other
 * keeps serving, orders stay exactly once when a worker is killed (kill -9)
 * in the middle of placing them and the clients retry with their keys, and
 * a catalog version published elsewhere reaches the visitors of both workers
 * at once although each had the configurator page cached (the NOTIFY of
 * decision 056), and SIGTERM stops everything with exit status 0.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type DbHandle } from "#db/client";
import { createApiToken } from "~/.server/auth/api-tokens.server";
import { publishSuccessor } from "~/.server/configurations/configurations.testing";
import { DEMO_CONTACT, demoCustomer, demoOrderInput } from "~/.server/orders/orders.testing";
import { freePort } from "./lib/server";

const root = resolve(import.meta.dirname, "..");
const adminUrl = process.env.TEST_DATABASE_URL?.trim();
const built = () => existsSync(join(root, "build", "server", "index.js"));

interface LogLine {
  msg: string;
  worker?: number;
  pid?: number;
  [field: string]: unknown;
}

/** POST /api/v1/orders on a fresh connection: the status, or "dropped" when the connection died first. */
function postOrder(port: number, token: string, key: string, body: string): Promise<number | "dropped"> {
  return new Promise((done) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path: "/api/v1/orders",
        method: "POST",
        agent: false,
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "Idempotency-Key": key, Connection: "close" },
      },
      (res) => {
        res.resume();
        res.on("end", () => done(res.statusCode ?? 0));
        res.on("error", () => done("dropped"));
      },
    );
    req.setTimeout(10_000, () => req.destroy());
    req.on("error", () => done("dropped"));
    req.end(body);
  });
}

/** A GET on a fresh connection (no keep-alive), so the cluster hands each to a worker of its choosing. */
function get(port: number, path: string): Promise<number> {
  return new Promise((done, fail) => {
    const req = request({ host: "127.0.0.1", port, path, agent: false, headers: { Connection: "close" } }, (res) => {
      res.resume();
      res.on("end", () => done(res.statusCode ?? 0));
    });
    req.on("error", fail);
    req.end();
  });
}

/** A GET on a fresh connection: status, Content-Security-Policy and body. */
function getPage(port: number, path: string): Promise<{ status: number; csp: string; body: string }> {
  return new Promise((done, fail) => {
    const req = request({ host: "127.0.0.1", port, path, agent: false, headers: { Connection: "close" } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => done({ status: res.statusCode ?? 0, csp: String(res.headers["content-security-policy"] ?? ""), body }));
    });
    req.on("error", fail);
    req.end();
  });
}

/** Waits for `condition`, running `step` (if any) before each look. */
async function until(condition: () => boolean, what: string, ms = 90_000, step?: () => Promise<unknown>): Promise<void> {
  const deadline = Date.now() + ms;
  while ((await step?.(), !condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!adminUrl)("server.js with two workers (PostgreSQL, production build)", () => {
  const name = `atelier_cluster_${randomBytes(4).toString("hex")}`;
  const lines: LogLine[] = [];
  let server: ChildProcess;
  let port: number;
  let dataDir: string;
  let handle: DbHandle | undefined;

  beforeAll(async () => {
    if (!built()) {
      // Not as a test: vite.config.ts leaves the Remix plugin out under Vitest (VITEST), and NODE_ENV=test isn't production.
      const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("VITEST") && name !== "NODE_ENV")) as NodeJS.ProcessEnv;
      const build = spawnSync("npm", ["run", "build"], { cwd: root, env, stdio: "pipe", encoding: "utf8" });
      if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
    }
    const admin = postgres(adminUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    await admin.end();
    const url = new URL(adminUrl!);
    url.pathname = `/${name}`;
    port = await freePort();
    dataDir = mkdtempSync(join(tmpdir(), "atelier-cluster-"));
    const key = () => randomBytes(32).toString("base64");
    // This process reads the same personal data (the demo customer by her email's blind index): the same keys.
    process.env.PERSONAL_DATA_KEYS = `t:${key()}`;
    process.env.PERSONAL_DATA_INDEX_KEY = `ti:${key()}`;
    server = spawn(process.execPath, ["server.js"], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: String(port),
        DATABASE_URL: url.toString(),
        SEED_DEMO: "1",
        DATA_DIR: dataDir,
        WEB_CONCURRENCY: "2",
        // Longer than any wait below: a page that changes came from the activation's NOTIFY, not from its time running out.
        PAGE_CACHE_SECONDS: "60",
        PERSONAL_DATA_KEYS: process.env.PERSONAL_DATA_KEYS,
        PERSONAL_DATA_INDEX_KEY: process.env.PERSONAL_DATA_INDEX_KEY,
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let rest = "";
    server.stdout!.on("data", (chunk: Buffer) => {
      const text = rest + chunk.toString();
      const parts = text.split("\n");
      rest = parts.pop()!;
      for (const part of parts) if (part.startsWith("{")) lines.push(JSON.parse(part) as LogLine);
    });
    await until(() => lines.filter((l) => l.msg === "listening").length >= 2, "two workers listening");
    handle = await createDb({ url: url.toString(), migrate: false, maxConnections: 2 });
  }, 600_000);

  afterAll(async () => {
    if (server && server.exitCode === null) server.kill("SIGKILL");
    await handle?.close();
    const admin = postgres(adminUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("prepares the database once, in the primary, and serves from both workers", async () => {
    const ready = lines.filter((l) => l.msg === "database ready");
    expect(ready).toHaveLength(1);
    expect(ready[0]!.worker).toBeUndefined();
    const listening = lines.filter((l) => l.msg === "listening");
    expect(new Set(listening.map((l) => l.worker)).size).toBe(2);

    const statuses = await Promise.all(Array.from({ length: 20 }, () => get(port, "/healthz")));
    expect(statuses.every((s) => s === 200)).toBe(true);
    await until(() => lines.filter((l) => l.msg === "request").length >= 20, "the request log");
    expect(new Set(lines.filter((l) => l.msg === "request").map((l) => l.worker)).size).toBe(2);
  });

  it("places every order exactly once when a worker is killed while placing them and the clients retry", async () => {
    const db = handle!.db;
    const clara = await demoCustomer(db);
    const made = await createApiToken(db, clara.id, "kill -9 test");
    if (!made.ok) throw new Error(made.message);
    const { idempotencyKey: _, contact: __, ...input } = await demoOrderInput(db);
    const body = JSON.stringify({ ...input, delivery: DEMO_CONTACT });
    const keys = Array.from({ length: 24 }, (_, i) => `kill-${i}-${randomBytes(4).toString("hex")}`);

    const victim = lines.filter((l) => l.msg === "listening").at(-1)!;
    const first = keys.map((k) => postOrder(port, made.token, k, body));
    setTimeout(() => process.kill(victim.pid!, "SIGKILL"), 30);
    const firstAnswers = await Promise.all(first);
    await until(() => lines.some((l) => l.msg === "worker exited" && l.pid === victim.pid), "the primary to see the worker die", 20_000);

    // Every client retries with its key until it has an answer: a new order (201) or the one placed before (200).
    const answers: (number | "dropped")[] = [...firstAnswers];
    for (let round = 0; round < 20 && answers.some((a) => a !== 201 && a !== 200); round++) {
      await new Promise((r) => setTimeout(r, 250));
      for (const [i, k] of keys.entries()) if (answers[i] !== 201 && answers[i] !== 200) answers[i] = await postOrder(port, made.token, k, body);
    }
    expect(answers.every((a) => a === 201 || a === 200)).toBe(true);

    const rows = await handle!.db.execute(sql`
      select count(*)::int as orders,
        (select count(*)::int from queue_entries q join orders o on o.id = q.order_id where o.placed_by = ${clara.id} and o.idempotency_key like 'kill-%') as queue,
        (select count(*)::int from order_events e join orders o on o.id = e.order_id where o.placed_by = ${clara.id} and o.idempotency_key like 'kill-%') as events,
        count(distinct idempotency_key)::int as keys
      from orders where placed_by = ${clara.id} and idempotency_key like 'kill-%'`);
    const [counts] = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as { orders: number; queue: number; events: number; keys: number }[];
    expect(counts).toEqual({ orders: keys.length, queue: keys.length, events: keys.length, keys: keys.length });
  }, 90_000);

  it("drops the visitors' cached configurator page in every worker when a catalog version is activated (NOTIFY)", async () => {
    await until(() => lines.filter((l) => l.msg === "listening").length >= 3, "the killed worker's replacement");
    const served = () => new Set(lines.filter((l) => l.msg === "request" && l.path === "/configure/sedan-a6l").map((l) => l.worker)).size;
    const pages = async () => Promise.all(Array.from({ length: 12 }, () => getPage(port, "/configure/sedan-a6l")));
    for (let round = 0; round < 10 && served() < 2; round++) await pages();
    expect(served()).toBe(2);
    // Both workers now answer from their caches: hashes in the policy (decision 056), the version active at the start.
    const before = await pages();
    for (const page of before) {
      expect(page.status).toBe(200);
      expect(page.csp).toMatch(/'sha256-/);
      expect(page.body).toContain("demo-2026.1");
    }

    const successor = `cluster-${randomBytes(3).toString("hex")}`;
    await publishSuccessor(handle!.db, successor, () => {});
    let after: Awaited<ReturnType<typeof pages>> = [];
    await until(
      () => after.length > 0 && after.every((p) => p.body.includes(successor)),
      "every worker to render the new version",
      20_000,
      async () => (after = await pages()),
    );
    expect(after.every((p) => p.status === 200)).toBe(true);
  }, 60_000);

  it("replaces a worker that dies, and stops cleanly on SIGTERM", async () => {
    await until(() => lines.filter((l) => l.msg === "listening").length >= 3, "the killed worker's replacement");
    const first = lines.find((l) => l.msg === "listening")!;
    process.kill(first.pid!, "SIGKILL");
    await until(() => lines.some((l) => l.msg === "worker exited" && l.pid === first.pid), "the primary to see the worker die");
    await until(() => lines.filter((l) => l.msg === "listening").length >= 4, "a new worker");
    expect(await get(port, "/healthz")).toBe(200);

    const exited = new Promise<number | null>((done) => server.once("exit", (code) => done(code)));
    server.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(lines.some((l) => l.msg === "stopped" && l.worker === undefined)).toBe(true);
  }, 60_000);
});
