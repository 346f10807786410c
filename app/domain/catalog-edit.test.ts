import { describe, expect, it } from "vitest";
import { parseCatalog, type Catalog } from "./catalog";
import { applyCatalogEdit, catalogEditSchema, type CatalogEdit } from "./catalog-edit";
import { plainValues } from "./engine/lines.testing";

function catalog(): Catalog {
  return parseCatalog({
    productLines: [
      {
        code: "L",
        name: { en: "Line" },
        basePrice: { DE: 1000 },
        baseModules: [],
        features: [
          { kind: "single", code: "trim", name: { en: "Trim" }, values: [...plainValues("T1", "T2"), { code: "PK", name: { en: "Pack" }, includes: ["X1"] }] },
          { kind: "multiple", code: "extras", name: { en: "Extras" }, values: plainValues("X1", "X2") },
          { kind: "single", code: "colour", name: { en: "Colour" }, values: [{ code: "C1", name: { en: "C1" }, price: { DE: 10 } }, ...plainValues("C2")] },
        ],
        rules: [
          { kind: "excludes", id: "t1-c2", values: ["T1", "C2"] },
          { kind: "excludes", id: "t2-c2-x2", values: ["T2", "C2", "X2"] },
          { kind: "requires", id: "x2-c1", if: { value: "X2" }, then: { value: "C1" } },
        ],
      },
    ],
  });
}

const apply = (edit: unknown, from = catalog()) => applyCatalogEdit(from, catalogEditSchema.parse(edit) as CatalogEdit);
const line = (c: Catalog) => c.productLines[0];
const valuesOf = (c: Catalog, feature: number) => {
  const f = line(c).features[feature];
  return f.kind === "text" ? [] : f.values;
};

