/**
 * What the JSON API answers, built from the catalog and the engine: one
 * function per response shape, so the routes stay thin and docs/api.md has
 * one place to be checked against. Names are given in one language, money
 * in integer minor units of the market's currency.
 */
import {
  localize,
  MARKETS,
  type Feature,
  type Language,
  type Localized,
  type Market,
  type ProductLine,
} from "~/domain/catalog";
import {
  countConfigurations,
  explain,
  price,
  resolve,
  validate,
  validDomains,
  type PriceBreakdown,
  type Reason,
} from "~/domain/engine";
import { CountTimeout } from "~/domain/engine/count";
import { configureHref } from "~/domain/forms/configuration";
import { startingPrice, type LoadedLine, type VersionInfo } from "~/.server/catalog/catalog.server";
import type { Reconciliation, SavedConfiguration, SharedConfiguration } from "~/.server/configurations/configurations.server";

/** Longest time spent counting configurations per request; past it the count is null. */
const COUNT_BUDGET_MS = 2000;

export function versionJson(version: VersionInfo) {
  return { id: version.id, label: version.label, status: version.status, publishedAt: version.publishedAt?.toISOString() ?? null };
}

const name = (names: Localized | undefined, language: Language) => (names ? localize(names, language) : null);

export function lineSummaryJson(loaded: LoadedLine, market: Market, language: Language) {
  const { line } = loaded;
  return {
    code: line.code,
    name: localize(line.name, language),
    description: name(line.description, language),
    visualModel: line.visualModel ?? null,
    basePrice: line.basePrice[market] ?? 0,
    /** Gross total of the catalog's default configuration (cheapest values where there is no default). */
    startingPrice: startingPrice(loaded, market),
  };
}

export function marketJson(market: Market) {
  return { code: market, currency: MARKETS[market].currency, vatBasisPoints: MARKETS[market].vatBasisPoints, minorDigits: MARKETS[market].minorDigits };
}

function featureJson(loaded: LoadedLine, feature: Feature, market: Market, language: Language) {
  const base = { code: feature.code, kind: feature.kind, name: localize(feature.name, language), step: feature.step ?? null, required: feature.required };
  if (feature.kind === "text") {
    return { ...base, pattern: feature.pattern, maxLength: feature.maxLength, enabledBy: feature.enabledBy ?? null, price: feature.price[market] ?? 0 };
  }
  const compiled = loaded.compiled.features.find((f) => f.code === feature.code);
  return {
    ...base,
    min: compiled?.min ?? 0,
    max: compiled?.max ?? feature.values.length,
    values: feature.values.map((v) => ({
      code: v.code,
      name: localize(v.name, language),
      price: v.price[market] ?? 0,
      includes: v.includes,
      default: v.default,
      visualKey: v.visualKey ?? null,
      leadTimeDays: v.leadTimeDays,
    })),
  };
}

export function lineDetailJson(loaded: LoadedLine, market: Market, language: Language) {
  const { line } = loaded;
  return {
    ...lineSummaryJson(loaded, market, language),
    leadTimeDays: line.leadTimeDays,
    features: line.features.map((f) => featureJson(loaded, f, market, language)),
    rules: line.rules.map((r) => ({ id: r.id, kind: r.kind, description: name(r.description, language) })),
  };
}

/** Names of values and text features, for labelling price lines and reasons. */
function nameOf(line: ProductLine, code: string, language: Language): string | null {
  for (const f of line.features) {
    if (f.code === code) return localize(f.name, language);
    if (f.kind !== "text") {
      const v = f.values.find((x) => x.code === code);
      if (v) return localize(v.name, language);
    }
  }
  return null;
}

export function priceJson(line: ProductLine, breakdown: PriceBreakdown, language: Language) {
  return {
    ...breakdown,
    lines: breakdown.lines.map((l) => (l.code ? { ...l, name: nameOf(line, l.code, language) } : l)),
  };
}

function reasonJson(line: ProductLine, reason: Reason, language: Language) {
  const descriptions = reason.rules
    .map((id) => line.rules.find((r) => r.id === id)?.description)
    .filter((d): d is Localized => d !== undefined)
    .map((d) => localize(d, language));
  return { choices: reason.choices, rules: reason.rules, messages: descriptions };
}

function countOrNull(loaded: LoadedLine, choices: readonly string[]): string | null {
  try {
    return countConfigurations(loaded.compiled, choices, { deadline: Date.now() + COUNT_BUDGET_MS }).toString();
  } catch (error) {
    if (error instanceof CountTimeout) return null;
    throw error;
  }
}

