import { describe, expect, it } from "vitest";
import { parseCatalog, type ChoiceFeature, type Condition, type ProductLine, type Rule } from "./catalog";
import {
  featureConstraint,
  lineConstraints,
  packageConstraints,
  ruleConstraint,
  satisfies,
  type Constraint,
} from "./catalog.meaning";

/**
 * The constraints' truth over every assignment of `codes`, one digit per assignment
 * ("1" = satisfied), assignments counted in binary with the first code most significant.
 */
function truthTable(constraints: Constraint[], codes: string[]): string {
  let table = "";
  for (let m = 0; m < 1 << codes.length; m++) {
    const chosen = new Set(codes.filter((_, i) => (m >> (codes.length - 1 - i)) & 1));
    table += constraints.every((c) => satisfies(c, chosen)) ? "1" : "0";
  }
  return table;
}

const value = (code: string, includes: string[] = []) => ({ code, name: { en: code }, includes });
const v = (code: string): Condition => ({ value: code });

/** A line with features F (a, b, c: multiple, unbounded, unless `fFeature` says otherwise) and G (x1, x2) and H (y1, y2), both optional single. */
function lineWith(rules: unknown[], fFeature: Record<string, unknown> = {}): ProductLine {
  const features = [
    { kind: "multiple", code: "F", name: { en: "F" }, values: [value("a"), value("b"), value("c")], ...fFeature },
    { kind: "single", code: "G", name: { en: "G" }, required: false, values: [value("x1"), value("x2")] },
    { kind: "single", code: "H", name: { en: "H" }, required: false, values: [value("y1"), value("y2")] },
  ];
  const line = { code: "L", name: { en: "L" }, basePrice: {}, baseModules: [], features, rules };
  return parseCatalog({ productLines: [line] }).productLines[0];
}

const onlyRule = (rule: Record<string, unknown>): Rule => lineWith([{ id: "R", ...rule }]).rules[0];
const feature = (fFeature: Record<string, unknown>) => lineWith([], fFeature).features[0] as ChoiceFeature;

describe("ruleConstraint: each rule kind means", () => {
  it("requires: if the condition holds, so does the consequence", () => {
    expect(truthTable([ruleConstraint(onlyRule({ kind: "requires", if: v("a"), then: v("b") }))], ["a", "b"])).toBe("1101");
    const nested = onlyRule({ kind: "requires", if: { and: [v("a"), { not: v("b") }] }, then: { or: [v("c")] } });
    // Broken only where a ∧ ¬b ∧ ¬c (abc = 100).
    expect(truthTable([ruleConstraint(nested)], ["a", "b", "c"])).toBe("11110111");
  });

  it("constraint: its condition", () => {
    const rule = onlyRule({ kind: "constraint", condition: { or: [{ not: v("a") }, { and: [v("b"), v("c")] }] } });
    expect(truthTable([ruleConstraint(rule)], ["a", "b", "c"])).toBe("11110001");
  });

  it("excludes: at most one of the values, a value named twice counting once", () => {
    const rule = onlyRule({ kind: "excludes", values: ["a", "b", "c", "a"] });
    expect(truthTable([ruleConstraint(rule)], ["a", "b", "c"])).toBe("11101000");
  });

  it("table: every value of one tuple, so an unset feature matches none", () => {
    const rule = onlyRule({ kind: "table", features: ["G", "H"], tuples: [["x1", "y1"], ["x2", "y2"]] });
    expect(truthTable([ruleConstraint(rule)], ["x1", "x2", "y1", "y2"])).toBe("0000010100110111");
  });

  it("names the rule as its source", () => {
    expect(ruleConstraint(onlyRule({ kind: "excludes", values: ["a", "b"] })).source).toBe("R");
  });
});

describe("packageConstraints", () => {
  it("a chosen package brings every value it includes", () => {
    const pkg = feature({ values: [value("p", ["q", "r"]), value("q"), value("r")] }).values[0];
    const constraints = packageConstraints(pkg);
    expect(constraints.map((c) => c.source)).toEqual(["includes:p", "includes:p"]);
    expect(truthTable(constraints, ["p", "q", "r"])).toBe("11110001");
  });

  it("a value without contents constrains nothing", () => {
    expect(packageConstraints(feature({}).values[0])).toEqual([]);
  });
});

describe("featureConstraint: a feature's cardinality", () => {
  const codes = ["a", "b", "c"];
  it.each([
    ["single, required: exactly one", { kind: "single", required: true }, "01101000"],
    ["single, optional: at most one", { kind: "single", required: false }, "11101000"],
    ["multiple, optional, unbounded: anything", {}, "11111111"],
    ["multiple, required: at least one", { required: true }, "01111111"],
    ["multiple, optional, min 2: none, or at least 2", { min: 2 }, "10010111"],
    ["multiple, optional, min 2, max 2: none, or exactly 2", { required: false, min: 2, max: 2 }, "10010110"],
    ["multiple, optional, min 1: same as no minimum", { required: false, min: 1 }, "11111111"],
    ["multiple, optional, min above the values' number: none", { required: false, min: 4 }, "10000000"],
    ["multiple, required, min 2: at least 2", { required: true, min: 2 }, "00010111"],
    ["multiple, max 1", { max: 1 }, "11101000"],
    ["multiple, required, max 2", { required: true, max: 2 }, "01111110"],
    ["multiple, max above the values' number", { max: 7 }, "11111111"],
  ])("%s", (_, fFeature, table) => {
    const constraint = featureConstraint(feature(fFeature));
    expect(constraint.source).toBe("feature:F");
    expect(truthTable([constraint], codes)).toBe(table);
  });
});

describe("lineConstraints", () => {
  it("holds the line's cardinalities, then its packages' contents, then its rules", () => {
    const line = lineWith(
      [
        { kind: "excludes", id: "R1", values: ["a", "b"] },
        { kind: "requires", id: "R2", if: v("x1"), then: v("c") },
      ],
      { values: [value("a"), value("b", ["y2"]), value("c")] },
    );
    expect(lineConstraints(line).map((c) => c.source)).toEqual(["feature:F", "feature:G", "feature:H", "includes:b", "R1", "R2"]);
  });
});
