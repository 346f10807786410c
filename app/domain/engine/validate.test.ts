import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { effectiveChoices } from "./line-index";
import { plainValues, testLine } from "./lines.testing";
import { allCodes, completeConfigurations, isComplete, lineArb, violations } from "./oracle.testing";
import { validate } from "./validate";

describe("validate", () => {
  it("accepts exactly the oracle's complete configurations (package contents count as chosen)", () => {
    fc.assert(
      fc.property(
        lineArb().chain((line) => fc.record({ line: fc.constant(line), choices: fc.subarray(allCodes(line)) })),
        ({ line, choices }) => {
          const problems = validate(line, { line: line.code, choices, texts: {} });
          const closure = new Set(effectiveChoices(line, choices));
          expect(problems.length === 0).toBe(isComplete(line, closure));
          // Every broken catalog rule is reported, by id, and nothing else is.
          const broken = violations(line, closure).filter((r) => !r.includes(":"));
          expect(problems.filter((p) => p.code === "rule-violated").map((p) => p.rule)).toEqual(broken);
          const badFeatures = violations(line, closure).filter((r) => r.startsWith("feature:")).map((r) => r.slice(8));
          expect(problems.filter((p) => ["missing-required", "too-few", "too-many"].includes(p.code)).map((p) => p.target)).toEqual(badFeatures);
        },
      ),
      { numRuns: 120 },
    );
  });

  it("accepts every complete configuration the oracle enumerates", () => {
    fc.assert(
      fc.property(lineArb(), (line) => {
        for (const cfg of completeConfigurations(line)) expect(validate(line, { line: line.code, choices: cfg, texts: {} })).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });

  const line = testLine({
    features: [
      { kind: "single", code: "TRIM", name: { en: "Trim" }, values: plainValues("BASE", "SPORT") },
      { kind: "multiple", code: "PACKS", name: { en: "Packages" }, values: [{ code: "PKG", name: { en: "Package" }, includes: ["SILLOPT"] }] },
      {
        kind: "multiple",
        code: "OPT",
        name: { en: "Options" },
        max: 1,
        values: [
          { code: "SILLOPT", name: { en: "Sill inscription" } },
          { code: "TOW", name: { en: "Tow bar" } },
        ],
      },
      { kind: "text", code: "SILL", name: { en: "Sill" }, pattern: "[A-Z ]*", maxLength: 5, enabledBy: "SILLOPT" },
      { kind: "text", code: "NOTE", name: { en: "Note" }, pattern: ".*", maxLength: 3, required: true },
    ],
    rules: [{ kind: "excludes", id: "no-pkg-on-base", description: { en: "The package needs the sport trim" }, values: ["BASE", "PKG"] }],
  });

  it("reports unknown and duplicate codes, cardinality, rules and texts, all at once", () => {
    const problems = validate(line, { line: "L", choices: ["BASE", "BASE", "NOPE", "PKG", "TOW"], texts: { SILL: "toolong", EXTRA: "x" } });
    expect(problems.map((p) => [p.code, p.target ?? p.rule])).toEqual([
      ["duplicate-code", "BASE"],
      ["unknown-code", "NOPE"],
      ["too-many", "OPT"],
      ["rule-violated", "no-pkg-on-base"],
      ["text-invalid", "SILL"],
      ["unknown-text", "EXTRA"],
      ["missing-required", "NOTE"],
    ]);
    expect(problems.find((p) => p.code === "rule-violated")!.message).toBe("The package needs the sport trim");
  });

  it("checks texts: enabling value, pattern as a whole-text match, length in code points", () => {
    const check = (choices: string[], texts: Record<string, string>) =>
      validate(line, { line: "L", choices, texts: { NOTE: "ok", ...texts } }).map((p) => p.code);
    expect(check(["SPORT"], { SILL: "ANNA" })).toEqual(["text-not-allowed"]);
    expect(check(["SPORT", "SILLOPT"], { SILL: "ANNA" })).toEqual([]);
    expect(check(["SPORT", "SILLOPT"], { SILL: "anna" })).toEqual(["text-invalid"]);
    expect(check(["SPORT", "SILLOPT"], { SILL: "ANNA1" })).toEqual(["text-invalid"]);
    expect(check(["SPORT"], { NOTE: "日本語" })).toEqual([]);
    expect(check(["SPORT"], { NOTE: "日本語!" })).toEqual(["text-invalid"]);
    // Included by the package: the sill text is allowed without SILLOPT being listed.
    expect(check(["SPORT", "PKG"], { SILL: "ANNA" })).toEqual([]);
    expect(check([], {})).toEqual(["missing-required"]);
  });

  it("rejects a configuration for another line", () => {
    expect(validate(line, { line: "OTHER", choices: [], texts: {} })).toEqual([
      expect.objectContaining({ code: "unknown-line", target: "OTHER" }),
    ]);
  });
});
