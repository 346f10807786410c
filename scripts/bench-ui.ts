/**
 * npm run bench:ui [-- --clicks N] [--seed S] [--build] [--json] [--only js,clicks,clicks3d,orbit]
 *
 * The configurator in Chromium against the production build (built first
 * when build/ is missing, or with --build), served by server.js on a free
 * port with a throw-away embedded database:
 *
 * 1. Click → screen: time from a click on a value of the sedan to the updated
 *    price and availability in the DOM, and to the next frame after it (what
 *    the customer sees). Seeded random clicks on available values over all
 *    steps; p50/p95/max. Measured twice in Chromium with WebGL: as the page
 *    comes by default ("clicks": on a software renderer such as this
 *    machine's SwiftShader that is the still picture, with a "Show 3D view"
 *    button), and with the 3D view forced on through that button ("clicks3d").
 * 2. JavaScript before the page is interactive: every script the browser
 *    loaded before hydration (html[data-hydrated]), bytes as served and
 *    gzipped; and a check that three.js is in none of them (it must arrive
 *    later, in the lazy 3D chunk).
 * 3. Frame time while orbiting the 3D view (forced on where the page offers
 *    the still picture): requestAnimationFrame deltas while
 *    the pointer drags across the canvas.
 *
 * Printed figures, not a gate: the exit status is 0 unless something broke
 * (three.js in the initial scripts counts as broken).
 */
import { spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type Browser, type Page } from "playwright-core";
import { seededRandom } from "~/domain/random";
import { orbitFrameTimes } from "./lib/orbit";
import { startServer, stopServer } from "./lib/server";
import { percentile } from "./lib/stats";

const LINE = "sedan-a6l";
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

const SECTIONS = ["js", "clicks", "clicks3d", "orbit"] as const;
type Section = (typeof SECTIONS)[number];

interface Options {
  only: Set<Section>;
  clicks: number;
  seed: number;
  build: boolean;
  json: boolean;
}

function parseArgs(argv: string[]): Options {
  const value = (name: string, fallback: number) => {
    const i = argv.indexOf(name);
    if (i < 0) return fallback;
    const n = Number(argv[i + 1]);
    if (!Number.isInteger(n) || n <= 0) {
      console.error(`error: ${name} needs a positive whole number`);
      process.exit(2);
    }
    return n;
  };
  const i = argv.indexOf("--only");
  const only = new Set((i >= 0 ? (argv[i + 1] ?? "").split(",") : [...SECTIONS]) as Section[]);
  if ([...only].some((o) => !SECTIONS.includes(o))) {
    console.error(`error: --only takes a comma-separated list of ${SECTIONS.join(", ")}`);
    process.exit(2);
  }
  return { only, clicks: value("--clicks", 100), seed: value("--seed", 1), build: argv.includes("--build"), json: argv.includes("--json") };
}

function stats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1] ?? NaN };
}

/** The production server with a throw-away embedded database under a new temporary folder. */
async function startUiServer(root: string): Promise<{ baseUrl: string; server: ChildProcess; dataRoot: string }> {
  const dataRoot = mkdtempSync(join(tmpdir(), "atelier-bench-ui-"));
  const { baseUrl, server } = await startServer(root, {
    env: { PGLITE_DIR: join(dataRoot, "pglite"), DATA_DIR: join(dataRoot, "data"), NODE_ENV: "production" },
    unset: ["DATABASE_URL"], // always a throw-away embedded database
    host: "localhost",
    stderrTail: 2000,
  });
  return { baseUrl, server, dataRoot };
}

/** A fresh browser context; tsx keeps function names with a `__name` helper that page.evaluate'd code needs too. */
async function newContext(browser: Browser, baseUrl: string) {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 800 } });
  await context.addInitScript({ content: "window.__name = (f) => f;" });
  return context;
}

async function openConfigurator(page: Page) {
  // Generous waits: on a shared 2-core machine the lazy 3D chunk's first frame (shader compiles in software) can hold the page.
  await page.goto(`/configure/${LINE}`, { timeout: 120_000 });
  await page.waitForSelector("html[data-hydrated]", { state: "attached", timeout: 120_000 });
  await page.waitForSelector('[data-testid="configurator"]', { timeout: 120_000 });
}

/**
 * One click on a value, timed in the page: "dom" when a mutation observer
 * first sees the value's new state or the new total (React commits in a
 * microtask after the click event), "frame" after the next animation frame
 * has been produced, i.e. when the customer sees it.
 */
