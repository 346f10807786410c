/**
 * Building and reading the recommendation models (app/domain/recommend.ts).
 *
 * A rebuild reads the orders (cancelled ones aside) of the customers whose
 * `recommendations` consent stands granted *now* (their consent history's
 * latest event, as the profile shows it), mines each product line's rules and
 * replaces that line's row in `recommendation_models`. A customer who
 * withdraws is out of every model from the next rebuild on: nightly (the
 * server's scheduler, `startRecommendationSchedule`) or at once with
 * `npm run recommend:rebuild`. Every line that has orders or a model gets a
 * row, so a line whose last consenting customer withdrew ends up with no
 * rules rather than stale ones.
 */
import { eq, ne } from "drizzle-orm";
import type { Executor } from "#db/client";
import { consentEvents, orders, recommendationModels } from "#db/schema";
import { log } from "~/.server/platform/logger.server";
import { consentState, type ConsentEvent } from "~/domain/profile";
import { mineRules, type MinedOrder, type MineOptions, type RecommendationModel } from "~/domain/recommend";

export interface RebuildResult {
  lines: { line: string; orders: number; rules: number }[];
  ms: number;
}

/** Customers whose `recommendations` consent is granted now. */
export async function consentingCustomers(db: Executor): Promise<Set<string>> {
  const events = await db
    .select({ userId: consentEvents.userId, kind: consentEvents.kind, granted: consentEvents.granted, at: consentEvents.at })
    .from(consentEvents)
    .where(eq(consentEvents.kind, "recommendations"));
  const byUser = new Map<string, ConsentEvent[]>();
  for (const e of events) {
    const list = byUser.get(e.userId) ?? [];
    list.push(e);
    byUser.set(e.userId, list);
  }
  const granted = new Set<string>();
  for (const [user, list] of byUser) if (consentState(list).recommendations.granted) granted.add(user);
  return granted;
}

export async function rebuildRecommendations(db: Executor, options: { now?: Date; mine?: MineOptions } = {}): Promise<RebuildResult> {
  const started = performance.now();
  const now = options.now ?? new Date();
  const consenting = await consentingCustomers(db);
  const rows = await db
    .select({ line: orders.lineCode, customer: orders.customerId, choices: orders.choices })
    .from(orders)
    .where(ne(orders.status, "cancelled"));
  const byLine = new Map<string, MinedOrder[]>();
  for (const row of rows) {
    const list = byLine.get(row.line) ?? [];
    byLine.set(row.line, list);
    if (consenting.has(row.customer)) list.push({ customer: row.customer, choices: row.choices });
  }
  for (const { line } of await db.select({ line: recommendationModels.lineCode }).from(recommendationModels)) {
    if (!byLine.has(line)) byLine.set(line, []);
  }

  const lines: RebuildResult["lines"] = [];
  await db.transaction(async (tx) => {
    for (const [line, mined] of [...byLine].sort(([a], [b]) => a.localeCompare(b))) {
      const rules = mineRules(mined, options.mine);
      const row = { lineCode: line, builtAt: now, orders: mined.length, rules };
      await tx
        .insert(recommendationModels)
        .values(row)
        .onConflictDoUpdate({ target: recommendationModels.lineCode, set: { builtAt: now, orders: mined.length, rules } });
      lines.push({ line, orders: mined.length, rules: rules.length });
    }
  });
  return { lines, ms: performance.now() - started };
}

/** The line's model as last built, or null when none was built yet. */
export async function readRecommendationModel(db: Executor, line: string): Promise<RecommendationModel | null> {
  const [row] = await db.select().from(recommendationModels).where(eq(recommendationModels.lineCode, line));
  return row ? { line: row.lineCode, builtAt: row.builtAt.toISOString(), orders: row.orders, rules: row.rules } : null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** When the nightly rebuild next runs: 02:30 UTC, a quiet hour for the plants' markets in Europe. */
export function nextNightlyRun(now: Date): Date {
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 2, 30));
  return next.getTime() > now.getTime() ? next : new Date(next.getTime() + DAY_MS);
}

/**
 * Rebuild every night in this server process. With several app servers each
 * rebuilds: harmless (the rows are replaced with the same rules), and no
 * server depends on another being up. Returns a function that stops it.
 */
export function startRecommendationSchedule(getDb: () => Promise<Executor>): () => void {
  let timer: ReturnType<typeof setTimeout>;
  const plan = () => {
    timer = setTimeout(async () => {
      try {
        const result = await rebuildRecommendations(await getDb());
        log.info("recommendations rebuilt", { lines: result.lines.length, ms: Math.round(result.ms) });
      } catch (error) {
        log.error("recommendations rebuild failed", { error });
      }
      plan();
    }, nextNightlyRun(new Date()).getTime() - Date.now());
    // The schedule never keeps a stopping server alive.
    timer.unref?.();
  };
  plan();
  return () => clearTimeout(timer);
}
