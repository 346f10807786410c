import { describe, expect, it } from "vitest";
import { parseCatalogEditForm, parseMajorAmount } from "./catalog-edit";

const form = (fields: Record<string, string | string[]>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) f.append(k, one);
  return f;
};

describe("parseMajorAmount", () => {
  it("reads prices as people write them, in the market's major unit", () => {
    expect(parseMajorAmount("1250.5", "DE")).toBe(125050);
    expect(parseMajorAmount("1,250.50", "US")).toBe(125050);
    expect(parseMajorAmount(" 150000 ", "JP")).toBe(150000);
    expect(parseMajorAmount("0", "KR")).toBe(0);
    expect(parseMajorAmount("", "DE")).toBeNull();
  });

  it("refuses negative amounts, cents a currency doesn't have, and words", () => {
    expect(parseMajorAmount("-5", "DE")).toBe("a price can't be negative");
    expect(parseMajorAmount("5.5", "JP")).toBe("this currency has no cents");
    expect(parseMajorAmount("5.555", "DE")).toBe("at most 2 digits after the point");
    expect(parseMajorAmount("five", "DE")).toBe("write a price like 1250.50");
  });
});

describe("parseCatalogEditForm", () => {
  it("reads each form into its edit with the revision it was opened on", () => {
    expect(parseCatalogEditForm(form({ op: "price", revision: "3", line: "L", target: "V", market: "DE", amount: "10" }))).toEqual({
      ok: true,
      revision: 3,
      edit: { op: "price", line: "L", target: "V", market: "DE", amount: 1000 },
    });
    expect(parseCatalogEditForm(form({ op: "add-example", revision: "1", line: "L", name: "n", choices: ["A", "B"], expect: "refused", market: "DE", total: "" }))).toMatchObject({
      ok: true,
      edit: { op: "add-example", example: { line: "L", choices: ["A", "B"], expect: "refused" } },
    });
  });

  it("names the field of what it refuses", () => {
    const field = (fields: Record<string, string>) => {
      const r = parseCatalogEditForm(form(fields));
      return r.ok ? null : r.problem.field;
    };
    expect(field({ op: "price", line: "L", target: "V", market: "DE", amount: "1" })).toBe("revision");
    expect(field({ op: "price", revision: "1", line: "L", target: "V", market: "XX", amount: "1" })).toBe("market");
    expect(field({ op: "lead-time", revision: "1", line: "L", value: "V", days: "400" })).toBe("days");
    expect(field({ op: "add-rule", revision: "1", line: "L", kind: "implies", a: "A", b: "B" })).toBe("kind");
    expect(field({ op: "name", revision: "1", line: "L", target: "V", language: "fr", text: "x" })).toBe("language");
    expect(field({ op: "nope", revision: "1" })).toBe("op");
  });
});
