/**
 * npm run bench:scene [-- --runs N] [--build] [--json]
 *
 * The 3D view alone, in headless Chromium (/usr/bin/chromium, GPU off: on
 * this machine WebGL is SwiftShader, a CPU rasteriser) against the
 * production build, on the scene page (/dev/scene, served because the
 * server runs with ATELIER_SCENE_PAGE=1) at the configurator's size:
 *
 * 1. First frame: from the scene component's mount (its chunk loaded) to the
 *    first frame with the model on the canvas (data-state="ready"), and from
 *    navigation start; each run in a fresh browser context, so nothing is
 *    cached but the HTTP cache of the process. With the time spent in the
 *    parts the scene marks (performance marks "scene:*": model build,
 *    environment map, shader compile, first render).
 * 2. Orbit: requestAnimationFrame deltas while the pointer drags across the
 *    canvas for three seconds (p50 / p95), and the canvas's drawing buffer
 *    against its CSS size at rest.
 *
 * Printed figures, not a gate.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { startServer, stopServer } from "./lib/server";
import { percentile } from "./lib/stats";
import { orbitFrameTimes } from "./lib/orbit";

const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
/** The configurator's stage at 1280 px wide. */
const SIZE = { w: 770, h: 358 };
const KEYS = ["paint:tango-red:metallic", "wheel:5-double-spoke:19", "interior:black:leather", "trim:advanced"];

function argValue(argv: string[], name: string, fallback: number): number {
  const i = argv.indexOf(name);
  const n = i >= 0 ? Number(argv[i + 1]) : fallback;
  if (!Number.isInteger(n) || n <= 0) {
    console.error(`error: ${name} needs a positive whole number`);
    process.exit(2);
  }
  return n;
}

interface FirstFrame {
  fromMountMs: number;
  fromNavigationMs: number;
  marks: Record<string, number>;
  renderer: string;
  programs: string[];
}

async function firstFrame(browser: Browser, baseUrl: string, model: string): Promise<FirstFrame> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 800 } });
  await context.addInitScript({ content: "window.__name = (f) => f;" });
  const page = await context.newPage();
  await page.goto(`/dev/scene?model=${model}&keys=${encodeURIComponent(KEYS.join(","))}&w=${SIZE.w}&h=${SIZE.h}`, { timeout: 120_000 });
  await page.waitForSelector('[data-testid="product-scene"][data-state="ready"]', { timeout: 120_000 });
  const result = await page.evaluate(() => {
    const marks = Object.fromEntries(performance.getEntriesByType("measure").filter((e) => e.name.startsWith("scene:")).map((e) => [e.name, e.duration]));
    const mount = performance.getEntriesByName("scene:mount")[0]?.startTime ?? NaN;
    const ready = performance.getEntriesByName("scene:ready")[0]?.startTime ?? NaN;
    const el = document.querySelector('[data-testid="scene-preview"]') as HTMLElement;
    const programs = (performance.getEntriesByName("scene:programs")[0] as PerformanceMark | undefined)?.detail as string[] | undefined;
    marks["scene:programs (count)"] = programs?.length ?? NaN;
    (window as Window & { __programs?: string[] }).__programs = programs;
    return { fromMountMs: ready - mount, fromNavigationMs: ready, marks, renderer: el.dataset.renderer ?? "", programs: programs ?? [] };
  });
  await context.close();
  return result;
}

async function orbit(browser: Browser, baseUrl: string) {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 800 } });
  await context.addInitScript({ content: "window.__name = (f) => f;" });
  const page: Page = await context.newPage();
  await page.goto(`/dev/scene?model=sedan&keys=${encodeURIComponent(KEYS.join(","))}&w=${SIZE.w}&h=${SIZE.h}`, { timeout: 120_000 });
  await page.waitForSelector('[data-testid="product-scene"][data-state="ready"]', { timeout: 120_000 });
  await page.waitForTimeout(500);
  const canvas = page.locator('[data-testid="product-scene"] canvas');
  const atRest = await canvas.evaluate((c: HTMLCanvasElement) => ({ buffer: `${c.width}×${c.height}`, css: `${c.clientWidth}×${c.clientHeight}`, dpr: window.devicePixelRatio }));
  const frames = await orbitFrameTimes(page, canvas);
  await context.close();
  const sorted = frames.slice(2).sort((a, b) => a - b);
  return { atRest, frames: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), fps: 1000 / percentile(sorted, 50) };
}

