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

/** One way to make a wanted value possible. */
export interface Resolution {
  /** Current choices to drop. */
  remove: string[];
  /** Values that must be added to stay complete-able (e.g. a required trim for the wanted value). */
  add: string[];
  /** The resulting choices (previous - remove + want + add). */
  choices: string[];
  /** Total price difference (gross, minor units) in the market asked for. */
  priceDelta: number;
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
