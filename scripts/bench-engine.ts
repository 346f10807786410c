/**
 * npm run bench:engine -- PATH [--interactions N] [--max-steps N] [--warmup N] [--seed N] [--line CODE] [--json]
 *
 * PATH: an Atelier catalog .json (every product line, or --line CODE), a DIMACS
 * .dimacs/.cnf file, or a CLib folder. Prints the compile time and the latency
 * of one valid-domain recompute over N random interaction sequences.
 * --json prints one object: { compileMs, pairsMs, interactions, latencyMs: { p50, p95, max }, ... }
 * (for several product lines: totals over all, plus "lines" with each one).
 */
import { benchJson, benchLine, benchText, type BenchOptions } from "./lib/bench";
import { loadSourceLinesOrExit } from "./lib/sources";

const USAGE = "usage: npm run bench:engine -- PATH [--interactions N] [--max-steps N] [--warmup N] [--seed N] [--line CODE] [--json]";

function parseArgs(argv: string[]) {
  let path: string | undefined;
  let json = false;
  let lineCode: string | undefined;
  const options: BenchOptions = { interactions: 20, maxSteps: 100, seed: 1 };
  const int = (v: string | undefined, name: string) => {
    const n = Number(v);
    if (v === undefined || !Number.isInteger(n) || n < 0) fail(`${name} needs a whole number`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--json") json = true;
    else if (a === "--interactions") options.interactions = int(argv[++i], a);
    else if (a === "--max-steps") options.maxSteps = int(argv[++i], a);
    else if (a === "--seed") options.seed = int(argv[++i], a);
    else if (a === "--warmup") options.warmup = int(argv[++i], a);
    else if (a === "--line") lineCode = argv[++i];
    else if (a === "--help" || a === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else if (a.startsWith("--")) fail(`unknown option ${a}`);
    else if (path) fail("only one PATH");
    else path = a;
  }
  if (!path) fail("PATH is missing");
  return { path: path!, json, lineCode, options };
}

function fail(problem: string): never {
  console.error(`error: ${problem}\n${USAGE}`);
  process.exit(2);
}

function main() {
  const { path, json, lineCode, options } = parseArgs(process.argv.slice(2));
  let lines = loadSourceLinesOrExit(path);
  if (lineCode) {
    lines = lines.filter((l) => l.code === lineCode);
    if (lines.length === 0) fail(`no product line "${lineCode}" in ${path}`);
  }
  const results = lines.map((line) => benchLine(line, options));
  if (json) process.stdout.write(`${JSON.stringify(benchJson(results))}\n`);
  else process.stdout.write(results.map((r) => benchText(path, r)).join("\n"));
}

main();
