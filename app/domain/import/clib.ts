/**
 * CLib configuration benchmark import (the Renault Megane instance): a
 * domains file with one line per variable, `VarN : v1, v2, ...`, and one `.pm`
 * file per rule, a positive table written as a disjunction of conjunctions:
 *
 *   or(
 *   Var1 = S64  and Var3 = M9  and Var81 = BVM5
 *   ...
 *   or)
 *
 * Large tables nest further `or(` … `or)` blocks; nesting only groups tuples,
 * so the rule is the union of all tuple lines.
 *
 * Each variable becomes a required single-choice feature (code = variable
 * name); each value is coded `<variable>.<value>` (sanitised, unique);
 * each `.pm` file becomes one `table` rule whose id is the file's base name.
 */
import type { Feature, ProductLine, Rule } from "../catalog";
import { CodeAllocator, ImportError, displayName } from "./errors";

export interface ClibOptions {
  /** Folder name used in error messages (files are reported as `<folder>/<file>`). */
  folder?: string;
  lineCode?: string;
  lineName?: string;
}

export interface ClibVariable {
  name: string;
  /** Feature code. */
  code: string;
  values: { name: string; code: string }[];
}

export interface ClibImport {
  line: ProductLine;
  variables: ClibVariable[];
}

/** The files of a CLib folder, by file name (no directories). */
export type ClibFiles = Record<string, string>;

const VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function importClib(files: ClibFiles, options: ClibOptions = {}): ClibImport {
  const where = (file: string) => (options.folder ? `${options.folder}/${file}` : file);
  const names = Object.keys(files).sort();
  const domainFiles = names.filter((n) => n.endsWith("domains.txt"));
  if (domainFiles.length !== 1)
    throw new ImportError(
      domainFiles.length === 0
        ? `no domains file (expected one file named like "renault_domains.txt")`
        : `several domains files: ${domainFiles.join(", ")}`,
      options.folder ?? "(folder)",
    );
  const ruleFiles = names.filter((n) => n.endsWith(".pm"));
  if (ruleFiles.length === 0) throw new ImportError(`no rule files (*.pm)`, options.folder ?? "(folder)");

  const codes = new CodeAllocator();
  const variables = parseDomains(files[domainFiles[0]], where(domainFiles[0]), codes);
  const byName = new Map(variables.map((v) => [v.name, v]));
  const valueCode = new Map<string, Map<string, string>>(
    variables.map((v) => [v.name, new Map(v.values.map((x) => [x.name, x.code]))]),
  );

  const rules: Rule[] = ruleFiles.map((name) =>
    parseRule(files[name], where(name), codes.allocate(name.replace(/\.pm$/, "")), byName, valueCode),
  );

  const features: Feature[] = variables.map((v) => ({
    kind: "single",
    code: v.code,
    name: { en: displayName(v.name) },
    required: true,
    values: v.values.map((x) => ({
      code: x.code,
      name: { en: displayName(x.name) },
      price: {},
      modules: [],
      leadTimeDays: 0,
      includes: [],
      default: false,
    })),
  }));
  const line: ProductLine = {
    code: new CodeAllocator().allocate(options.lineCode ?? "clib"),
    name: { en: displayName(options.lineName ?? options.folder ?? "CLib instance") },
    basePrice: {},
    baseModules: [],
    leadTimeDays: 0,
    features,
    rules,
  };
  return { line, variables };
}

function parseDomains(text: string, file: string, codes: CodeAllocator): ClibVariable[] {
  const seen = new Map<string, number>();
  const raw: { name: string; values: string[] }[] = [];
  text.split(/\r?\n/).forEach((source, i) => {
    const lineNo = i + 1;
    // The domains were first written as Java comments ("// Var1 : ..."); accept both.
    const text = source.trim().replace(/^\/\/\s*/, "");
    if (text === "") return;
    const m = /^([^:\s]+)\s*:\s*(.*)$/.exec(text);
    if (!m) throw new ImportError(`expected "<variable> : <value>, <value>, ...", got "${clip(text)}"`, file, lineNo);
    const [, name, list] = m;
    if (!VAR_NAME.test(name)) throw new ImportError(`"${clip(name)}" is not a variable name`, file, lineNo);
    if (seen.has(name)) throw new ImportError(`variable ${name} is declared twice (first on line ${seen.get(name)})`, file, lineNo);
    seen.set(name, lineNo);
    const values = list.split(",").map((v) => v.trim());
    if (values.some((v) => v === "")) throw new ImportError(`variable ${name} has an empty value in its domain`, file, lineNo);
    const dup = values.find((v, k) => values.indexOf(v) !== k);
    if (dup !== undefined) throw new ImportError(`value "${clip(dup)}" is listed twice for ${name}`, file, lineNo);
    raw.push({ name, values });
  });
  if (raw.length === 0) throw new ImportError("no variables declared", file);
  // Features first, so variable names keep their own codes; values get "<variable>.<value>".
  const featureCodes = raw.map((v) => codes.allocate(v.name));
  return raw.map((v, k) => ({
    name: v.name,
    code: featureCodes[k],
    values: v.values.map((x) => ({ name: x, code: codes.allocate(`${featureCodes[k]}.${x}`) })),
  }));
}

function parseRule(
  text: string,
  file: string,
  id: string,
  variables: Map<string, ClibVariable>,
  valueCode: Map<string, Map<string, string>>,
): Rule {
  const lines = text.split(/\r?\n/);
  let depth = 0;
  let opened = false;
  let closedAt = 0;
  let scope: string[] | undefined;
  const tuples: string[][] = [];
  lines.forEach((source, i) => {
    const lineNo = i + 1;
    const text = source.trim();
    if (text === "") return;
    if (closedAt) throw new ImportError(`text after the closing "or)" of line ${closedAt}`, file, lineNo);
    if (text === "or(") {
      depth++;
      opened = true;
      return;
    }
    if (!opened) throw new ImportError(`expected "or(" on the first line, got "${clip(text)}"`, file, lineNo);
    if (text === "or)") {
      depth--;
      if (depth === 0) closedAt = lineNo;
      return;
    }
    const vars: string[] = [];
    const tuple: string[] = [];
    for (const part of text.split(/\s+and\s+/)) {
      const m = /^([^=\s]+)\s*=\s*(\S+)$/.exec(part.trim());
      if (!m) throw new ImportError(`expected "<variable> = <value>", got "${clip(part)}"`, file, lineNo);
      const [, name, value] = m;
      const variable = variables.get(name);
      if (!variable) throw new ImportError(`unknown variable ${clip(name)}`, file, lineNo);
      if (vars.includes(name)) throw new ImportError(`${name} appears twice in one tuple`, file, lineNo);
      const code = valueCode.get(name)!.get(value);
      if (code === undefined) throw new ImportError(`"${clip(value)}" is not in the domain of ${name}`, file, lineNo);
      vars.push(name);
      tuple.push(code);
    }
    if (!scope) scope = vars;
    else if (vars.length !== scope.length || vars.some((v, k) => v !== scope![k]))
      throw new ImportError(`tuple is over ${vars.join(", ")} but the rule is over ${scope.join(", ")}`, file, lineNo);
    tuples.push(tuple);
  });
  if (!opened) throw new ImportError(`empty rule file (expected "or(" … "or)")`, file);
  if (depth !== 0) throw new ImportError(`${depth} "or(" not closed by "or)" (file truncated?)`, file, lines.length);
  if (!scope) throw new ImportError("the rule allows no tuple", file);
  return { kind: "table", id, features: scope.map((v) => variables.get(v)!.code), tuples };
}

const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);
