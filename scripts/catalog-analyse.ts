/**
 * npm run catalog:analyse -- PATH [--json] [--count-timeout SECONDS] [--no-count] [--explain N]
 *
 * PATH: an Atelier catalog .json, a DIMACS .dimacs/.cnf file, or a CLib folder.
 * Prints per product line: variables, values, rules, the exact number of
 * complete configurations, dead values, core values, and conflicting rules.
 * With --json: exactly one JSON object on stdout (see analysisJson).
 * Counting stops after --count-timeout seconds (default 60, DEFAULT_COUNT_TIMEOUT_MS) and is
 * then reported as "not counted within N s"; dead and core values are found before it starts.
 * A malformed source exits with status 1 and names the file and line.
 */
import { DEFAULT_COUNT_TIMEOUT_MS, analyseLine, analysisJson, type AnalyseOptions, type LineAnalysis } from "../app/domain/engine/analyse";
import { loadSourceLinesOrExit } from "./lib/sources";

const USAGE = "usage: npm run catalog:analyse -- PATH [--json] [--count-timeout SECONDS] [--no-count] [--explain N]";

function parseArgs(argv: string[]) {
  let path: string | undefined;
  let json = false;
  const options: AnalyseOptions = { countTimeoutMs: DEFAULT_COUNT_TIMEOUT_MS };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--json") json = true;
    else if (a === "--no-count") options.count = false;
    else if (a === "--count-timeout") options.countTimeoutMs = positive(argv[++i], a) * 1000;
    else if (a === "--explain") options.explainDead = positive(argv[++i], a, true);
    else if (a === "--help" || a === "-h") usage(0);
    else if (a.startsWith("--")) usage(2, `unknown option ${a}`);
    else if (path) usage(2, "only one PATH");
    else path = a;
  }
  if (!path) usage(2, "PATH is missing");
  return { path: path!, json, options };
}

function positive(value: string | undefined, option: string, allowZero = false): number {
  const n = Number(value);
  if (value === undefined || !Number.isFinite(n) || n < 0 || (!allowZero && n === 0)) usage(2, `${option} needs a number`);
  return n;
}

function usage(code: number, problem?: string): never {
  if (problem) console.error(`error: ${problem}`);
  (code === 0 ? console.log : console.error)(USAGE);
  process.exit(code);
}

function main() {
  const { path, json, options } = parseArgs(process.argv.slice(2));
  const lines = loadSourceLinesOrExit(path);
  const analyses = lines.map((line) => analyseLine(line, options));
  budgetS = (options.countTimeoutMs ?? 0) / 1000;
  if (json) process.stdout.write(`${JSON.stringify(analysisJson(analyses))}\n`);
  else process.stdout.write(analyses.map(report).join("\n"));
}

/** The counting budget in seconds, for the report. */
let budgetS = 0;

function report(a: LineAnalysis): string {
  const out: string[] = [];
  const row = (label: string, value: string) => out.push(`  ${label.padEnd(16)}${value}`);
  out.push(`${a.line} — ${a.name}`);
  row("variables", `${a.variables} (CNF: ${a.cnf.variables} variables, ${a.cnf.clauses} clauses)`);
  row("values", String(a.values));
  row("rules", String(a.rules));
  row("configurations", configurations(a));
  row("dead values", list(a.dead));
  row("core values", list(a.core));
  if (a.conflict) row("conflicting", `no complete configuration: these rules contradict each other: ${a.conflict.join(", ")}`);
  else row("conflicting", "none: the line has complete configurations");
  for (const r of a.deadReasons) row("", `${r.value} is dead because of ${r.rules.join(" + ") || "(no rule)"}`);
  if (a.dead.length > a.deadReasons.length && a.deadReasons.length > 0)
    row("", `(${a.dead.length - a.deadReasons.length} more dead values not explained; --explain N for more)`);
  const t = a.timings;
  row(
    "time",
    `compile ${ms(t.compileMs)}, count ${ms(t.countMs)} (${a.countMethod}), dead/core ${ms(t.deadCoreMs)}, explanations ${ms(t.explainMs)}; ${a.solverCalls} solver calls`,
  );
  return `${out.join("\n")}\n`;
}

function configurations(a: LineAnalysis): string {
  if (a.configurations === null) return a.countTimedOut ? `not counted within ${budgetS} s (--count-timeout SECONDS for more)` : "not counted";
  const c = a.configurations;
  if (c < 1_000_000n) return c.toString();
  const digits = c.toString();
  const log2 = digits.length * Math.log2(10) + Math.log2(Number(`0.${digits.slice(0, 15)}`));
  return `${digits} (≈ ${digits[0]}.${digits.slice(1, 4)}e${digits.length - 1}, log2 ≈ ${log2.toFixed(1)})`;
}

function list(codes: string[]): string {
  return codes.length === 0 ? "0" : `${codes.length}: ${codes.join(", ")}`;
}

const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(1)} ms`);

main();
