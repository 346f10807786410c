/**
 * What the catalog's rules mean, written once.
 *
 * Every rule kind, every feature's cardinality and every package's contents
 * lower here to constraints over value codes (closed world: a code is true
 * when it is chosen), in three shapes: a condition that holds, a count of
 * chosen values within bounds, or a table of allowed tuples. Everything that
 * reasons about rules starts from these constraints: the CNF compiler, the
 * flip checks, finite-domain counting, validation and the brute-force test
 * oracle. A new rule kind changes the schema (catalog.ts) and `ruleConstraint`;
 * the consumers switch over the three shapes only.
 */
import type { ChoiceFeature, Condition, ProductLine, Rule, Value } from "./catalog";

/** One fact every complete configuration satisfies. */
export type Constraint =
  /** The condition holds. */
  | { kind: "formula"; source: string; formula: Condition }
  /**
   * Between `min` and `max` of the (distinct) `values` are chosen, or, when `orNone`, none of
   * them (an optional multiple-choice feature with a minimum: leave it out, or choose enough).
   */
  | { kind: "count"; source: string; values: string[]; min: number; max: number; orNone: boolean }
  /**
   * Every value of one of the tuples is chosen. Column k holds values of the single-choice
   * feature `features[k]`, so an unset (optional) feature matches no tuple.
   */
  | { kind: "table"; source: string; features: string[]; tuples: string[][] };

/** Anything that answers "is this code chosen?" (a Set of codes, or an adapter over variables). */
export interface Chosen {
  has(code: string): boolean;
}

/**
 * Constraints name their source so reasons can: a catalog rule id, "feature:<code>" for a
 * feature's cardinality, "includes:<code>" for a package's contents. Catalog rule ids can't
 * contain ':', so these never collide.
 */
export const featureRuleId = (code: string) => `feature:${code}`;
export const includesRuleId = (code: string) => `includes:${code}`;

/**
 * A choice feature's cardinality: single ⇒ at most one, required ⇒ at least one, multiple ⇒ its
 * own bounds. An optional multiple-choice feature with a minimum means "none, or between min and
 * max" (`required: false, min: 2` is a feature one may skip, not one that needs two): `orNone`.
 * The form is canonical, so consumers can compare bounds: `orNone` only when it changes
 * something (min ≥ 2), and an optional feature's min of 1 is 0.
 */
export function featureConstraint(feature: ChoiceFeature): Extract<Constraint, { kind: "count" }> {
  const values = feature.values.map((v) => v.code);
  const source = featureRuleId(feature.code);
  const atLeastOne = feature.required ? 1 : 0;
  switch (feature.kind) {
    case "single":
      return { kind: "count", source, values, min: atLeastOne, max: 1, orNone: false };
    case "multiple": {
      const min = feature.min ?? 0;
      const orNone = !feature.required && min >= 2;
      return {
        kind: "count",
        source,
        values,
        min: feature.required ? Math.max(min, 1) : orNone ? min : 0,
        max: Math.min(feature.max ?? values.length, values.length),
        orNone,
      };
    }
    default:
      return unhandledKind(feature);
  }
}

/** A package brings each value it includes: one implication per included value. */
export function packageConstraints(pkg: Value): Constraint[] {
  const source = includesRuleId(pkg.code);
  return (pkg.includes ?? []).map((inc) => ({
    kind: "formula",
    source,
    formula: { or: [{ not: { value: pkg.code } }, { value: inc }] },
  }));
}

export function ruleConstraint(rule: Rule): Constraint {
  const source = rule.id;
  switch (rule.kind) {
    case "requires":
      return { kind: "formula", source, formula: { or: [{ not: rule.if }, rule.then] } };
    case "constraint":
      return { kind: "formula", source, formula: rule.condition };
    case "excludes":
      return { kind: "count", source, values: [...new Set(rule.values)], min: 0, max: 1, orNone: false };
    case "table":
      return { kind: "table", source, features: rule.features, tuples: rule.tuples };
    default:
      return unhandledKind(rule);
  }
}

/** Everything a complete configuration of the line satisfies: cardinalities, then packages, then rules. */
export function lineConstraints(line: ProductLine): Constraint[] {
  const choiceFeatures = line.features.filter((f): f is ChoiceFeature => f.kind !== "text");
  return [
    ...choiceFeatures.map(featureConstraint),
    ...choiceFeatures.flatMap((f) => f.values.flatMap(packageConstraints)),
    ...(line.rules ?? []).map(ruleConstraint),
  ];
}

export function satisfies(constraint: Constraint, chosen: Chosen): boolean {
  switch (constraint.kind) {
    case "formula":
      return evaluate(constraint.formula, chosen);
    case "count": {
      let count = 0;
      for (const code of constraint.values) if (chosen.has(code)) count++;
      return countHolds(constraint, count);
    }
    case "table":
      return constraint.tuples.some((t) => t.every((code) => chosen.has(code)));
    default:
      return unhandledKind(constraint);
  }
}

/** Is `count` chosen values within a count constraint's bounds (none counting when `orNone`)? */
export function countHolds(bounds: { min: number; max: number; orNone: boolean }, count: number): boolean {
  return (bounds.orNone && count === 0) || (count >= bounds.min && count <= bounds.max);
}

export function evaluate(condition: Condition, chosen: Chosen): boolean {
  if ("value" in condition) return chosen.has(condition.value);
  if ("not" in condition) return !evaluate(condition.not, chosen);
  if ("and" in condition) return condition.and.every((c) => evaluate(c, chosen));
  return condition.or.some((c) => evaluate(c, chosen));
}

/** The value codes a condition mentions, in order (with repeats). */
export function conditionCodes(condition: Condition, out: string[] = []): string[] {
  if ("value" in condition) out.push(condition.value);
  else if ("not" in condition) conditionCodes(condition.not, out);
  else if ("and" in condition) condition.and.forEach((c) => conditionCodes(c, out));
  else condition.or.forEach((c) => conditionCodes(c, out));
  return out;
}

/**
 * The `default` of a switch over a kind: the argument's type is `never` only while every
 * kind has its case, so a new kind fails to compile until each switch handles it.
 */
export function unhandledKind(value: never): never {
  throw new Error(`unhandled kind in ${JSON.stringify(value)}`);
}
