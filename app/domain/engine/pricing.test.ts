import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MARKETS, parseCatalog, type Market } from "../catalog";
import { bom } from "./bom";
import { allCodes, lineArb } from "./oracle.testing";
import { price, vatOf } from "./pricing";

const line = parseCatalog({
  productLines: [
    {
      code: "SEDAN",
      name: { en: "Sedan" },
      basePrice: { DE: 5_000_000, JP: 7_000_000 },
      baseModules: [{ module: "BODY", quantity: 1 }, { module: "WHEEL-HUB", quantity: 4 }],
      features: [
        {
          kind: "single",
          code: "ENGINE",
          name: { en: "Engine" },
          values: [
            { code: "E40", name: { en: "40 TFSI" }, price: { DE: 0 }, modules: [{ module: "ENG-40", quantity: 1 }] },
            { code: "E55", name: { en: "55 TFSI" }, price: { DE: 850_000, JP: 1_000_001 }, modules: [{ module: "ENG-55", quantity: 1 }] },
          ],
        },
        {
          kind: "multiple",
          code: "OPTIONS",
          name: { en: "Options" },
          values: [
            { code: "PKG", name: { en: "Tech package" }, price: { DE: 300_000 }, includes: ["HUD", "ACC"], modules: [{ module: "HARNESS", quantity: 1 }] },
            { code: "HUD", name: { en: "Head-up display" }, price: { DE: 120_000 }, modules: [{ module: "HUD-UNIT", quantity: 1 }, { module: "HARNESS", quantity: 1 }] },
            { code: "ACC", name: { en: "Adaptive cruise" }, price: { DE: 90_000 }, modules: [{ module: "RADAR", quantity: 1 }] },
            { code: "INSCR", name: { en: "Inscription" }, price: { DE: 10_000 } },
          ],
        },
        { kind: "text", code: "SILL", name: { en: "Sill text" }, pattern: "[A-Z]*", maxLength: 10, enabledBy: "INSCR", price: { DE: 25_000 } },
      ],
      rules: [],
    },
  ],
}).productLines[0];

describe("price", () => {
  it("itemises base, values, included values at 0 (even when clicked), texts, VAT and total", () => {
    const p = price(line, ["E55", "PKG", "HUD", "INSCR"], { SILL: "ANNA" }, "DE");
    expect(p.lines).toEqual([
      { kind: "base", amount: 5_000_000 },
      { kind: "value", code: "E55", amount: 850_000 },
      { kind: "value", code: "PKG", amount: 300_000 },
      { kind: "included", code: "HUD", includedIn: "PKG", amount: 0 },
      { kind: "included", code: "ACC", includedIn: "PKG", amount: 0 },
      { kind: "value", code: "INSCR", amount: 10_000 },
      { kind: "text", code: "SILL", amount: 25_000 },
      { kind: "vat", amount: 1_175_150 },
      { kind: "total", amount: 7_360_150 },
    ]);
    expect(p).toMatchObject({ market: "DE", currency: "EUR", net: 6_185_000, vat: 1_175_150, total: 7_360_150 });
  });

  it("charges no text when it is empty or its enabling value is missing; missing market prices are 0", () => {
    expect(price(line, ["E40"], { SILL: "ANNA" }, "DE").lines.map((l) => l.kind)).toEqual(["base", "value", "vat", "total"]);
    expect(price(line, ["E40", "INSCR"], { SILL: "" }, "DE").lines.some((l) => l.kind === "text")).toBe(false);
    const us = price(line, ["E55"], {}, "US");
    expect(us).toMatchObject({ currency: "USD", net: 0, vat: 0, total: 0 });
  });

  it("rounds VAT half up on the net total", () => {
    // JP: 10 % of 8_000_001 = 800_000.1 → 800_000; of 5 → 0.5 → 1.
    expect(price(line, ["E55"], {}, "JP").vat).toBe(800_000);
    expect(vatOf(5, 1000)).toBe(1);
    expect(vatOf(4, 1000)).toBe(0);
    expect(vatOf(25, 1900)).toBe(5); // 4.75
    expect(vatOf(9_007_199_254_740_991, 1900)).toBe(1_711_367_858_400_788);
    expect(() => vatOf(-1, 1900)).toThrow(RangeError);
  });

  it("matches its definition on random lines, choices and markets", () => {
    fc.assert(
      fc.property(
        lineArb({ withText: true }).chain((l) =>
          fc.record({
            line: fc.constant(l),
            choices: fc.array(fc.constantFrom(...allCodes(l), "UNKNOWN"), { maxLength: 8 }),
            text: fc.constantFrom("", "HI"),
            market: fc.constantFrom(...(Object.keys(MARKETS) as Market[])),
          }),
        ),
        ({ line: l, choices, text, market }) => {
          const p = price(l, choices, { INSCRIPTION: text }, market);
          const values = new Map(l.features.flatMap((f) => (f.kind === "text" ? [] : f.values.map((v) => [v.code, v] as const))));
          // Definition: the closure of the choices under `includes`; a value is free when another member includes it.
          const closure = new Set(choices.filter((c) => values.has(c)));
          for (let grew = true; grew; ) {
            grew = false;
            for (const c of [...closure])
              for (const inc of values.get(c)!.includes) {
                if (closure.has(inc)) continue;
                closure.add(inc);
                grew = true;
              }
          }
          const free = new Set([...closure].flatMap((c) => values.get(c)!.includes.filter((i) => i !== c)));
          let net = l.basePrice[market] ?? 0;
          for (const c of closure) if (!free.has(c)) net += values.get(c)!.price[market] ?? 0;
          const textFeature = l.features.find((f) => f.kind === "text");
          if (textFeature?.kind === "text" && text !== "" && closure.has(textFeature.enabledBy!)) net += textFeature.price[market] ?? 0;
          const bp = MARKETS[market].vatBasisPoints;
          const exact = (net * bp) / 10_000;
          const vat = exact - Math.floor(exact) >= 0.5 ? Math.ceil(exact) : Math.floor(exact);
          expect(p.net).toBe(net);
          expect(p.vat).toBe(vat);
          expect(p.total).toBe(net + vat);
          expect(p.lines.filter((x) => x.kind !== "vat" && x.kind !== "total").reduce((s, x) => s + x.amount, 0)).toBe(net);
          expect(p.lines.filter((x) => x.kind === "included").map((x) => x.code).sort()).toEqual([...closure].filter((c) => free.has(c)).sort());
          for (const x of p.lines) expect(Number.isSafeInteger(x.amount)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("bom", () => {
  it("sums base modules and the modules of chosen and included values, sorted by module code", () => {
    expect(bom(line, ["E55", "PKG", "HUD"])).toEqual([
      { module: "BODY", quantity: 1 },
      { module: "ENG-55", quantity: 1 },
      { module: "HARNESS", quantity: 2 },
      { module: "HUD-UNIT", quantity: 1 },
      { module: "RADAR", quantity: 1 },
      { module: "WHEEL-HUB", quantity: 4 },
    ]);
    expect(bom(line, [])).toEqual([{ module: "BODY", quantity: 1 }, { module: "WHEEL-HUB", quantity: 4 }]);
  });
});