async function timedClick(page: Page, code: string): Promise<{ dom: number; frame: number; changed: boolean }> {
  return page.evaluate(async (c) => {
    const item = document.querySelector<HTMLLIElement>(`li[data-code="${c}"]`)!;
    const button = item.querySelector<HTMLButtonElement>(".value__choose")!;
    const total = document.querySelector('[data-testid="price-total"]')!;
    const state = () => `${item.dataset.state}|${total.textContent}`;
    const before = state();
    let domAt = NaN;
    const check = () => {
      if (Number.isNaN(domAt) && state() !== before) domAt = performance.now();
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    const t0 = performance.now();
    button.click();
    check();
    await new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const frame = performance.now() - t0;
    check();
    observer.disconnect();
    return { dom: domAt - t0, frame, changed: !Number.isNaN(domAt) };
  }, code);
}

interface SceneInfo {
  /** The renderer's name as WebGL reports it (unmasked when the browser reveals it), null without WebGL. */
  rendererName: string | null;
  /** How the page classified it: "software", "hardware" or "none" (scene-preview's data-renderer). */
  renderer: string;
  /** What the page showed by default, before any button: "still" or "3d". */
  defaultView: string;
}

/**
 * Waits for the page's renderer probe (after hydration, when idle) and, with force3d, mounts the 3D view
 * through the "Show 3D view" button where the page offers it (software renderer), then waits for its first frame.
 */
async function sceneView(page: Page, force3d: boolean): Promise<SceneInfo> {
  await page.waitForSelector('[data-testid="scene-preview"]:not([data-renderer="unknown"])', { timeout: 180_000 });
  const preview = page.getByTestId("scene-preview");
  const renderer = (await preview.getAttribute("data-renderer")) ?? "?";
  const defaultView = (await preview.getAttribute("data-view")) ?? "?";
  const rendererName = await page.evaluate(() => {
    const gl = document.createElement("canvas").getContext("webgl");
    if (!gl) return null;
    const info = gl.getExtension("WEBGL_debug_renderer_info");
    const name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension("WEBGL_lose_context")?.loseContext();
    return name;
  });
  if (force3d) {
    const show = page.locator('[data-testid="scene-view-toggle"][data-view-target="3d"]');
    if (await show.count()) await show.click();
    await page.waitForSelector('[data-testid="product-scene"][data-state="ready"]', { timeout: 180_000 });
  }
  return { rendererName, renderer, defaultView };
}

async function clickLatency(browser: Browser, baseUrl: string, options: Options, force3d: boolean) {
  const context = await newContext(browser, baseUrl);
  const page = await context.newPage();
  await openConfigurator(page);
  const scene = await sceneView(page, force3d);
  const view = (await page.getByTestId("scene-preview").getAttribute("data-view")) ?? "?";
  const steps = await page.locator('[role="tab"]').evaluateAll((tabs) => tabs.map((t) => (t as HTMLElement).dataset.step!).filter((s) => s !== "summary" && s !== "personalization"));
  const next = seededRandom(options.seed);
  const dom: number[] = [];
  const frame: number[] = [];
  let unchanged = 0;
  const warmUp = 10;
  for (let i = 0; i < options.clicks + warmUp; i++) {
    const step = steps[Math.floor(next() * steps.length)];
    await page.locator(`#step-tab-${step}`).click();
    await page.waitForSelector(`#step-panel[data-step="${step}"]`);
    // Available values, and chosen ones of multiple-choice features (a click takes them back).
    const candidates = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLLIElement>("#step-panel li.value")]
        .filter((li) => li.dataset.state === "available" || (li.dataset.state === "chosen" && li.closest(".values--multiple")))
        .map((li) => li.dataset.code!),
    );
    if (candidates.length === 0) continue;
    const code = candidates[Math.floor(next() * candidates.length)];
    const timing = await timedClick(page, code);
    if (i < warmUp) continue;
    if (!timing.changed) {
      unchanged++;
      continue;
    }
    dom.push(timing.dom);
    frame.push(timing.frame);
    // A click can open nothing modal here (only available values), but be safe.
    if (await page.getByRole("dialog").count()) await page.keyboard.press("Escape");
  }
  await context.close();
  return { dom: stats(dom), frame: stats(frame), unchanged, scene, view };
}

