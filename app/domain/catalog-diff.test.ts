import { describe, expect, it } from "vitest";
// The seed data lives under db/; tests may read it, domain code never does.
// eslint-disable-next-line no-restricted-imports
import demo from "../../db/catalog/demo.json";
import { parseCatalog, type Catalog } from "./catalog";
import { diffCatalogs } from "./catalog-diff";

const base = () => parseCatalog(structuredClone(demo));
const edit = (change: (c: Catalog) => void) => {
  const c = base();
  change(c);
  return parseCatalog(JSON.parse(JSON.stringify(c)));
};
const sedanValue = (c: Catalog, code: string) =>
  c.productLines[0].features.flatMap((f) => (f.kind === "text" ? [] : f.values)).find((v) => v.code === code)!;

describe("diffCatalogs", () => {
  it("finds nothing between a catalog and itself, whatever the key order", () => {
    const reordered = JSON.parse(JSON.stringify(base(), (_k, v: unknown) => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v)));
    expect(diffCatalogs(base(), parseCatalog(reordered))).toMatchObject({ same: true, lines: [] });
  });

  it("names a changed price per market, before and after, and only that line", () => {
    const after = edit((c) => {
      sedanValue(c, "KS1").price.DE = 999_00;
    });
    const d = diffCatalogs(base(), after);
    expect(d.same).toBe(false);
    expect(d.lines.map((l) => l.line)).toEqual(["sedan-a6l"]);
    const line = d.lines[0];
    expect(line.change).toBe("changed");
    expect(line.prices).toEqual([{ value: "KS1", market: "DE", before: sedanValue(base(), "KS1").price.DE, after: 999_00 }]);
    expect(line.values.changed).toEqual([{ code: "KS1", fields: ["price"] }]);
    expect(line.modules).toEqual([]);
  });

  it("lists values added and removed, with their prices and modules", () => {
    const after = edit((c) => {
      const f = c.productLines[0].features.find((x) => x.code === "options")!;
      if (f.kind === "text") throw new Error("options is a choice");
      f.values = f.values.filter((v) => v.code !== "3S1");
      f.values.push({ code: "NEW1", name: { en: "New" }, price: { DE: 100 }, modules: [{ module: "HUD-UNIT", quantity: 2 }], leadTimeDays: 0, includes: [], default: false });
    });
    const line = diffCatalogs(base(), after).lines[0];
    expect(line.values.added).toEqual(["NEW1"]);
    expect(line.values.removed).toEqual(["3S1"]);
    expect(line.prices).toContainEqual({ value: "NEW1", market: "DE", before: null, after: 100 });
    expect(line.modules).toContainEqual({ value: "NEW1", module: "HUD-UNIT", before: null, after: 2 });
    expect(line.modules).toContainEqual({ value: "3S1", module: "RAIL-ROOF-ALU", before: 2, after: null });
    expect(line.features.changed).toEqual(["options"]);
  });

  it("tells rules added, removed and changed by id", () => {
    const after = edit((c) => {
      const rules = c.productLines[2].rules;
      const [first, ...rest] = rules;
      c.productLines[2].rules = [...rest.slice(1), { ...rest[0], description: { en: "changed" } }, { kind: "excludes", id: "new-rule", values: ["S60", "IWD"] }];
      void first;
    });
    const line = diffCatalogs(base(), after).lines.find((l) => l.line === "fridge-fs")!;
    expect(line.rules.added).toEqual(["new-rule"]);
    expect(line.rules.removed).toEqual([base().productLines[2].rules[0].id]);
    expect(line.rules.changed).toEqual([base().productLines[2].rules[1].id]);
  });

  it("reports lines, modules and slots added or removed, and base modules and prices", () => {
    const after = edit((c) => {
      c.productLines = c.productLines.filter((l) => l.code !== "avant-a6");
      c.productLines[0].baseModules.push({ module: "HVAC-2Z", quantity: 1 });
      c.productLines[0].basePrice.US = 1;
      c.productLines[0].leadTimeDays += 1;
      c.modules.push({ code: "NEW-MOD", name: { en: "new" } });
      c.slots = [...(c.slots ?? []), { code: "new-slot", name: { en: "new" }, required: false }];
    });
    const d = diffCatalogs(base(), after);
    expect(d.lines.map((l) => [l.line, l.change])).toEqual([["sedan-a6l", "changed"], ["avant-a6", "removed"]]);
    expect(d.lines[0].modules).toContainEqual({ value: null, module: "HVAC-2Z", before: null, after: 1 });
    expect(d.lines[0].prices).toContainEqual({ value: null, market: "US", before: base().productLines[0].basePrice.US, after: 1 });
    expect(d.lines[0].fields).toEqual(["leadTimeDays"]);
    expect(d.modules.added).toEqual(["NEW-MOD"]);
    expect(d.slots.added).toEqual(["new-slot"]);
  });
});
