/**
 * npm run bench:orders [-- --seconds 60] [--connections 16] [--customers N] [--warmup 5] [--workers N] [--ssr-seconds 10] [--build] [--json] [--cpu-prof DIR]
 *
 * Sustained order submissions through the real HTTP API against the
 * production build on PostgreSQL, and pgbench's rate for a transaction that
 * writes the same rows, on the same machine and server:
 *
 * 1. A scratch database on the local PostgreSQL (BENCH_PG_URL, default
 *    postgres://postgres@127.0.0.1:5432/postgres; loopback hosts only) is
 *    created, and the production build (built first when build/ is missing,
 *    or with --build) is served by server.js on a free port with
 *    DATABASE_URL pointing at it and SEED_DEMO=1.
 * 2. N bench customers and an API token each are written straight into the
 *    database; valid configurations of every demo line in several markets,
 *    with their totals, are computed with the engine beforehand.
 * 3. `--connections` clients, each with its own keep-alive connection, POST
 *    /api/v1/orders back to back (a fresh Idempotency-Key each time) for a
 *    warm-up, then for `--seconds`. A client finishes the request it has in
 *    flight when the time is up, so every answer is counted: afterwards the
 *    orders in the database must equal the 201 answers.
 * 4. The server is stopped; pgbench runs for the same time with the same
 *    number of clients a one-statement transaction that inserts the same rows
 *    as one order (the order, its BOM lines, one event, one queue entry, one
 *    notification, one outbox row) into scratch copies of those tables
 *    (`create table … (like … including all)`: same columns, defaults,
 *    checks and indexes), copied from a real order of step 3.
 * 5. Both rates and their ratio are printed (`--json`: one JSON object), the
 *    database is dropped. The run stops by itself; exit status 1 when the
 *    check fails or something broke.
 *
 * The load generator is this process (node:http, one socket per client),
 * so it shares the machine's cores with the server and PostgreSQL, as pgbench
 * does.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomUUID, createHash, randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import postgres from "postgres";
import { getLine } from "../app/.server/catalog/catalog.server";
import { MARKET_CODES, type Market } from "../app/domain/catalog";
import { complete, price, validate } from "../app/domain/engine";
import { createDb } from "../db/client";
import { seededRandom } from "~/domain/random";
import { startServer, stopServer } from "./lib/server";
import { percentile } from "./lib/stats";
import { createScratchDb, dropScratchDb } from "./lib/scratch-db";

interface Options {
  seconds: number;
  warmup: number;
  connections: number;
  customers: number;
  build: boolean;
  json: boolean;
  /** Seconds of each SSR phase (GET /healthz, then GET /configure/sedan-a6l); 0 skips it. */
  ssrSeconds: number;
  /** The server's WEB_CONCURRENCY (`--workers N`; default one per CPU, as in production). */
  workers: number;
  /** Where the server writes a V8 CPU profile on exit (`--cpu-prof DIR`), or null. */
  cpuProf: string | null;
}

function parseArgs(argv: string[]): Options {
  const value = (name: string, fallback: number, min = 1) => {
    const i = argv.indexOf(name);
    if (i < 0) return fallback;
    const n = Number(argv[i + 1]);
    if (!Number.isInteger(n) || n < min || n > 3600) {
      console.error(`error: ${name} needs a whole number from ${min} to 3600`);
      process.exit(2);
    }
    return n;
  };
  const connections = value("--connections", 16);
  return {
    seconds: value("--seconds", 60),
    warmup: value("--warmup", 5, 0),
    connections,
    customers: value("--customers", connections),
    build: argv.includes("--build"),
    json: argv.includes("--json"),
    workers: value("--workers", availableParallelism()),
    ssrSeconds: value("--ssr-seconds", 10, 0),
    cpuProf: argv.includes("--cpu-prof") ? resolve(argv[argv.indexOf("--cpu-prof") + 1] ?? "cpu-prof") : null,
  };
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);
const LINES = ["sedan-a6l", "avant-a6", "fridge-fs"];
const CONFIGURATIONS_PER_LINE = 60;

