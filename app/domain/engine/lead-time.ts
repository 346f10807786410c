/**
 * Production lead time of a configuration, a plain function of the catalog
 * line (no solver). It lives in the engine, beside pricing, because conflict
 * resolution reports how a proposal moves it; scheduling re-exports it.
 */
import type { ProductLine } from "../catalog";
import { effectiveChoices, indexLine } from "./line-index";

/** Days of lead time a configuration needs before it can be built: the longest of the line's and its values'. */
export function leadTimeDays(line: ProductLine, choices: readonly string[]): number {
  const { values } = indexLine(line);
  let days = line.leadTimeDays;
  for (const code of effectiveChoices(line, choices)) days = Math.max(days, values.get(code)?.leadTimeDays ?? 0);
  return days;
}
