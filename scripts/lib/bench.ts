/**
 * The engine benchmark: compile a product line, then play random interaction
 * sequences the way a customer clicks: recompute the valid domains (without
 * reasons, as the configurator does on every click), choose one random
 * available value, repeat until nothing is left to decide or a step cap.
 * The latency figures are of one recompute.
 *
 * Sequences are seeded, so two runs of the same command replay the same clicks.
 */
import type { ProductLine } from "../../app/domain/catalog";
import { compileLine } from "../../app/domain/engine/compile";
import { pairTableFor, validDomains } from "../../app/domain/engine/domains";
import { seededRandom } from "~/domain/random";
import { percentile } from "./stats";

export interface BenchOptions {
  interactions: number;
  /** Unmeasured sequences first, so the JIT has compiled the engine (default 5). */
  warmup?: number;
  /** Most clicks in one sequence. */
  maxSteps: number;
  seed: number;
}

export interface BenchResult {
  line: string;
  compileMs: number;
  /** The first recompute (builds the solver; what the first page load pays). */
  firstRecomputeMs: number;
  /**
   * Building the line's pair table (every one-choice answer; lines with tables only, else null),
   * once per compiled line. The engine does it on the first question with a choice; here it is
   * done and timed up front so that no recompute (measured or warm-up) includes it.
   */
  pairsMs: number | null;
  interactions: number;
  recomputes: number;
  /** Sequences that ended with nothing left to choose (the others hit the step cap). */
  finished: number;
  latencyMs: { p50: number; p95: number; max: number; mean: number };
  /**
   * CPU time of the process during each recompute (user + system). On a shared, busy machine the
   * wall-clock latency includes waiting for a core; this is what the recompute itself costs.
   */
  cpuMs: { p50: number; p95: number; max: number; mean: number };
  /** CPU time by position in the sequence: the first clicks (few choices, many open values) cost most. */
  cpuByClick: { click: string; recomputes: number; p50: number; p95: number; max: number }[];
}

export function benchLine(line: ProductLine, options: BenchOptions): BenchResult {
  let t = performance.now();
  const compiled = compileLine(line);
  const compileMs = performance.now() - t;

  t = performance.now();
  validDomains(compiled, { choices: [] }, { reasons: false });
  const firstRecomputeMs = performance.now() - t;

  t = performance.now();
  const pairs = pairTableFor(compiled);
  const pairsMs = pairs ? performance.now() - t : null;

  const random = seededRandom(options.seed);
  const samples: number[] = [];
  const cpuSamples: number[] = [];
  const clickOf: number[] = [];
  let finished = 0;
  const warmup = options.warmup ?? 5;
  for (let i = -warmup; i < options.interactions; i++) {
    // Warm-up sequences (i < 0) run the same code but are not recorded.
    const measured = i >= 0;
    const choices: string[] = [];
    for (let step = 0; ; step++) {
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      const domains = validDomains(compiled, { choices }, { reasons: false });
      const elapsed = performance.now() - start;
      const cpu = process.cpuUsage(cpuStart);
      if (measured) {
        samples.push(elapsed);
        cpuSamples.push((cpu.user + cpu.system) / 1000);
        clickOf.push(step);
      }
      if (!domains.consistent) throw new Error(`${line.code}: choosing available values led to an inconsistent configuration`);
      const open = domains.features.flatMap((f) => f.values.filter((v) => v.available && !v.chosen && !v.implied));
      if (open.length === 0) {
        if (measured) finished++;
        break;
      }
      if (step >= options.maxSteps) break;
      choices.push(open[Math.floor(random() * open.length)].code);
    }
  }
  return {
    line: line.code,
    compileMs: round(compileMs),
    firstRecomputeMs: round(firstRecomputeMs),
    pairsMs: pairsMs === null ? null : round(pairsMs),
    interactions: options.interactions,
    recomputes: samples.length,
    finished,
    latencyMs: summary(samples),
    cpuMs: summary(cpuSamples),
    cpuByClick: [
      { click: "1st (no choice yet)", pick: (k: number) => k === 0 },
      { click: "2nd", pick: (k: number) => k === 1 },
      { click: "3rd", pick: (k: number) => k === 2 },
      { click: "4th and later", pick: (k: number) => k >= 3 },
    ]
      .map(({ click, pick }) => {
        const xs = cpuSamples.filter((_, i) => pick(clickOf[i]));
        const { p50, p95, max } = summary(xs);
        return { click, recomputes: xs.length, p50, p95, max };
      })
      .filter((row) => row.recomputes > 0),
  };
}

export function benchJson(results: BenchResult[]): Record<string, unknown> {
  if (results.length === 1) return { ...results[0] };
  const recomputes = results.reduce((s, r) => s + r.recomputes, 0);
  return {
    compileMs: results.reduce((s, r) => s + r.compileMs, 0),
    pairsMs: results.reduce((s, r) => s + (r.pairsMs ?? 0), 0),
    interactions: results.reduce((s, r) => s + r.interactions, 0),
    // Worst line's percentiles: the goal holds for the catalog only if it holds for every line.
    latencyMs: {
      p50: Math.max(...results.map((r) => r.latencyMs.p50)),
      p95: Math.max(...results.map((r) => r.latencyMs.p95)),
      max: Math.max(...results.map((r) => r.latencyMs.max)),
      mean: round(results.reduce((s, r) => s + r.latencyMs.mean * r.recomputes, 0) / Math.max(1, recomputes)),
    },
    cpuMs: {
      p50: Math.max(...results.map((r) => r.cpuMs.p50)),
      p95: Math.max(...results.map((r) => r.cpuMs.p95)),
      max: Math.max(...results.map((r) => r.cpuMs.max)),
      mean: round(results.reduce((s, r) => s + r.cpuMs.mean * r.recomputes, 0) / Math.max(1, recomputes)),
    },
    lines: results,
  };
}

export function benchText(path: string, r: BenchResult): string {
  const l = r.latencyMs;
  const c = r.cpuMs;
  return (
    `${path} [${r.line}]\n` +
    `  compile          ${r.compileMs.toFixed(1)} ms (first recompute ${r.firstRecomputeMs.toFixed(1)} ms)\n` +
    `  pair table       ${r.pairsMs === null ? "none (no tables)" : `${r.pairsMs.toFixed(1)} ms`}\n` +
    `  interactions     ${r.interactions} sequences, ${r.recomputes} recomputes, ${r.finished} ran to the end\n` +
    `  recompute        p50 ${l.p50.toFixed(3)} ms  p95 ${l.p95.toFixed(3)} ms  max ${l.max.toFixed(3)} ms  mean ${l.mean.toFixed(3)} ms\n` +
    `  (CPU time)       p50 ${c.p50.toFixed(3)} ms  p95 ${c.p95.toFixed(3)} ms  max ${c.max.toFixed(3)} ms  mean ${c.mean.toFixed(3)} ms\n` +
    r.cpuByClick
      .map((b) => `    ${`${b.click}:`.padEnd(22)}${String(b.recomputes).padStart(5)} recomputes, CPU p50 ${b.p50.toFixed(3)} ms  p95 ${b.p95.toFixed(3)} ms  max ${b.max.toFixed(3)} ms\n`)
      .join("")
  );
}

/** Percentiles by the nearest-rank method. */
export function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number) => percentile(sorted, p);
  const mean = sorted.reduce((s, x) => s + x, 0) / Math.max(1, sorted.length);
  return { p50: round(rank(50)), p95: round(rank(95)), max: round(sorted[sorted.length - 1] ?? 0), mean: round(mean) };
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;
