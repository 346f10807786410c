/**
 * The 3D view's pixels, in Chromium (software WebGL here): for every visual
 * key of the demo catalog, switching the key on (or to it, for one-of values
 * such as a paint) changes the picture, and where it should. The scene page
 * (/dev/scene, served to the e2e runner with ATELIER_SCENE_PAGE=1) shows one
 * model with a fixed camera; keys change through a client-side navigation,
 * so each case costs one rebuild and one frame, not a page load.
 *
 * "Where": the changed pixels' centre (the mean position of the pixels that
 * differ) must fall in the case's region of the canvas, given as fractions
 * [x0, y0, x1, y1] of its width and height, for the fixed camera of the case.
 * Each case is also checked against the demo catalog, so a key added to the
 * catalog without a case here fails the test.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { done, launchBrowser, newPage } from "./support";

const W = 448;
const H = 252;
/** Downscaled snapshot size the comparison runs on. */
const SW = 320;
const SH = 180;
/** A channel difference above this counts as changed (rendering is deterministic; this only ignores rounding). */
const CHANNEL = 18;

type Camera = "front" | "side" | "rear" | "interior";
type Region = readonly [number, number, number, number];
interface Case {
  key: string;
  camera: Camera;
  region: Region;
  /** At least this many changed snapshot pixels (of 320×180). */
  min?: number;
}

const WHOLE: Region = [0, 0, 1, 1];
const MIDDLE: Region = [0.2, 0.25, 0.8, 0.8];

const SEDAN_BASE = ["paint:tango-red:metallic", "wheel:5-double-spoke:19", "interior:black:leather", "trim:advanced", "suspension:standard"];
const ESTATE_BASE = ["paint:navarra-blue:metallic", "wheel:5-double-spoke:19", "interior:black:leather", "trim:advanced"];
const FRIDGE_BASE = ["size:91cm", "doors:french", "finish:stainless-steel"];

/** The keys of each product line's values, as the demo catalog has them, by family (one value of a family replaces another). */
const CAR_CASES: Case[] = [
  ...["paint:ibis-white:solid", "paint:brilliant-black:solid", "paint:glacier-white:metallic", "paint:mythos-black:metallic", "paint:floret-silver:metallic", "paint:navarra-blue:metallic", "paint:daytona-grey:pearl"].map(
    (key): Case => ({ key, camera: "side", region: MIDDLE, min: 2000 }),
  ),
  ...["wheel:5-arm:17", "wheel:10-spoke:18", "wheel:5-v-spoke-star:20", "wheel:5-arm-trapezoid:21"].map((key): Case => ({ key, camera: "side", region: [0.1, 0.5, 0.9, 0.95], min: 150 })),
  { key: "suspension:sport", camera: "side", region: MIDDLE, min: 150 },
  { key: "suspension:air", camera: "side", region: MIDDLE, min: 150 },
  ...["interior:atlas-beige:leather", "interior:black:valcona-leather", "interior:okapi-brown:valcona-leather", "interior:black:alcantara", "interior:black:alcantara-red-stitching"].map(
    (key): Case => ({ key, camera: "interior", region: WHOLE, min: 40 }),
  ),
  { key: "trim:base", camera: "side", region: [0.15, 0.2, 0.85, 0.8], min: 60 },
  { key: "trim:s-line", camera: "front", region: [0.1, 0.3, 0.7, 0.9], min: 60 },
  { key: "trim:premium", camera: "side", region: [0.15, 0.3, 0.85, 0.8], min: 20 },
  { key: "mirrors:black", camera: "front", region: [0.1, 0.2, 0.9, 0.7], min: 30 },
  { key: "roof:sunroof", camera: "rear", region: [0.2, 0.1, 0.8, 0.6], min: 60 },
  { key: "roof:panoramic", camera: "rear", region: [0.2, 0.1, 0.8, 0.6], min: 100 },
  { key: "towbar:swivel", camera: "rear", region: [0.3, 0.55, 0.9, 0.95], min: 20 },
  { key: "roof-rails:aluminium", camera: "side", region: [0.15, 0.1, 0.85, 0.5], min: 60 },
  { key: "roof-rails:black", camera: "side", region: [0.15, 0.1, 0.85, 0.5], min: 60 },
  { key: "ambient-lighting", camera: "interior", region: WHOLE, min: 20 },
  { key: "glass:privacy", camera: "rear", region: [0.2, 0.15, 0.85, 0.65], min: 150 },
  { key: "spoiler:lip", camera: "rear", region: [0.3, 0.3, 0.95, 0.7], min: 30 },
  { key: "lights:matrix", camera: "front", region: [0.05, 0.3, 0.95, 0.8], min: 40 },
];

