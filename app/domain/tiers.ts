/**
 * The tier rule: which tier (gold / silver / standard) the system gives a
 * customer from what they had delivered in the last three years. Pure, so the
 * delivery, the recompute command and the tests ask the same function.
 * See docs/decisions/030-tiers-feedback-and-the-customer-file.md.
 *
 *   gold     ≥ 2 delivered orders, or ≥ the gold value in one currency
 *   silver   ≥ 1 delivered order (or ≥ the silver value, which a single order
 *            worth it already meets)
 *   standard otherwise
 *
 * Value is the order's total as priced, summed per currency (never converted:
 * the maker sets one threshold per currency, about €150k / €60k each).
 * Cancelled and undelivered orders count for nothing.
 */
import type { CustomerTier } from "./roles";

/** How far back delivered orders count. */
export const TIER_WINDOW_YEARS = 3;

/** Delivered orders needed for each tier. */
export const TIER_COUNTS = { gold: 2, silver: 1 } as const;

/** Delivered value needed for each tier, in minor units per currency (about €150k and €60k). */
export const TIER_VALUES: Record<string, { gold: number; silver: number }> = {
  EUR: { gold: 150_000_00, silver: 60_000_00 },
  USD: { gold: 160_000_00, silver: 65_000_00 },
  CNY: { gold: 1_200_000_00, silver: 480_000_00 },
  JPY: { gold: 24_000_000, silver: 9_600_000 },
  KRW: { gold: 220_000_000, silver: 88_000_000 },
};

/** What the customer had delivered in the window: how many orders and their value per currency. */
export interface DeliveredRecord {
  count: number;
  /** Summed totals in minor units, by currency. */
  value: Record<string, number>;
}

function reaches(record: DeliveredRecord, tier: "gold" | "silver"): boolean {
  if (record.count >= TIER_COUNTS[tier]) return true;
  return Object.entries(record.value).some(([currency, amount]) => {
    const threshold = TIER_VALUES[currency]?.[tier];
    return threshold !== undefined && amount >= threshold;
  });
}

/** The tier the rule gives for this record. */
export function computeTier(record: DeliveredRecord): CustomerTier {
  if (reaches(record, "gold")) return "gold";
  if (reaches(record, "silver")) return "silver";
  return "standard";
}

/** Tiers from lowest to highest, to compare them. */
export const TIER_RANK: Record<CustomerTier, number> = { standard: 0, silver: 1, gold: 2 };

/** The first day whose deliveries still count on `now` (three years back, to the day). */
export function tierWindowStart(now: Date): Date {
  const start = new Date(now);
  start.setUTCFullYear(start.getUTCFullYear() - TIER_WINDOW_YEARS);
  return start;
}

/** Where a tier came from: the rule, or a sales manager's override with a reason. */
export const TIER_SOURCES = ["computed", "override"] as const;
export type TierSource = (typeof TIER_SOURCES)[number];

/** What a tier gives: keys of the locales' `tiers.benefits`. Priority is real: scheduling orders gold and silver first. */
export type TierBenefit = "priority" | "contact" | "events" | "standard";

/** What each tier gives the customer, shown on their profile. */
export const TIER_BENEFITS: Record<CustomerTier, readonly TierBenefit[]> = {
  gold: ["priority", "contact", "events"],
  silver: ["priority", "contact"],
  standard: ["standard"],
};
