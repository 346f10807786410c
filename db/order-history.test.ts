import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCatalog } from "../app/domain/catalog";
import { validate } from "../app/domain/engine";
import { mineRules } from "../app/domain/recommend";
import { syntheticHistory } from "./order-history";
import { demoCatalogFile } from "./seed";

const demo = parseCatalog(JSON.parse(fs.readFileSync(demoCatalogFile(), "utf8")));

describe("syntheticHistory", () => {
  it.each(demo.productLines.map((l) => [l.code, l] as const))("%s: every order is a valid configuration, in a market the line sells in", (_, line) => {
    const { orders, customers } = syntheticHistory(line, { orders: 400, customers: 80 });
    expect(orders.length).toBe(400);
    for (const order of orders) {
      expect(validate(line, { line: line.code, choices: order.choices, texts: {} })).toEqual([]);
      expect(Object.keys(line.basePrice)).toContain(order.market);
    }
    expect(new Set(orders.map((o) => o.customer)).size).toBeGreaterThan(50);
    expect(new Set(customers.map((c) => c.tier)).size).toBe(3);
  });

  it("is the same for the same seed, and another for another seed", () => {
    const sedan = demo.productLines.find((l) => l.code === "sedan-a6l")!;
    const a = syntheticHistory(sedan, { orders: 50, customers: 10, seed: 7 });
    expect(syntheticHistory(sedan, { orders: 50, customers: 10, seed: 7 })).toEqual(a);
    expect(syntheticHistory(sedan, { orders: 50, customers: 10, seed: 8 })).not.toEqual(a);
  });

  it("has tastes: personas' bundles make optional values go together far more than chance", () => {
    const sedan = demo.productLines.find((l) => l.code === "sedan-a6l")!;
    const optional = new Set(sedan.features.flatMap((f) => (f.kind === "multiple" ? f.values.map((v) => v.code) : [])));
    const rules = mineRules(syntheticHistory(sedan, { orders: 3000, customers: 600 }).orders);
    expect(rules.some((r) => optional.has(r.if) && optional.has(r.then) && r.lift > 2 && r.confidence > 0.4)).toBe(true);
  });
});
