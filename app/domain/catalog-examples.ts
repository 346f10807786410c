/**
 * Catalog tests: the catalog's own examples ("this must be buildable", "this
 * must be refused", "this costs X in DE") run against the catalog through the
 * engine. Pure: the draft edit page runs them after every edit, and the
 * publish gate refuses a catalog whose tests fail (catalogTestsBlockPublish).
 *
 * "Buildable" means what the configurator means: some complete configuration
 * contains the example's choices and accepts its texts (the engine's
 * `complete`). A price is the total, tax included, of the configuration the
 * engine completes the example to in that market (as the configurator shows
 * it), so a partial example can carry a price too.
 *
 * Each result carries a code and its facts (for the page to word in the
 * reader's language) and an English message.
 */
import type { Catalog, CatalogExample, Market, ProductLine } from "./catalog";
import { compileLine, complete, normaliseConfiguration, price, validate, type CompiledLine } from "./engine";

export type ExampleOutcome =
  /** Passed: buildable as expected (with the expected price, when one is given). */
  | { code: "buildable"; total?: number }
  /** Passed: refused as expected. */
  | { code: "refused"; conflicts: string[] }
  /** Failed: expected buildable, the engine refuses it; `conflicts` are the choices it had to leave out. */
  | { code: "not-buildable"; conflicts: string[]; rules: string[] }
  /** Failed: expected refused, the engine builds it. */
  | { code: "not-refused" }
  /** Failed: buildable, but the total differs. */
  | { code: "price-differs"; market: Market; expected: number; actual: number }
  /** Failed: the example names a line the catalog doesn't have. */
  | { code: "unknown-line"; line: string }
  /** Failed: the example names value codes or personalization fields its line doesn't have (e.g. a retired value). */
  | { code: "unknown-code"; codes: string[] };

export interface ExampleResult {
  index: number;
  name: string;
  pass: boolean;
  outcome: ExampleOutcome;
  /** In the catalog manager's words (English); pages word `outcome` themselves. */
  message: string;
}

export function runCatalogExamples(catalog: Catalog): ExampleResult[] {
  const compiled = new Map<string, CompiledLine>();
  return (catalog.examples ?? []).map((example, index) => {
    const line = catalog.productLines.find((l) => l.code === example.line);
    if (!line) return result(index, example, false, { code: "unknown-line", line: example.line });
    const unknown = unknownCodes(line, example);
    if (unknown.length > 0) return result(index, example, false, { code: "unknown-code", codes: unknown });
    let c = compiled.get(line.code);
    if (!c) compiled.set(line.code, (c = compileLine(line)));
    return runExample(c, example, index);
  });
}

function runExample(compiled: CompiledLine, example: CatalogExample, index: number): ExampleResult {
  const market = example.price?.market;
  const completed = buildableCompletion(compiled, example, market);
  if (completed === null) {
    const n = normaliseConfiguration(compiled, { choices: example.choices, texts: example.texts });
    const conflicts = [...n.unknown, ...n.dropped.map((d) => d.code), ...n.droppedTexts.map((d) => d.field)];
    const rules = [...new Set(n.dropped.flatMap((d) => d.reason?.rules ?? []))];
    return example.expect === "refused"
      ? result(index, example, true, { code: "refused", conflicts })
      : result(index, example, false, { code: "not-buildable", conflicts, rules });
  }
  if (example.expect === "refused") return result(index, example, false, { code: "not-refused" });
  if (example.price) {
    const actual = price(compiled.line, completed, example.texts, example.price.market).total;
    if (actual !== example.price.total)
      return result(index, example, false, { code: "price-differs", market: example.price.market, expected: example.price.total, actual });
    return result(index, example, true, { code: "buildable", total: actual });
  }
  return result(index, example, true, { code: "buildable" });
}

/** The engine's completion of the example (in `market`, for its price), or null when no complete configuration contains it. */
function buildableCompletion(compiled: CompiledLine, example: CatalogExample, market: Market | undefined): string[] | null {
  const choices = complete(compiled, { choices: example.choices }, market ? { market } : {});
  if (choices === null) return null;
  const problems = validate(compiled.line, { line: compiled.line.code, choices, texts: example.texts });
  return problems.length === 0 ? choices : null;
}

/** The example's choices and text fields its line doesn't have. */
export function unknownCodes(line: ProductLine, example: Pick<CatalogExample, "choices" | "texts">): string[] {
  const values = new Set(line.features.flatMap((f) => (f.kind === "text" ? [] : f.values.map((v) => v.code))));
  const fields = new Set(line.features.filter((f) => f.kind === "text").map((f) => f.code));
  return [...example.choices.filter((c) => !values.has(c)), ...Object.keys(example.texts).filter((f) => !fields.has(f))];
}

function result(index: number, example: CatalogExample, pass: boolean, outcome: ExampleOutcome): ExampleResult {
  return { index, name: example.name, pass, outcome, message: `${example.name}: ${describe(outcome)}` };
}

function describe(o: ExampleOutcome): string {
  switch (o.code) {
    case "buildable":
      return o.total === undefined ? "can be built, as expected" : `can be built and costs ${o.total}, as expected`;
    case "refused":
      return `is refused, as expected${o.conflicts.length ? ` (${o.conflicts.join(", ")} can't be had together with the rest)` : ""}`;
    case "not-buildable":
      return `should be buildable but can't be built: ${o.conflicts.join(", ") || "the choices"} can't be had with the rest${o.rules.length ? ` (rules ${o.rules.join(", ")})` : ""}`;
    case "not-refused":
      return "should be refused but can be built";
    case "price-differs":
      return `should cost ${o.expected} in ${o.market} but costs ${o.actual}`;
    case "unknown-line":
      return `names product line "${o.line}", which the catalog doesn't have`;
    case "unknown-code":
      return `names ${o.codes.join(", ")}, which the line doesn't have`;
  }
}

/** What blocks publishing a catalog: its failing tests (null when all pass). For the publish gate. */
export function catalogTestsBlockPublish(catalog: Catalog): { failing: ExampleResult[]; message: string } | null {
  const failing = runCatalogExamples(catalog).filter((r) => !r.pass);
  if (failing.length === 0) return null;
  return {
    failing,
    message: `${failing.length} catalog test${failing.length === 1 ? "" : "s"} fail${failing.length === 1 ? "s" : ""}: ${failing.map((f) => f.message).join("; ")}`,
  };
}