describe("applyCatalogEdit", () => {
  it("sets and removes a value's price in a market, and the base price, recording before and after", () => {
    const set = apply({ op: "price", line: "L", target: "C1", market: "DE", amount: 25 });
    expect(set.ok && valuesOf(set.value.catalog, 2)[0].price).toEqual({ DE: 25 });
    expect(set.ok && [set.value.before, set.value.after]).toEqual([
      { target: "C1", market: "DE", amount: 10 },
      { target: "C1", market: "DE", amount: 25 },
    ]);
    const base = apply({ op: "price", line: "L", target: "base", market: "JP", amount: 99 });
    expect(base.ok && line(base.value.catalog).basePrice).toEqual({ DE: 1000, JP: 99 });
    const removed = apply({ op: "price", line: "L", target: "C1", market: "DE", amount: null });
    expect(removed.ok && valuesOf(removed.value.catalog, 2)[0].price).toEqual({});
  });

  it("refuses a negative price and an unknown market before anything else", () => {
    expect(catalogEditSchema.safeParse({ op: "price", line: "L", target: "C1", market: "DE", amount: -1 }).success).toBe(false);
    expect(catalogEditSchema.safeParse({ op: "price", line: "L", target: "C1", market: "FR", amount: 1 }).success).toBe(false);
  });

  it("refuses unknown lines and codes, naming the field", () => {
    expect(apply({ op: "price", line: "M", target: "C1", market: "DE", amount: 1 })).toMatchObject({ ok: false, problem: { code: "unknown-line", path: "line" } });
    expect(apply({ op: "price", line: "L", target: "NOPE", market: "DE", amount: 1 })).toMatchObject({ ok: false, problem: { code: "unknown-target", path: "target" } });
    expect(apply({ op: "lead-time", line: "L", value: "NOPE", days: 3 })).toMatchObject({ ok: false, problem: { path: "value" } });
    expect(apply({ op: "add-rule", line: "L", kind: "requires", a: "T1", b: "NOPE" })).toMatchObject({ ok: false, problem: { code: "unknown-target", path: "b" } });
  });

  it("names values, features and the line per language; English can't be emptied", () => {
    const zh = apply({ op: "name", line: "L", target: "T1", language: "zh", text: "一" });
    expect(zh.ok && valuesOf(zh.value.catalog, 0)[0].name).toEqual({ en: "T1", zh: "一" });
    const feature = apply({ op: "name", line: "L", target: "trim", language: "ja", text: "グレード" });
    expect(feature.ok && line(feature.value.catalog).features[0].name).toEqual({ en: "Trim", ja: "グレード" });
    expect(apply({ op: "name", line: "L", target: "T1", language: "en", text: "" })).toMatchObject({ ok: false, problem: { path: "text" } });
  });

  it("sets a value's lead time", () => {
    const r = apply({ op: "lead-time", line: "L", value: "X1", days: 14 });
    expect(r.ok && r.value.after).toEqual({ value: "X1", leadTimeDays: 14 });
  });

  it("adds a value to a feature, refusing a code the line already has", () => {
    const r = apply({ op: "add-value", line: "L", feature: "colour", code: "C3", name: "Green" });
    expect(r.ok && valuesOf(r.value.catalog, 2).map((v) => v.code)).toEqual(["C1", "C2", "C3"]);
    expect(apply({ op: "add-value", line: "L", feature: "colour", code: "T1", name: "dup" })).toMatchObject({ ok: false, problem: { code: "duplicate", path: "code" } });
  });

  it("retires a value: it leaves the draft, excludes rules forget it, and one left with a single value goes", () => {
    const r = apply({ op: "retire-value", line: "L", value: "C2" });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const l = line(r.value.catalog);
    expect(valuesOf(r.value.catalog, 2).map((v) => v.code)).toEqual(["C1"]);
    expect(l.rules.map((x) => (x.kind === "excludes" ? [x.id, x.values] : [x.id]))).toEqual([["t2-c2-x2", ["T2", "X2"]], ["x2-c1"]]);
    expect(r.value.after).toEqual({ droppedRules: ["t1-c2"] });
  });

  it("refuses to retire a value other rules or packages still name, or a feature's last value", () => {
    expect(apply({ op: "retire-value", line: "L", value: "C1" })).toMatchObject({ ok: false, problem: { code: "in-use", message: expect.stringContaining("rule x2-c1") } });
    expect(apply({ op: "retire-value", line: "L", value: "X1" })).toMatchObject({ ok: false, problem: { code: "in-use", message: expect.stringContaining("package PK") } });
    const once = apply({ op: "retire-value", line: "L", value: "C2" });
    expect(once.ok && apply({ op: "remove-rule", line: "L", rule: "x2-c1" }, once.value.catalog).ok).toBe(true);
    const noRule = once.ok ? apply({ op: "remove-rule", line: "L", rule: "x2-c1" }, once.value.catalog) : null;
    expect(noRule?.ok && apply({ op: "retire-value", line: "L", value: "C1" }, noRule.value.catalog)).toMatchObject({ ok: false, problem: { code: "last-value" } });
  });

  it("adds requires and excludes rules between two values with a fresh id, and removes rules", () => {
    const req = apply({ op: "add-rule", line: "L", kind: "requires", a: "T2", b: "X1" });
    expect(req.ok && line(req.value.catalog).rules.at(-1)).toEqual({ kind: "requires", id: "req-T2-X1", if: { value: "T2" }, then: { value: "X1" } });
    const excl = apply({ op: "add-rule", line: "L", kind: "excludes", a: "T1", b: "C2" });
    expect(excl.ok && line(excl.value.catalog).rules.at(-1)).toMatchObject({ kind: "excludes", id: "excl-T1-C2", values: ["T1", "C2"] });
    expect(apply({ op: "remove-rule", line: "L", rule: "nope" })).toMatchObject({ ok: false, problem: { path: "rule" } });
  });

  it("refuses an edit after which the line has no complete configuration", () => {
    // Every trim but T1 excludes both colours, and T1 already excludes C2: excluding T1 with C1 leaves nothing buildable.
    let c = catalog();
    for (const edit of [
      { op: "add-rule", line: "L", kind: "excludes", a: "T2", b: "C1" },
      { op: "add-rule", line: "L", kind: "excludes", a: "PK", b: "C1" },
      { op: "add-rule", line: "L", kind: "excludes", a: "PK", b: "C2" },
      { op: "add-rule", line: "L", kind: "excludes", a: "T2", b: "C2" },
    ]) {
      const r = apply(edit, c);
      if (!r.ok) throw new Error(r.problem.message);
      c = r.value.catalog;
    }
    const last = apply({ op: "add-rule", line: "L", kind: "excludes", a: "T1", b: "C1" }, c);
    expect(last).toMatchObject({ ok: false, problem: { code: "no-configuration", path: "catalog" } });
  });

  it("adds and removes catalog tests, which are validated with the catalog", () => {
    const add = apply({ op: "add-example", example: { name: "T1 and C1", line: "L", choices: ["T1", "C1"], expect: "buildable" } });
    expect(add.ok && add.value.catalog.examples?.length).toBe(1);
    expect(apply({ op: "add-example", example: { name: "bad", line: "L", choices: ["ZZ"], expect: "buildable" } })).toMatchObject({
      ok: false,
      problem: { code: "unknown-target", path: "choices" },
    });
    expect(apply({ op: "add-example", example: { name: "bad", line: "L", choices: [], expect: "refused", price: { market: "DE", total: 1 } } })).toMatchObject({
      ok: false,
      problem: { code: "invalid", message: expect.stringContaining("examples.0.price") },
    });
    const removed = add.ok ? apply({ op: "remove-example", index: 0 }, add.value.catalog) : null;
    expect(removed?.ok && removed.value.catalog.examples).toEqual([]);
    expect(apply({ op: "remove-example", index: 3 })).toMatchObject({ ok: false, problem: { code: "unknown-target" } });
  });

  it("lets a value go that a catalog test names: the test then fails, naming it", () => {
    const add = apply({ op: "add-example", example: { name: "with C2", line: "L", choices: ["T2", "C2"], expect: "buildable" } });
    const retired = add.ok ? apply({ op: "retire-value", line: "L", value: "C2" }, add.value.catalog) : null;
    expect(retired?.ok && retired.value.catalog.examples?.[0]?.choices).toEqual(["T2", "C2"]);
  });

  it("never changes the catalog it is given", () => {
    const c = catalog();
    const before = JSON.stringify(c);
    apply({ op: "retire-value", line: "L", value: "C2" }, c);
    apply({ op: "price", line: "L", target: "base", market: "DE", amount: 5 }, c);
    expect(JSON.stringify(c)).toBe(before);
  });
});
