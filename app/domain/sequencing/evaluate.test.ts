import { describe, expect, it } from "vitest";
import { evaluate, sequenceProblems } from "./evaluate";
import type { SequencingInstance, SequencingUnit } from "./types";
import { seededRandom } from "../random";

/** Every permutation of xs (Heap's algorithm). */
function* permutations<T>(xs: T[]): Generator<T[]> {
  const a = [...xs];
  const c = new Array(a.length).fill(0);
  yield [...a];
  let i = 0;
  while (i < a.length) {
    if (c[i] < i) {
      const k = i % 2 === 0 ? 0 : c[i];
      [a[k], a[i]] = [a[i], a[k]];
      yield [...a];
      c[i]++;
      i = 0;
    } else c[i++] = 0;
  }
}

/** A deliberately different recount: list every stretch of the line, keep those the rules' definitions name. */
function naive(instance: SequencingInstance, order: string[]) {
  const byId = new Map(instance.units.map((u) => [u.id, u]));
  const line = [...instance.previous.map((u) => ({ u, today: false })), ...order.map((id) => ({ u: byId.get(id)!, today: true }))];
  const perRule = instance.rules.map((rule) => {
    let excess = 0;
    let windows = 0;
    for (let start = 0; start < line.length; start++) {
      for (let end = start + 1; end <= line.length; end++) {
        const stretch = line.slice(start, end);
        const full = stretch.length === rule.q;
        // ROADEF: the full windows and, at the end of the day only, the shorter ones.
        const partialAtEnd = stretch.length < rule.q && end === line.length;
        if (!stretch.some((x) => x.today)) continue;
        const n = stretch.filter((x) => x.u.options.includes(rule.option)).length;
        if (full || partialAtEnd) excess += Math.max(0, n - rule.p);
        if (full && n > rule.p) windows++;
      }
    }
    return { rule, excess, windows };
  });
  let paint = 0;
  for (let k = 1; k < line.length; k++) {
    if (!line[k].today) continue;
    if (line[k].u.colour !== line[k - 1].u.colour) paint++;
  }
  const sum = (priority: string, m: "excess" | "windows") => perRule.filter((r) => r.rule.priority === priority).reduce((s, r) => s + r[m], 0);
  return { perRule, paint, hiExcess: sum("high", "excess"), hiWindows: sum("high", "windows"), loExcess: sum("low", "excess"), loWindows: sum("low", "windows") };
}

function tinyInstance(seed: number, cars: number, tail: number, counting: "roadef" | "windows"): SequencingInstance {
  const random = seededRandom(seed);
  const rules = [
    { option: "sunroof", p: 1, q: 2, priority: "high" as const },
    { option: "tow", p: 2, q: 3, priority: "high" as const },
    { option: "leather", p: 1, q: 3, priority: "low" as const },
  ];
  const unit = (id: string): SequencingUnit => ({
    id,
    options: rules.filter(() => random() < 0.5).map((r) => r.option),
    colour: ["red", "blue", "white"][Math.floor(random() * 3)],
  });
  return {
    name: "tiny",
    units: Array.from({ length: cars }, (_, i) => unit(`u${i}`)),
    previous: Array.from({ length: tail }, (_, i) => unit(`y${i}`)),
    rules,
    paintBatchLimit: null,
    objectives: ["high", "paint", "low"],
    counting,
  };
}

describe("evaluate against a brute-force recount", () => {
  for (const [cars, tail, counting] of [
    [7, 0, "roadef"],
    [6, 3, "roadef"],
    [6, 2, "windows"],
    [5, 1, "roadef"],
  ] as const) {
    it(`every order of ${cars} cars after ${tail} of yesterday (${counting})`, () => {
      const instance = tinyInstance(cars * 10 + tail, cars, tail, counting);
      let checked = 0;
      for (const order of permutations(instance.units.map((u) => u.id))) {
        const e = evaluate(instance, order);
        const n = naive(instance, order);
        e.rules.forEach((r, i) => {
          expect(r.excess).toBe(n.perRule[i].excess);
          expect(r.violatedWindows).toBe(n.perRule[i].windows);
        });
        expect(e.paintChanges).toBe(n.paint);
        expect(e.hiPriority).toBe(counting === "roadef" ? n.hiExcess : n.hiWindows);
        expect(e.loPriority).toBe(counting === "roadef" ? n.loExcess : n.loWindows);
        expect(e.score).toBe(1e6 * e.hiPriority + 1e3 * e.paintChanges + e.loPriority);
        checked++;
      }
      expect(checked).toBe([1, 1, 2, 6, 24, 120, 720, 5040][cars]);
    });
  }

  it("counts n − p for a window with n > p, and the partial windows at the end of the day", () => {
    const car = (id: string, options: string[]): SequencingUnit => ({ id, options, colour: null });
    const instance: SequencingInstance = {
      name: "ends",
      units: [car("a", []), car("b", ["x"]), car("c", ["x"])],
      previous: [car("y1", ["x"]), car("y2", ["x"])],
      rules: [{ option: "x", p: 1, q: 3, priority: "high" }],
      paintBatchLimit: null,
      objectives: ["high"],
      counting: "roadef",
    };
    // Line y1 y2 | a b c: windows [y1 y2 a]=2, [y2 a b]=2, [a b c]=2, then partial [b c]=2, [c]=1.
    const e = evaluate(instance, ["a", "b", "c"]);
    expect(e.rules[0].excess).toBe(1 + 1 + 1 + 1 + 0);
    expect(e.rules[0].violatedWindows).toBe(3);
    expect(evaluate({ ...instance, counting: "windows" }, ["a", "b", "c"]).hiPriority).toBe(3);
  });

  it("weighs the criteria in the plant's order", () => {
    const instance = tinyInstance(3, 5, 2, "roadef");
    const order = instance.units.map((u) => u.id);
    const e = evaluate({ ...instance, objectives: ["paint", "high", "low"] }, order);
    expect(e.score).toBe(1e6 * e.paintChanges + 1e3 * e.hiPriority + e.loPriority);
    const two = evaluate({ ...instance, objectives: ["high", "paint"] }, order);
    expect(two.score).toBe(1e6 * two.hiPriority + 1e3 * two.paintChanges);
  });

  it("names what makes a sequence unusable", () => {
    const instance = { ...tinyInstance(5, 4, 0, "roadef"), paintBatchLimit: 1, locked: [{ unitId: "u0", position: 0 }] };
    instance.units = instance.units.map((u) => ({ ...u, colour: "red" }));
    expect(sequenceProblems(instance, ["u1", "u0", "u2"])).toEqual(["car u3 is missing", "car u0 must be at position 1"]);
    expect(sequenceProblems(instance, ["u0", "u1", "u2", "u3"])).toEqual(["4 cars of one colour in a row (the limit is 1)"]);
    expect(() => evaluate(instance, ["u0", "u0", "u1", "u2"])).toThrow(/each of the 4 cars once/);
  });
});
