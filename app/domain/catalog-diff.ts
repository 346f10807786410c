/**
 * What a catalog version changes against another (a draft against the
 * active version): per product line, the features, values, rules, prices
 * and modules added, removed or changed; and the catalog's shared modules
 * and slots. Pure; the version page shows it in the catalog manager's words.
 */
import { MARKET_CODES, type Catalog, type ChoiceFeature, type Localized, type Market, type ModuleRef, type Prices, type ProductLine, type Value } from "./catalog";

export interface Changes<T> {
  added: T[];
  removed: T[];
  changed: T[];
}

/** One market's price of a value (or the line's base price: value null) before and after; null = not priced there. */
export interface PriceChange {
  value: string | null;
  market: Market;
  before: number | null;
  after: number | null;
}

/** One module's quantity on a value (or the line's base modules: value null) before and after; null = not there. */
export interface ModuleChange {
  value: string | null;
  module: string;
  before: number | null;
  after: number | null;
}

/** A changed value: which of its fields changed (prices and modules are also listed one by one). */
export interface ValueChange {
  code: string;
  fields: string[];
}

export interface LineDiff {
  line: string;
  name: Localized;
  change: "added" | "removed" | "changed";
  features: Changes<string>;
  values: { added: string[]; removed: string[]; changed: ValueChange[] };
  rules: Changes<string>;
  prices: PriceChange[];
  modules: ModuleChange[];
  /** Other fields of the line itself (name, lead time, …). */
  fields: string[];
}

export interface CatalogDiff {
  /** Lines that differ, in the new catalog's order, then the removed ones. */
  lines: LineDiff[];
  modules: Changes<string>;
  slots: Changes<string>;
  /** Nothing differs. */
  same: boolean;
}

/** JSON with sorted keys: structural equality that ignores key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/** Added, removed and changed items of two lists keyed by `key`. */
function byKey<T>(before: readonly T[], after: readonly T[], key: (t: T) => string): Changes<string> {
  const old = new Map(before.map((t) => [key(t), t]));
  const now = new Map(after.map((t) => [key(t), t]));
  return {
    added: [...now.keys()].filter((k) => !old.has(k)),
    removed: [...old.keys()].filter((k) => !now.has(k)),
    changed: [...now.keys()].filter((k) => old.has(k) && !same(old.get(k), now.get(k))),
  };
}

function priceChanges(value: string | null, before: Prices | undefined, after: Prices | undefined): PriceChange[] {
  return MARKET_CODES.flatMap((market) => {
    const b = before?.[market] ?? null;
    const a = after?.[market] ?? null;
    return a === b ? [] : [{ value, market, before: b, after: a }];
  });
}

function moduleChanges(value: string | null, before: readonly ModuleRef[], after: readonly ModuleRef[]): ModuleChange[] {
  const sum = (refs: readonly ModuleRef[]) => {
    const m = new Map<string, number>();
    for (const r of refs) m.set(r.module, (m.get(r.module) ?? 0) + r.quantity);
    return m;
  };
  const b = sum(before);
  const a = sum(after);
  const codes = [...new Set([...b.keys(), ...a.keys()])].sort();
  return codes.flatMap((module) => {
    const x = b.get(module) ?? null;
    const y = a.get(module) ?? null;
    return x === y ? [] : [{ value, module, before: x, after: y }];
  });
}

const choiceValues = (line: ProductLine): Value[] => line.features.filter((f): f is ChoiceFeature => f.kind !== "text").flatMap((f) => f.values);

function diffLine(before: ProductLine | undefined, after: ProductLine | undefined): LineDiff | null {
  const line = (after ?? before)!;
  const oldValues = new Map((before ? choiceValues(before) : []).map((v) => [v.code, v]));
  const newValues = new Map((after ? choiceValues(after) : []).map((v) => [v.code, v]));
  const prices: PriceChange[] = priceChanges(null, before?.basePrice, after?.basePrice);
  const modules: ModuleChange[] = moduleChanges(null, before?.baseModules ?? [], after?.baseModules ?? []);
  const changedValues: ValueChange[] = [];
  for (const code of new Set([...oldValues.keys(), ...newValues.keys()])) {
    const b = oldValues.get(code);
    const a = newValues.get(code);
    prices.push(...priceChanges(code, b?.price, a?.price));
    modules.push(...moduleChanges(code, b?.modules ?? [], a?.modules ?? []));
    if (a && b && !same(a, b)) {
      const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
      changedValues.push({ code, fields: keys.filter((k) => !same(a[k as keyof Value], b[k as keyof Value])) });
    }
  }
  // The feature's own fields, without its values (those are compared one by one above).
  const featureShape = (f: ProductLine["features"][number]) => (f.kind === "text" ? f : { ...f, values: f.values.map((v) => v.code) });
  const features = byKey((before?.features ?? []).map(featureShape), (after?.features ?? []).map(featureShape), (f) => f.code);
  const rules = byKey(before?.rules ?? [], after?.rules ?? [], (r) => r.id);
  const lineFields =
    before && after
      ? [...new Set([...Object.keys(before), ...Object.keys(after)])]
          .filter((k) => !["features", "rules", "basePrice", "baseModules"].includes(k))
          .filter((k) => !same(before[k as keyof ProductLine], after[k as keyof ProductLine]))
          .sort()
      : [];
  const diff: LineDiff = {
    line: line.code,
    name: line.name,
    change: !before ? "added" : !after ? "removed" : "changed",
    features,
    values: {
      added: [...newValues.keys()].filter((c) => !oldValues.has(c)),
      removed: [...oldValues.keys()].filter((c) => !newValues.has(c)),
      changed: changedValues,
    },
    rules,
    prices,
    modules,
    fields: lineFields,
  };
  if (diff.change !== "changed") return diff;
  const empty =
    lineFields.length === 0 &&
    prices.length === 0 &&
    modules.length === 0 &&
    changedValues.length === 0 &&
    diff.values.added.length + diff.values.removed.length === 0 &&
    [features, rules].every((c) => c.added.length + c.removed.length + c.changed.length === 0);
  return empty ? null : diff;
}

/** What `after` changes against `before` (e.g. a draft against the active version). */
export function diffCatalogs(before: Catalog, after: Catalog): CatalogDiff {
  const oldLines = new Map(before.productLines.map((l) => [l.code, l]));
  const newCodes = new Set(after.productLines.map((l) => l.code));
  const lines = [
    ...after.productLines.map((l) => diffLine(oldLines.get(l.code), l)),
    ...before.productLines.filter((l) => !newCodes.has(l.code)).map((l) => diffLine(l, undefined)),
  ].filter((d): d is LineDiff => d !== null);
  const modules = byKey(before.modules, after.modules, (m) => m.code);
  const slots = byKey(before.slots ?? [], after.slots ?? [], (s) => s.code);
  const unchanged = (c: Changes<string>) => c.added.length + c.removed.length + c.changed.length === 0;
  return { lines, modules, slots, same: lines.length === 0 && unchanged(modules) && unchanged(slots) };
}
