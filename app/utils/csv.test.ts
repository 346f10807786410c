import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvField, csvHeaders, csvRecord, toCsv } from "./csv";

/** A small RFC 4180 reader: the oracle the writer is checked against. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
      } else {
        field += c;
        i++;
      }
    } else if (c === '"') {
      quoted = true;
      i++;
    } else if (c === ",") {
      record.push(field);
      field = "";
      i++;
    } else if (c === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i += 2;
    } else {
      field += c;
      i++;
    }
  }
  return records;
}

describe("csv", () => {
  it("quotes fields with commas, quotes and line breaks, and doubles the quotes", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("cr\rhere")).toBe('"cr\rhere"');
    expect(csvField(42)).toBe("42");
    expect(csvField(null)).toBe("");
    expect(csvRecord(["a", 1, 'x"y'])).toBe('a,1,"x""y"\r\n');
  });

  it("defuses text a spreadsheet would run as a formula", () => {
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField("+1")).toBe("'+1");
    expect(csvField("@cmd")).toBe("'@cmd");
    expect(csvField("-2,3")).toBe(`"'-2,3"`);
    expect(csvField(-5)).toBe("-5");
  });

  it("reads back as what was written (any text without a formula start)", () => {
    const cell = fc.string({ unit: "grapheme", maxLength: 12 }).filter((s) => !/^[=+\-@\t\r]/.test(s));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { maxLength: 5 }), (rows) => {
        const header = ["h1"];
        const back = parseCsv(toCsv(header, rows));
        expect(back).toEqual([header, ...rows.map((r) => r.map((c) => c))]);
      }),
      { numRuns: 200 },
    );
  });

  it("sends an attachment with a safe file name", () => {
    const h = new Headers(csvHeaders('queue "x".csv'));
    expect(h.get("Content-Disposition")).toBe('attachment; filename="queue__x_.csv"');
    expect(h.get("Content-Type")).toBe("text/csv; charset=utf-8");
  });
});
