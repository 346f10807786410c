/**
 * The demand chart's grouping: families by code prefix, the largest groups
 * in colour, the rest summed and never drawn larger than the largest group,
 * a picked family's modules each on their own — and nothing lost on the way
 * (drawn plus rest is all the demand).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { demandChartData, MAX_DEMAND_GROUPS, moduleFamily, type ModuleDemandSeries } from "./demand";

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** 56 modules as one car needs them: one of each per car on each of 3 days, paints split 5/3/2. */
function carDemand(): ModuleDemandSeries[] {
  const out: ModuleDemandSeries[] = [];
  const families = ["PLT", "CHS", "ELE", "BDY", "INT", "HVAC", "TRM", "ENG", "TRN", "BRK", "WHL", "TYR", "SUS"];
  for (const f of families) for (let i = 0; i < 4; i++) out.push({ module: `${f}-${i}`, values: i === 0 ? [10, 8, 6] : [0, 0, 0] });
  out.push({ module: "PNT-T9T9", values: [5, 4, 3] }, { module: "PNT-A2A2", values: [3, 2, 2] }, { module: "PNT-2Y2Y", values: [2, 2, 1] }, { module: "NOFAMILY", values: [1, 0, 0] });
  return out;
}

describe("moduleFamily", () => {
  it("is the code up to the first dash", () => {
    expect(moduleFamily("PNT-T9T9")).toBe("PNT");
    expect(moduleFamily("TYR-225-55-R17")).toBe("TYR");
    expect(moduleFamily("NOFAMILY")).toBe("NOFAMILY");
    expect(moduleFamily("-X")).toBe("-X");
  });
});

describe("demandChartData", () => {
  it("groups 56 modules into families, the largest in colour, and leaves the rest undrawn when it would dominate", () => {
    const chart = demandChartData(carDemand());
    expect(chart.groups).toHaveLength(MAX_DEMAND_GROUPS);
    expect(chart.groups[0]).toMatchObject({ key: "BDY", modules: ["BDY-0", "BDY-1", "BDY-2", "BDY-3"], values: [10, 8, 6], total: 24 });
    // 14 families of 24 units each and one of 1: the 7 left over, 145 units, would dwarf any family drawn.
    expect(chart.rest).toMatchObject({ groups: 7, total: 6 * 24 + 1, drawn: false });
    expect(chart.families.find((f) => f.family === "PNT")).toEqual({ family: "PNT", modules: 3, total: 24 });
  });

  it("draws the rest when it is no larger than the largest group", () => {
    const chart = demandChartData([
      { module: "A-1", values: [9] },
      { module: "B-1", values: [5] },
      { module: "C-1", values: [3] },
      { module: "D-1", values: [2] },
    ], { max: 2 });
    expect(chart.groups.map((g) => g.key)).toEqual(["A", "B"]);
    expect(chart.rest).toMatchObject({ groups: 2, modules: ["C-1", "D-1"], values: [5], total: 5, drawn: true });
  });

  it("shows a picked family's modules each on their own: the stack is units per day", () => {
    const chart = demandChartData(carDemand(), { family: "PNT" });
    expect(chart.groups.map((g) => [g.key, g.values])).toEqual([
      ["PNT-T9T9", [5, 4, 3]],
      ["PNT-A2A2", [3, 2, 2]],
      ["PNT-2Y2Y", [2, 2, 1]],
    ]);
    expect(chart.rest).toBeNull();
  });

  it("loses nothing: drawn groups plus the rest are all the demand, per period; no group is drawn smaller than an undrawn one", () => {
    const demand = fc.array(
      fc.record({ module: fc.stringMatching(/^[A-E]-[0-9]$/), values: fc.array(fc.nat(50), { minLength: 3, maxLength: 3 }) }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(demand, fc.integer({ min: 1, max: 10 }), (raw, max) => {
        const modules = [...new Map(raw.map((m) => [m.module, m])).values()];
        const chart = demandChartData(modules, { max });
        for (let i = 0; i < 3; i++) {
          const drawn = sum(chart.groups.map((g) => g.values[i]!)) + (chart.rest?.values[i] ?? 0);
          expect(drawn).toBe(sum(modules.map((m) => m.values[i]!)));
        }
        expect(chart.groups.length).toBeLessThanOrEqual(Math.min(max, MAX_DEMAND_GROUPS));
        if (chart.rest?.drawn) expect(chart.rest.total).toBeLessThanOrEqual(chart.groups[0]!.total);
      }),
    );
  });
});
