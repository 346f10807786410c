/**
 * npm run bench:queue [-- --orders 1000000] [--runs 20] [--json] [--keep] [--no-csv]
 *
 * The planners' queue (/planning) and its CSV export at many orders, on PostgreSQL:
 *
 * 1. A scratch database on the local PostgreSQL (BENCH_PG_URL, default
 *    postgres://postgres@127.0.0.1:5432/postgres; loopback hosts only) is
 *    created, migrated and seeded with the demo catalog and accounts.
 * 2. `--orders` orders are written by a few set-based statements
 *    (generate_series): shaped like real rows — valid configurations of the
 *    three demo lines with their engine prices, 40 dealerships (a third of
 *    the orders placed directly), customers' tiers, statuses by age (three
 *    years of orders: the old ones delivered, 3 % cancelled, the last weeks
 *    in the pipeline), queue entries with build dates, and one status event
 *    per step each order went through. Then VACUUM ANALYZE, as autovacuum
 *    would do after such a load.
 * 3. Every filter and sort the page offers is timed through queuePage (what
 *    the page's loader calls): the first page, and a page 90 % deep (its
 *    keyset cursor is found beforehand, untimed), `--runs` times each after
 *    one warm-up; p50/p95 in ms.
 * 4. The CSV export, read from the stream /planning/queue.csv's loader
 *    returns: the first byte for two sorts and filters (then abandoned), and
 *    for all orders the first byte, the last, and the process's peak RSS
 *    above where it started.
 * 5. The database is dropped (unless --keep).
 */
import { loadavg } from "node:os";
import postgres from "postgres";
import { getLine } from "../app/.server/catalog/catalog.server";
import { encryptField } from "../app/.server/privacy/personal-data.server";
import { and, count } from "drizzle-orm";
import { cursorValues, encodeCursor, filterConditions, lineNames, pageQuery, queuePage } from "../app/.server/planning/queue.server";
import { orders } from "../db/schema";
import { MARKET_CODES, type Market } from "../app/domain/catalog";
import { complete, price, validate } from "../app/domain/engine";
import { queueParamsSchema, type QueueParams } from "../app/domain/forms/planning";
import { createDb, type Db } from "../db/client";
import { seed } from "../db/seed";
import { queueCsvStream } from "../app/.server/planning/queue-csv.server";
import { seededRandom } from "~/domain/random";
import { percentile } from "./lib/stats";
import { createScratchDb, dropScratchDb } from "./lib/scratch-db";

interface Options {
  orders: number;
  runs: number;
  json: boolean;
  keep: boolean;
  csv: boolean;
}

function parseArgs(argv: string[]): Options {
  const value = (name: string, fallback: number, min: number, max: number) => {
    const i = argv.indexOf(name);
    if (i < 0) return fallback;
    const n = Number(argv[i + 1]);
    if (!Number.isInteger(n) || n < min || n > max) {
      console.error(`error: ${name} needs a whole number from ${min} to ${max}`);
      process.exit(2);
    }
    return n;
  };
  return {
    orders: value("--orders", 100_000, 1_000, 10_000_000),
    runs: value("--runs", 20, 1, 1000),
    json: argv.includes("--json"),
    keep: argv.includes("--keep"),
    csv: !argv.includes("--no-csv"),
  };
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);
const LINES = ["sedan-a6l", "avant-a6", "fridge-fs"];
const CONFIGURATIONS_PER_LINE = 40;
const DEALERSHIPS = 40;
const CUSTOMERS = 500;

let quiet = false;
const log = (message: string) => (quiet ? console.error(message) : console.log(message));
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" / ");

// ---------------------------------------------------------------------------
// Scratch database

// ---------------------------------------------------------------------------
// Seeding

interface Configuration {
  line: string;
  version: string;
  choices: string[];
  market: Market;
  currency: string;
  price: unknown;
  total: number;
}

