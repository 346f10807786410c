import { describe, expect, it } from "vitest";
import { lineAt, lineOfPath, syntaxErrorLine } from "./json-lines";

const TEXT = `{
  "modules": [],
  "productLines": [
    {
      "code": "sedan",
      "name": { "en": "Sedan, \\"quoted\\" [x]" },
      "rules": [
        { "id": "r1" },
        {
          "id": "bad id"
        }
      ]
    }
  ]
}
`;

describe("json line numbers", () => {
  it("finds the line where the value at a path starts", () => {
    expect(lineOfPath(TEXT, [])).toBe(1);
    expect(lineOfPath(TEXT, ["productLines", 0, "code"])).toBe(5);
    expect(lineOfPath(TEXT, ["productLines", 0, "rules", 0, "id"])).toBe(8);
    expect(lineOfPath(TEXT, ["productLines", 0, "rules", 1, "id"])).toBe(10);
    expect(lineOfPath(TEXT, ["productLines", 0, "rules", 1])).toBe(9);
  });

  it("falls back to the deepest value that exists", () => {
    expect(lineOfPath(TEXT, ["productLines", 0, "features"])).toBe(4);
    expect(lineOfPath(TEXT, ["productLines", 3])).toBe(3);
  });

  it("locates syntax errors", () => {
    const broken = '{\n  "a": 1,\n  "b": 2\n  "c": 3\n}';
    let error: unknown;
    try {
      JSON.parse(broken);
    } catch (e) {
      error = e;
    }
    expect(syntaxErrorLine(broken, error)).toBe(4);
    expect(lineAt("a\nb\nc", 4)).toBe(3);
  });
});
