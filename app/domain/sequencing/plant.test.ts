import { describe, expect, it } from "vitest";
import { evaluate } from "./evaluate";
import { dayInstance, moveCar, parseStationText, positionChanges, reconcile, stationText, unitOf, violationsByPosition, type PlantSettings } from "./plant";

const settings: PlantSettings = {
  stations: [
    { name: "sunroof", values: ["3FE", "3FU"], p: 1, q: 2, priority: "high" },
    { name: "wheels21", values: ["C9X"], p: 2, q: 3, priority: "low" },
  ],
  paintValues: ["A2A2", "T9T9"],
  paintBatchLimit: 3,
  objectives: ["high", "paint", "low"],
};
const car = (id: string, ...choices: string[]) => ({ id, choices });

describe("the plant's settings as the solver's instance", () => {
  it("gives a car the stations whose condition it meets (any of the values) and its paint colour", () => {
    expect(unitOf(settings, car("a", "3FU", "C9X", "T9T9", "LA1"))).toEqual({ id: "a", options: ["sunroof", "wheels21"], colour: "T9T9" });
    expect(unitOf(settings, car("b", "LA1"))).toEqual({ id: "b", options: [], colour: null });
  });

  it("keeps locked cars at their place in the given order, and counts yesterday's tail", () => {
    const cars = [car("a", "3FE", "A2A2"), car("b", "3FE", "A2A2"), car("c", "T9T9")];
    const instance = dayInstance("d", settings, cars, [car("y", "3FU", "A2A2")], ["b", "a", "c"], ["a"]);
    expect(instance.locked).toEqual([{ unitId: "a", position: 1 }]);
    expect(instance.units.map((u) => u.id)).toEqual(["b", "a", "c"]);
    // y (sunroof) then b, a (sunroofs): two windows of two with two sunroofs.
    expect(evaluate(instance, ["b", "a", "c"]).hiPriority).toBe(2);
    expect(violationsByPosition(instance, ["b", "a", "c"])).toEqual([["sunroof"], ["sunroof"], []]);
    expect(violationsByPosition(instance, ["a", "c", "b"])).toEqual([["sunroof"], [], []]);
  });
});

describe("a saved order brought up to date", () => {
  it("drops cars no longer built that day and adds new ones at the end, first come first served", () => {
    expect(reconcile(["c", "a", "x"], ["a", "b", "c", "d"])).toEqual(["c", "a", "b", "d"]);
  });
  it("moves one car, the others keeping their order, and names what moved against the published positions", () => {
    expect(moveCar(["a", "b", "c", "d"], "d", 0)).toEqual(["d", "a", "b", "c"]);
    expect(moveCar(["a", "b", "c"], "a", 99)).toEqual(["b", "c", "a"]);
    expect(positionChanges(new Map([["a", 1], ["b", 2], ["c", 3]]), ["b", "a", "c", "n"])).toEqual([
      { id: "b", from: 2, to: 1 },
      { id: "a", from: 1, to: 2 },
      { id: "n", from: null, to: 4 },
    ]);
  });
});

describe("station rules as planners type them", () => {
  const known = new Set(["3FE", "3FU", "C9X"]);
  it("reads name p/q priority codes, one a line, and writes them back the same way", () => {
    const parsed = parseStationText("sunroof 1/2 high 3FE 3FU\n\n wheels21 2/3 low C9X ", known);
    expect(parsed).toEqual({ ok: true, stations: settings.stations });
    if (parsed.ok) expect(parseStationText(stationText(parsed.stations), known)).toEqual(parsed);
  });
  it("names the line of the first problem", () => {
    expect(parseStationText("sunroof 1/2 high 3FE\nbad", known)).toMatchObject({ ok: false, problem: "sequence.problems.ruleFormat", line: 2 });
    expect(parseStationText("s 2/2 high 3FE", known)).toMatchObject({ ok: false, problem: "sequence.problems.ruleRatio" });
    expect(parseStationText("s 1/2 high XXX", known)).toMatchObject({ ok: false, problem: "sequence.problems.ruleValues" });
    expect(parseStationText("s 1/2 high 3FE\ns 1/3 low 3FU", known)).toMatchObject({ ok: false, problem: "sequence.problems.ruleDuplicate", line: 2 });
  });
});
