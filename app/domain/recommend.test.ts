import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createActor } from "xstate";
import { roadster } from "./configurator.fixtures";
import { configuratorMachine } from "./configurator.machine";
import { allCodes, lineArb } from "./engine/oracle.testing";
import { addableValues, mineRules, recommend, valuesHeld, type MinedOrder } from "./recommend";

/** `n` customers each ordering `choices` once. */
const crowd = (prefix: string, n: number, choices: string[]): MinedOrder[] =>
  Array.from({ length: n }, (_, i) => ({ customer: `${prefix}${i}`, choices }));

describe("mineRules", () => {
  it("finds X → Y with confidence, support and lift, counted over orders", () => {
    const orders = [...crowd("a", 6, ["S", "W"]), ...crowd("b", 2, ["S"]), ...crowd("c", 12, ["B"])];
    const rule = mineRules(orders).find((r) => r.if === "S" && r.then === "W");
    expect(rule).toMatchObject({ customers: 6, support: 6 / 20, confidence: 6 / 8, lift: 6 / 8 / (6 / 20) });
  });

  it("keeps a rule only when 5 distinct customers ordered both values, however often one of them did", () => {
    const four = [...crowd("a", 4, ["S", "W"]), ...Array.from({ length: 20 }, () => ({ customer: "a0", choices: ["S", "W"] })), ...crowd("z", 20, ["B"])];
    expect(mineRules(four)).toEqual([]);
    const five = [...four, { customer: "e", choices: ["S", "W"] }];
    expect(mineRules(five).map((r) => `${r.if}→${r.then}`)).toEqual(["S→W", "W→S"]);
  });

  it("never shows the one customer with a rare combination, even when each of its values is common", () => {
    const orders = [
      ...crowd("sport", 10, ["S", "W", "R"]),
      ...crowd("family", 10, ["T", "W", "K"]),
      // Only this customer combines S and K, many times over.
      ...Array.from({ length: 30 }, () => ({ customer: "unique", choices: ["S", "K", "W"] })),
    ];
    const rules = mineRules(orders, { minConfidence: 0, minLift: 0 });
    expect(rules.length).toBeGreaterThan(0);
    expect(rules.filter((r) => [r.if, r.then].sort().join() === "K,S")).toEqual([]);
  });

  it("property: every rule is supported by at least k distinct customers, counted again by brute force", () => {
    const orderArb = fc.record({
      customer: fc.constantFrom(...Array.from({ length: 12 }, (_, i) => `c${i}`)),
      choices: fc.uniqueArray(fc.constantFrom<string>("A", "B", "C", "D", "E", "F"), { maxLength: 5 }),
    });
    fc.assert(
      fc.property(fc.array(orderArb, { maxLength: 80 }), fc.integer({ min: 1, max: 8 }), (orders, k) => {
        for (const rule of mineRules(orders, { minCustomers: k, minConfidence: 0, minLift: 0 })) {
          const both = orders.filter((o) => o.choices.includes(rule.if) && o.choices.includes(rule.then));
          const customers = new Set(both.map((o) => o.customer)).size;
          expect(customers).toBeGreaterThanOrEqual(k);
          expect(rule.customers).toBe(customers);
          expect(rule.confidence).toBeCloseTo(both.length / orders.filter((o) => o.choices.includes(rule.if)).length);
        }
      }),
    );
  });

  it("property: a model never names a customer", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ customer: fc.uuid(), choices: fc.uniqueArray(fc.constantFrom("A", "B", "C"), { maxLength: 3 }) }), { maxLength: 60 }), (orders) => {
        const text = JSON.stringify(mineRules(orders, { minCustomers: 1, minConfidence: 0, minLift: 0 }));
        for (const o of orders) expect(text).not.toContain(o.customer);
      }),
    );
  });
});

describe("recommend", () => {
  const rule = (x: string, y: string, confidence: number) => ({ if: x, then: y, customers: 9, support: 0.1, confidence, lift: 2 });

  it("takes the strongest rule per value from what the customer has, at most 3, each with its reason", () => {
    const rules = [rule("S", "W", 0.62), rule("T", "W", 0.7), rule("S", "K", 0.5), rule("S", "P", 0.4), rule("S", "Q", 0.3), rule("X", "Z", 0.99)];
    expect(recommend(rules, ["S", "T"], new Set(["W", "K", "P", "Q", "Z"]))).toEqual([
      { code: "W", because: "T", confidence: 0.7 },
      { code: "K", because: "S", confidence: 0.5 },
      { code: "P", because: "S", confidence: 0.4 },
    ]);
    expect(recommend(rules, ["S"], new Set(["Q"]))).toEqual([{ code: "Q", because: "S", confidence: 0.3 }]);
  });

  it("addable values: available, not chosen or implied, and never swapping a single-choice choice", () => {
    const actor = createActor(configuratorMachine, { input: { line: roadster, catalogVersion: "t", market: "DE" } }).start();
    const first = roadster.features.find((f) => f.kind === "single")!;
    actor.send({ type: "SELECT", code: first.values[0].code });
    const addable = addableValues(roadster, actor.getSnapshot().context.engine.domains);
    for (const v of first.values) expect(addable.has(v.code)).toBe(false);
    expect(addable.size).toBeGreaterThan(0);
  });

  it("property: every recommended value is chosen by the machine without a conflict", () => {
    let checked = 0;
    fc.assert(
      fc.property(
        lineArb({ maxValues: 10 }).chain((line) =>
          fc.record({
            line: fc.constant(line),
            clicks: fc.array(fc.constantFrom(...allCodes(line)), { maxLength: 4 }),
            rules: fc.array(fc.record({ x: fc.constantFrom(...allCodes(line)), y: fc.constantFrom(...allCodes(line)), c: fc.double({ min: 0.01, max: 1, noNaN: true }) }), {
              maxLength: 30,
            }),
          }),
        ),
        ({ line, clicks, rules }) => {
          const actor = createActor(configuratorMachine, { input: { line, catalogVersion: "t", market: "DE" } }).start();
          // Clicks the machine refuses (a conflict) are declined, as a customer would.
          for (const code of clicks) {
            actor.send({ type: "SELECT", code });
            if (actor.getSnapshot().matches("resolving")) actor.send({ type: "DECLINE_RESOLUTION" });
          }
          const before = actor.getSnapshot();
          const domains = before.context.engine.domains;
          const shown = recommend(
            rules.map((r) => rule(r.x, r.y, r.c)),
            valuesHeld(domains),
            addableValues(line, domains),
          );
          expect(shown.length).toBeLessThanOrEqual(3);
          for (const { code } of shown) {
            const trial = createActor(configuratorMachine, { snapshot: before, input: { line, catalogVersion: "t", market: "DE" } }).start();
            trial.send({ type: "SELECT", code });
            const after = trial.getSnapshot();
            expect(after.matches("resolving")).toBe(false);
            expect(after.context.choices).toEqual([...before.context.choices, code]);
            expect(after.context.engine.domains.consistent).toBe(true);
            checked++;
          }
        },
      ),
      { numRuns: 200 },
    );
    // The property was not vacuous. How many recommendations 200 random lines give varies with the seed (a
    // fresh-clone run saw 17), so the bar is low enough for any seed and still fails a recommender that shows nothing.
    expect(checked).toBeGreaterThan(5);
  });

});
