/**
 * A catalog uploaded as JSON text, read the way an admin's upload form needs
 * it: every problem with where it is — a syntax error's line and column, a
 * schema problem's path (`productLines[0].features[3].values[2].price.KR`)
 * and the line it starts on — instead of the first exception.
 */
import { CatalogError, formatCatalogPath, parseCatalog, type Catalog } from "./catalog";
import { lineOfPath } from "./import/json-lines";

export interface CatalogProblem {
  /** `productLines[0].rules[3].then`; "" for the document itself (a syntax error, not an object). */
  path: string;
  message: string;
  /** 1-based line (and column, for syntax errors) in the text, when known. */
  line?: number;
  column?: number;
}

export type CatalogTextResult = { ok: true; catalog: Catalog } | { ok: false; problems: CatalogProblem[] };

/** At most this many problems are reported (a wrong file would otherwise list thousands). */
export const MAX_PROBLEMS = 50;

export function readCatalogText(text: string): CatalogTextResult {
  if (text.includes("\u0000")) return { ok: false, problems: [{ path: "", message: "the file contains a NUL character" }] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, problems: [syntaxProblem(text, e)] };
  }
  try {
    return { ok: true, catalog: parseCatalog(json) };
  } catch (e) {
    if (!(e instanceof CatalogError)) throw e;
    return {
      ok: false,
      problems: e.issues.slice(0, MAX_PROBLEMS).map((i) => ({
        path: formatCatalogPath(i.segments),
        message: i.message,
        line: lineOfPath(text, i.segments),
      })),
    };
  }
}

/** A JSON.parse error with the line and column it points at (from its "position N", else its own "line L column C"). */
function syntaxProblem(text: string, error: unknown): CatalogProblem {
  const raw = error instanceof Error ? error.message : String(error);
  const message = `invalid JSON: ${raw.replace(/\s*\(line \d+ column \d+\)$/, "").replace(/ in JSON at position \d+/, "")}`;
  const pos = /position (\d+)/.exec(raw);
  if (pos) {
    const offset = Number(pos[1]);
    const before = text.slice(0, offset);
    const line = before.split("\n").length;
    const column = offset - before.lastIndexOf("\n");
    return { path: "", message, line, column };
  }
  const lc = /line (\d+) column (\d+)/.exec(raw);
  if (lc) return { path: "", message, line: Number(lc[1]), column: Number(lc[2]) };
  // "Unexpected end of JSON input": the text stops early.
  const lines = text.split("\n");
  return { path: "", message, line: lines.length, column: lines[lines.length - 1].length + 1 };
}
