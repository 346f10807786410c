/**
 * Quotes as data: the dealer's discount, the cap above which a sales manager
 * must approve, validity, and the state a quote version is in. Pure, so the
 * tablet shows exactly what the server will accept and the PDF prints the
 * same figures.
 *
 * A discount is taken off the net price (before VAT); VAT is then charged on
 * the discounted net, as on an invoice. It is given as a percentage (basis
 * points: 500 = 5 %) or as an amount (minor units of the market's currency),
 * and it may not exceed the net price.
 */
import { MARKETS } from "./catalog";
import { vatOf } from "./engine/pricing";
import type { PriceBreakdown } from "./engine/types";
import { addDays } from "./orders";

export const DISCOUNT_KINDS = ["percent", "amount"] as const;
export type DiscountKind = (typeof DISCOUNT_KINDS)[number];

export interface Discount {
  kind: DiscountKind;
  /** Basis points for "percent" (0–10000), minor units for "amount". */
  value: number;
}

export const NO_DISCOUNT: Discount = { kind: "percent", value: 0 };

/** Days a quote stays valid unless the dealership says otherwise. */
export const DEFAULT_QUOTE_VALIDITY_DAYS = 30;

/** A price breakdown with the discount applied. */
export interface QuotePrice {
  /** The catalog price (no discount), as the engine computed it. */
  list: PriceBreakdown;
  discount: Discount;
  /** The discount in minor units, off the net. */
  discountAmount: number;
  /** The discount as basis points of the list net (rounded up: what the cap is checked against). */
  discountBasisPoints: number;
  net: number;
  vat: number;
  total: number;
}

/** The signature pad's coordinate system (its viewBox): what a stored signature's path data is measured in. */
export const SIGNATURE_PAD = { width: 600, height: 200 } as const;

export type DiscountRefusal = { code: "negative" | "above-price" | "not-integer"; message: string };

/** Why a discount can't apply to a net price, or null. */
export function discountRefusal(discount: Discount, listNet: number): DiscountRefusal | null {
  if (!Number.isSafeInteger(discount.value)) return { code: "not-integer", message: "a discount is a whole number (basis points or minor units)" };
  if (discount.value < 0) return { code: "negative", message: "a discount can't be below zero" };
  if (discount.kind === "percent" && discount.value > 10_000) return { code: "above-price", message: "a discount can't be more than 100 %" };
  if (discount.kind === "amount" && discount.value > listNet) return { code: "above-price", message: "a discount can't be more than the price" };
  return null;
}

/** The discount in minor units: a percentage of the net rounded half up, or the amount itself. */
export function discountAmountOf(discount: Discount, listNet: number): number {
  if (discount.kind === "amount") return discount.value;
  return Number((BigInt(listNet) * BigInt(discount.value) + 5000n) / 10000n);
}

/**
 * Apply a discount to a breakdown. Throws a RangeError for a discount that
 * `discountRefusal` refuses (callers check first and answer 400).
 */
export function applyDiscount(list: PriceBreakdown, discount: Discount): QuotePrice {
  const refusal = discountRefusal(discount, list.net);
  if (refusal) throw new RangeError(refusal.message);
  const discountAmount = discountAmountOf(discount, list.net);
  const net = list.net - discountAmount;
  const vat = vatOf(net, MARKETS[list.market].vatBasisPoints);
  const discountBasisPoints = list.net === 0 ? 0 : Number((BigInt(discountAmount) * 10000n + BigInt(list.net) - 1n) / BigInt(list.net));
  return { list, discount, discountAmount, discountBasisPoints, net, vat, total: net + vat };
}

/**
 * The discounted price as one breakdown: the list lines, a negative
 * "discount" line (when there is a discount), then VAT and total on the
 * discounted net. What an order made from a quote stores and prints.
 */
export function discountedBreakdown(p: QuotePrice): PriceBreakdown {
  const lines = p.list.lines.filter((l) => l.kind !== "vat" && l.kind !== "total");
  if (p.discountAmount > 0) lines.push({ kind: "discount", amount: -p.discountAmount });
  lines.push({ kind: "vat", amount: p.vat }, { kind: "total", amount: p.total });
  return { market: p.list.market, currency: p.list.currency, lines, net: p.net, vat: p.vat, total: p.total };
}

