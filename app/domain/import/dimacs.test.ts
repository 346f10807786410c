import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCatalog } from "../catalog";
import { countModels } from "../engine/count";
import { countFd, productLineToFd } from "../engine/count-fd";
import type { Cnf } from "../engine/types";
import { importDimacs, parseDimacsFile } from "./dimacs";
import { ImportError } from "./errors";

const SAMPLE = `c a small feature model
c 1 Root
c 2 Color Red
c 3 Color/Blue
c 4 Color Red
p cnf 5 4
1 0
-2 1 0 -3 1
0
-2 -3 0
`;

function expectImportError(fn: () => unknown, line: number | undefined, reason: RegExp) {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    const err = e as ImportError;
    expect(err.file).toBe("model.dimacs");
    expect(err.line).toBe(line);
    expect(err.reason).toMatch(reason);
    expect(err.message).toContain(`model.dimacs${line === undefined ? "" : `:${line}`}`);
    return;
  }
  throw new Error("expected an ImportError");
}

describe("parseDimacsFile", () => {
  it("reads the header, names and clauses (clauses may span lines)", () => {
    const { cnf, names } = parseDimacsFile(SAMPLE, "model.dimacs");
    expect(cnf).toEqual({ numVars: 5, clauses: [[1], [-2, 1], [-3, 1], [-2, -3]] });
    expect(names).toEqual([undefined, "Root", "Color Red", "Color/Blue", "Color Red", undefined]);
  });

  it("names the file and line of malformed input", () => {
    expectImportError(() => parseDimacsFile("1 2 0\n", "model.dimacs"), 1, /before the "p cnf" line/);
    expectImportError(() => parseDimacsFile("c x\n", "model.dimacs"), undefined, /no "p cnf/);
    expectImportError(() => parseDimacsFile("p cnf 2 1\n1 x 0\n", "model.dimacs"), 2, /"x" is not a literal/);
    expectImportError(() => parseDimacsFile("p cnf 2 1\n\n1 3 0\n", "model.dimacs"), 3, /literal 3 is outside/);
    expectImportError(() => parseDimacsFile("p cnf 2 2\n1 2 0\n-1\n", "model.dimacs"), 3, /not terminated/);
    expectImportError(() => parseDimacsFile("p cnf 2 3\n1 2 0\n", "model.dimacs"), 1, /declares 3 clauses, the file has 1/);
    expectImportError(() => parseDimacsFile("p cnf 2\n", "model.dimacs"), 1, /expected "p cnf/);
    expectImportError(() => parseDimacsFile("p cnf 1 0\np cnf 1 0\n", "model.dimacs"), 2, /second "p" line/);
    expectImportError(() => parseDimacsFile("c 1 a\nc 1 b\np cnf 1 0\n", "model.dimacs"), 2, /named twice/);
    expectImportError(() => parseDimacsFile("c 3 a\np cnf 1 0\n", "model.dimacs"), 1, /outside 1..1/);
  });
});

describe("importDimacs", () => {
  it("makes one optional yes/no feature per variable with sanitised, unique codes", () => {
    const { line, codes } = importDimacs(SAMPLE, { file: "model.dimacs", lineCode: "printer" });
    expect(codes.slice(1)).toEqual(["Root", "Color_Red", "Color_Blue", "Color_Red_2", "x5"]);
    expect(line.code).toBe("printer");
    expect(line.features).toHaveLength(5);
    const f = line.features[1];
    expect(f.kind).toBe("multiple");
    if (f.kind !== "multiple") return;
    expect(f.required).toBe(false);
    expect(f.values.map((v) => v.code)).toEqual(["Color_Red"]);
    expect(f.values[0].name.en).toBe("Color Red");
    expect(line.rules[1]).toEqual({
      kind: "constraint",
      id: "clause2",
      condition: { or: [{ not: { value: "Color_Red" } }, { value: "Root" }] },
    });
    // The result is a valid catalog.
    expect(() => parseCatalog({ productLines: [line] })).not.toThrow();
  });

  it("keeps the model count: the product line has exactly the CNF's models", () => {
    const cnf = fc.integer({ min: 1, max: 8 }).chain((numVars) =>
      fc.record({
        numVars: fc.constant(numVars),
        clauses: fc.array(
          fc.array(fc.tuple(fc.integer({ min: 1, max: numVars }), fc.boolean()).map(([v, p]) => (p ? v : -v)), { maxLength: 4 }),
          { maxLength: 12 },
        ),
      }),
    );
    fc.assert(
      fc.property(cnf, (c: Cnf) => {
        const text = `p cnf ${c.numVars} ${c.clauses.length}\n${c.clauses.map((cl) => `${cl.join(" ")} 0`).join("\n")}\n`;
        const imported = importDimacs(text, { file: "random.cnf" });
        expect(imported.cnf).toEqual(c);
        const fd = productLineToFd(parseCatalog({ productLines: [imported.line] }).productLines[0])!;
        expect(countFd(fd.problem)).toBe(countModels(c));
      }),
      { numRuns: 200 },
    );
  });

  it("refuses a formula without variables", () => {
    expect(() => importDimacs("p cnf 0 0\n", { file: "model.dimacs" })).toThrow(ImportError);
  });
});
