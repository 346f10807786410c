/**
 * npm run sequence -- INSTANCE [--seconds N] [--seed S] [--workers W] [--out FILE]
 *
 * INSTANCE: a CSPLib prob001 file (one instance) or a ROADEF 2005 instance
 * folder. Runs the solver for N seconds (default 10) in W worker threads
 * (default SEQUENCING_WORKERS, else 2 on two cores or more; seeds S, S + 1, …;
 * the best wins), writes
 * the sequence (one car id per line, in line order) to FILE (default: none),
 * prints the best so far on stderr as it improves and the objective as one JSON
 * object on stdout.
 */
import { writeFileSync } from "node:fs";
import { sequencingWorkers, solveInWorker } from "../app/.server/sequencing/solve.server";
import { sequenceProblems } from "../app/domain/sequencing/evaluate";
import { SequencingError } from "../app/domain/sequencing/types";
import { loadSequencingInstance } from "./lib/sequencing-files";

const USAGE = "usage: npm run sequence -- INSTANCE [--seconds N] [--seed S] [--workers W] [--out FILE]";

function fail(problem: string, status = 2): never {
  console.error(`error: ${problem}${status === 2 ? `\n${USAGE}` : ""}`);
  process.exit(status);
}

function parseArgs(argv: string[]) {
  let path: string | undefined;
  let seconds = 10;
  let seed = 1;
  let out: string | undefined;
  let workers: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--seconds") {
      seconds = Number(argv[++i]);
      if (!(seconds > 0)) fail("--seconds needs a positive number");
    } else if (a === "--seed") {
      seed = Number(argv[++i]);
      if (!Number.isInteger(seed) || seed < 0) fail("--seed needs a whole number");
    } else if (a === "--workers") {
      workers = Number(argv[++i]);
      if (!Number.isInteger(workers) || workers < 1 || workers > 64) fail("--workers needs a whole number from 1 to 64");
    } else if (a === "--out") {
      out = argv[++i];
      if (!out) fail("--out needs a file");
    } else if (a === "--help" || a === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else if (a.startsWith("--")) fail(`unknown option ${a}`);
    else if (path) fail("only one INSTANCE");
    else path = a;
  }
  if (!path) fail("INSTANCE is missing");
  return { path: path!, seconds, seed, out, workers };
}

async function main() {
  const { path, seconds, seed, out, workers } = parseArgs(process.argv.slice(2));
  let instance;
  try {
    instance = loadSequencingInstance(path);
  } catch (e) {
    fail(e instanceof Error ? e.message : String(e), 1);
  }
  const run = solveInWorker(instance, {
    seed,
    workers,
    timeLimitMs: seconds * 1000,
    onProgress: (p) => console.error(`${(p.elapsedMs / 1000).toFixed(1)} s: high ${p.best.hiPriority}, paint ${p.best.paintChanges}, low ${p.best.loPriority} (score ${p.best.score})`),
  });
  process.on("SIGINT", () => run.stop());
  let result;
  try {
    result = await run.finished;
  } catch (e) {
    fail(e instanceof SequencingError || e instanceof Error ? e.message : String(e), 1);
  }
  const problems = sequenceProblems(instance, result.sequence);
  if (problems.length > 0) fail(`the solver returned a sequence that cannot be used: ${problems.join("; ")}`, 1);
  if (out) writeFileSync(out, `${result.sequence.join("\n")}\n`);
  const e = result.evaluation;
  const summary = {
    instance: instance.name,
    cars: instance.units.length,
    objectives: instance.objectives,
    counting: e.counting,
    hiPriority: e.hiPriority,
    paintChanges: e.paintChanges,
    loPriority: e.loPriority,
    score: e.score,
    // Both measures of the ratio rules: ROADEF's sum of excess and CSPLib's violated windows.
    hiPriorityExcess: e.rules.filter((r) => r.priority === "high").reduce((s, r) => s + r.excess, 0),
    hiPriorityWindows: e.rules.filter((r) => r.priority === "high").reduce((s, r) => s + r.violatedWindows, 0),
    loPriorityExcess: e.rules.filter((r) => r.priority === "low").reduce((s, r) => s + r.excess, 0),
    loPriorityWindows: e.rules.filter((r) => r.priority === "low").reduce((s, r) => s + r.violatedWindows, 0),
    longestRun: e.longestRun,
    paintBatchLimit: instance.paintBatchLimit,
    greedyScore: result.greedy.score,
    seed: result.seed,
    breakout: result.breakout,
    workers: workers ?? sequencingWorkers(),
    seconds,
    iterations: result.iterations,
    bestAtMs: Math.round(result.bestAtMs),
    stoppedBy: result.stoppedBy,
    ...(out ? { out } : {}),
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

await main();
