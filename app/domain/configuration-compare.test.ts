import { describe, expect, it } from "vitest";
// eslint-disable-next-line no-restricted-imports
import demoJson from "../../db/catalog/demo.json";
import { parseCatalog, type ProductLine } from "./catalog";
import { compareConfigurations } from "./configuration-compare";
import { compileLine, complete } from "./engine";

const catalog = parseCatalog(demoJson);
const line = (code: string): ProductLine => catalog.productLines.find((l) => l.code === code)!;
const sedan = line("sedan-a6l");
const avant = line("avant-a6");
const fridge = line("fridge-fs");

const filled = (l: ProductLine, choices: string[]) => {
  const done = complete(compileLine(l), { choices });
  if (!done) throw new Error(`no completion of ${choices.join(",")} on ${l.code}`);
  return done;
};

describe("compareConfigurations", () => {
  it("marks exactly the features whose choices differ", () => {
    const a = filled(sedan, ["LA1", "45F", "2Y2Y"]);
    const b = a.map((code) => (code === "2Y2Y" ? "T9T9" : code));
    const rows = compareConfigurations(
      [
        { line: sedan, choices: a, texts: {} },
        { line: sedan, choices: b, texts: {} },
      ],
      "en",
    );
    expect(rows.filter((r) => r.differs).map((r) => r.feature)).toEqual(["paint"]);
    const paint = rows.find((r) => r.feature === "paint")!;
    expect(paint.cells.map((c) => c.map((v) => v.code))).toEqual([["2Y2Y"], ["T9T9"]]);
    // Every chosen value appears in its feature's row.
    for (const code of a) expect(rows.some((r) => r.cells[0]!.some((v) => v.code === code))).toBe(true);
  });

  it("differs on personalization text alone", () => {
    const a = filled(sedan, []);
    const rows = compareConfigurations(
      [
        { line: sedan, choices: a, texts: { inscription: "ERIKA" } },
        { line: sedan, choices: a, texts: { inscription: "JONAS" } },
      ],
      "en",
    );
    const enabled = rows.find((r) => r.feature === "inscription");
    // The inscription shows only where the line enables it; where it shows, the texts differ.
    if (enabled) expect(enabled.differs).toBe(true);
    expect(rows.filter((r) => r.differs).every((r) => r.feature === "inscription")).toBe(true);
  });

  it("lines up features by code across lines and shows a gap where a line has none", () => {
    const rows = compareConfigurations(
      [
        { line: sedan, choices: filled(sedan, []), texts: {} },
        { line: avant, choices: filled(avant, []), texts: {} },
        { line: fridge, choices: filled(fridge, []), texts: {} },
      ],
      "ja",
    );
    const engine = rows.find((r) => r.feature === "engine")!;
    expect(engine.cells[0]!.length).toBe(1);
    expect(engine.cells[1]!.length).toBe(1);
    expect(engine.cells[2]).toEqual([]);
    expect(engine.differs).toBe(true);
    const size = rows.find((r) => r.feature === "size")!;
    expect(size.cells[0]).toEqual([]);
    expect(size.cells[2]!.length).toBe(1);
    // Names are in the reader's language.
    expect(engine.name).toBe(sedan.features.find((f) => f.code === "engine")!.name.ja ?? engine.name);
  });

  it("has no difference between a configuration and itself", () => {
    const a = filled(sedan, ["PQD"]);
    const rows = compareConfigurations(
      [
        { line: sedan, choices: a, texts: {} },
        { line: sedan, choices: [...a].reverse(), texts: {} },
      ],
      "en",
    );
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.some((r) => r.differs)).toBe(false);
  });
});