/** Valid, complete configurations of every demo line in several markets, priced by the engine. */
async function configurations(db: Db): Promise<Configuration[]> {
  const rand = seededRandom(11);
  const out: Configuration[] = [];
  const seen = new Set<string>();
  for (const code of LINES) {
    const loaded = await getLine(code, undefined, { db });
    if (!loaded) throw new Error(`line ${code} is not in the seeded catalog`);
    const { line, compiled, version } = loaded;
    const values = line.features.flatMap((f) => ("values" in f && f.values ? f.values.map((v) => v.code) : []));
    let made = 0;
    for (let attempt = 0; attempt < CONFIGURATIONS_PER_LINE * 20 && made < CONFIGURATIONS_PER_LINE; attempt++) {
      const wanted = values.filter(() => rand() < 0.15);
      const market = MARKET_CODES[Math.floor(rand() * MARKET_CODES.length)] as Market;
      const choices = complete(compiled, { choices: wanted }, { market });
      if (!choices || validate(line, { line: code, catalogVersion: version.id, choices, texts: {} }).length > 0) continue;
      const key = JSON.stringify([code, market, choices]);
      if (seen.has(key)) continue;
      seen.add(key);
      const breakdown = price(line, choices, {}, market);
      out.push({ line: code, version: version.id, choices, market, currency: breakdown.currency, price: breakdown, total: breakdown.total });
      made++;
    }
  }
  return out;
}

