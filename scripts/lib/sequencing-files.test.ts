/**
 * The sequencing parsers on the real benchmark files in ../shared/benchdata
 * (read in place; $ATELIER_BENCHDATA points elsewhere). As in
 * app/domain/import/benchdata.test.ts: skipped without the folder, except under
 * CI, where a missing folder is a failure.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { benchdataLocation, benchdataRoot } from "./sources";
import { listInstances, loadSequencingInstance } from "./sequencing-files";
import { evaluate, sequenceProblems } from "../../app/domain/sequencing/evaluate";

const root = benchdataRoot();

if (!root) {
  const reason = `benchmark data not found at ${benchdataLocation()} (set ATELIER_BENCHDATA to its folder)`;
  if (process.env.CI) {
    describe("real sequencing data", () => {
      it("is present under CI", () => {
        throw new Error(reason);
      });
    });
  } else {
    console.warn(`skipping real sequencing data tests: ${reason}`);
  }
}

describe.skipIf(!root)("real sequencing data", () => {
  it("CSPLib prob001: the 9 classic and 70 instances of 200 cars, and Gagné's 30", () => {
    const split = listInstances(`${root}/carseq-csplib/split`, (f) => f.endsWith(".txt"));
    const gagne = listInstances(`${root}/carseq-csplib/ProblemDataSet200to400`, (f) => f.endsWith(".txt"));
    expect(split).toHaveLength(79);
    expect(gagne).toHaveLength(30);
    const sizes = new Map<number, number>();
    for (const path of [...split, ...gagne]) {
      const instance = loadSequencingInstance(path);
      sizes.set(instance.units.length, (sizes.get(instance.units.length) ?? 0) + 1);
      expect(instance.rules.map((r) => `${r.p}/${r.q}`)).toEqual(["1/2", "2/3", "1/3", "2/5", "1/5"]);
      expect(instance.counting).toBe("windows");
    }
    expect(Object.fromEntries(sizes)).toEqual({ 100: 9, 200: 80, 300: 10, 400: 10 });
    // 4/72: 50 of the 100 cars need option 1 (at most 1 in 2), so a solution alternates it exactly.
    const classic = loadSequencingInstance(`${root}/carseq-csplib/split/4_72.txt`);
    expect(classic.units.filter((u) => u.options.includes("o1"))).toHaveLength(50);
    expect(evaluate(classic, classic.units.map((u) => u.id)).hiPriority).toBeGreaterThan(0);
  });

  it("ROADEF 2005 sets A and B: yesterday's tail, the day, the rules, the limit and the objective order as summarised", () => {
    const summary = readFileSync(`${root}/roadef2005/INSTANCES_SUMMARY.csv`, "utf8").trim().split("\n").slice(1).map((l) => l.split(","));
    const rows = summary.filter(([set]) => set === "A" || set === "B");
    expect(rows).toHaveLength(61);
    const names: Record<string, string> = { "HPRC(easy)": "high", "HPRC(diff)": "high", PCC: "paint", LPRC: "low" };
    for (const [set, name, tail, day, hprc, lprc, limit, , order] of rows) {
      const instance = loadSequencingInstance(`${root}/roadef2005/Instances_set_${set}/${name}`);
      expect(instance.previous.length, name).toBe(Number(tail));
      expect(instance.units.length, name).toBe(Number(day));
      expect(instance.rules.filter((r) => r.priority === "high").length, name).toBe(Number(hprc));
      expect(instance.rules.filter((r) => r.priority === "low").length, name).toBe(Number(lprc));
      expect(instance.paintBatchLimit, name).toBe(Number(limit));
      expect(instance.objectives, name).toEqual(order.split(">").map((o) => names[o]));
      expect(new Set(instance.units.map((u) => u.id)).size, name).toBe(instance.units.length);
    }
  });

  it("the Renault order of the day, as given, evaluates (the files' own sequence is a valid starting point)", () => {
    const instance = loadSequencingInstance(`${root}/roadef2005/Instances_set_A/022_3_4_EP_RAF_ENP`);
    const given = instance.units.map((u) => u.id);
    expect(sequenceProblems(instance, given)).toEqual([]);
    const e = evaluate(instance, given);
    expect(e.rules).toHaveLength(9);
    expect(e.score).toBe(1e6 * e.hiPriority + 1e3 * e.paintChanges + e.loPriority);
  });
});
