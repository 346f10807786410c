/**
 * Real data: the public configuration benchmarks in ../shared/benchdata (read in
 * place, never copied into the repository; $ATELIER_BENCHDATA points elsewhere).
 * Without the folder these tests are skipped, except under CI, where a missing
 * folder is a failure: the figures below are the evidence that the importers and
 * the engine are right on real catalogs.
 */
import { describe, expect, it } from "vitest";
import { benchdataLocation, benchdataRoot, loadSource, sourceLines } from "../../../scripts/lib/sources";
import { analyseLine } from "../engine/analyse";
import { compileLine } from "../engine/compile";
import { countConfigurations, countMethod, countModels } from "../engine/count";

const root = benchdataRoot();

if (!root) {
  const reason = `benchmark data not found at ${benchdataLocation()} (set ATELIER_BENCHDATA to its folder)`;
  if (process.env.CI) {
    describe("real benchmark data", () => {
      it("is present under CI", () => {
        throw new Error(reason);
      });
    });
  } else {
    console.warn(`skipping real-data tests: ${reason}`);
  }
}

describe.skipIf(!root)("real benchmark data", () => {
  const load = (relative: string) => sourceLines(loadSource(`${root}/${relative}`))[0];

  it("Renault Megane (CLib, 111 of 113 tables): exactly 7,445,949,334,016 complete configurations", () => {
    const line = load("renault-megane-clib");
    expect(line.features).toHaveLength(99);
    expect(line.rules).toHaveLength(111);
    expect(line.rules.every((r) => r.kind === "table")).toBe(true);
    expect(line.features.reduce((n, f) => n + (f.kind === "text" ? 0 : f.values.length), 0)).toBe(396);
    const compiled = compileLine(line);
    expect(countMethod(compiled)).toBe("tables");
    expect(countConfigurations(compiled)).toBe(7_445_949_334_016n);
    // Partial configurations: the counts of one feature's values add up to the total
    // (every configuration has exactly one of them). Var4 is the fuel: DIESEL or ESS.
    const fuel = line.features.find((f) => f.code === "Var4")!;
    if (fuel.kind === "text") throw new Error("Var4 is a choice feature");
    const perValue = fuel.values.map((v) => countConfigurations(compiled, [v.code]));
    expect(perValue).toHaveLength(2);
    expect(perValue.every((c) => c > 0n)).toBe(true);
    expect(perValue[0] + perValue[1]).toBe(7_445_949_334_016n);
  }, 180_000);

  it("automotive01 (Kowal 2016): 100 core and 195 dead features", () => {
    const line = load("automotive01-kowal2016/Kowal2016.dimacs");
    expect(line.features).toHaveLength(2513);
    expect(line.rules).toHaveLength(10300);
    const a = analyseLine(line, { count: false, explainDead: 1 });
    expect(a.core).toHaveLength(100);
    expect(a.dead).toHaveLength(195);
    expect(a.conflict).toBeNull();
    // The explanation of a dead feature names clauses of the model.
    expect(a.deadReasons[0].rules.length).toBeGreaterThan(0);
  }, 180_000);

  it("automotive01: the exact count has 211 decimal digits (published log10 of the count: 211)", () => {
    const source = loadSource(`${root}/automotive01-kowal2016/Kowal2016.dimacs`);
    if (source.kind !== "dimacs") throw new Error("expected a DIMACS source");
    const count = countModels(source.imported.cnf);
    expect(count.toString()).toHaveLength(211);
    expect(count.toString().startsWith("527853921982131467")).toBe(true);
  }, 180_000);

  it("printer (Mendonca 2009): 49 core features, no dead ones", () => {
    const a = analyseLine(load("featuremodels-softvare/printer/Mendonca2009.dimacs"));
    expect(a.core).toHaveLength(49);
    expect(a.dead).toHaveLength(0);
    // 28 decimal digits, as published (NumberOfValidConfigurationsLog = 28).
    expect(a.configurations!.toString()).toHaveLength(28);
  }, 60_000);

  it("pc-richmond (Sprey 2020): 9 core features, no dead ones", () => {
    const a = analyseLine(load("featuremodels-softvare/pc-richmond/Sprey2020.dimacs"), { count: false });
    expect(a.core).toHaveLength(9);
    expect(a.dead).toHaveLength(0);
  }, 60_000);
});