async function seedOrders(sql: postgres.Sql, db: Db, n: number): Promise<void> {
  const configs = await configurations(db);
  await sql`create unlogged table bench_configs (i int primary key, line text, version text, choices text[], market text, currency text, price jsonb, total bigint)`;
  for (const [i, c] of configs.entries())
    await sql`insert into bench_configs values (${i}, ${c.line}, ${c.version}, ${c.choices}, ${c.market}, ${c.currency}, ${sql.json(c.price as never)}, ${c.total})`;

  // Dealerships, and customers with their tiers (a tenth gold, a fifth silver).
  await sql`insert into dealerships (code, name, market)
    select 'BEN-' || lpad(g::text, 2, '0'), 'Bench dealership ' || g, (array['DE','US','CN','JP','KR'])[1 + g % 5] from generate_series(1, ${DEALERSHIPS}) g`;
  await sql`insert into users (email, email_index, password_hash, name, role, tier)
    select 'bench-' || g || '@bench.test', 'bench-' || g, 'bench: no password', 'Bench customer ' || g, 'customer',
           (case when g % 10 = 0 then 'gold' when g % 5 = 0 then 'silver' else 'standard' end)::customer_tier
    from generate_series(1, ${CUSTOMERS}) g`;
  // Personal data as the app stores it: encrypted (a few different values, reused).
  const contacts = Array.from({ length: 16 }, (_, i) =>
    encryptField(JSON.stringify({ name: `Bench Customer ${i}`, email: `c${i}@bench.test`, phone: "+49 89 1234567", street: "Leopoldstraße 1", postalCode: "80802", city: "München", country: "DE" }), "orders.contact"),
  );
  const texts = encryptField("{}", "orders.texts");
  await sql`create unlogged table bench_contacts (i int primary key, contact text)`;
  for (const [i, c] of contacts.entries()) await sql`insert into bench_contacts values (${i}, ${c})`;

  const started = Date.now();
  // Three years of orders, oldest first (seq follows time, as it does for real orders).
  await sql`
    with c as (select array_agg(id order by id) ids, array_agg(tier order by id) tiers from users where email_index like 'bench-%'),
         d as (select array_agg(id order by code) ids from dealerships where code like 'BEN-%'),
         dealer as (select id from users where role = 'dealer' order by created_at limit 1),
         k as (select count(*)::int n from bench_configs),
         g as (
           select g, now() - (interval '1095 days') * (1 - g::float8 / ${n}) - (interval '1 second') * (hashint4(g) & 1023) / 1024.0 as at,
                  1095 * (1 - g::float8 / ${n}) as days_ago, abs(hashint8(g)) as h
           from generate_series(1, ${n}) g
         )
    insert into orders (customer_id, placed_by, dealership_id, line_code, catalog_version_id, choices, texts, market, currency, price, total, contact, tier, status, build_date, version, created_at, updated_at)
    select cust, case when via then (select id from dealer) else cust end, case when via then d.ids[1 + (g.h % ${DEALERSHIPS})::int] end,
           bc.line, bc.version, bc.choices, ${texts}, bc.market, bc.currency, bc.price, bc.total, bcon.contact, ctier,
           (case
              when g.h % 100 < 3 then 'cancelled'
              when days_ago > 45 then 'delivered'
              when days_ago > 30 then 'shipped'
              when days_ago > 20 then 'built'
              when days_ago > 14 then 'in_production'
              when days_ago > 3 and g.h % 7 <> 0 then 'scheduled'
              else 'received'
            end)::order_status,
           case when g.h % 100 >= 3 and (days_ago > 14 or (days_ago > 3 and g.h % 7 <> 0)) then (g.at + interval '17 days')::date end,
           1, g.at, g.at
    from g cross join c cross join d cross join k
    cross join lateral (select c.ids[1 + ((g.g::bigint * 7919) % ${CUSTOMERS})::int] as cust, c.tiers[1 + ((g.g::bigint * 7919) % ${CUSTOMERS})::int] as ctier, (g.h / 100) % 3 <> 0 as via) x
    join bench_configs bc on bc.i = (g.h / 300) % k.n
    join bench_contacts bcon on bcon.i = g.g % 16`;
  log(`  orders: ${n} in ${((Date.now() - started) / 1000).toFixed(1)} s (load ${load()})`);

  const t2 = Date.now();
  // Every order not cancelled is in the queue; from "scheduled" on it has a build date (17 days after it was placed).
  // The orders have their build date already (above): the trigger that copies it there would only rewrite every row again.
  await sql.begin(async (tx) => {
    await tx`set local session_replication_role = replica`;
    await tx`insert into queue_entries (order_id, line_code, earliest_build_date, build_date, enqueued_at)
      select id, line_code, (created_at + interval '10 days')::date, build_date, created_at from orders where status <> 'cancelled'`;
  });
  const [{ n: differing }] = await sql<{ n: number }[]>`select count(*)::int n from orders o left join queue_entries q on q.order_id = o.id where o.build_date is distinct from q.build_date`;
  if (differing > 0) throw new Error(`${differing} orders' build dates differ from their queue entries'`);
  log(`  queue entries in ${((Date.now() - t2) / 1000).toFixed(1)} s`);

  const t3 = Date.now();
  // One event per step the order went through (received, then each status up to its own).
  await sql`insert into order_events (order_id, from_status, to_status, actor_id, note, at)
    select o.id, case when s.i > 1 then s.flow[s.i - 1] end, s.flow[s.i], null, case when s.flow[s.i] = 'scheduled' then 'build date ' || (o.created_at + interval '17 days')::date end,
           o.created_at + (interval '3 days') * (s.i - 1)
    from orders o
    cross join lateral (
      select i, flow from (select case when o.status = 'cancelled' then array['received','cancelled']::order_status[]
                                       else (array['received','scheduled','in_production','built','shipped','delivered']::order_status[])[1:array_position(array['received','scheduled','in_production','built','shipped','delivered']::order_status[], o.status)] end flow) f,
      generate_subscripts(f.flow, 1) i
    ) s`;
  log(`  status events in ${((Date.now() - t3) / 1000).toFixed(1)} s`);
  await sql`drop table bench_configs`;
  await sql`drop table bench_contacts`;
  const t4 = Date.now();
  await sql`vacuum analyze`;
  log(`  vacuum analyze in ${((Date.now() - t4) / 1000).toFixed(1)} s`);
}

// ---------------------------------------------------------------------------
// Timing