/** The answer to POST /api/v1/configure (the input is structurally valid for the line). */
export function configureJson(
  loaded: LoadedLine,
  input: { choices: readonly string[]; texts: Readonly<Record<string, string>> },
  market: Market,
  language: Language,
) {
  const { line, compiled } = loaded;
  const domains = validDomains(compiled, { choices: input.choices });
  const problems = validate(line, { line: line.code, choices: [...input.choices], texts: { ...input.texts } });
  return {
    line: line.code,
    version: versionJson(loaded.version),
    market: marketJson(market),
    language,
    choices: input.choices,
    texts: input.texts,
    consistent: domains.consistent,
    complete: problems.length === 0,
    problems,
    features: domains.features.map((f) => ({
      code: f.code,
      values: f.values.map((v) => ({
        code: v.code,
        available: v.available,
        chosen: v.chosen,
        implied: v.implied,
        ...(v.reason ? { reason: reasonJson(line, v.reason, language) } : {}),
      })),
    })),
    price: priceJson(line, price(line, input.choices, input.texts, market), language),
    /** Complete configurations that contain every choice, as a decimal string (it can exceed 2^53); null if counting took too long. */
    configurations: countOrNull(loaded, input.choices),
  };
}

/** The answer to POST /api/v1/resolve. */
export function resolveJson(
  loaded: LoadedLine,
  input: { choices: readonly string[]; texts: Readonly<Record<string, string>>; want: string; limit?: number },
  market: Market,
  language: Language,
) {
  const { line, compiled } = loaded;
  const chosen = input.choices.includes(input.want);
  // Replacing the value of the wanted value's own single-choice feature is what choosing it means, not a conflict.
  const feature = compiled.featureOf.get(input.want);
  const others = feature?.kind === "single" ? input.choices.filter((c) => !feature.values.includes(c)) : input.choices;
  const reason = chosen ? null : explain(compiled, others, input.want);
  const proposals = resolve(compiled, { choices: input.choices, texts: input.texts }, input.want, { market, limit: input.limit });
  return {
    line: line.code,
    version: versionJson(loaded.version),
    market: marketJson(market),
    want: input.want,
    chosen,
    /** The wanted value can be added without removing anything (apart from replacing a value of its own single-choice feature). */
    available: chosen || reason === null,
    reason: reason ? reasonJson(line, reason, language) : null,
    /** No configuration at all contains the wanted value: nothing can be proposed. */
    dead: !chosen && proposals.length === 0,
    proposals: proposals.map((p) => ({ ...p, configureUrl: configureHref(line.code, p.choices, input.texts) })),
  };
}

export function savedJson(saved: SavedConfiguration) {
  return {
    id: saved.id,
    name: saved.name,
    line: saved.line,
    version: saved.version,
    choices: saved.choices,
    texts: saved.texts,
    createdAt: saved.createdAt.toISOString(),
    updatedAt: saved.updatedAt.toISOString(),
    configureUrl: configureHref(saved.line, saved.choices, saved.texts),
  };
}

function reconciliationJson(r: Reconciliation, line: string) {
  return {
    version: versionJson(r.version),
    lineAvailable: r.lineAvailable,
    missing: r.missing,
    missingTexts: r.missingTexts,
    dropped: r.dropped.map((d) => ({ code: d.code, reason: d.reason })),
    choices: r.choices,
    texts: r.texts,
    configureUrl: r.lineAvailable ? configureHref(line, r.choices, r.texts) : null,
  };
}

/** The answer to GET /api/v1/share/<code>: the snapshot priced in its own version, and how it maps onto the active one. */
export function sharedJson(shared: SharedConfiguration, market: Market, language: Language) {
  const loaded = shared.loaded;
  return {
    code: shared.code,
    line: shared.line,
    lineName: loaded ? localize(loaded.line.name, language) : null,
    version: versionJson(shared.version),
    choices: shared.choices.map((code) => ({ code, name: loaded ? nameOf(loaded.line, code, language) : null })),
    texts: shared.texts,
    createdAt: shared.createdAt.toISOString(),
    price: loaded ? priceJson(loaded.line, price(loaded.line, shared.choices, shared.texts, market), language) : null,
    /** True when the version is the active one: the configuration opens as it is. */
    current: shared.reconciliation === null,
    configureUrl: shared.reconciliation === null ? configureHref(shared.line, shared.choices, shared.texts) : null,
    /** Present when the version is retired or superseded: what no longer exists and the nearest valid configuration. */
    nearest: shared.reconciliation ? reconciliationJson(shared.reconciliation, shared.line) : null,
  };
}
