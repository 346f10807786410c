/**
 * The catalog's semantics as docs/catalog.md states them, checked against the
 * brute-force oracle: optional multiple-choice features with a minimum, package
 * contents in packages, and table rules over optional features.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileLine } from "./compile";
import { complete } from "./complete";
import { countConfigurations } from "./count";
import { validDomains } from "./domains";
import { effectiveChoices } from "./line-index";
import { plainValues, testLine } from "./lines.testing";
import { allCodes, completeConfigurations, completionsOf, isComplete, lineArb } from "./oracle.testing";
import { validate } from "./validate";

const optionalMinimumArb = lineArb({ maxValues: 10, optionalMinimum: true }).chain((line) =>
  fc.record({ line: fc.constant(line), choices: fc.subarray(allCodes(line), { maxLength: 3 }) }),
);

describe("an optional multiple-choice feature with a minimum: none, or between min and max", () => {
  const line = testLine({
    features: [
      { kind: "single", code: "trim", name: { en: "Trim" }, values: plainValues("T1", "T2") },
      { kind: "multiple", code: "extras", name: { en: "Extras" }, required: false, min: 2, max: 3, values: plainValues("a", "b", "c", "d") },
    ],
  });

  it("may be left empty, needs its minimum once it has a value, and counts as such", () => {
    const compiled = compileLine(line);
    expect(validate(line, { line: "L", choices: ["T1"], texts: {} })).toEqual([]);
    expect(validate(line, { line: "L", choices: ["T1", "a"], texts: {} }).map((p) => p.code)).toEqual(["too-few"]);
    expect(validate(line, { line: "L", choices: ["T1", "a", "b", "c", "d"], texts: {} }).map((p) => p.code)).toEqual(["too-many"]);
    // 2 trims × (none + C(4,2) + C(4,3)) = 2 × 11.
    expect(countConfigurations(compiled, [])).toBe(22n);
    expect(countConfigurations(compiled, ["a"])).toBe(2n * (3n + 3n));
    // Completion leaves it empty unless it has a value already.
    expect(complete(compiled, { choices: [] })).toEqual(["T1"]);
    expect(complete(compiled, { choices: ["a"] })?.filter((c) => c !== "T1" && c !== "T2")).toHaveLength(2);
  });

  it("counts, valid domains and validation agree with the oracle on random lines", () => {
    fc.assert(
      fc.property(optionalMinimumArb, ({ line, choices }) => {
        const compiled = compileLine(line);
        const all = completeConfigurations(line);
        const ext = completionsOf(all, choices);
        expect(countConfigurations(compiled, choices)).toBe(BigInt(ext.length));
        const domains = validDomains(compiled, { choices }, { reasons: false });
        expect(domains.consistent).toBe(ext.length > 0);
        for (const f of domains.features)
          for (const v of f.values) expect(v.available, `available ${v.code}`).toBe(completionsOf(ext, [v.code]).length > 0);
        for (const cfg of all) expect(validate(line, { line: line.code, choices: cfg, texts: {} })).toEqual([]);
        const problems = validate(line, { line: line.code, choices, texts: {} });
        expect(problems.length === 0).toBe(isComplete(line, new Set(effectiveChoices(line, choices))));
      }),
      { numRuns: 150 },
    );
  });
});

describe("package contents are transitive: a package in a package brings its contents too", () => {
  const line = testLine({
    features: [
      {
        kind: "multiple",
        code: "packs",
        name: { en: "Packages" },
        values: [
          { code: "P1", name: { en: "P1" }, includes: ["P2"] },
          { code: "P2", name: { en: "P2" }, includes: ["x"] },
        ],
      },
      { kind: "multiple", code: "opts", name: { en: "Options" }, values: plainValues("x", "y") },
    ],
    rules: [{ kind: "excludes", id: "NO-X-WITH-Y", values: ["x", "y"] }],
  });

  it("choosing the outer package implies the inner package's contents, in the engine and the oracle alike", () => {
    const compiled = compileLine(line);
    const all = completeConfigurations(line);
    expect(completionsOf(all, ["P1"]).every((cfg) => cfg.includes("x"))).toBe(true);
    const domains = validDomains(compiled, { choices: ["P1"] });
    const x = domains.features.find((f) => f.code === "opts")!.values.find((v) => v.code === "x")!;
    const y = domains.features.find((f) => f.code === "opts")!.values.find((v) => v.code === "y")!;
    expect(x.implied).toBe(true);
    expect(y.available).toBe(false);
    expect(countConfigurations(compiled, ["P1"])).toBe(BigInt(completionsOf(all, ["P1"]).length));
    // Validation counts the contents of contents as chosen: P1 alone is complete, P1 with y breaks the rule.
    expect(validate(line, { line: "L", choices: ["P1"], texts: {} })).toEqual([]);
    expect(validate(line, { line: "L", choices: ["P1", "y"], texts: {} }).map((p) => p.rule)).toEqual(["NO-X-WITH-Y"]);
  });
});

describe("a table rule over an optional feature: an empty feature matches no tuple", () => {
  const line = testLine({
    features: [
      { kind: "single", code: "G", name: { en: "G" }, required: false, values: plainValues("g1", "g2") },
      { kind: "single", code: "H", name: { en: "H" }, required: false, values: plainValues("h1", "h2") },
    ],
    rules: [{ kind: "table", id: "GH", features: ["G", "H"], tuples: [["g1", "h1"], ["g2", "h2"]] }],
  });

  it("so the table makes its optional features required, in the engine and the oracle alike", () => {
    const compiled = compileLine(line);
    const all = completeConfigurations(line);
    expect(all).toEqual([["g1", "h1"], ["g2", "h2"]]);
    expect(countConfigurations(compiled, [])).toBe(2n);
    expect(validate(line, { line: "L", choices: [], texts: {} }).map((p) => p.rule)).toEqual(["GH"]);
    const domains = validDomains(compiled, { choices: ["g1"] });
    expect(domains.features.find((f) => f.code === "H")!.values.map((v) => v.implied)).toEqual([true, false]);
  });
});