const FRIDGE_CASES: Case[] = [
  { key: "size:60cm", camera: "front", region: MIDDLE, min: 500 },
  { key: "size:75cm", camera: "front", region: MIDDLE, min: 300 },
  ...["doors:bottom-freezer", "doors:side-by-side", "doors:four-door"].map((key): Case => ({ key, camera: "front", region: MIDDLE, min: 100 })),
  ...["finish:snow-white", "finish:black-stainless", "finish:champagne-glass"].map((key): Case => ({ key, camera: "front", region: MIDDLE, min: 1000 })),
  { key: "ice-maker", camera: "interior", region: WHOLE, min: 40 },
  { key: "dispenser", camera: "front", region: MIDDLE, min: 40 },
  { key: "smart-module", camera: "front", region: MIDDLE, min: 20 },
];

/** Family of a key ("paint:x:y" → "paint"); a case replaces the base's key of the same family. */
const family = (key: string) => key.split(":")[0];
function withKey(base: readonly string[], key: string): string[] {
  return [...base.filter((k) => family(k) !== family(key)), key];
}

let browser: Browser;

before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

function sceneUrl(model: string, keys: string[], camera: Camera) {
  return `/dev/scene?model=${model}&keys=${encodeURIComponent(keys.join(","))}&camera=${camera}&w=${W}&h=${H}`;
}

/**
 * Shows these keys and camera (a client-side navigation), waits until that
 * picture's resting frame is drawn (the camera glides between presets at a
 * reduced resolution) and no frame has followed for a while, and keeps a
 * downscaled copy of the canvas in the page under `name`.
 */
async function show(page: Page, model: string, keys: string[], camera: Camera, name: string): Promise<void> {
  await page.evaluate((url) => (window as unknown as { __remixRouter: { navigate: (u: string, o: object) => Promise<void> } }).__remixRouter.navigate(url, { replace: true }), sceneUrl(model, keys, camera));
  const stamp = `${[...keys].sort().join(",")}#${camera}#env`;
  // The resting frame of this picture: camera arrived, full resolution again (not the blurred frames of a glide).
  await page.waitForSelector(`[data-testid="product-scene"][data-drawn="${stamp}"][data-at-rest="true"]`, { timeout: 30_000 });
  await page.evaluate(
    async ([name, sw, sh]) => {
      const scene = document.querySelector<HTMLElement>('[data-testid="product-scene"]')!;
      let frames = scene.dataset.frames;
      for (;;) {
        await new Promise((r) => setTimeout(r, 200));
        if (scene.dataset.frames === frames) break;
        frames = scene.dataset.frames;
      }
      const probe = document.createElement("canvas");
      probe.width = sw;
      probe.height = sh;
      const ctx = probe.getContext("2d", { willReadFrequently: true })!;
      ctx.drawImage(scene.querySelector("canvas")!, 0, 0, sw, sh);
      const w = window as unknown as { __snaps?: Record<string, Uint8ClampedArray> };
      (w.__snaps ??= {})[name] = ctx.getImageData(0, 0, sw, sh).data;
    },
    [name, SW, SH] as const,
  );
}