interface ScriptEntry {
  url: string;
  bytes: number;
  gzip: number;
  /** The body as the server sent it to Chromium (encodedBodySize: after the server's compression). */
  wire: number;
  three: boolean;
}

async function initialJavaScript(browser: Browser, baseUrl: string) {
  const context = await newContext(browser, baseUrl);
  const page = await context.newPage();
  // The moment hydration finished: root's effect sets html[data-hydrated].
  // (The document exists when init scripts run; its <html> element may not yet.)
  await page.addInitScript(() => {
    const w = window as Window & { __hydratedAt?: number };
    new MutationObserver((_, observer) => {
      if (document.documentElement?.dataset.hydrated) {
        w.__hydratedAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { attributes: true, subtree: true, attributeFilter: ["data-hydrated"] });
  });
  await openConfigurator(page);
  await page.waitForLoadState("networkidle");
  // On a software renderer the page shows the still picture and loads no three.js until asked:
  // ask (the "Show 3D view" button), so the check below sees three.js arrive in its lazy chunk.
  await sceneView(page, true).catch(() => undefined);
  await page.waitForLoadState("networkidle");
  const { hydratedAt, entries } = await page.evaluate(() => ({
    hydratedAt: (window as Window & { __hydratedAt?: number }).__hydratedAt ?? NaN,
    entries: performance
      .getEntriesByType("resource")
      .map((e) => e as PerformanceResourceTiming)
      // Scripts, and the page language's strings (a JSON asset the page needs before it hydrates).
      .filter((e) => /\.js$|^\/assets\/.*\.json$/.test(new URL(e.name).pathname))
      .map((e) => ({ url: e.name, startTime: e.startTime, responseEnd: e.responseEnd, wire: e.encodedBodySize })),
  }));
  await context.close();
  const fetchScript = async (url: string, wire: number): Promise<ScriptEntry> => {
    const body = Buffer.from(await (await fetch(url, { headers: { "Accept-Encoding": "identity" } })).arrayBuffer());
    // three.js's renderer class: present in any bundle that carries three.
    return { url: new URL(url).pathname, bytes: body.length, gzip: gzipSync(body).length, wire, three: body.includes("WebGLRenderer") };
  };
  const initial = await Promise.all(entries.filter((e) => e.startTime <= hydratedAt).map((e) => fetchScript(e.url, e.wire)));
  const later = await Promise.all(entries.filter((e) => e.startTime > hydratedAt).map((e) => fetchScript(e.url, e.wire)));
  return { hydratedAtMs: hydratedAt, initial, later };
}

async function orbitFrames(browser: Browser, baseUrl: string) {
  const context = await newContext(browser, baseUrl);
  const page = await context.newPage();
  await openConfigurator(page);
  await sceneView(page, true);
  const canvas = page.locator('[data-testid="product-scene"] canvas');
  const frames = await orbitFrameTimes(page, canvas);
  await context.close();
  const s = stats(frames);
  const mean = frames.reduce((a, b) => a + b, 0) / Math.max(1, frames.length);
  return { ...s, fps: 1000 / mean };
}

const fmt = (ms: number) => (Number.isFinite(ms) ? `${ms.toFixed(1)} ms` : "—");
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const root = resolve(import.meta.dirname, "..");
  if (options.build || !existsSync(join(root, "build/server/index.js"))) {
    console.error("bench:ui: building (remix vite:build)…");
    const built = spawnSync("npx", ["remix", "vite:build"], { cwd: root, stdio: "inherit" });
    if (built.status !== 0) process.exit(built.status ?? 1);
  }
  const { baseUrl, server, dataRoot } = await startUiServer(root);
  const launch = (args: string[]) => chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", headless: true, args });
  const webgl = await launch(CHROMIUM_ARGS);
  let failed = false;
  try {
    const load = (await import("node:os")).loadavg();
    const run = async <T>(section: Section, what: string, fn: () => Promise<T>): Promise<T | null> => {
      if (!options.only.has(section)) return null;
      console.error(`bench:ui: ${what}…`);
      return fn();
    };
    const js = (await run("js", "initial JavaScript", () => initialJavaScript(webgl, baseUrl))) ?? { hydratedAtMs: NaN, initial: [], later: [] };
    const latencyDefault = await run("clicks", "clicks with the page as it comes by default", () => clickLatency(webgl, baseUrl, options, false));
    const latency3d = await run("clicks3d", "clicks with the 3D view forced on", () => clickLatency(webgl, baseUrl, options, true));
    const scene = latencyDefault?.scene ?? latency3d?.scene;
    const orbit = await run("orbit", "orbiting the 3D view", () => orbitFrames(webgl, baseUrl));
    const initialBytes = js.initial.reduce((s, e) => s + e.bytes, 0);
    const initialGzip = js.initial.reduce((s, e) => s + e.gzip, 0);
    const initialWire = js.initial.reduce((s, e) => s + e.wire, 0);
    const threeInitial = js.initial.filter((e) => e.three);
    const threeLater = js.later.filter((e) => e.three);
    failed = options.only.has("js") && (threeInitial.length > 0 || threeLater.length === 0);
    const result = {
      line: LINE,
      clicks: options.clicks,
      seed: options.seed,
      loadAverage: load.map((l) => Number(l.toFixed(1))),
      renderer: scene ? { name: scene.rendererName, class: scene.renderer, defaultView: scene.defaultView } : null,
      clickToScreen: { byDefault: latencyDefault, forced3d: latency3d },
      initialJavaScript: {
        hydratedAtMs: js.hydratedAtMs,
        scripts: js.initial.length,
        bytes: initialBytes,
        gzipBytes: initialGzip,
        wireBytes: initialWire,
        threeInInitial: threeInitial.map((e) => e.url),
        loadedLater: js.later.map((e) => ({ url: e.url, bytes: e.bytes, gzipBytes: e.gzip, three: e.three })),
      },
      orbitFrames: orbit,
    };
    if (options.json) {
      console.log(JSON.stringify(result, null, 2));
    } else {
      console.log(`bench:ui — ${LINE}, production build, Chromium, load average ${result.loadAverage.join(" / ")}`);
      if (scene) console.log(`Renderer: ${scene.rendererName ?? "no WebGL"} → classified "${scene.renderer}"; the page shows by default: ${scene.defaultView === "3d" ? "the 3D view" : "the still picture"}`);
      console.log("");
      console.log(`Click → updated price and availability (${options.clicks} seeded clicks, seed ${options.seed}; goal p95 < 50 ms on screen)`);
      for (const [label, r] of [
        ["default", latencyDefault],
        ["3D view forced", latency3d],
      ] as const) {
        if (!r) continue;
        console.log(
          `  ${`${label} (${r.view === "3d" ? "3D view" : "still picture"})`.padEnd(32)} DOM p50 ${fmt(r.dom.p50)}, p95 ${fmt(r.dom.p95)}, max ${fmt(r.dom.max)} | on screen (next frame) p50 ${fmt(r.frame.p50)}, p95 ${fmt(r.frame.p95)}, max ${fmt(r.frame.max)}${r.unchanged ? ` | ${r.unchanged} clicks changed nothing` : ""}`,
        );
      }
      console.log("");
      if (options.only.has("js")) {
        console.log(`JavaScript (and the page's strings) before the page is interactive (hydrated at ${fmt(js.hydratedAtMs)}): ${js.initial.length} files, ${kb(initialBytes)} (${kb(initialGzip)} gzipped), ${kb(initialWire)} on the wire as served`);
        for (const e of [...js.initial].sort((a, b) => b.bytes - a.bytes))
          console.log(`  ${kb(e.bytes).padStart(10)} ${kb(e.gzip).padStart(10)} gz ${kb(e.wire).padStart(10)} served  ${e.url}${e.three ? "  <-- three.js!" : ""}`);
        console.log(`  three.js in the initial scripts: ${threeInitial.length ? `YES (${threeInitial.map((e) => e.url).join(", ")})` : "no"}`);
        console.log(`  loaded after hydration: ${js.later.map((e) => `${e.url} ${kb(e.bytes)}${e.three ? " (three.js)" : ""}`).join(", ") || "nothing"}`);
        console.log("");
      }
      if (orbit) console.log(`3D view while orbiting (${orbit.n} frames): frame time p50 ${fmt(orbit.p50)}, p95 ${fmt(orbit.p95)}, max ${fmt(orbit.max)}, ${orbit.fps.toFixed(1)} fps`);
      if (failed) console.log("\nFAILED: three.js must not be in the initial scripts, and must arrive in a lazy chunk");
    }
  } finally {
    await webgl.close();
    await stopServer(server);
    rmSync(dataRoot, { recursive: true, force: true });
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
