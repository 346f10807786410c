import { describe, expect, it } from "vitest";
// eslint-disable-next-line no-restricted-imports
import demoJson from "../../db/catalog/demo.json";
import { parseCatalog, type Catalog, type CatalogError } from "./catalog";
import { catalogTestsBlockPublish, runCatalogExamples } from "./catalog-examples";
import { plainValues } from "./engine/lines.testing";

/** A line with a trim T1/T2 and a colour C1/C2 where T1 excludes C2; T2 costs 100, C2 costs 50 in DE (no VAT line: basis points apply). */
function small(examples: unknown[]): Catalog {
  return parseCatalog({
    productLines: [
      {
        code: "L",
        name: { en: "L" },
        basePrice: { DE: 1000 },
        baseModules: [],
        features: [
          { kind: "single", code: "trim", name: { en: "Trim" }, values: [...plainValues("T1"), { code: "T2", name: { en: "T2" }, price: { DE: 100 } }] },
          { kind: "single", code: "colour", name: { en: "Colour" }, values: [...plainValues("C1"), { code: "C2", name: { en: "C2" }, price: { DE: 50 } }] },
        ],
        rules: [{ kind: "excludes", id: "no-t1-c2", values: ["T1", "C2"] }],
      },
    ],
    examples,
  });
}

describe("catalog tests (examples)", () => {
  it("passes a buildable example and a refused one, and fails the opposite claims with the engine's reason", () => {
    const results = runCatalogExamples(
      small([
        { name: "T2 with C2", line: "L", choices: ["T2", "C2"], expect: "buildable" },
        { name: "T1 with C2", line: "L", choices: ["T1", "C2"], expect: "refused" },
        { name: "T1 with C2 wrongly claimed", line: "L", choices: ["T1", "C2"], expect: "buildable" },
        { name: "T2 wrongly refused", line: "L", choices: ["T2"], expect: "refused" },
      ]),
    );
    expect(results.map((r) => r.pass)).toEqual([true, true, false, false]);
    expect(results[2].outcome).toEqual({ code: "not-buildable", conflicts: ["C2"], rules: ["no-t1-c2"] });
    expect(results[2].message).toContain("no-t1-c2");
    expect(results[3].outcome.code).toBe("not-refused");
  });

  it("checks the completed configuration's total in the market, tax included", () => {
    // DE VAT 19 %: (1000 + 100 + 50) * 1.19 = 1368.5 → 1369 (half up)
    const [right, wrong] = runCatalogExamples(
      small([
        { name: "right", line: "L", choices: ["T2", "C2"], expect: "buildable", price: { market: "DE", total: 1369 } },
        { name: "wrong", line: "L", choices: ["T2", "C2"], expect: "buildable", price: { market: "DE", total: 1000 } },
      ]),
    );
    expect(right.pass).toBe(true);
    expect(wrong).toMatchObject({ pass: false, outcome: { code: "price-differs", expected: 1000, actual: 1369, market: "DE" } });
  });

  it("names the path of a malformed example; one naming a line or value the catalog doesn't have fails instead", () => {
    const issues = (input: unknown[]) => {
      try {
        small(input);
        return [];
      } catch (error) {
        return (error as CatalogError).issues.map((i) => i.path);
      }
    };
    expect(issues([{ name: "x", line: "L", choices: ["T1", "bad code"], expect: "buildable" }])).toEqual(["examples.0.choices.1"]);
    expect(issues([{ name: "x", line: "L", choices: [], expect: "refused", price: { market: "DE", total: 1 } }])).toEqual(["examples.0.price"]);
    expect(issues([{ name: "x", line: "L", choices: [], expect: "maybe" }])).toEqual(["examples.0.expect"]);
    const [retired, gone] = runCatalogExamples(
      small([
        { name: "retired", line: "L", choices: ["T1", "NOPE"], expect: "refused" },
        { name: "gone", line: "M", choices: [], expect: "buildable" },
      ]),
    );
    expect(retired).toMatchObject({ pass: false, outcome: { code: "unknown-code", codes: ["NOPE"] } });
    expect(gone).toMatchObject({ pass: false, outcome: { code: "unknown-line", line: "M" } });
  });

  it("blocks publishing only while a test fails", () => {
    expect(catalogTestsBlockPublish(small([{ name: "ok", line: "L", choices: ["T2"], expect: "buildable" }]))).toBeNull();
    expect(catalogTestsBlockPublish(small([]))).toBeNull();
    const block = catalogTestsBlockPublish(small([{ name: "bad", line: "L", choices: ["T1", "C2"], expect: "buildable" }]));
    expect(block?.failing.map((f) => f.name)).toEqual(["bad"]);
    expect(block?.message).toMatch(/1 catalog test fails: bad/);
  });

  it("the demo catalog's own tests pass", () => {
    const demo = parseCatalog(demoJson);
    expect(demo.examples?.length).toBeGreaterThanOrEqual(4);
    expect(runCatalogExamples(demo).filter((r) => !r.pass)).toEqual([]);
  });
});
