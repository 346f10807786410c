/**
 * Test helper (not shipped): random small product lines and a brute-force
 * oracle that decides completeness straight from the catalog's definitions
 * (the constraints of catalog.meaning.ts, whose own test checks them against
 * truth tables), independent of the CNF, by enumerating every set of value codes.
 */
import fc from "fast-check";
import { parseCatalog, type ChoiceFeature, type Condition, type ProductLine } from "../catalog";
import { lineConstraints, satisfies, type Constraint } from "../catalog.meaning";

/** Is `chosen` (a set of value codes) a complete configuration of the line? Closed world. */
export function isComplete(line: ProductLine, chosen: ReadonlySet<string>): boolean {
  return violations(line, chosen).length === 0;
}

/** Names of the rules/features a set of codes breaks ("feature:<code>", "includes:<code>", rule ids). */
export function violations(line: ProductLine, chosen: ReadonlySet<string>): string[] {
  const features = line.features.filter((f) => f.kind !== "text" && !cardinalityHolds(f, chosen)).map((f) => `feature:${f.code}`);
  const broken = constraintsOf(line).filter((c) => !satisfies(c, chosen));
  return [...new Set([...features, ...broken.map((c) => c.source)])];
}

/**
 * A feature's cardinality as docs/catalog.md states it, read here straight from the catalog
 * rather than through catalog.meaning.ts (which the engine shares), so the two readings are
 * held against each other: a required feature needs between max(min, 1) and max values (a
 * single-choice one exactly one); an optional one has none, or between min and max.
 */
export function cardinalityHolds(feature: ChoiceFeature, chosen: ReadonlySet<string>): boolean {
  const count = feature.values.filter((v) => chosen.has(v.code)).length;
  const min = feature.kind === "single" ? 1 : Math.max(feature.min ?? 0, 1);
  const max = feature.kind === "single" ? 1 : (feature.max ?? feature.values.length);
  if (count === 0) return !feature.required;
  return count >= min && count <= max;
}

// Brute force asks about up to 2^20 sets per line: lower its packages and rules once.
const lowered = new WeakMap<ProductLine, Constraint[]>();

function constraintsOf(line: ProductLine): Constraint[] {
  let constraints = lowered.get(line);
  if (!constraints) {
    constraints = lineConstraints(line).filter((c) => !c.source.startsWith("feature:"));
    lowered.set(line, constraints);
  }
  return constraints;
}

export function allCodes(line: ProductLine): string[] {
  return line.features.flatMap((f) => (f.kind === "text" ? [] : f.values.map((v) => v.code)));
}

/** Every complete configuration (as sorted code lists), by enumerating all 2^n subsets. */
export function completeConfigurations(line: ProductLine): string[][] {
  const codes = allCodes(line);
  if (codes.length > 20) throw new Error("too many values for brute force");
  const out: string[][] = [];
  for (let m = 0; m < 1 << codes.length; m++) {
    const set = new Set(codes.filter((_, i) => (m >> i) & 1));
    if (isComplete(line, set)) out.push([...set].sort());
  }
  return out;
}

/** Complete configurations containing every code in `choices`. */
export function completionsOf(all: string[][], choices: readonly string[]): string[][] {
  return all.filter((cfg) => choices.every((c) => cfg.includes(c)));
}

// ------------------------------------------------------------------ random lines

type CondSpec = { v: number } | { and: CondSpec[] } | { or: CondSpec[] } | { not: CondSpec };

const condArb: fc.Arbitrary<CondSpec> = fc.letrec<{ c: CondSpec }>((tie) => ({
  c: fc.oneof(
    { maxDepth: 2, depthIdentifier: "cond" },
    fc.record({ v: fc.nat(40) }),
    fc.record({ and: fc.array(tie("c"), { minLength: 1, maxLength: 3 }) }),
    fc.record({ or: fc.array(tie("c"), { minLength: 1, maxLength: 3 }) }),
    fc.record({ not: tie("c") }),
  ),
})).c;

const ruleSpecArb = fc.oneof(
  fc.record({ kind: fc.constant("requires" as const), if: condArb, then: condArb }),
  fc.record({ kind: fc.constant("excludes" as const), values: fc.array(fc.nat(40), { minLength: 2, maxLength: 3 }) }),
  fc.record({ kind: fc.constant("constraint" as const), condition: condArb }),
  fc.record({
    kind: fc.constant("table" as const),
    features: fc.array(fc.nat(10), { minLength: 1, maxLength: 3 }),
    tuples: fc.array(fc.array(fc.nat(10), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 6 }),
  }),
);

const featureSpecArb = fc.record({
  kind: fc.constantFrom("single" as const, "single" as const, "multiple" as const),
  required: fc.boolean(),
  size: fc.integer({ min: 1, max: 4 }),
  min: fc.option(fc.nat(3), { nil: undefined }),
  max: fc.option(fc.nat(4), { nil: undefined }),
  prices: fc.array(fc.nat(50), { minLength: 4, maxLength: 4 }),
  defaults: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
});

type FeatureSpec = typeof featureSpecArb extends fc.Arbitrary<infer T> ? T : never;
type RuleSpec = typeof ruleSpecArb extends fc.Arbitrary<infer T> ? T : never;

