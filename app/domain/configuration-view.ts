/**
 * A configuration as a reader meets it, in their language: values and features
 * by name, the engine's reasons in words, and the choices grouped by feature.
 * The configurator, the quote sheet (PDF and customer view) and the dealers'
 * pages all show configurations this way, in the browser and on the server.
 */
import { localize, type ChoiceFeature, type Language, type ProductLine, type Value } from "./catalog";
import { effectiveChoices, type Reason } from "./engine";

interface ValueEntry {
  value: Value;
  feature: ChoiceFeature;
}

const valueCache = new WeakMap<ProductLine, Map<string, ValueEntry>>();

/** Value code → the value and its feature. */
export function valuesOf(line: ProductLine): Map<string, ValueEntry> {
  let values = valueCache.get(line);
  if (!values) {
    values = new Map();
    for (const f of line.features) if (f.kind !== "text") for (const v of f.values) values.set(v.code, { value: v, feature: f });
    valueCache.set(line, values);
  }
  return values;
}

/** A value's name in the language (its code when the line doesn't know it: a code from an old link). */
export function valueName(line: ProductLine, code: string, language: Language): string {
  const entry = valuesOf(line).get(code);
  return entry ? localize(entry.value.name, language) : code;
}

export function featureName(line: ProductLine, code: string, language: Language): string {
  const feature = line.features.find((f) => f.code === code);
  return feature ? localize(feature.name, language) : code;
}

/** One part of a reason, ready to show. */
export type ReasonRule =
  /** A catalog rule: its description (or its id when it has none). */
  | { kind: "rule"; id: string; text: string }
  /** A package brings the value (or something it conflicts with). */
  | { kind: "includes"; id: string; package: string };

export interface ReasonView {
  /** The current choices that rule the value out, by name. */
  choices: { code: string; name: string }[];
  rules: ReasonRule[];
}

/**
 * The engine's reason in the reader's words: which of the current choices
 * rule the value out, and the catalog's descriptions of the rules that bite.
 * A feature's own cardinality ("one trim") goes without saying and is left out.
 */
export function describeReason(line: ProductLine, reason: Reason, language: Language): ReasonView {
  const rules: ReasonRule[] = [];
  for (const id of reason.rules) {
    if (id.startsWith("feature:")) continue;
    if (id.startsWith("includes:")) {
      rules.push({ kind: "includes", id, package: valueName(line, id.slice("includes:".length), language) });
      continue;
    }
    rules.push({ kind: "rule", id, text: ruleText(line, id, language) });
  }
  return { choices: reason.choices.map((code) => ({ code, name: valueName(line, code, language) })), rules };
}

/** A catalog rule's description in the language (its id when it has none). */
export function ruleText(line: ProductLine, id: string, language: Language): string {
  const rule = line.rules.find((r) => r.id === id);
  return rule?.description ? localize(rule.description, language) : id;
}

export interface ConfigurationGroup {
  feature: string;
  name: string;
  items: { code: string; name: string; includedIn?: string; includedInCode?: string }[];
}

/** The configuration grouped by feature in catalog order (personalization texts as their own groups). */
export function groupConfiguration(
  line: ProductLine,
  choices: readonly string[],
  texts: Readonly<Record<string, string>>,
  language: Language,
): ConfigurationGroup[] {
  const effective = new Set(effectiveChoices(line, choices));
  const includedBy = new Map<string, string>();
  for (const f of line.features)
    if (f.kind !== "text")
      for (const v of f.values) if (effective.has(v.code)) for (const inc of v.includes) if (!includedBy.has(inc)) includedBy.set(inc, v.code);
  const groups: ConfigurationGroup[] = [];
  for (const f of line.features) {
    if (f.kind === "text") {
      const text = texts[f.code];
      if (text) groups.push({ feature: f.code, name: localize(f.name, language), items: [{ code: f.code, name: `\u201c${text}\u201d` }] });
      continue;
    }
    const items = f.values
      .filter((v) => effective.has(v.code))
      .map((v) => {
        const pkg = includedBy.get(v.code);
        return { code: v.code, name: localize(v.name, language), ...(pkg ? { includedIn: valueName(line, pkg, language), includedInCode: pkg } : {}) };
      });
    if (items.length > 0) groups.push({ feature: f.code, name: localize(f.name, language), items });
  }
  return groups;
}

/** The visual keys of a configuration (chosen and included values), for its picture. */
export function visualKeysOf(line: ProductLine, choices: readonly string[]): string[] {
  const values = valuesOf(line);
  return effectiveChoices(line, choices).flatMap((code) => values.get(code)?.value.visualKey ?? []);
}

/** One feature on which two configurations differ: each side's values by name (null where nothing is chosen). */
export interface ConfigurationDifference {
  feature: string;
  name: string;
  mine: string | null;
  theirs: string | null;
}

/**
 * Where two configurations of a line differ, feature by feature in catalog
 * order, as `groupConfiguration` names them (values brought by a package
 * count as chosen): what a dealer reads before keeping one of two versions.
 */
export function configurationDifferences(
  line: ProductLine,
  mine: { choices: readonly string[]; texts: Readonly<Record<string, string>> },
  theirs: { choices: readonly string[]; texts: Readonly<Record<string, string>> },
  language: Language,
): ConfigurationDifference[] {
  const named = (c: typeof mine) => new Map(groupConfiguration(line, c.choices, c.texts, language).map((g) => [g.feature, g.items.map((i) => i.name).join(", ")]));
  const a = named(mine);
  const b = named(theirs);
  const differences: ConfigurationDifference[] = [];
  for (const f of line.features) {
    const ours = a.get(f.code) ?? null;
    const other = b.get(f.code) ?? null;
    if (ours !== other) differences.push({ feature: f.code, name: localize(f.name, language), mine: ours, theirs: other });
  }
  return differences;
}

/**
 * The catalog rules a broken configuration breaks, described in the reader's language (each
 * once): what a refused save or share names. Rules without a description show their id.
 */
export function brokenRules(line: ProductLine, dropped: readonly { reason: Reason | null }[], language: Language): string[] {
  const texts = dropped.flatMap((d) => (d.reason ? describeReason(line, d.reason, language).rules : []).map((r) => (r.kind === "rule" ? r.text : r.package)));
  return [...new Set(texts)];
}