interface Case {
  name: string;
  query: Record<string, string>;
}

async function cases(sql: postgres.Sql): Promise<Case[]> {
  const [shop] = await sql<{ id: string }[]>`select id from dealerships where code = 'BEN-07'`;
  // A week of build dates in the middle of the data, and a common and a rarer option code.
  const [week] = await sql<{ day: string }[]>`select to_char(percentile_disc(0.5) within group (order by build_date), 'YYYY-MM-DD') as day from queue_entries where build_date is not null`;
  const codes = await sql<{ code: string; n: number }[]>`select code, count(*)::int n from (select unnest(choices) code from orders tablesample system (2) repeatable (1)) x group by code order by n desc, code`;
  const common = codes[Math.floor(codes.length * 0.05)]!.code;
  const rare = codes[Math.floor(codes.length * 0.6)]!.code;
  return [
    { name: "default (ordered, newest first)", query: {} },
    { name: "ordered, oldest first", query: { sort: "ordered", dir: "asc" } },
    { name: "sort=build", query: { sort: "build" } },
    { name: "sort=build desc", query: { sort: "build", dir: "desc" } },
    { name: "sort=number", query: { sort: "number" } },
    { name: "sort=tier", query: { sort: "tier" } },
    { name: "status=received", query: { status: "received" } },
    { name: "status=scheduled, sort=build", query: { status: "scheduled", sort: "build" } },
    { name: "status=received, sort=build, 200 rows", query: { status: "received", sort: "build", size: "200" } },
    { name: "status=delivered, sort=tier", query: { status: "delivered", sort: "tier" } },
    { name: "line=avant-a6", query: { line: "avant-a6" } },
    { name: "line=avant-a6, sort=build", query: { line: "avant-a6", sort: "build" } },
    { name: "dealership (one of 40)", query: { dealership: shop!.id } },
    { name: "dealership=none, sort=number", query: { dealership: "none", sort: "number" } },
    { name: "week (a build week)", query: { week: week!.day } },
    { name: "week, sort=build", query: { week: week!.day, sort: "build" } },
    { name: `code=${common} (common)`, query: { code: common } },
    { name: `code=${rare} (rarer)`, query: { code: rare } },
    { name: "status=scheduled, line, code", query: { status: "scheduled", line: "sedan-a6l", code: common } },
  ];
}

const round = (x: number) => Math.round(x * 10) / 10;
function stats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), max: round(sorted[sorted.length - 1] ?? NaN) };
}

async function timeIt(f: () => Promise<unknown>, runs: number): Promise<number[]> {
  await f(); // warm-up
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await f();
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return out;
}

/** The cursor that opens the page 90 % of the way through the matching orders (found with OFFSET, untimed). */
async function deepCursor(db: Db, params: QueueParams): Promise<string | null> {
  const [{ n: matching }] = await db.select({ n: count() }).from(orders).where(and(...filterConditions(params)));
  const skip = Math.floor(matching * 0.9);
  if (skip < 1) return null;
  const [row] = await pageQuery(db, { ...params, size: 0 }, { offset: skip - 1 });
  return row ? encodeCursor(cursorValues(params.sort, row)) : null;
}

// ---------------------------------------------------------------------------
// CSV

type CsvFigures = { firstByteMs: number; totalMs: number | null; bytes: number; peakRssMb: number };

/**
 * The CSV export as /planning/queue.csv answers it (the stream its loader
 * returns): time to the first chunk (header and first batch), and with
 * `whole` the time to the last byte and the process's peak RSS above where
 * it started; otherwise the download is abandoned after the first chunk.
 */
