/**
 * npm run bench:recommend [-- --orders 100000] [--test 2000] [--seed N] [--line CODE] [--db] [--json]
 *
 * How good and how cheap the recommendations are, on a synthetic order
 * history (db/order-history.ts: personas, tiers, markets; every order
 * completed by the engine) of each demo line:
 *
 * 1. `--orders` orders (default 100,000) by orders/5 customers are made; one
 *    order in five is held out for testing, the rest trains the model.
 * 2. Rebuild time: mining the rules from the training orders, and again from
 *    all `--orders` (the figure for "100,000 orders"); the time to read the
 *    orders from the database is not in it.
 * 3. Hit rate at 3 on `--test` held-out orders (default 2,000): from each,
 *    one optional value the customer really added is hidden (chosen at
 *    random among the order's values of multiple-choice features that are
 *    addable again once it is removed: not implied by a package or a rule);
 *    the configurator's domains are computed on the rest, and the value's
 *    step is asked for its 3 recommendations (app/domain/recommend.ts:
 *    rules over what the order has, only addable values). A hit when the
 *    hidden value is among them. The baseline: the 3 values most often
 *    ordered in training among the same addable values of that step.
 *
 * 4. With --db, the whole rebuild as the server and `npm run recommend:rebuild`
 *    do it: a scratch database on the local PostgreSQL (BENCH_PG_URL, default
 *    postgres://postgres@127.0.0.1:5432/postgres) gets the demo catalog and a
 *    synthetic history of `--orders` sedan orders (db/seed-history.ts), then
 *    rebuildRecommendations is timed: consents and orders read, rules mined,
 *    models written. The database is dropped afterwards.
 *
 * --json prints one object: { orders, testOrders, lines: [{ line, rules,
 * hitRateAt3, baselineHitRateAt3, rebuildMs, rebuildAllMs, ... }], loadAverage }.
 * Seeded: the same command gives the same history and the same hits.
 */
import fs from "node:fs";
import { loadavg } from "node:os";
import { stepOfFeature } from "../app/components/configurator/configurator-model";
import { parseCatalog, type ProductLine } from "../app/domain/catalog";
import { compiledFor, customerDomains } from "../app/domain/configurator.engine";
import { addableValues, mineRules, recommend, valuesHeld } from "../app/domain/recommend";
import { rebuildRecommendations } from "../app/.server/recommendations/recommendations.server";
import { syntheticHistory } from "../db/order-history";
import { demoCatalogFile, seed } from "../db/seed";
import { seedDemoHistory } from "../db/seed-history";
import { createTestDb } from "../db/test-db";
import { seededRandom } from "~/domain/random";

const USAGE = "usage: npm run bench:recommend -- [--orders N] [--test N] [--seed N] [--line CODE] [--db] [--json]";

interface LineResult {
  line: string;
  trainOrders: number;
  testOrders: number;
  rules: number;
  hitRateAt3: number;
  baselineHitRateAt3: number;
  /** Mining the training orders. */
  rebuildMs: number;
  /** Mining all `--orders` orders. */
  rebuildAllMs: number;
  generateMs: number;
  evaluateMs: number;
}