/** How many pixels differ between two kept pictures, and the mean position of those that do (fractions of the canvas). */
function changedPixels(page: Page, a: string, b: string): Promise<{ count: number; cx: number; cy: number }> {
  return page.evaluate(
    ([a, b, sw, sh, channel]) => {
      const snaps = (window as unknown as { __snaps: Record<string, Uint8ClampedArray> }).__snaps;
      const x = snaps[a];
      const y = snaps[b];
      let count = 0;
      let sx = 0;
      let sy = 0;
      for (let i = 0; i < sw * sh; i++) {
        const o = i * 4;
        if (Math.abs(x[o] - y[o]) > channel || Math.abs(x[o + 1] - y[o + 1]) > channel || Math.abs(x[o + 2] - y[o + 2]) > channel) {
          count++;
          sx += (i % sw) + 0.5;
          sy += Math.floor(i / sw) + 0.5;
        }
      }
      return { count, cx: count ? sx / count / sw : NaN, cy: count ? sy / count / sh : NaN };
    },
    [a, b, SW, SH, CHANNEL] as const,
  );
}

async function runCases(model: string, base: string[], cases: Case[]) {
  const { context, page } = await newPage(browser, { viewport: { width: 900, height: 600 } });
  await context.addInitScript({ content: "window.__name = (f) => f;" });
  await page.goto(sceneUrl(model, base, cases[0].camera), { timeout: 60_000 });
  await page.waitForSelector('[data-testid="product-scene"][data-state="ready"]', { timeout: 60_000 });
  const failures: string[] = [];
  const report: string[] = [];
  // Grouped by camera, so the base picture of each camera is taken once.
  for (const camera of ["front", "side", "rear", "interior"] as const) {
    const here = cases.filter((c) => c.camera === camera);
    if (!here.length) continue;
    await show(page, model, base, camera, `base:${camera}`);
    for (const c of here) {
      await show(page, model, withKey(base, c.key), camera, c.key);
      const diff = await changedPixels(page, `base:${camera}`, c.key);
      const [x0, y0, x1, y1] = c.region;
      const inside = diff.cx >= x0 && diff.cx <= x1 && diff.cy >= y0 && diff.cy <= y1;
      report.push(`${model} ${c.key} @${camera}: ${diff.count} px changed, centre (${diff.cx.toFixed(2)}, ${diff.cy.toFixed(2)})`);
      if (diff.count < (c.min ?? 20)) failures.push(`${c.key} (${camera}): only ${diff.count} pixels changed`);
      else if (!inside) failures.push(`${c.key} (${camera}): the change is centred at (${diff.cx.toFixed(2)}, ${diff.cy.toFixed(2)}), outside [${c.region.join(", ")}]`);
    }
  }
  if (process.env.SCENE_PIXELS_REPORT) console.log(report.join("\n"));
  await done(context);
  assert.deepEqual(failures, [], `keys that don't show where they should:\n${failures.join("\n")}`);
}

describe("3D view pixels: every visual key of the demo catalog shows", { timeout: 240_000 }, () => {
  it("covers every visual key of the demo catalog", () => {
    const catalog = JSON.parse(readFileSync(join(import.meta.dirname, "../db/catalog/demo.json"), "utf8")) as {
      productLines: { visualModel?: string; features: { values: { visualKey?: string }[] }[] }[];
    };
    const tested = new Set([...SEDAN_BASE, ...ESTATE_BASE, ...FRIDGE_BASE, ...CAR_CASES.map((c) => c.key), ...FRIDGE_CASES.map((c) => c.key)]);
    const missing = new Set<string>();
    for (const line of catalog.productLines)
      for (const f of line.features) for (const v of f.values ?? []) if (v.visualKey && !tested.has(v.visualKey)) missing.add(v.visualKey);
    assert.deepEqual([...missing], []);
  });

  it("sedan: each key changes the picture where it should", async () => {
    await runCases("sedan", SEDAN_BASE, CAR_CASES);
  });

  it("estate: the options it is sold with show on it too", async () => {
    const estateKeys = new Set(["glass:privacy", "roof-rails:aluminium", "roof-rails:black", "roof:panoramic", "towbar:swivel", "mirrors:black", "paint:ibis-white:solid", "wheel:5-v-spoke-star:20"]);
    await runCases("estate", ESTATE_BASE, CAR_CASES.filter((c) => estateKeys.has(c.key)));
  });

  it("refrigerator: size, doors, finish, ice maker, dispenser and smart module show", async () => {
    await runCases("fridge", FRIDGE_BASE, FRIDGE_CASES);
  });
});
