/**
 * Two or three configurations side by side: one row per feature any of them
 * has (in the first line's catalog order, then the others' extra features),
 * each cell the chosen values' names, and whether the row differs. Features
 * are matched by code, so a sedan and an estate on one platform line up.
 */
import { localize, type Language, type ProductLine } from "./catalog";
import { groupConfiguration } from "./configuration-view";

export interface ComparedConfiguration {
  line: ProductLine;
  choices: readonly string[];
  texts: Readonly<Record<string, string>>;
}

export interface ComparisonRow {
  feature: string;
  name: string;
  /** Per configuration: the chosen values (names and codes), empty when nothing is chosen or the line has no such feature. */
  cells: { code: string; name: string }[][];
  differs: boolean;
}

export function compareConfigurations(items: readonly ComparedConfiguration[], language: Language): ComparisonRow[] {
  const order: { feature: string; name: string }[] = [];
  const seen = new Set<string>();
  for (const { line } of items) {
    for (const f of line.features) {
      if (seen.has(f.code)) continue;
      seen.add(f.code);
      order.push({ feature: f.code, name: localize(f.name, language) });
    }
  }
  const grouped = items.map(({ line, choices, texts }) => new Map(groupConfiguration(line, choices, texts, language).map((g) => [g.feature, g.items])));
  return order
    .map(({ feature, name }) => {
      const cells = grouped.map((groups) => (groups.get(feature) ?? []).map((item) => ({ code: item.code, name: item.name })));
      const keys = cells.map((cell) => cell.map((item) => `${item.code}:${item.name}`).sort().join("|"));
      return { feature, name, cells, differs: new Set(keys).size > 1 };
    })
    .filter((row) => row.cells.some((cell) => cell.length > 0));
}