async function main() {
  const argv = process.argv.slice(2);
  const runs = argValue(argv, "--runs", 3);
  const root = resolve(import.meta.dirname, "..");
  if (argv.includes("--build") || !existsSync(join(root, "build/server/index.js"))) {
    const built = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
    if (built.status !== 0) process.exit(built.status ?? 1);
  }
  const dataRoot = mkdtempSync(join(tmpdir(), "atelier-bench-scene-"));
  const { baseUrl, server } = await startServer(root, {
    env: { PGLITE_DIR: join(dataRoot, "pglite"), DATA_DIR: join(dataRoot, "data"), NODE_ENV: "production", ATELIER_SCENE_PAGE: "1" },
    unset: ["DATABASE_URL"],
    host: "localhost",
    stderrTail: 2000,
  });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS });
  try {
    const load = loadavg().map((l) => Number(l.toFixed(1)));
    const results: Record<string, FirstFrame[]> = {};
    for (const model of ["sedan", "fridge"]) {
      results[model] = [];
      for (let r = 0; r < runs; r++) results[model].push(await firstFrame(browser, baseUrl, model));
    }
    const orbitResult = await orbit(browser, baseUrl);
    const summary = {
      loadAverage: load,
      size: SIZE,
      renderer: results.sedan[0]?.renderer,
      firstFrame: Object.fromEntries(
        Object.entries(results).map(([model, rs]) => {
          const from = rs.map((r) => r.fromMountMs).sort((a, b) => a - b);
          const marks: Record<string, number> = {};
          for (const name of new Set(rs.flatMap((r) => Object.keys(r.marks)))) marks[name] = percentile(rs.map((r) => r.marks[name] ?? 0).sort((a, b) => a - b), 50);
          return [model, { runsMs: rs.map((r) => Math.round(r.fromMountMs)), medianMs: percentile(from, 50), fromNavigationMedianMs: percentile(rs.map((r) => r.fromNavigationMs).sort((a, b) => a - b), 50), medianParts: marks }];
        }),
      ),
      orbit: orbitResult,
    };
    if (argv.includes("--json")) {
      console.log(JSON.stringify(summary, null, 2));
      return;
    }
    const ms = (n: number) => `${Math.round(n)} ms`;
    console.log(`bench:scene — production build, headless Chromium, renderer "${summary.renderer}", ${SIZE.w}×${SIZE.h} CSS px, load average ${load.join(" / ")}`);
    for (const [model, f] of Object.entries(summary.firstFrame)) {
      console.log(`First frame, ${model}: median ${ms(f.medianMs)} from the scene's mount (runs ${f.runsMs.join(", ")} ms), ${ms(f.fromNavigationMedianMs)} from navigation start`);
      for (const [name, d] of Object.entries(f.medianParts)) console.log(`  ${name.padEnd(28)} ${name.includes("count") ? d : ms(d)}`);
      if (argv.includes("--programs")) console.log(`  programs: ${results[model][0]?.programs.join(", ")}`);
    }
    const o = summary.orbit;
    console.log(`Orbit (sedan, 3 s drag): ${o.frames} frames, frame time p50 ${ms(o.p50)}, p95 ${ms(o.p95)} (~${o.fps.toFixed(1)} fps); at rest the drawing buffer is ${o.atRest.buffer} for ${o.atRest.css} CSS px at devicePixelRatio ${o.atRest.dpr}`);
  } finally {
    await browser.close();
    await stopServer(server);
    rmSync(dataRoot, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
