/**
 * A demo order history for the recommendations: synthetic customers
 * (db/order-history.ts: personas, tiers, markets; every order completed by
 * the engine) with delivered orders of every line of the active catalog, most
 * of them consenting to recommendations, and the models built from them. So
 * a fresh demo shows "customers who chose … often add …" at once.
 *
 * Fast on purpose (the e2e runner and `npm start` seed a fresh database each
 * time): the orders are past, delivered ones, written in a few multi-row
 * inserts — no placing, BOM, queue or events, which a delivered order of the
 * past no longer needs here. The customers can't sign in (their password hash
 * verifies nothing). Done once: skipped when its customers exist.
 */
import { count, eq } from "drizzle-orm";
import { emailIndex, personIndexes } from "../app/.server/privacy/personal-data.server";
import { getLine, listActiveLines } from "../app/.server/catalog/catalog.server";
import { rebuildRecommendations } from "../app/.server/recommendations/recommendations.server";
import { price } from "../app/domain/engine";
import type { CustomerTier } from "../app/domain/roles";
import type { Executor } from "./client";
import { syntheticHistory } from "./order-history";
import { consentEvents, orders, users } from "./schema";

export const HISTORY_EMAIL_DOMAIN = "customers.atelier.test";
/** No argon2 hash: verifying any password against it fails, so nobody signs in as a synthetic customer. */
const NO_SIGN_IN = "!synthetic-customer";
/** Rows per insert: well under PostgreSQL's 65,535 parameters for the widest row (orders, 16 columns). */
const CHUNK = 500;

export interface HistoryOptions {
  customers?: number;
  ordersPerLine?: number;
  /** Every n-th customer never gave the consent: their orders stay out of the models. */
  withoutConsentEvery?: number;
  now?: Date;
  seed?: number;
  /** Only these lines of the active catalog (default: every line). */
  lines?: readonly string[];
  /** Build the models afterwards (default); the benchmark times that itself. */
  rebuild?: boolean;
}

/** The i-th synthetic customer's email (emails are encrypted: the first one's blind index tells whether the history is there). */
const historyEmail = (i: number) => `history-${String(i + 1).padStart(3, "0")}@${HISTORY_EMAIL_DOMAIN}`;

/** Returns how many orders were written (0 when the history is there already or nothing is published). */
export async function seedDemoHistory(db: Executor, options: HistoryOptions = {}): Promise<number> {
  const [{ n }] = await db.select({ n: count() }).from(users).where(eq(users.emailIndex, emailIndex(historyEmail(0))));
  if (n > 0) return 0;
  const active = await listActiveLines({ db });
  if (!active || active.lines.length === 0) return 0;
  const customers = options.customers ?? 60;
  const perLine = options.ordersPerLine ?? 120;
  const withoutConsentEvery = options.withoutConsentEvery ?? 10;
  const now = options.now ?? new Date();

  const people = Array.from({ length: customers }, (_, i) => ({
    email: historyEmail(i),
    name: `Synthetic customer ${i + 1}`,
    ...personIndexes({ email: historyEmail(i), name: `Synthetic customer ${i + 1}` }),
    role: "customer" as const,
    tier: i % 5 === 0 ? ("gold" as const) : i % 3 === 0 ? ("silver" as const) : ("standard" as const),
    passwordHash: NO_SIGN_IN,
  }));
  const created: { id: string; email: string; name: string; tier: CustomerTier }[] = [];
  // In chunks: one statement holds at most 65,535 parameters.
  for (let i = 0; i < people.length; i += CHUNK) {
    created.push(...(await db.insert(users).values(people.slice(i, i + CHUNK)).returning({ id: users.id, email: users.email, name: users.name, tier: users.tier })));
  }
  const consenting = created.filter((_, i) => (i + 1) % withoutConsentEvery !== 0);
  for (let i = 0; i < consenting.length; i += CHUNK) {
    await db.insert(consentEvents).values(consenting.slice(i, i + CHUNK).map((c) => ({ userId: c.id, kind: "recommendations" as const, granted: true, at: now })));
  }

  let written = 0;
  for (const [l, summary] of active.lines.entries()) {
    if (options.lines && !options.lines.includes(summary.code)) continue;
    const loaded = await getLine(summary.code, active.version.id, { db });
    if (!loaded) continue;
    const history = syntheticHistory(loaded.line, { orders: perLine, customers, seed: (options.seed ?? 1) + l, compiled: loaded.compiled });
    const rows = history.orders.map((order, i) => {
      const customer = created[Number(order.customer.slice("customer-".length)) - 1];
      const breakdown = price(loaded.line, order.choices, {}, order.market);
      return {
        customerId: customer.id,
        placedBy: customer.id,
        idempotencyKey: `history-${summary.code}-${i + 1}`,
        requestHash: "synthetic",
        lineCode: summary.code,
        catalogVersionId: active.version.id,
        choices: order.choices,
        texts: {},
        market: order.market,
        currency: breakdown.currency,
        price: breakdown,
        total: breakdown.total,
        contact: { name: customer.name, email: customer.email, phone: "", street: "", postalCode: "", city: "", country: order.market },
        tier: customer.tier,
        status: "delivered" as const,
        // Spread over the past year, so none looks like this week's work.
        createdAt: new Date(now.getTime() - (30 + ((i * 7) % 330)) * 24 * 60 * 60 * 1000),
      };
    });
    for (let i = 0; i < rows.length; i += CHUNK) await db.insert(orders).values(rows.slice(i, i + CHUNK));
    written += rows.length;
  }
  if (options.rebuild ?? true) await rebuildRecommendations(db, { now });
  return written;
}
