/**
 * What the configurator pages show, derived from the catalog line and the
 * engine's answers: the steps a line has, each value's price difference, the
 * review address and the configuration kept for the tab (names and reasons
 * come from ~/domain/configuration-view). Pure functions (no React), so the
 * components stay small and this is tested on its own against the demo catalog.
 */
import type { Feature, Market, ProductLine } from "~/domain/catalog";
import { withChoice } from "~/domain/configurator.engine";
import { CONFIGURATOR_STEPS, type ConfiguratorStep } from "~/domain/configurator.machine";
import { price, type PriceBreakdown } from "~/domain/engine";

/** The step a feature is asked in: its own, or one that fits its kind when the catalog leaves it out. */
export function stepOfFeature(feature: Feature): Exclude<ConfiguratorStep, "summary"> {
  if (feature.step) return feature.step;
  if (feature.kind === "text") return "personalization";
  return "options";
}

export interface StepView {
  step: ConfiguratorStep;
  features: Feature[];
}

const stepCache = new WeakMap<ProductLine, StepView[]>();

/**
 * The steps this line asks, in the BRIEF's order; steps with no feature are
 * left out (a refrigerator has no powertrain), the summary is always last.
 */
export function stepsOf(line: ProductLine): StepView[] {
  let steps = stepCache.get(line);
  if (!steps) {
    steps = CONFIGURATOR_STEPS.map((step) => ({
      step,
      features: step === "summary" ? [] : line.features.filter((f) => stepOfFeature(f) === step),
    })).filter((s) => s.step === "summary" || s.features.length > 0);
    stepCache.set(line, steps);
  }
  return steps;
}

/** What a value does to the total: chosen, its share of it; not chosen, what choosing it would add or save. */
export interface ValuePrice {
  /** Gross difference in minor units (negative when the value is cheaper than the one it replaces). */
  delta: number;
  /** The chosen package that brings this value (it then costs nothing extra). */
  includedIn?: string;
}

/**
 * Price differences for the given values against the current choices, gross
 * (VAT included, like the total). Exact: each is the engine's price of the
 * configuration with the value minus the price without it, so packages,
 * replaced values and VAT rounding are all accounted for.
 */
export function valuePrices(
  line: ProductLine,
  choices: readonly string[],
  texts: Readonly<Record<string, string>>,
  market: Market,
  current: PriceBreakdown,
  codes: readonly string[],
): Map<string, ValuePrice> {
  const included = new Map<string, string>();
  for (const l of current.lines) if (l.kind === "included" && l.code && l.includedIn) included.set(l.code, l.includedIn);
  const out = new Map<string, ValuePrice>();
  for (const code of codes) {
    const includedIn = included.get(code);
    if (includedIn !== undefined) {
      out.set(code, { delta: 0, includedIn });
    } else if (choices.includes(code)) {
      const without = price(line, choices.filter((c) => c !== code), texts, market).total;
      out.set(code, { delta: current.total - without });
    } else {
      out.set(code, { delta: price(line, withChoice(line, choices, code), texts, market).total - current.total });
    }
  }
  return out;
}

/** The review page's address for a configurator address (`/configure/x?c=…` → `/configure/x/review?c=…`). */
export function reviewHref(configureHref: string): string {
  return configureHref.replace(/^(\/configure\/[^?#]+)/, "$1/review");
}

/** Where the configurator keeps the configuration of a line for this browser tab. */
export function storageKey(line: string): string {
  return `atelier:configure:${line}`;
}

export interface StoredConfiguration {
  version: string;
  choices: string[];
  texts: Record<string, string>;
}

/** A stored configuration, or null when there is none or it doesn't look like one. */
export function parseStored(raw: string | null): StoredConfiguration | null {
  if (!raw) return null;
  try {
    const data = JSON.parse(raw) as unknown;
    if (typeof data !== "object" || data === null) return null;
    const { version, choices, texts } = data as Record<string, unknown>;
    if (typeof version !== "string" || !Array.isArray(choices) || !choices.every((c) => typeof c === "string")) return null;
    if (typeof texts !== "object" || texts === null || !Object.values(texts).every((t) => typeof t === "string")) return null;
    return { version, choices: choices as string[], texts: texts as Record<string, string> };
  } catch {
    return null;
  }
}