function latencyStats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length);
  const r = (x: number) => Math.round(x * 10) / 10;
  return { n: sorted.length, p50: r(percentile(sorted, 50)), p99: r(percentile(sorted, 99)), mean: r(mean), max: r(sorted[sorted.length - 1] ?? NaN) };
}

const log = (json: boolean, message: string) => {
  if (!json) console.log(message);
  else console.error(message);
};

// ---------------------------------------------------------------------------
// Scratch database and server

/** Personal-data keys for the scratch database only (production on PostgreSQL requires them; decision 045). */
function throwAwayKeys(): Record<string, string> {
  const key = () => randomBytes(32).toString("base64");
  return { PERSONAL_DATA_KEYS: `bench:${key()}`, PERSONAL_DATA_INDEX_KEY: `bench-index:${key()}` };
}

/** CPU time (user + system, ms) a process and its children (a cluster's workers) have used so far; null where /proc isn't there. */
function cpuMsOf(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const hz = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;
    const children = spawnSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" }).stdout.split("\n").filter((x) => x.trim() !== "");
    let ticks = 0;
    for (const id of [pid, ...children.map(Number)]) {
      const stat = readFileSync(`/proc/${id}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of the full line)
    }
    return (ticks * 1000) / hz;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------
// What the clients send

interface Customer {
  id: string;
  token: string;
}

async function createCustomers(sql: postgres.Sql, n: number): Promise<Customer[]> {
  const run = randomBytes(3).toString("hex");
  const customers: Customer[] = [];
  for (let i = 0; i < n; i++) {
    const [user] = await sql<{ id: string }[]>`
      insert into users (email, password_hash, name, role, tier)
      values (${`bench-${run}-${i}@bench.test`}, 'bench: no password', ${`Bench customer ${i}`}, 'customer', ${i % 3 === 0 ? "gold" : "standard"})
      returning id`;
    const token = `atk_${randomBytes(32).toString("base64url")}`;
    await sql`insert into api_tokens (user_id, token_hash, label) values (${user!.id}, ${createHash("sha256").update(token).digest("hex")}, 'bench')`;
    customers.push({ id: user!.id, token });
  }
  return customers;
}

const DELIVERY = {
  name: "Bench Customer",
  email: "orders@bench.test",
  phone: "+49 89 1234567",
  street: "Leopoldstraße 1",
  postalCode: "80802",
  city: "München",
  country: "DE",
};

/** Valid, complete configurations of every demo line in several markets, with the totals the engine gives them. */
async function orderBodies(databaseUrl: string): Promise<string[]> {
  const handle = await createDb({ url: databaseUrl, migrate: false, maxConnections: 1 });
  try {
    const rand = seededRandom(7);
    const bodies = new Set<string>();
    for (const code of LINES) {
      const loaded = await getLine(code, undefined, { db: handle.db });
      if (!loaded) throw new Error(`line ${code} is not in the seeded catalog`);
      const { line, compiled, version } = loaded;
      const values = line.features.flatMap((f) => ("values" in f && f.values ? f.values.map((v) => v.code) : []));
      for (let attempt = 0; attempt < CONFIGURATIONS_PER_LINE * 20 && bodies.size < (LINES.indexOf(code) + 1) * CONFIGURATIONS_PER_LINE; attempt++) {
        const wanted = values.filter(() => rand() < 0.15);
        const market = MARKET_CODES[Math.floor(rand() * MARKET_CODES.length)] as Market;
        const choices = complete(compiled, { choices: wanted }, { market });
        if (!choices || validate(line, { line: code, catalogVersion: version.id, choices, texts: {} }).length > 0) continue;
        const expectedTotal = price(line, choices, {}, market).total;
        bodies.add(JSON.stringify({ line: code, catalogVersion: version.id, choices, texts: {}, market, expectedTotal, delivery: DELIVERY }));
      }
    }
    return [...bodies];
  } finally {
    await handle.close();
  }
}

// ---------------------------------------------------------------------------
// The load

interface Tally {
  statuses: Map<number, number>;
  errors: number;
  latencies: number[];
  created: number;
}

const newTally = (): Tally => ({ statuses: new Map(), errors: 0, latencies: [], created: 0 });

function postOrder(agent: http.Agent, port: number, token: string, body: string): Promise<number> {
  return new Promise((resolveStatus, reject) => {
    const request = http.request(
      {
        host: "127.0.0.1",
        port,
        method: "POST",
        path: "/api/v1/orders",
        agent,
        headers: {
          Authorization: `Bearer ${token}`,
          "Content-Type": "application/json",
          "Content-Length": Buffer.byteLength(body),
          "Idempotency-Key": randomUUID(),
        },
        timeout: 30_000,
      },
      (response) => {
        response.resume(); // the body isn't needed; read it so the socket is reused
        response.on("end", () => resolveStatus(response.statusCode ?? 0));
        response.on("error", reject);
      },
    );
    request.on("timeout", () => request.destroy(new Error("timeout")));
    request.on("error", reject);
    request.end(body);
  });
}

/** `connections` clients send orders back to back until `until`; each finishes what it has in flight. */
async function load(port: number, customers: Customer[], bodies: string[], connections: number, until: number, tally: Tally): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  let next = 0;
  const client = async (i: number) => {
    const token = customers[i % customers.length]!.token;
    while (Date.now() < until) {
      const body = bodies[next++ % bodies.length]!;
      const started = process.hrtime.bigint();
      try {
        const status = await postOrder(agent, port, token, body);
        tally.latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
        tally.statuses.set(status, (tally.statuses.get(status) ?? 0) + 1);
        if (status === 201) tally.created++;
      } catch {
        tally.errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, (_, i) => client(i)));
  agent.destroy();
}

/** GETs of `path` back to back from `connections` keep-alive clients until `until`, accepting brotli / gzip as browsers do. */
async function getLoad(port: number, path: string, connections: number, until: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const tally = newTally();
  const one = () =>
    new Promise<number>((done, fail) => {
      const req = http.request({ host: "127.0.0.1", port, path, agent, headers: { "Accept-Encoding": "br, gzip" }, timeout: 30_000 }, (res) => {
        res.resume();
        res.on("end", () => done(res.statusCode ?? 0));
        res.on("error", fail);
      });
      req.on("timeout", () => req.destroy(new Error("timeout")));
      req.on("error", fail);
      req.end();
    });
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < until) {
        const t = process.hrtime.bigint();
        try {
          const status = await one();
          tally.latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
          tally.statuses.set(status, (tally.statuses.get(status) ?? 0) + 1);
        } catch {
          tally.errors++;
        }
      }
    }),
  );
  agent.destroy();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const ok = tally.statuses.get(200) ?? 0;
  return {
    path,
    requests: tally.latencies.length,
    statuses: Object.fromEntries(tally.statuses),
    clientErrors: tally.errors,
    perSecond: Math.round((ok / seconds) * 10) / 10,
    latencyMs: latencyStats(tally.latencies),
  };
}

/** The configurator page against /healthz (the cheapest answer the same server gives), same clients, back to back. */
async function ssrPhase(port: number, options: Options) {
  const healthz = await getLoad(port, "/healthz", options.connections, Date.now() + options.ssrSeconds * 1000);
  const page = await getLoad(port, "/configure/sedan-a6l", options.connections, Date.now() + options.ssrSeconds * 1000);
  return { healthz, page, percentOfHealthz: Math.round((page.perSecond / healthz.perSecond) * 1000) / 10 };
}

// ---------------------------------------------------------------------------
// pgbench

const PGBENCH_SETUP = `
create table bench_orders (like orders including all);
create table bench_order_lines (like order_lines including all);
create table bench_order_events (like order_events including all);
create table bench_queue_entries (like queue_entries including all);
create table bench_notifications (like notifications including all);
create table bench_email_outbox (like email_outbox including all);
`;

/** One real order of the run (the one whose BOM size is nearest the average), its lines, notification and email. */
async function createSample(sql: postgres.Sql, customerIds: string[]): Promise<{ orderRows: number; bomLines: number; averageBomLines: number }> {
  const [{ avg }] = await sql<{ avg: string }[]>`
    select coalesce(avg(n), 0)::text as avg from (
      select count(l.module) as n from orders o left join order_lines l on l.order_id = o.id
      where o.placed_by = any(${customerIds}::uuid[]) group by o.id) per_order`;
  const average = Number(avg);
  await sql`
    create table bench_sample as
    with sizes as (
      select o.id, count(l.module) as n from orders o left join order_lines l on l.order_id = o.id
      where o.placed_by = any(${customerIds}::uuid[]) group by o.id
    ), chosen as (select id from sizes order by abs(n - ${average}::float8), id limit 1)
    select o.customer_id, o.line_code, o.catalog_version_id, o.choices, o.texts, o.market, o.currency, o.price, o.total, o.contact, o.tier,
      (select array_agg(module order by module) from order_lines where order_id = o.id) as modules,
      (select array_agg(quantity order by module) from order_lines where order_id = o.id) as quantities,
      n.kind, n.data, m.to_address, m.subject, m.body, m.html, m.picture
    from orders o
    join chosen on chosen.id = o.id
    cross join lateral (select kind, data from notifications where user_id = o.customer_id order by id desc limit 1) n
    -- Addresses are encrypted (decision 045): the newest email stands for the order's (same shape, same size).
    cross join lateral (select to_address, subject, body, html, picture from email_outbox order by id desc limit 1) m`;
  const [sample] = await sql<{ lines: number }[]>`select coalesce(cardinality(modules), 0) as lines from bench_sample`;
  if (!sample) throw new Error("no order to copy for pgbench (did the app phase place any?)");
  return { orderRows: 1 + sample.lines + 4, bomLines: sample.lines, averageBomLines: Math.round(average * 10) / 10 };
}

/** The transaction pgbench runs: one statement, so one transaction, writing the rows one order writes. */
const PGBENCH_SCRIPT = `with o as (
  insert into bench_orders (customer_id, placed_by, idempotency_key, request_hash, line_code, catalog_version_id, choices, texts, market, currency, price, total, contact, tier)
  select customer_id, customer_id, gen_random_uuid()::text, md5(random()::text), line_code, catalog_version_id, choices, texts, market, currency, price, total, contact, tier from bench_sample
  returning id, number, customer_id, line_code
), l as (
  insert into bench_order_lines (order_id, module, quantity)
  select o.id, x.module, x.quantity from o, bench_sample s, unnest(s.modules, s.quantities) as x(module, quantity)
  returning 1
), e as (
  insert into bench_order_events (order_id, from_status, to_status, actor_id) select id, null, 'received', customer_id from o returning 1
), q as (
  insert into bench_queue_entries (order_id, line_code, earliest_build_date) select id, line_code, current_date + 21 from o returning 1
), n as (
  insert into bench_notifications (user_id, kind, data, href) select o.customer_id, s.kind, s.data, '/orders/' || o.number from o, bench_sample s returning 1
)
insert into bench_email_outbox (to_address, subject, body, html, picture) select s.to_address, s.subject, s.body, s.html, s.picture from o, bench_sample s;
`;

function pgbenchPath(): string {
  const found = spawnSync("which", ["pgbench"], { encoding: "utf8" }).stdout.trim();
  if (found) return found;
  const debian = "/usr/lib/postgresql/15/bin/pgbench";
  if (existsSync(debian)) return debian;
  throw new Error("pgbench not found (Debian: apt-get install postgresql-client)");
}

async function runPgbench(databaseUrl: string, options: Options, workDir: string) {
  const url = new URL(databaseUrl);
  const script = join(workDir, "order.sql");
  writeFileSync(script, PGBENCH_SCRIPT);
  const logPrefix = join(workDir, "pgbench_log");
  const threads = Math.min(options.connections, 2);
  const args = [
    "-n", // no vacuum of pgbench's own tables (there are none)
    "-M", "prepared",
    "-c", String(options.connections),
    "-j", String(threads),
    "-T", String(options.seconds),
    "-f", script,
    "-l", `--log-prefix=${logPrefix}`,
    "-h", url.hostname,
    "-p", url.port || "5432",
    "-U", decodeURIComponent(url.username || "postgres"),
    url.pathname.slice(1),
  ];
  const child = spawn(pgbenchPath(), args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, PGPASSWORD: decodeURIComponent(url.password) } });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c) => (stdout += c));
  child.stderr.on("data", (c) => (stderr = (stderr + c).slice(-4000)));
  const watchdog = setTimeout(() => child.kill("SIGKILL"), (options.seconds + 120) * 1000);
  const code: number = await new Promise((r) => child.once("exit", (c) => r(c ?? 1)));
  clearTimeout(watchdog);
  if (code !== 0) throw new Error(`pgbench exited with ${code}: ${stderr}`);
  const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(stdout)?.[1] ?? NaN);
  const transactions = Number(/number of transactions actually processed: (\d+)/.exec(stdout)?.[1] ?? NaN);
  const failed = Number(/number of failed transactions: (\d+)/.exec(stdout)?.[1] ?? 0);
  const latencies: number[] = [];
  for (const file of readdirSync(workDir).filter((f) => f.startsWith("pgbench_log"))) {
    for (const line of readFileSync(join(workDir, file), "utf8").split("\n")) {
      const fields = line.split(" ");
      if (fields.length >= 3) latencies.push(Number(fields[2]) / 1000); // µs → ms
    }
  }
  return { tps: Math.round(tps * 10) / 10, transactions, failed, threads, latencyMs: latencyStats(latencies) };
}

// ---------------------------------------------------------------------------

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const root = resolve(import.meta.dirname, "..");
  const adminUrl = process.env.BENCH_PG_URL?.trim() || "postgres://postgres@127.0.0.1:5432/postgres";
  if (!LOOPBACK.has(new URL(adminUrl).hostname)) throw new Error("BENCH_PG_URL must point at a PostgreSQL on this machine (127.0.0.1, localhost or ::1)");
  const say = (m: string) => log(options.json, m);
  const loadBefore = loadavg();

  if (options.build || !existsSync(join(root, "build", "server", "index.js"))) {
    say("building (npm run build) …");
    const built = spawnSync("npm", ["run", "build"], { cwd: root, stdio: ["ignore", options.json ? "ignore" : "inherit", "inherit"] });
    if (built.status !== 0) throw new Error("npm run build failed");
  }

  const workDir = mkdtempSync(join(tmpdir(), "atelier-bench-orders-"));
  const scratch = await createScratchDb(adminUrl, "atelier_bench");
  let server: ChildProcess | undefined;
  let sql: postgres.Sql | undefined;
  // Whatever happens, the run ends: a watchdog well past the planned time.
  const planned = (options.warmup + 2 * options.seconds + 300) * 1000;
  const watchdog = setTimeout(() => {
    console.error(`error: the benchmark ran past ${Math.round(planned / 1000)} s; stopping`);
    server?.kill("SIGKILL");
    void dropScratchDb(adminUrl, scratch.name).finally(() => process.exit(1));
  }, planned);
  const interrupted = () => {
    server?.kill("SIGKILL");
    void dropScratchDb(adminUrl, scratch.name).finally(() => process.exit(130));
  };
  process.once("SIGINT", interrupted);
  process.once("SIGTERM", interrupted);

  try {
    say(`scratch database ${scratch.name}; starting the production server …`);
    const started = await startServer(root, {
      env: { DATABASE_URL: scratch.url, SEED_DEMO: "1", DATA_DIR: join(workDir, "data"), NODE_ENV: "production", WEB_CONCURRENCY: String(options.workers), ...throwAwayKeys() },
      args: options.cpuProf ? ["--cpu-prof", `--cpu-prof-dir=${options.cpuProf}`] : [],
      unset: ["PGLITE_DIR"],
      host: "127.0.0.1",
      stderrTail: 4000,
    });
    server = started.server;
    const probe = await fetch(`${started.baseUrl}/api/v1/orders`, { method: "POST" });
    if (probe.status === 404) throw new Error("the build has no /api/v1/orders: it is older than the orders API; run with --build");

    sql = postgres(scratch.url, { onnotice: () => {}, max: 2 });
    const customers = await createCustomers(sql, options.customers);
    const bodies = await orderBodies(scratch.url);
    say(`${customers.length} customers with API tokens, ${bodies.length} valid configurations; ${options.connections} clients`);

    const warm = newTally();
    if (options.warmup > 0) {
      say(`warm-up ${options.warmup} s …`);
      await load(started.port, customers, bodies, options.connections, Date.now() + options.warmup * 1000, warm);
    }
    say(`measuring ${options.seconds} s …`);
    const measured = newTally();
    const t0 = process.hrtime.bigint();
    const cpuBefore = cpuMsOf(server.pid);
    await load(started.port, customers, bodies, options.connections, Date.now() + options.seconds * 1000, measured);
    const elapsedS = Number(process.hrtime.bigint() - t0) / 1e9;
    const cpuAfter = cpuMsOf(server.pid);
    const serverCpuMsPerOrder =
      cpuBefore !== null && cpuAfter !== null && measured.latencies.length > 0 ? Math.round(((cpuAfter - cpuBefore) / measured.latencies.length) * 10) / 10 : null;
    let ssr: Awaited<ReturnType<typeof ssrPhase>> | null = null;
    if (options.ssrSeconds > 0) {
      say(`SSR: GET /healthz, then GET /configure/sedan-a6l, ${options.ssrSeconds} s each …`);
      ssr = await ssrPhase(started.port, options);
    }
    await stopServer(server);
    server = undefined;

    const ids = customers.map((c) => c.id);
    const [counts] = await sql<{ orders: number; queue: number; events: number }[]>`
      select
        (select count(*)::int from orders where placed_by = any(${ids}::uuid[])) as orders,
        (select count(*)::int from queue_entries q join orders o on o.id = q.order_id where o.placed_by = any(${ids}::uuid[])) as queue,
        (select count(*)::int from order_events e join orders o on o.id = e.order_id where o.placed_by = any(${ids}::uuid[])) as events`;
    const created = warm.created + measured.created;
    const consistent = counts!.orders === created && counts!.queue === created && counts!.events === created;
    const ordersPerSecond = Math.round((measured.created / elapsedS) * 10) / 10;

    say(`pgbench ${options.seconds} s …`);
    await sql.unsafe(PGBENCH_SETUP);
    const sample = await createSample(sql, ids);
    const pgbench = await runPgbench(scratch.url, options, workDir);
    const [{ n: pgbenchOrders }] = await sql<{ n: number }[]>`select count(*)::int as n from bench_orders`;
    const [{ n: pgbenchLines }] = await sql<{ n: number }[]>`select count(*)::int as n from bench_order_lines`;

    const result = {
      when: new Date().toISOString(),
      options: { seconds: options.seconds, warmupSeconds: options.warmup, connections: options.connections, customers: options.customers, workers: options.workers },
      loadAverage: { before: loadBefore.map((x) => Math.round(x * 100) / 100), after: loadavg().map((x) => Math.round(x * 100) / 100) },
      app: {
        configurations: bodies.length,
        requests: measured.latencies.length,
        created: measured.created,
        statuses: Object.fromEntries([...measured.statuses].sort(([a], [b]) => a - b)),
        clientErrors: measured.errors,
        elapsedSeconds: Math.round(elapsedS * 100) / 100,
        ordersPerSecond,
        latencyMs: latencyStats(measured.latencies),
        /** The app server's own CPU time per request (user + system): what an order costs it, whatever the machine's load. */
        serverCpuMsPerRequest: serverCpuMsPerOrder,
        check: { created201: created, ordersInDb: counts!.orders, queueEntries: counts!.queue, events: counts!.events, ok: consistent },
      },
      pgbench: {
        ...pgbench,
        rowsPerTransaction: sample.orderRows,
        bomLines: sample.bomLines,
        averageBomLinesOfAppOrders: sample.averageBomLines,
        check: { ordersInDb: pgbenchOrders, bomLinesInDb: pgbenchLines, ok: pgbenchOrders === pgbench.transactions },
      },
      ratio: Math.round((pgbench.tps / ordersPerSecond) * 10) / 10,
      ssr,
    };

    if (options.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else {
      const a = result.app;
      const p = result.pgbench;
      console.log("");
      console.log(`App (POST /api/v1/orders, production build, ${options.workers} worker(s), ${options.connections} clients, ${options.seconds} s):`);
      console.log(`  ${a.created} orders in ${a.elapsedSeconds} s = ${a.ordersPerSecond} orders/s; latency p50 ${a.latencyMs.p50} ms, p99 ${a.latencyMs.p99} ms, max ${a.latencyMs.max} ms`);
      console.log(`  answers: ${JSON.stringify(a.statuses)}, client errors: ${a.clientErrors}; app server CPU per request: ${a.serverCpuMsPerRequest} ms`);
      console.log(`  check: ${a.check.created201} answers 201 (warm-up included), ${a.check.ordersInDb} orders, ${a.check.queueEntries} queue entries, ${a.check.events} events in the database: ${a.check.ok ? "ok" : "MISMATCH"}`);
      console.log(`pgbench (same rows per transaction: ${p.rowsPerTransaction} = order + ${p.bomLines} BOM lines + event + queue entry + notification + outbox; ${options.connections} clients, ${p.threads} threads):`);
      console.log(`  ${p.transactions} transactions = ${p.tps} tps; latency p50 ${p.latencyMs.p50} ms, p99 ${p.latencyMs.p99} ms; failed ${p.failed}`);
      console.log(`Ratio pgbench / app: ${result.ratio}× (the app at ${Math.round((1000 / result.ratio)) / 10} % of pgbench's rate, ${options.workers} worker(s))`);
      if (ssr) {
        for (const r of [ssr.healthz, ssr.page])
          console.log(`SSR GET ${r.path}: ${r.perSecond} req/s; latency p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms; answers ${JSON.stringify(r.statuses)}, client errors ${r.clientErrors}`);
        console.log(`SSR: the configurator page at ${ssr.percentOfHealthz} % of /healthz's rate (${options.workers} worker(s))`);
      }
      console.log(`Load average before ${result.loadAverage.before.join(" / ")}, after ${result.loadAverage.after.join(" / ")}`);
    }
    if (!consistent || !result.pgbench.check.ok || measured.created === 0) process.exitCode = 1;
  } finally {
    clearTimeout(watchdog);
    if (server) await stopServer(server);
    await sql?.end({ timeout: 5 });
    await dropScratchDb(adminUrl, scratch.name);
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`error: ${(error as Error).stack ?? error}`);
  process.exit(1);
});
