import { describe, expect, it } from "vitest";
import { formatCatalogPath } from "./catalog";
import { readCatalogText } from "./catalog-text";

const line = (extra: Record<string, unknown> = {}) => ({
  code: "L",
  name: { en: "L" },
  basePrice: {},
  baseModules: [],
  features: [{ kind: "single", code: "f", name: { en: "f" }, values: [{ code: "A", name: { en: "A" } }] }],
  ...extra,
});

describe("readCatalogText", () => {
  it("formats paths as a catalog manager reads them", () => {
    expect(formatCatalogPath(["productLines", 0, "features", 3, "values", 2, "price", "KR"])).toBe("productLines[0].features[3].values[2].price.KR");
    expect(formatCatalogPath([])).toBe("");
  });

  it("gives a syntax error's line and column, and an early end's", () => {
    expect(readCatalogText('{\n  "a": 1,\n  "b" 2\n}')).toEqual({ ok: false, problems: [{ path: "", message: expect.stringMatching(/^invalid JSON/), line: 3, column: 7 }] });
    const cut = readCatalogText('{\n  "a": [1,');
    expect(cut.ok ? null : cut.problems[0]).toMatchObject({ path: "", line: 2 });
  });

  it("lists every schema problem with its path and the line it starts on", () => {
    const text = JSON.stringify(
      { modules: [{ code: "M", name: { en: "M" }, slot: "nope" }], productLines: [line({ rules: [{ kind: "requires", id: "r", if: { value: "A" }, then: { value: "GONE" } }] })] },
      null,
      2,
    );
    const read = readCatalogText(text);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: "modules[0].slot", message: 'unknown slot "nope"' }),
        expect.objectContaining({ path: "productLines[0].rules[0].then", message: 'unknown value code "GONE"' }),
      ]),
    );
    const slotLine = text.split("\n").findIndex((l) => l.includes('"slot"')) + 1;
    expect(read.problems.find((p) => p.path === "modules[0].slot")!.line).toBe(slotLine);
  });

  it("refuses NUL characters and reads a good catalog", () => {
    expect(readCatalogText('{"a":"\u0000"}').ok).toBe(false);
    const good = readCatalogText(JSON.stringify({ slots: [{ code: "s", name: { en: "s" } }], modules: [{ code: "M", name: { en: "M" }, slot: "s" }], productLines: [line()] }));
    expect(good.ok && good.catalog.slots).toEqual([{ code: "s", name: { en: "s" }, required: false }]);
  });
});
