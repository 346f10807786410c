/**
 * What the account's configuration list and the share page show: plain,
 * serialisable data with names in the reader's language and money in the
 * reader's market (integer minor units; the page formats them).
 */
import { localize, type Language, type Localized, type Market, type ProductLine } from "~/domain/catalog";
import { price, validate, type PriceBreakdown, type Problem } from "~/domain/engine";
import { configureHref, formatShareCode, parseConfigureSearch } from "~/domain/forms/configuration";
import type { Executor } from "#db/client";
import { getLine, type CatalogOptions, type VersionInfo } from "~/.server/catalog/catalog.server";
import { getPreferences } from "~/.server/platform/preferences.server";
import { reconcileWithActive, type Reconciliation, type SavedConfiguration, type SharedConfiguration } from "./configurations.server";

export interface NamedCode {
  code: string;
  name: string;
}

/** Value and text-feature names of a line in a language (codes the line lacks keep their code as name). */
function namer(line: ProductLine | null, language: Language) {
  const names = new Map<string, Localized>();
  const featureOf = new Map<string, Localized>();
  for (const f of line?.features ?? []) {
    names.set(f.code, f.name);
    if (f.kind !== "text") for (const v of f.values) {
      names.set(v.code, v.name);
      featureOf.set(v.code, f.name);
    }
  }
  return {
    name: (code: string) => {
      const n = names.get(code);
      return n ? localize(n, language) : code;
    },
    feature: (code: string) => {
      const n = featureOf.get(code);
      return n ? localize(n, language) : "";
    },
  };
}

const versionView = (v: VersionInfo) => ({ id: v.id, label: v.label, status: v.status });

export interface NearestView {
  version: { id: string; label: string; status: string };
  lineAvailable: boolean;
  /** Choices the active version no longer has (named as in the old version). */
  missing: NamedCode[];
  /** Choices that still exist but conflict under the active version's rules. */
  dropped: NamedCode[];
  /** Personalization fields left out. */
  missingTexts: NamedCode[];
  configureUrl: string | null;
}

function nearestView(r: Reconciliation, line: string, oldLine: ProductLine | null, language: Language): NearestView {
  const old = namer(oldLine, language);
  return {
    version: versionView(r.version),
    lineAvailable: r.lineAvailable,
    missing: r.missing.map((code) => ({ code, name: old.name(code) })),
    dropped: r.dropped.map((d) => ({ code: d.code, name: old.name(d.code) })),
    missingTexts: r.missingTexts.map((code) => ({ code, name: old.name(code) })),
    configureUrl: r.lineAvailable ? configureHref(line, r.choices, r.texts) : null,
  };
}

export interface SavedItemView {
  id: string;
  name: string;
  line: string;
  lineName: string;
  version: { id: string; label: string; status: string };
  choiceCount: number;
  total: number | null;
  currency: string | null;
  updatedAt: string;
  /** The owner follows it (news when a new catalog version changes it). */
  following: boolean;
  /** Opens the configuration in the configurator (the nearest valid one when its version is no longer active). */
  openUrl: string | null;
  /** Present when the version is no longer the active one. */
  nearest: NearestView | null;
}

/** One row of /account/configurations. */
export async function savedItemView(db: Executor, saved: SavedConfiguration, market: Market, language: Language): Promise<SavedItemView> {
  const loaded = await getLine(saved.line, saved.version, { db });
  const reconciliation = await reconcileWithActive(db, saved);
  const nearest = reconciliation ? nearestView(reconciliation, saved.line, loaded?.line ?? null, language) : null;
  const breakdown = loaded ? price(loaded.line, saved.choices, saved.texts, market) : null;
  return {
    id: saved.id,
    name: saved.name,
    line: saved.line,
    lineName: loaded ? localize(loaded.line.name, language) : saved.line,
    version: loaded ? versionView(loaded.version) : { id: saved.version, label: saved.version, status: "retired" },
    choiceCount: saved.choices.length,
    total: breakdown?.total ?? null,
    currency: breakdown?.currency ?? null,
    updatedAt: saved.updatedAt.toISOString(),
    following: saved.following,
    openUrl: nearest ? nearest.configureUrl : configureHref(saved.line, saved.choices, saved.texts),
    nearest,
  };
}

