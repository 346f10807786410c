import { describe, expect, it } from "vitest";
import { parseCatalog } from "../catalog";
import { countFd, productLineToFd } from "../engine/count-fd";
import { importClib } from "./clib";
import { ImportError } from "./errors";

const DOMAINS = "Var1 : A, B, C\n// Var2 : x-1, y/2\n\nVar3 : on, off\n";
const RULE1 = "or(\nVar1 = A  and Var2 = x-1\nor(\nVar1 = B  and Var2 = y/2\nVar1 = B  and Var2 = x-1\nor)\nor)\n";
const RULE2 = "or(\nVar2 = x-1  and Var3 = on\nVar2 = y/2  and Var3 = off\nVar2 = y/2  and Var3 = on\nor)";

function expectImportError(files: Record<string, string>, file: string, line: number | undefined, reason: RegExp) {
  try {
    importClib(files, { folder: "clib" });
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    const err = e as ImportError;
    expect([err.file, err.line]).toEqual([file, line]);
    expect(err.reason).toMatch(reason);
    return;
  }
  throw new Error("expected an ImportError");
}

describe("importClib", () => {
  it("makes required single-choice features and one table rule per file", () => {
    const { line } = importClib(
      { "x_domains.txt": DOMAINS, "rule1.pm": RULE1, "rule2.pm": RULE2, "SOURCE.txt": "ignored" },
      { folder: "clib", lineCode: "megane" },
    );
    expect(line.code).toBe("megane");
    expect(line.features.map((f) => f.code)).toEqual(["Var1", "Var2", "Var3"]);
    const var2 = line.features[1];
    expect(var2.kind === "single" && var2.required).toBe(true);
    expect(var2.kind === "single" && var2.values.map((v) => [v.code, v.name.en])).toEqual([
      ["Var2.x-1", "x-1"],
      ["Var2.y_2", "y/2"],
    ]);
    expect(line.rules).toEqual([
      {
        kind: "table",
        id: "rule1",
        features: ["Var1", "Var2"],
        tuples: [["Var1.A", "Var2.x-1"], ["Var1.B", "Var2.y_2"], ["Var1.B", "Var2.x-1"]],
      },
      {
        kind: "table",
        id: "rule2",
        features: ["Var2", "Var3"],
        tuples: [["Var2.x-1", "Var3.on"], ["Var2.y_2", "Var3.off"], ["Var2.y_2", "Var3.on"]],
      },
    ]);
    const valid = parseCatalog({ productLines: [line] }).productLines[0];
    // (A,x,on) (B,x,on) (B,y,off) (B,y,on)
    expect(countFd(productLineToFd(valid)!.problem)).toBe(4n);
  });

  it("names the file and line of malformed input", () => {
    const ok = { "d_domains.txt": DOMAINS, "rule1.pm": RULE1 };
    expectImportError({ "rule1.pm": RULE1 }, "clib", undefined, /no domains file/);
    expectImportError({ "d_domains.txt": DOMAINS }, "clib", undefined, /no rule files/);
    expectImportError({ ...ok, "d_domains.txt": "Var1 : A\nVar1 : B\n" }, "clib/d_domains.txt", 2, /declared twice/);
    expectImportError({ ...ok, "d_domains.txt": "Var1 A B\n" }, "clib/d_domains.txt", 1, /expected "<variable> : /);
    expectImportError({ ...ok, "d_domains.txt": "Var1 : A, , B\n" }, "clib/d_domains.txt", 1, /empty value/);
    expectImportError({ ...ok, "d_domains.txt": "Var1 : A, A\n" }, "clib/d_domains.txt", 1, /listed twice/);
    expectImportError({ ...ok, "r.pm": "Var1 = A\n" }, "clib/r.pm", 1, /expected "or\("/);
    expectImportError({ ...ok, "r.pm": "or(\nVar1 = Z\nor)\n" }, "clib/r.pm", 2, /"Z" is not in the domain of Var1/);
    expectImportError({ ...ok, "r.pm": "or(\nVar9 = A\nor)\n" }, "clib/r.pm", 2, /unknown variable Var9/);
    expectImportError({ ...ok, "r.pm": "or(\nVar1 = A\nVar1 = B  and Var3 = on\nor)\n" }, "clib/r.pm", 3, /rule is over Var1/);
    expectImportError({ ...ok, "r.pm": "or(\nVar1 = A  and Var1 = B\nor)\n" }, "clib/r.pm", 2, /twice in one tuple/);
    expectImportError({ ...ok, "r.pm": "or(\nVar1 A\nor)\n" }, "clib/r.pm", 2, /expected "<variable> = <value>"/);
    expectImportError({ ...ok, "r.pm": "or(\nor(\nVar1 = A\nor)\n" }, "clib/r.pm", 5, /not closed/);
    expectImportError({ ...ok, "r.pm": "or(\nVar1 = A\nor)\nVar1 = B\n" }, "clib/r.pm", 4, /after the closing/);
    expectImportError({ ...ok, "r.pm": "or(\nor)\n" }, "clib/r.pm", undefined, /allows no tuple/);
  });
});