async function csvRun(db: Db, query: Record<string, string>, whole: boolean): Promise<CsvFigures> {
  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - started) / 1e6;
  const { after: _a, before: _b, size: _s, ...filters } = queueParamsSchema.parse(query);
  const reader = queueCsvStream(db, filters, await lineNames(db, "en")).getReader();
  let firstByteMs = NaN;
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (bytes === 0) firstByteMs = elapsed();
    bytes += value.byteLength;
    if (!whole) {
      await reader.cancel();
      break;
    }
  }
  const totalMs = whole ? elapsed() : null;
  peak = Math.max(peak, process.memoryUsage().rss);
  clearInterval(sampler);
  return { firstByteMs: round(firstByteMs), totalMs: totalMs === null ? null : round(totalMs), bytes, peakRssMb: round((peak - base) / 2 ** 20) };
}

// ---------------------------------------------------------------------------

async function main() {
  const options = parseArgs(process.argv.slice(2));
  quiet = options.json;
  const adminUrl = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  if (!LOOPBACK.has(new URL(adminUrl).hostname)) throw new Error(`BENCH_PG_URL must be a loopback host (got ${new URL(adminUrl).hostname})`);
  const loadBefore = load();
  const scratch = await createScratchDb(adminUrl, "atelier_benchq");
  log(`scratch database ${scratch.name} (load ${loadBefore})`);
  const sql = postgres(scratch.url, { onnotice: () => {}, max: 2 });
  let handle: Awaited<ReturnType<typeof createDb>> | undefined;
  try {
    handle = await createDb({ url: scratch.url, maxConnections: 4 });
    const db = handle.db;
    await seed(db, { demo: true });
    const seedStart = Date.now();
    await seedOrders(sql, db, options.orders);
    const seedSeconds = round((Date.now() - seedStart) / 1000);
    log(`seeded ${options.orders} orders in ${seedSeconds} s (load ${load()})`);

    const results: { name: string; first: ReturnType<typeof stats>; deep: ReturnType<typeof stats> | null; matching: number }[] = [];
    for (const c of await cases(sql)) {
      const params = queueParamsSchema.parse(c.query);
      const first = await timeIt(() => queuePage(db, params), options.runs);
      const cursor = await deepCursor(db, params);
      const deep = cursor ? await timeIt(() => queuePage(db, { ...params, after: cursor }), options.runs) : null;
      const page = await queuePage(db, params);
      const r = { name: c.name, first: stats(first), deep: deep ? stats(deep) : null, matching: page.matching };
      results.push(r);
      log(
        `  ${c.name.padEnd(44)} first p50 ${String(r.first.p50).padStart(7)} p95 ${String(r.first.p95).padStart(7)} ms | 90% deep p50 ${String(r.deep?.p50 ?? "-").padStart(7)} p95 ${String(r.deep?.p95 ?? "-").padStart(7)} ms  (${r.matching} matching)`,
      );
    }
    const csv: Record<string, CsvFigures> = {};
    if (options.csv) {
      for (const [name, query] of [
        ["sort=build, first byte", { sort: "build" }],
        ["status=received, sort=build, first byte", { status: "received", sort: "build" }],
      ] as const) {
        csv[name] = await csvRun(db, query, false);
        log(`  CSV ${name}: ${csv[name]!.firstByteMs} ms`);
      }
      const all = (csv["all orders, whole download"] = await csvRun(db, {}, true));
      log(`  CSV all orders: first byte ${all.firstByteMs} ms, whole ${all.totalMs} ms, ${(all.bytes / 2 ** 20).toFixed(1)} MiB, peak RSS +${all.peakRssMb} MiB (load ${load()})`);
    }
    const worst = Math.max(...results.flatMap((r) => [r.first.p95, r.deep?.p95 ?? 0]));
    log(`worst p95: ${worst} ms (load ${load()})`);
    if (options.json)
      console.log(JSON.stringify({ orders: options.orders, runs: options.runs, seedSeconds, cases: results, worstP95: worst, csv, loadBefore, loadAfter: load() }));
  } finally {
    await handle?.close();
    await sql.end({ timeout: 5 });
    if (options.keep) log(`kept ${scratch.url}`);
    else await dropScratchDb(adminUrl, scratch.name);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