/** A discount above the dealer's cap waits for a sales manager. */
export function needsApproval(price: Pick<QuotePrice, "discountBasisPoints">, capBasisPoints: number): boolean {
  return price.discountBasisPoints > capBasisPoints;
}

export const APPROVAL_STATES = ["not_needed", "pending", "approved", "rejected"] as const;
export type ApprovalState = (typeof APPROVAL_STATES)[number];

/** The last day a quote made on `day` is valid. */
export function validUntil(day: string, validityDays = DEFAULT_QUOTE_VALIDITY_DAYS): string {
  return addDays(day, validityDays);
}

export interface QuoteVersionState {
  version: number;
  /** The quote's newest version number: older ones are superseded. */
  latestVersion: number;
  approval: ApprovalState;
  validUntil: string;
  signed: boolean;
  ordered: boolean;
}

export type HandOverRefusal = { code: "awaiting-approval" | "rejected"; message: string };

/**
 * The one rule for what a version promises the customer: it may be handed
 * over, printed as a valid quote, signed and ordered only when its discount
 * stands — within the dealer's cap (`not_needed`) or approved by a sales
 * manager. Any other version (its discount waiting for approval, or rejected)
 * is a draft: never sent, signed or ordered, and a PDF of it is stamped as
 * one. The server's checks and the pages' buttons both ask this; null means
 * it stands.
 */
export function handOverRefusal(v: { approval: ApprovalState }): HandOverRefusal | null {
  switch (v.approval) {
    case "not_needed":
    case "approved":
      return null;
    case "pending":
      return { code: "awaiting-approval", message: "the discount is waiting for a sales manager's approval" };
    case "rejected":
      return { code: "rejected", message: "a sales manager rejected the discount: change it and send a new version" };
    default: {
      const never: never = v.approval;
      throw new TypeError(`unknown approval state ${String(never)}`);
    }
  }
}

/** Longest comment on a decision, and longest justification of a discount (characters). */
export const MAX_APPROVAL_NOTE = 1000;

/** A rejection tells the dealer why: its comment may not be blank (an approval needs none). */
export function rejectionRefusal(decision: { approve: boolean; comment: string }): { code: "comment-required"; message: string } | null {
  if (decision.approve || decision.comment.trim() !== "") return null;
  return { code: "comment-required", message: "say why the discount is rejected: the dealer reads the comment" };
}

/** What a discount costs, as a sales manager weighs it: the amount, its share of the list net, and the net left. */
export interface MarginEffect {
  listNet: number;
  discountAmount: number;
  /** The discount as basis points of the list net, rounded half up (the figure shown; the cap rounds up). */
  discountBasisPoints: number;
  netAfter: number;
}

export function marginEffect(p: QuotePrice): MarginEffect {
  const listNet = p.list.net;
  const discountBasisPoints = listNet === 0 ? 0 : Number((BigInt(p.discountAmount) * 20000n + BigInt(listNet)) / (2n * BigInt(listNet)));
  return { listNet, discountAmount: p.discountAmount, discountBasisPoints, netAfter: p.net };
}

export type OrderRefusal = { code: "superseded" | "expired" | "not-signed" | "already-ordered"; message: string } | HandOverRefusal;

/** Why this quote version can't become an order today, or null if it can. */
export function orderRefusal(q: QuoteVersionState, today: string): OrderRefusal | null {
  if (q.ordered) return { code: "already-ordered", message: "this quote has already become an order" };
  if (q.version !== q.latestVersion)
    return { code: "superseded", message: `version ${q.version} of this quote was replaced by version ${q.latestVersion}: order from the newest version` };
  if (today > q.validUntil) return { code: "expired", message: `this quote expired on ${q.validUntil}: make a new version to quote current prices` };
  const standing = handOverRefusal(q);
  if (standing) return standing;
  if (!q.signed) return { code: "not-signed", message: "the customer has not signed this quote yet" };
  return null;
}
