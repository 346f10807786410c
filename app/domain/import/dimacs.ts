/**
 * DIMACS CNF import (feature-model benchmarks such as automotive01, printer).
 *
 * Every variable becomes an optional yes/no feature: a `multiple` feature with a
 * single value coded after the variable's name (from the `c <n> <name>` comment
 * lines), and every clause becomes a `constraint` rule, an `or` over
 * "value chosen" / "value not chosen". The raw CNF is returned as well, so
 * analysis can run on exactly the formula in the file.
 */
import type { Condition, Feature, ProductLine, Rule } from "../catalog";
import type { Cnf } from "../engine/types";
import { CodeAllocator, ImportError, displayName } from "./errors";

export interface DimacsFile {
  cnf: Cnf;
  /** Name from the `c <n> <name>` lines, by variable number (index 0 unused); undefined when unnamed. */
  names: (string | undefined)[];
}

export interface DimacsImport extends DimacsFile {
  line: ProductLine;
  /** Value code of each variable (index 0 unused). */
  codes: string[];
}

export interface DimacsOptions {
  /** File name used in error messages. */
  file: string;
  /** Product line code and name (defaults: "dimacs" / the file name). */
  lineCode?: string;
  lineName?: string;
}

const INTEGER = /^-?\d+$/;

/** Parse DIMACS CNF text; throws ImportError naming the file and line on malformed input. */
export function parseDimacsFile(text: string, file: string): DimacsFile {
  const lines = text.split(/\r?\n/);
  let header: { numVars: number; numClauses: number; line: number } | undefined;
  const namedAt = new Map<number, { name: string; line: number }>();
  const clauses: number[][] = [];
  let current: number[] = [];
  let currentStart = 0;
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const text = lines[i].trim();
    if (text === "") continue;
    if (text === "%") break; // SATLIB files end with "%" and a stray "0"
    if (text[0] === "c" && (text.length === 1 || text[1] === " " || text[1] === "\t")) {
      const m = /^c\s+(\d+)\s+(.+)$/.exec(text);
      if (m) {
        const v = Number(m[1]);
        if (namedAt.has(v)) throw new ImportError(`variable ${v} is named twice (first on line ${namedAt.get(v)!.line})`, file, lineNo);
        namedAt.set(v, { name: m[2].trim(), line: lineNo });
      }
      continue;
    }
    if (text[0] === "p") {
      if (header) throw new ImportError(`second "p" line (first on line ${header.line})`, file, lineNo);
      const m = /^p\s+cnf\s+(\d+)\s+(\d+)$/.exec(text);
      if (!m) throw new ImportError(`expected "p cnf <variables> <clauses>", got "${clip(text)}"`, file, lineNo);
      header = { numVars: Number(m[1]), numClauses: Number(m[2]), line: lineNo };
      continue;
    }
    if (!header) throw new ImportError(`clause before the "p cnf" line`, file, lineNo);
    for (const token of text.split(/\s+/)) {
      if (!INTEGER.test(token)) throw new ImportError(`"${clip(token)}" is not a literal`, file, lineNo);
      const lit = Number(token);
      if (lit === 0) {
        clauses.push(current);
        current = [];
        continue;
      }
      if (Math.abs(lit) > header.numVars)
        throw new ImportError(`literal ${lit} is outside the ${header.numVars} declared variables`, file, lineNo);
      if (current.length === 0) currentStart = lineNo;
      current.push(lit);
    }
  }
  if (!header) throw new ImportError(`no "p cnf <variables> <clauses>" line`, file);
  if (current.length > 0) throw new ImportError(`clause is not terminated by 0 (file truncated?)`, file, currentStart);
  if (clauses.length !== header.numClauses)
    throw new ImportError(`header declares ${header.numClauses} clauses, the file has ${clauses.length}`, file, header.line);
  const names: (string | undefined)[] = new Array(header.numVars + 1).fill(undefined);
  for (const [v, { name, line }] of namedAt) {
    if (v < 1 || v > header.numVars) throw new ImportError(`names variable ${v}, outside 1..${header.numVars}`, file, line);
    names[v] = name;
  }
  return { cnf: { numVars: header.numVars, clauses }, names };
}

/** Parse DIMACS text into a product line (one optional yes/no feature per variable) plus the raw CNF. */
export function importDimacs(text: string, options: DimacsOptions): DimacsImport {
  const parsed = parseDimacsFile(text, options.file);
  const { cnf, names } = parsed;
  if (cnf.numVars === 0) throw new ImportError("the formula has no variables", options.file);
  const codes = new CodeAllocator();
  const valueCodes: string[] = [""];
  for (let v = 1; v <= cnf.numVars; v++) valueCodes.push(codes.allocate(names[v] ?? `x${v}`));
  const features: Feature[] = [];
  for (let v = 1; v <= cnf.numVars; v++) {
    const name = { en: displayName(names[v] ?? `x${v}`) };
    features.push({
      kind: "multiple",
      code: codes.allocate(`${valueCodes[v]}.f`),
      name,
      required: false,
      values: [
        { code: valueCodes[v], name, price: {}, modules: [], leadTimeDays: 0, includes: [], default: false },
      ],
    });
  }
  const literal = (l: number): Condition => (l > 0 ? { value: valueCodes[l] } : { not: { value: valueCodes[-l] } });
  const rules: Rule[] = cnf.clauses.map((clause, i) => ({
    kind: "constraint",
    id: `clause${i + 1}`,
    // The empty clause is "false": a condition no configuration meets.
    condition: clause.length > 0 ? { or: clause.map(literal) } : { and: [literal(1), literal(-1)] },
  }));
  const line: ProductLine = {
    code: new CodeAllocator().allocate(options.lineCode ?? "dimacs"),
    name: { en: displayName(options.lineName ?? options.file) },
    basePrice: {},
    baseModules: [],
    leadTimeDays: 0,
    features,
    rules,
  };
  return { ...parsed, line, codes: valueCodes };
}

const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);
