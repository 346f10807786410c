import { describe, expect, it } from "vitest";
import { parseCatalog } from "~/domain/catalog";
import { price } from "~/domain/engine";
import demoJson from "../../../db/catalog/demo.json";
import { parseStored, reviewHref, stepsOf, valuePrices } from "./configurator-model";

const demo = parseCatalog(demoJson);
const sedan = demo.productLines.find((l) => l.code === "sedan-a6l")!;
const fridge = demo.productLines.find((l) => l.code === "fridge-fs")!;

describe("stepsOf", () => {
  it("gives the sedan every step in the BRIEF's order, summary last", () => {
    expect(stepsOf(sedan).map((s) => s.step)).toEqual([
      "trim",
      "powertrain",
      "exterior",
      "wheels",
      "interior",
      "packages",
      "options",
      "personalization",
      "summary",
    ]);
    expect(stepsOf(sedan).find((s) => s.step === "wheels")!.features.map((f) => f.code)).toEqual(["wheels", "suspension"]);
  });

  it("leaves out the steps a refrigerator has no question for", () => {
    expect(stepsOf(fridge).map((s) => s.step)).toEqual(["trim", "exterior", "options", "summary"]);
  });
});

describe("valuePrices", () => {
  it("is the difference of the engine's totals: replacing a value, adding one, and a chosen value's share", () => {
    const choices = ["LB0", "40F", "WB6"];
    const current = price(sedan, choices, {}, "DE");
    const prices = valuePrices(sedan, choices, {}, "DE", current, ["LA1", "KS1", "WB6", "LB0"]);
    // Advanced replaces Base: the difference of both totals, VAT included.
    expect(prices.get("LA1")!.delta).toBe(price(sedan, ["LA1", "40F", "WB6"], {}, "DE").total - current.total);
    expect(prices.get("LA1")!.delta).toBe(Math.round(390000 * 1.19));
    expect(prices.get("KS1")!.delta).toBe(price(sedan, [...choices, "KS1"], {}, "DE").total - current.total);
    // A chosen value: what it adds to the total.
    expect(prices.get("WB6")!.delta).toBe(current.total - price(sedan, ["LB0", "40F"], {}, "DE").total);
    expect(prices.get("LB0")!.delta).toBe(0);
  });

  it("says a value a chosen package brings costs nothing and names the package", () => {
    const choices = ["WB6"];
    const current = price(sedan, choices, {}, "DE");
    const prices = valuePrices(sedan, choices, {}, "DE", current, ["9VS", "VW1", "KS1"]);
    expect(prices.get("9VS")).toEqual({ delta: 0, includedIn: "WB6" });
    expect(prices.get("VW1")).toEqual({ delta: 0, includedIn: "WB6" });
    expect(prices.get("KS1")!.includedIn).toBeUndefined();
    expect(prices.get("KS1")!.delta).toBeGreaterThan(0);
  });
});

describe("addresses and storage", () => {
  it("turns a configurator address into its review address, query kept", () => {
    expect(reviewHref("/configure/sedan-a6l?c=LB0%2C40F&t.inscription=AB")).toBe("/configure/sedan-a6l/review?c=LB0%2C40F&t.inscription=AB");
    expect(reviewHref("/configure/fridge-fs")).toBe("/configure/fridge-fs/review");
  });

  it("reads back only what looks like a stored configuration", () => {
    expect(parseStored(JSON.stringify({ version: "v1", choices: ["A"], texts: { t: "x" } }))).toEqual({ version: "v1", choices: ["A"], texts: { t: "x" } });
    expect(parseStored(null)).toBeNull();
    expect(parseStored("{not json")).toBeNull();
    expect(parseStored(JSON.stringify({ version: "v1", choices: [1], texts: {} }))).toBeNull();
    expect(parseStored(JSON.stringify({ version: "v1", choices: [], texts: { t: 3 } }))).toBeNull();
  });
});
