/**
 * What a catalog version would do to one configuration of live business (an
 * open order, an open quote, a saved configuration, a share code): whether
 * the engine still builds it, its nearest valid configuration (the one
 * normaliser, decision 023, completed by the engine) and its price before and
 * after. Pure: the impact page, the publish confirmation and the notices
 * after publishing all ask this one function (decision 038).
 *
 * "Unbuildable" is exactly "the engine refuses it": a code the version doesn't
 * have, a choice no complete configuration of the version can hold together
 * with the earlier ones, or a text the version no longer accepts, or the line
 * is gone. A configuration that is still buildable but needs more choices (a
 * new required feature) is completed by the engine, and only its price can
 * change.
 */
import type { Market } from "./catalog";
import { complete, normaliseConfiguration, price, type CompiledLine } from "./engine";


/** What the impact of a version is counted over, in the order pages list them (pages and the server share it). */
export const IMPACT_GROUPS = ["orders", "quotes", "configurations", "shareCodes"] as const;
export type ImpactGroupName = (typeof IMPACT_GROUPS)[number];

export type ImpactKind = "unbuildable" | "price" | "unchanged";

export interface ConfigurationImpact {
  kind: ImpactKind;
  /** Choices and texts the version can't keep (unknown codes, conflicting choices, refused texts). */
  leftOut: string[];
  /** The nearest complete configuration under the version, or null when its line is gone or has no complete configuration. */
  nearest: { choices: string[]; texts: Record<string, string> } | null;
  priceBefore: number | null;
  priceAfter: number | null;
}

export interface HeldConfiguration {
  choices: readonly string[];
  texts: Readonly<Record<string, string>>;
}

/**
 * The impact of the version's line (`compiled`, null when the version doesn't
 * have the line) on a configuration priced `priceBefore` in `market`.
 */
export function configurationImpact(compiled: CompiledLine | null, held: HeldConfiguration, market: Market, priceBefore: number | null): ConfigurationImpact {
  if (!compiled) return { kind: "unbuildable", leftOut: [...held.choices], nearest: null, priceBefore, priceAfter: null };
  const n = normaliseConfiguration(compiled, { choices: [...held.choices], texts: { ...held.texts } });
  const leftOut = [...n.unknown, ...n.dropped.map((d) => d.code), ...n.droppedTexts.map((d) => d.field)];
  const choices = complete(compiled, { choices: n.choices }, { market });
  const nearest = choices ? { choices, texts: n.texts } : null;
  const priceAfter = nearest ? price(compiled.line, nearest.choices, nearest.texts, market).total : null;
  const kind: ImpactKind = leftOut.length > 0 || !nearest ? "unbuildable" : priceAfter !== priceBefore ? "price" : "unchanged";
  return { kind, leftOut, nearest, priceBefore, priceAfter };
}
