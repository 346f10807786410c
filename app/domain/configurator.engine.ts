/**
 * The configurator's one door into the engine. The machine and its selectors
 * call these few functions and nothing else of `./engine`, so the machine reads
 * as configurator logic and a change of engine signature is a change here.
 *
 * Compiling a product line is the expensive step; it happens once per line
 * object and is cached here (not kept in the machine's context, so snapshots
 * stay plain JSON that can be persisted, sent to the server and replayed).
 */
import type { ChoiceFeature, Feature, Market, ProductLine, TextFeature } from "./catalog";
import {
  adoptPairTable,
  compileLine,
  complete,
  explain,
  normaliseConfiguration,
  price,
  resolve,
  validDomains,
  validate,
  type CompiledLine,
  type ShippedPairTable,
  type DroppedChoice,
  type DroppedText,
} from "./engine";
import type { Domains, PriceBreakdown, Problem, Reason, Resolution, ValueState } from "./engine/types";

/** What the engine says about the current configuration; recomputed after every change. */
export interface EngineState {
  /** Availability as the customer meets it (see `customerDomains`); no reasons, ask `reasonFor`. */
  domains: Domains;
  price: PriceBreakdown;
  /** Every required feature has a value, every rule holds and every text is valid. */
  complete: boolean;
  /** Everything `validate` finds: missing values, broken rules, invalid texts. */
  problems: Problem[];
  /**
   * Present when the configuration breaks the catalog's rules beyond "not finished yet": no
   * complete configuration contains its choices, or a text it has isn't allowed with them
   * (a link, a share code, a saved configuration or an older version's can be like that).
   * Says which choices and texts break which rules, and offers the nearest valid configuration.
   */
  repair: Repair | null;
}

/** What breaks a configuration, and the nearest valid configuration (`REPAIR` takes it). */
export interface Repair {
  /** Choices left out, each with the kept choices and rules that rule it out. */
  dropped: DroppedChoice[];
  droppedTexts: DroppedText[];
  /** The nearest valid configuration: every choice that fits (in order, as share codes repair), completed. */
  choices: string[];
  texts: Record<string, string>;
}

const compiledLines = new WeakMap<ProductLine, CompiledLine>();

const shippedTables = new WeakMap<ProductLine, ShippedPairTable>();

/** The compiled form of a line, compiled on first use (with its shipped pair table, if any). */
export function compiledFor(line: ProductLine): CompiledLine {
  let compiled = compiledLines.get(line);
  if (!compiled) {
    compiled = compileLine(line);
    const shipped = shippedTables.get(line);
    // A table that doesn't fit this compilation is refused; the engine then builds its own.
    if (shipped) adoptPairTable(compiled, shipped);
    compiledLines.set(line, compiled);
  }
  return compiled;
}

/**
 * The pair table the server built for this line (sent by the loader): used when the line is
 * compiled here, so the first question with a choice doesn't build it (Renault: 3 s or more).
 */
export function rememberPairTable(line: ProductLine, shipped: ShippedPairTable | null | undefined): void {
  if (shipped && !compiledLines.has(line)) shippedTables.set(line, shipped);
}

/** Lets a caller that already compiled the line (e.g. a loader's cache) skip the recompile. */
export function rememberCompiled(line: ProductLine, compiled: CompiledLine): void {
  compiledLines.set(line, compiled);
}

interface LineIndex {
  /** Value code -> its feature. */
  featureOfValue: Map<string, ChoiceFeature>;
  features: Map<string, Feature>;
}
const indexes = new WeakMap<ProductLine, LineIndex>();

function indexOf(line: ProductLine): LineIndex {
  let index = indexes.get(line);
  if (!index) {
    index = { featureOfValue: new Map(), features: new Map() };
    for (const f of line.features) {
      index.features.set(f.code, f);
      if (f.kind !== "text") for (const v of f.values) index.featureOfValue.set(v.code, f);
    }
    indexes.set(line, index);
  }
  return index;
}

