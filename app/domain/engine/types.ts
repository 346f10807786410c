/**
 * The engine's public shapes. Every operation takes a compiled product line
 * (compile once per catalog version and line, reuse for every interaction)
 * and a partial configuration (chosen value codes + personalization texts).
 */
import type { Market } from "../catalog";

/** Plain CNF in DIMACS convention: variables 1..numVars, literal v / -v. */
export interface Cnf {
  numVars: number;
  clauses: number[][];
}

/** Why a value is unavailable: a subset-minimal set of current choices, and the rules that bite. */
export interface Reason {
  /** Current choices that together rule the value out; dropping any one of them makes it available again. */
  choices: string[];
  /** Ids of the rules involved (feature cardinality shows as "feature:<code>"). */
  rules: string[];
}

export interface ValueState {
  code: string;
  /** In the valid domain: choosing it keeps a complete configuration reachable. */
  available: boolean;
  chosen: boolean;
  /** Implied by current choices (e.g. included by a chosen package, or the only value left). */
  implied: boolean;
  /** Present when the value is not available. */
  reason?: Reason;
}

export interface FeatureState {
  code: string;
  values: ValueState[];
}

export interface Domains {
  /** False when the current choices themselves have no completion (then every value carries a reason). */
  consistent: boolean;
  features: FeatureState[];
}

/**
 * One way to make a wanted value possible: a whole configuration, not just what is in the way.
 * Applied to a complete configuration it gives a complete one (see resolve.ts).
 */
export interface Resolution {
  /** Current choices to drop (the value the wanted one replaces in its own single-choice feature included). */
  remove: string[];
  /**
   * Values that come with it besides the wanted one: replacements for features the removals left
   * open that were filled before, and what the rules then require. A chosen package's contents are
   * not listed (the package brings them).
   */
  add: string[];
  /** The resulting choices (previous - remove + want + add). */
  choices: string[];
  /** Total price difference between the configuration before and after (gross, minor units) in the market asked for. */
  priceDelta: number;
  /** Change of the production lead time in days (the longest of the line's and the values'); 0 when it doesn't move. */
  leadTimeDelta: number;
  /**
   * True when no fix gives up fewer of the current choices (always, unless the search ran out of
   * time before it could prove that; its removals are subset-minimal either way).
   */
  minimal: boolean;
}

export interface PriceLine {
  /** "discount" (negative, off the net) appears only on quotes and orders made from them. */
  kind: "base" | "value" | "included" | "text" | "discount" | "vat" | "total";
  code?: string;
  /** Package that includes the value, for kind "included". */
  includedIn?: string;
  /** Net amount in minor units (0 for included values). */
  amount: number;
}

export interface PriceBreakdown {
  market: Market;
  currency: string;
  lines: PriceLine[];
  net: number;
  vat: number;
  total: number;
}

export interface BomLine {
  module: string;
  quantity: number;
}

export type ProblemCode =
  | "unknown-line"
  | "unknown-code"
  | "duplicate-code"
  | "missing-required"
  | "too-few"
  | "too-many"
  | "rule-violated"
  | "text-invalid"
  | "text-not-allowed"
  | "unknown-text";

export interface Problem {
  code: ProblemCode;
  /** Feature or value code the problem is about, when there is one. */
  target?: string;
  rule?: string;
  message: string;
}