export interface LineOptions {
  maxValues?: number;
  withText?: boolean;
  /** Make every multiple-choice feature optional with a minimum of 2 or 3 (none, or between min and max). */
  optionalMinimum?: boolean;
}

/** Random small product lines (≤ maxValues value codes), valid per the catalog schema. */
export function lineArb(options: LineOptions = {}): fc.Arbitrary<ProductLine> {
  const maxValues = options.maxValues ?? 12;
  return fc
    .record({
      features: fc.array(featureSpecArb, { minLength: 1, maxLength: 5 }),
      includes: fc.array(fc.tuple(fc.nat(40), fc.nat(40)), { maxLength: 3 }),
      rules: fc.array(ruleSpecArb, { maxLength: 4 }),
      basePrice: fc.nat(1000),
    })
    .map((spec) => buildLine(options.optionalMinimum ? withOptionalMinimum(spec) : spec, maxValues, options.withText ?? false));
}

function withOptionalMinimum<S extends { features: FeatureSpec[] }>(spec: S): S {
  const features = spec.features.map((f, i): FeatureSpec =>
    f.kind === "multiple" || i === 0
      ? { ...f, kind: "multiple", required: false, size: Math.max(f.size, 3), min: 2 + (f.size % 2), max: f.max === undefined ? undefined : Math.max(f.max, 2) }
      : f,
  );
  return { ...spec, features };
}

function buildLine(
  spec: {
    features: FeatureSpec[];
    includes: [number, number][];
    rules: RuleSpec[];
    basePrice: number;
  },
  maxValues: number,
  withText: boolean,
): ProductLine {
  let count = 0;
  const features: Record<string, unknown>[] = [];
  const codes: string[] = [];
  const singles: { code: string; values: string[] }[] = [];
  const valueObjs = new Map<string, { includes: string[] }>();
  spec.features.forEach((f, fi) => {
    const size = Math.min(f.size, maxValues - count);
    if (size <= 0) return;
    const fcode = `F${fi}`;
    const values = Array.from({ length: size }, (_, vi) => {
      const code = `${String.fromCharCode(97 + fi)}${vi}`;
      codes.push(code);
      const obj = {
        code,
        name: { en: code },
        price: { DE: f.prices[vi] * 100, US: f.prices[vi] * 90 },
        modules: [{ module: `M-${code}`, quantity: 1 + (vi % 2) }, { module: "M-shared", quantity: 1 }],
        includes: [] as string[],
        default: f.defaults[vi],
      };
      valueObjs.set(code, obj);
      return obj;
    });
    count += size;
    if (f.kind === "single") {
      features.push({ kind: "single", code: fcode, name: { en: fcode }, required: f.required, values });
      singles.push({ code: fcode, values: values.map((v) => v.code) });
    } else {
      let min = f.min;
      let max = f.max;
      if (min !== undefined && max !== undefined && min > max) [min, max] = [max, min];
      features.push({ kind: "multiple", code: fcode, name: { en: fcode }, required: f.required, min, max, values });
    }
  });
  const pick = (i: number) => codes[i % codes.length];
  for (const [a, b] of spec.includes) {
    const pkg = pick(a);
    const inc = pick(b);
    const obj = valueObjs.get(pkg)!;
    if (pkg !== inc && !obj.includes.includes(inc)) obj.includes.push(inc);
  }
  const toCond = (c: CondSpec): Condition =>
    "v" in c
      ? { value: pick(c.v) }
      : "and" in c
        ? { and: c.and.map(toCond) }
        : "or" in c
          ? { or: c.or.map(toCond) }
          : { not: toCond(c.not) };
  const rules: Record<string, unknown>[] = [];
  spec.rules.forEach((r, ri) => {
    const id = `R${ri}`;
    if (r.kind === "requires") rules.push({ kind: "requires", id, if: toCond(r.if), then: toCond(r.then) });
    else if (r.kind === "constraint") rules.push({ kind: "constraint", id, condition: toCond(r.condition) });
    else if (r.kind === "excludes") rules.push({ kind: "excludes", id, values: r.values.map(pick) });
    else {
      if (singles.length === 0) return;
      const fs = [...new Set(r.features.map((i) => singles[i % singles.length]))];
      rules.push({
        kind: "table",
        id,
        features: fs.map((f) => f.code),
        tuples: r.tuples.map((t) => fs.map((f, k) => f.values[t[k] % f.values.length])),
      });
    }
  });
  if (withText) {
    features.push({
      kind: "text",
      code: "INSCRIPTION",
      name: { en: "Inscription" },
      pattern: "^[A-Z ]*$",
      maxLength: 8,
      enabledBy: codes[codes.length - 1],
      price: { DE: 5000 },
    });
  }
  const catalog = parseCatalog({
    productLines: [
      {
        code: "L",
        name: { en: "Line" },
        basePrice: { DE: spec.basePrice * 100, US: spec.basePrice * 80 },
        baseModules: [{ module: "M-base", quantity: 1 }, { module: "M-shared", quantity: 2 }],
        features,
        rules,
      },
    ],
  });
  return catalog.productLines[0];
}