function parseArgs(argv: string[]) {
  const options = { orders: 100_000, test: 2_000, seed: 1, line: undefined as string | undefined, json: false, db: false };
  const int = (v: string | undefined, name: string) => {
    const n = Number(v);
    if (v === undefined || !Number.isInteger(n) || n < 1) fail(`${name} needs a whole number above 0`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--json") options.json = true;
    else if (a === "--db") options.db = true;
    else if (a === "--orders") options.orders = int(argv[++i], a);
    else if (a === "--test") options.test = int(argv[++i], a);
    else if (a === "--seed") options.seed = int(argv[++i], a);
    else if (a === "--line") options.line = argv[++i];
    else if (a === "--help" || a === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else fail(`unknown argument ${a}`);
  }
  return options;
}

function fail(problem: string): never {
  console.error(`error: ${problem}\n${USAGE}`);
  process.exit(2);
}

export function benchLine(line: ProductLine, options: { orders: number; test: number; seed: number }): LineResult {
  let t = performance.now();
  const { orders } = syntheticHistory(line, { orders: options.orders, customers: Math.max(10, Math.round(options.orders / 5)), seed: options.seed, compiled: compiledFor(line) });
  const generateMs = performance.now() - t;
  const random = seededRandom(options.seed + 7);
  const train = orders.filter((_, i) => i % 5 !== 0);
  const test = orders.filter((_, i) => i % 5 === 0);

  t = performance.now();
  const rules = mineRules(train);
  const rebuildMs = performance.now() - t;
  t = performance.now();
  mineRules(orders);
  const rebuildAllMs = performance.now() - t;

  const popularity = new Map<string, number>();
  for (const o of train) for (const c of o.choices) popularity.set(c, (popularity.get(c) ?? 0) + 1);
  const optional = new Set(line.features.flatMap((f) => (f.kind === "multiple" ? f.values.map((v) => v.code) : [])));

  t = performance.now();
  let asked = 0;
  let hits = 0;
  let baselineHits = 0;
  for (const order of test) {
    if (asked >= options.test) break;
    const candidates = order.choices.filter((c) => optional.has(c));
    if (candidates.length === 0) continue;
    const hidden = candidates[Math.floor(random() * candidates.length)];
    const rest = order.choices.filter((c) => c !== hidden);
    const domains = customerDomains(line, rest);
    const step = stepOfFeature(line.features.find((f) => f.kind !== "text" && f.values.some((v) => v.code === hidden))!);
    const addable = addableValues(
      line,
      domains,
      line.features.filter((f) => stepOfFeature(f) === step).map((f) => f.code),
    );
    // Implied once hidden (a package or a rule brings it): nothing to recommend, not counted.
    if (!addable.has(hidden)) continue;
    asked++;
    if (recommend(rules, valuesHeld(domains), addable).some((r) => r.code === hidden)) hits++;
    const top = [...addable].sort((a, b) => (popularity.get(b) ?? 0) - (popularity.get(a) ?? 0) || a.localeCompare(b)).slice(0, 3);
    if (top.includes(hidden)) baselineHits++;
  }
  return {
    line: line.code,
    trainOrders: train.length,
    testOrders: asked,
    rules: rules.length,
    hitRateAt3: asked ? hits / asked : 0,
    baselineHitRateAt3: asked ? baselineHits / asked : 0,
    rebuildMs,
    rebuildAllMs,
    generateMs,
    evaluateMs: performance.now() - t,
  };
}

/** The full rebuild on PostgreSQL for `orders` sedan orders (step 4). */
async function benchDatabaseRebuild(orders: number): Promise<{ orders: number; insertMs: number; rebuildMs: number }> {
  process.env.TEST_DATABASE_URL = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const t = await createTestDb();
  try {
    await seed(t.db, { demo: true });
    let started = performance.now();
    const written = await seedDemoHistory(t.db, { customers: Math.max(10, Math.round(orders / 5)), ordersPerLine: orders, lines: ["sedan-a6l"], rebuild: false });
    const insertMs = performance.now() - started;
    started = performance.now();
    await rebuildRecommendations(t.db);
    return { orders: written, insertMs, rebuildMs: performance.now() - started };
  } finally {
    await t.close();
  }
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const catalog = parseCatalog(JSON.parse(fs.readFileSync(demoCatalogFile(), "utf8")));
  const lines = catalog.productLines.filter((l) => options.line === undefined || l.code === options.line);
  if (lines.length === 0) fail(`no product line "${options.line}" in the demo catalog`);
  const loadBefore = loadavg();
  const results = lines.map((line) => benchLine(line, options));
  const database = options.db ? await benchDatabaseRebuild(options.orders) : null;
  const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
  const out = {
    history: "synthetic (db/order-history.ts)",
    orders: options.orders,
    seed: options.seed,
    lines: results.map((r) => ({
      ...r,
      hitRateAt3: round(r.hitRateAt3, 3),
      baselineHitRateAt3: round(r.baselineHitRateAt3, 3),
      rebuildMs: round(r.rebuildMs),
      rebuildAllMs: round(r.rebuildAllMs),
      generateMs: round(r.generateMs),
      evaluateMs: round(r.evaluateMs),
    })),
    databaseRebuild: database && { orders: database.orders, insertMs: round(database.insertMs), rebuildMs: round(database.rebuildMs) },
    loadAverage: { before: loadBefore.map((x) => round(x, 2)), after: loadavg().map((x) => round(x, 2)) },
  };
  if (options.json) {
    console.log(JSON.stringify(out));
    return;
  }
  console.log(`Synthetic history: ${options.orders} orders per line, one in five held out (seed ${options.seed})`);
  for (const r of out.lines) {
    console.log(
      `${r.line}: hit rate at 3 ${(r.hitRateAt3 * 100).toFixed(1)} % (popularity ${(r.baselineHitRateAt3 * 100).toFixed(1)} %) over ${r.testOrders} test orders; ` +
        `${r.rules} rules; rebuild ${r.rebuildMs} ms (${r.trainOrders} orders), ${r.rebuildAllMs} ms (${options.orders} orders)`,
    );
  }
  if (out.databaseRebuild) {
    console.log(`PostgreSQL: rebuild from ${out.databaseRebuild.orders} sedan orders ${out.databaseRebuild.rebuildMs} ms (writing them took ${out.databaseRebuild.insertMs} ms)`);
  }
  console.log(`load average before ${out.loadAverage.before.join(" ")}, after ${out.loadAverage.after.join(" ")}`);
}

if (process.argv[1]?.endsWith("bench-recommend.ts")) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
