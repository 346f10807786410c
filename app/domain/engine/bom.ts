/**
 * Bill of materials of a configuration: the line's base modules plus the
 * modules of every chosen value and of every value a chosen package includes,
 * quantities summed per module, sorted by module code (a stable order for
 * planners, diffs and tests). Unknown codes are ignored; validation reports them.
 */
import type { ProductLine } from "../catalog";
import { effectiveChoices, indexLine } from "./line-index";
import type { BomLine } from "./types";

export function bom(line: ProductLine, choices: readonly string[]): BomLine[] {
  const { values } = indexLine(line);
  const quantities = new Map<string, number>();
  const add = (module: string, quantity: number) => quantities.set(module, (quantities.get(module) ?? 0) + quantity);
  for (const m of line.baseModules) add(m.module, m.quantity);
  for (const code of effectiveChoices(line, choices)) for (const m of values.get(code)!.modules ?? []) add(m.module, m.quantity);
  return [...quantities]
    .map(([module, quantity]) => ({ module, quantity }))
    .sort((a, b) => (a.module < b.module ? -1 : a.module > b.module ? 1 : 0));
}
