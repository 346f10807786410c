/**
 * Test helper (not shipped): hand-written product lines for the engine's
 * example tests, without the catalog around them.
 */
import { parseCatalog, type ProductLine } from "../catalog";

/**
 * The product line "L" made of `features` and `rules` (no base price, no base
 * modules unless `parts` gives them), parsed as the catalog parses it.
 */
export function testLine(parts: { features: unknown[]; rules?: unknown[] } & Record<string, unknown>): ProductLine {
  return parseCatalog({ productLines: [{ code: "L", name: { en: "L" }, basePrice: {}, baseModules: [], ...parts }] }).productLines[0];
}

/** Values named by their codes: `plainValues("E1", "E2")`. */
export function plainValues(...codes: string[]): { code: string; name: { en: string } }[] {
  return codes.map((code) => ({ code, name: { en: code } }));
}