export interface SharedView {
  code: string;
  displayCode: string;
  line: NamedCode;
  version: { id: string; label: string; status: string };
  market: Market;
  /** Everything the configuration has, grouped by feature in catalog order, priced (net, minor units). */
  groups: { feature: string; values: { code: string; name: string; amount: number; includedIn: NamedCode | null }[] }[];
  texts: { code: string; name: string; text: string }[];
  price: { base: number; net: number; vat: number; total: number; currency: string };
  /** The version is the active one: the configuration opens as it is. */
  current: boolean;
  configureUrl: string | null;
  nearest: NearestView | null;
}

/** The /share/<code> page. */
export function sharedView(shared: SharedConfiguration, market: Market, language: Language): SharedView {
  const line = shared.loaded?.line ?? null;
  const names = namer(line, language);
  const breakdown = line ? price(line, shared.choices, shared.texts, market) : null;
  const groups: SharedView["groups"] = [];
  for (const l of breakdown?.lines ?? []) {
    if ((l.kind !== "value" && l.kind !== "included") || !l.code) continue;
    const feature = names.feature(l.code);
    let group = groups.find((g) => g.feature === feature);
    if (!group) groups.push((group = { feature, values: [] }));
    group.values.push({
      code: l.code,
      name: names.name(l.code),
      amount: l.amount,
      includedIn: l.includedIn ? { code: l.includedIn, name: names.name(l.includedIn) } : null,
    });
  }
  return {
    code: shared.code,
    displayCode: formatShareCode(shared.code),
    line: { code: shared.line, name: line ? localize(line.name, language) : shared.line },
    version: versionView(shared.version),
    market,
    groups,
    texts: Object.entries(shared.texts)
      .filter(([, text]) => text !== "")
      .map(([code, text]) => ({ code, name: names.name(code), text })),
    price: {
      base: breakdown?.lines.find((l) => l.kind === "base")?.amount ?? 0,
      net: breakdown?.net ?? 0,
      vat: breakdown?.vat ?? 0,
      total: breakdown?.total ?? 0,
      currency: breakdown?.currency ?? "",
    },
    current: shared.reconciliation === null,
    configureUrl: shared.reconciliation === null ? configureHref(shared.line, shared.choices, shared.texts) : null,
    nearest: shared.reconciliation ? nearestView(shared.reconciliation, shared.line, line, language) : null,
  };
}

export interface ConfigurationReview {
  line: ProductLine;
  version: { id: string; label: string };
  choices: string[];
  texts: Record<string, string>;
  /** What the engine finds wrong with the configuration (none: it may be ordered). */
  problems: Problem[];
  /** The price in the reader's market. */
  breakdown: PriceBreakdown;
}

/**
 * The configuration a page's address carries (/configure/<line>/…?c=…) in the
 * published catalog, checked with the engine's `validate` and priced in the
 * reader's market by the server itself: what the browser showed is never
 * taken on trust. A line that isn't published is a thrown 404.
 */
export async function configurationReview(request: Request, lineCode: string, options: CatalogOptions = {}): Promise<ConfigurationReview> {
  const [loaded, { market }] = await Promise.all([getLine(lineCode, undefined, options), getPreferences(request)]);
  if (!loaded || loaded.version.status !== "published") throw new Response("Not found", { status: 404 });
  const { choices, texts } = parseConfigureSearch(new URL(request.url).searchParams);
  const problems = validate(loaded.line, { line: loaded.line.code, catalogVersion: loaded.version.id, choices, texts });
  // Unknown codes can't be priced; the rest of the configuration still can, and the problems say what's wrong.
  return {
    line: loaded.line,
    version: { id: loaded.version.id, label: loaded.version.label },
    choices,
    texts,
    problems,
    breakdown: price(loaded.line, choices, texts, market),
  };
}