/** The single- or multiple-choice feature a value belongs to. */
export function featureOfValue(line: ProductLine, code: string): ChoiceFeature | undefined {
  return indexOf(line).featureOfValue.get(code);
}

export function featureByCode(line: ProductLine, code: string): Feature | undefined {
  return indexOf(line).features.get(code);
}

export function textFeature(line: ProductLine, code: string): TextFeature | undefined {
  const f = featureByCode(line, code);
  return f?.kind === "text" ? f : undefined;
}

/**
 * The choices after choosing `code`: in a single-choice feature the new value
 * replaces the old one (what a customer means by clicking another color);
 * in a multiple-choice feature it is added. A package's contents are not
 * added: the engine counts them as chosen while the package is (they show as
 * implied and are priced as included), so removing the package removes them,
 * and a value the customer chose on its own stays.
 */
export function withChoice(line: ProductLine, choices: readonly string[], code: string): string[] {
  const feature = featureOfValue(line, code);
  if (!feature || choices.includes(code)) return [...choices];
  if (feature.kind === "multiple") return [...choices, code];
  const siblings = new Set(feature.values.map((v) => v.code));
  return [...choices.filter((c) => !siblings.has(c)), code];
}

/**
 * Valid domains as the customer meets them. The engine's domain is computed on
 * top of all current choices, so in a single-choice feature every value but
 * the chosen one is out ("the trim is already Base"). But choosing another
 * value there replaces the old one, so each such feature's values are judged
 * with its own choice set aside: Advanced shows as available when swapping
 * Base for it keeps a complete configuration reachable.
 *
 * Reasons are left out (they cost far more than the domains: one QuickXplain
 * run per unavailable value); `reasonFor` gives one when the UI asks.
 */
export function customerDomains(line: ProductLine, choices: readonly string[]): Domains {
  const compiled = compiledFor(line);
  const domains = validDomains(compiled, { choices }, { reasons: false });
  return {
    consistent: domains.consistent,
    features: domains.features.map((state) => {
      const feature = featureByCode(line, state.code);
      if (feature?.kind !== "single" || !state.values.some((v) => v.chosen)) return state;
      const aside = validDomains(compiled, { choices: withoutFeature(choices, feature) }, { reasons: false });
      const alternatives = aside.features.find((f) => f.code === state.code)!.values;
      return { ...state, values: state.values.map((v, i) => (v.chosen ? v : { ...v, available: alternatives[i].available })) };
    }),
  };
}

/**
 * Why `code` is not available on top of `choices` (its own feature's choice set
 * aside for a single-choice value, as in `customerDomains`); null when it is.
 */
export function reasonFor(line: ProductLine, choices: readonly string[], code: string): Reason | null {
  const feature = featureOfValue(line, code);
  if (!feature) return null;
  const base = feature.kind === "single" ? withoutFeature(choices, feature) : [...choices];
  return explain(compiledFor(line), base, code);
}

/** Whether `code` may be chosen, as `domains` (from `customerDomains`) says. */
export function isAvailable(line: ProductLine, domains: Domains, code: string): boolean {
  const feature = featureOfValue(line, code);
  return feature !== undefined && (valueState(domains, feature.code, code)?.available ?? false);
}

export function valueState(domains: Domains, feature: string, code: string): ValueState | undefined {
  return domains.features.find((f) => f.code === feature)?.values.find((v) => v.code === code);
}

function withoutFeature(choices: readonly string[], feature: ChoiceFeature): string[] {
  const own = new Set(feature.values.map((v) => v.code));
  return choices.filter((c) => !own.has(c));
}

/** The engine's change sets that make `want` possible, best first, each with its price difference. */
export function proposeResolutions(
  line: ProductLine,
  choices: readonly string[],
  texts: Record<string, string>,
  want: string,
  market: Market,
): Resolution[] {
  return resolve(compiledFor(line), { choices: [...choices], texts }, want, { market });
}

