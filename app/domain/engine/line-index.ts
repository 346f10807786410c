/**
 * Lookups over a product line that pricing, BOM and validation share, built
 * once per line object (a WeakMap, so the line stays plain data).
 */
import type { ChoiceFeature, ProductLine, TextFeature, Value } from "../catalog";

export interface LineIndex {
  /** Value code → value. */
  values: Map<string, Value>;
  /** Value code → its feature. */
  featureOf: Map<string, ChoiceFeature>;
  /** Value code → position in catalog order (features, then values). */
  order: Map<string, number>;
  choiceFeatures: ChoiceFeature[];
  textFeatures: Map<string, TextFeature>;
}

const indexes = new WeakMap<ProductLine, LineIndex>();

export function indexLine(line: ProductLine): LineIndex {
  let index = indexes.get(line);
  if (index) return index;
  index = { values: new Map(), featureOf: new Map(), order: new Map(), choiceFeatures: [], textFeatures: new Map() };
  for (const f of line.features) {
    if (f.kind === "text") {
      index.textFeatures.set(f.code, f);
      continue;
    }
    index.choiceFeatures.push(f);
    for (const v of f.values) {
      index.values.set(v.code, v);
      index.featureOf.set(v.code, f);
      index.order.set(v.code, index.order.size);
    }
  }
  indexes.set(line, index);
  return index;
}

/**
 * The values a configuration really has: the known chosen codes plus, transitively, every
 * value a chosen package includes (a package brings its contents whether or not they were
 * clicked). Unknown codes are ignored here; validation reports them. Catalog order.
 */
export function effectiveChoices(line: ProductLine, choices: readonly string[]): string[] {
  const { values, order } = indexLine(line);
  const out = new Set<string>();
  const stack = choices.filter((c) => values.has(c));
  while (stack.length > 0) {
    const c = stack.pop()!;
    if (out.has(c)) continue;
    out.add(c);
    for (const inc of values.get(c)!.includes ?? []) if (!out.has(inc)) stack.push(inc);
  }
  return [...out].sort((a, b) => order.get(a)! - order.get(b)!);
}

/**
 * For each effective value included by another effective value: the first including
 * package in catalog order. A package included by a chosen package is itself included.
 */
export function includedBy(line: ProductLine, effective: readonly string[]): Map<string, string> {
  const { values } = indexLine(line);
  const out = new Map<string, string>();
  for (const pkg of effective) {
    for (const inc of values.get(pkg)?.includes ?? []) if (inc !== pkg && !out.has(inc)) out.set(inc, pkg);
  }
  return out;
}