/**
 * The choices after accepting a resolution. The engine's `add` lists every
 * value all completions share, package contents among them; those are left
 * implied (as when the package is chosen by hand), so that removing the
 * package later takes them away instead of leaving them chosen and charged.
 */
export function choicesAfter(line: ProductLine, resolution: Resolution): string[] {
  const brought = new Set(resolution.choices.flatMap((c) => contentsOf(line, c)));
  return resolution.choices.filter((c) => !(resolution.add.includes(c) && brought.has(c)));
}

/** What a value includes, transitively (a package may include a package). */
function contentsOf(line: ProductLine, code: string): string[] {
  const out: string[] = [];
  const visit = (c: string) => {
    const value = featureOfValue(line, c)?.values.find((v) => v.code === c);
    for (const i of value?.includes ?? [])
      if (i !== code && !out.includes(i)) {
        out.push(i);
        visit(i);
      }
  };
  visit(code);
  return out;
}

export function deriveEngineState(
  line: ProductLine,
  choices: readonly string[],
  texts: Record<string, string>,
  market: Market,
): EngineState {
  const configuration = { line: line.code, choices: [...choices], texts };
  const problems = validate(line, configuration);
  const domains = customerDomains(line, choices);
  // Only a broken configuration costs the normaliser's checks: every click of a working one skips them.
  const broken = !domains.consistent || problems.some((p) => p.code === "text-not-allowed");
  return {
    domains,
    price: price(line, [...choices], texts, market),
    complete: problems.length === 0,
    problems,
    repair: broken ? repairOf(line, choices, texts, market) : null,
  };
}

/**
 * Lines with this many values or more recompute off the browser's main thread (a Web Worker):
 * past it a recompute can take longer than a frame (automotive01, 2,513 values: p95 ~16 ms
 * CPU, up to 60 ms on a busy machine; Linux, 21,257: seconds), below it it stays far under
 * one (the demo sedan, ~100 values: well under a millisecond) and the worker would only add
 * a round trip.
 */
export const OFF_THREAD_FROM_VALUES = 2000;

/** Whether the configurator should recompute this line off the main thread (see OFF_THREAD_FROM_VALUES). */
export function recomputesOffThread(line: ProductLine): boolean {
  let values = 0;
  for (const f of line.features) if (f.kind !== "text") values += f.values.length;
  return values >= OFF_THREAD_FROM_VALUES;
}

/**
 * What the configurator shows while the engine answers elsewhere (off the main thread): the
 * new configuration's price at once, the previous answer's availability, and "not complete"
 * (nothing is reviewed or saved before the answer). Cheap: no solver, no compile.
 */
export function provisionalEngineState(
  line: ProductLine,
  previous: EngineState,
  choices: readonly string[],
  texts: Record<string, string>,
  market: Market,
): EngineState {
  return { domains: previous.domains, price: price(line, [...choices], texts, market), complete: false, problems: previous.problems, repair: null };
}

/**
 * The configuration's nearest valid one: the normaliser's kept choices and texts (what share
 * codes of older versions open with), then completed like the catalog's starting configuration
 * (defaults, then the cheapest values), so the customer can review it at once. A package's
 * contents the completion lists are left implied, as `choicesAfter` does.
 */
export function repairOf(line: ProductLine, choices: readonly string[], texts: Record<string, string>, market: Market): Repair {
  const compiled = compiledFor(line);
  const nearest = normaliseConfiguration(compiled, { choices: [...choices], texts });
  const completed = complete(compiled, { choices: nearest.choices }, { market }) ?? nearest.choices;
  // Leave out a value a kept package already brings (it isn't charged again); only a *kept* one
  // counts, or two packages that include each other would drop each other and leave a hole.
  const repaired: string[] = [];
  const brought = new Set<string>();
  completed.forEach((c, i) => {
    if (i >= nearest.choices.length && brought.has(c)) return;
    repaired.push(c);
    for (const inside of contentsOf(line, c)) brought.add(inside);
  });
  return { dropped: nearest.dropped, droppedTexts: nearest.droppedTexts, choices: repaired, texts: nearest.texts };
}
