/**
 * npm run bench:picture — what a product picture costs (decision 050): the
 * first picture in a fresh worker (model geometry built), later pictures of
 * new configurations (not cached), the same picture again (cached), and the
 * PNG's bytes, per line and width. Prints one line per case.
 */
import { clearPictureCache, getProductPicture } from "~/.server/picture/picture.server";
import { canonicalKeys } from "~/scene/picture-url";
import { renderPicture } from "~/scene/picture/render-picture";

const CASES = [
  { model: "sedan", keys: ["paint:tango-red:metallic", "wheel:5-v-spoke-star:20", "lights:matrix", "roof:panoramic", "trim:s-line"] },
  { model: "estate", keys: ["paint:navarra-blue:metallic", "wheel:10-spoke:18", "roof-rails:aluminium", "glass:privacy"] },
  { model: "fridge", keys: ["doors:french", "finish:stainless-steel", "dispenser", "smart-module"] },
];
const PAINTS = ["paint:ibis-white:solid", "paint:mythos-black:metallic", "paint:daytona-grey:pearl"];

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const out = await f();
  return [out, performance.now() - t0];
}

const first = await timed(() => getProductPicture({ model: "sedan", keys: canonicalKeys(CASES[0].keys), view: "front", width: 960 }));
console.log(`first picture in a fresh worker (sedan, 960×540): ${first[1].toFixed(0)} ms`);
for (const width of [480, 960, 1280] as const) {
  for (const c of CASES) {
    const times: number[] = [];
    let bytes = 0;
    for (const paint of PAINTS) {
      const keys = canonicalKeys([...c.keys.filter((k) => !k.startsWith("paint:")), ...(c.model === "fridge" ? [] : [paint])]);
      clearPictureCache();
      const [picture, ms] = await timed(() => getProductPicture({ model: c.model, keys, view: "front", width }));
      times.push(ms);
      bytes = picture.png.byteLength;
    }
    const keys = canonicalKeys(c.keys);
    await getProductPicture({ model: c.model, keys, view: "front", width });
    const [, cachedMs] = await timed(() => getProductPicture({ model: c.model, keys, view: "front", width }));
    times.sort((a, b) => a - b);
    console.log(`${c.model.padEnd(6)} ${String(width).padStart(4)}w: render median ${times[1].toFixed(0)} ms (min ${times[0].toFixed(0)}, max ${times[2].toFixed(0)}), cached ${cachedMs.toFixed(2)} ms, ${(bytes / 1024).toFixed(0)} KiB`);
  }
}
// CPU time (this thread alone, so it reads the same on a loaded machine): the render without the worker and the PNG.
for (const c of CASES) {
  renderPicture(c.model, c.keys, { view: "front", width: 960, height: 540 });
  const cpu: number[] = [];
  for (const paint of PAINTS) {
    const keys = [...c.keys.filter((k) => !k.startsWith("paint:")), paint];
    const before = process.cpuUsage();
    renderPicture(c.model, keys, { view: "front", width: 960, height: 540 });
    const used = process.cpuUsage(before);
    cpu.push((used.user + used.system) / 1000);
  }
  cpu.sort((a, b) => a - b);
  console.log(`${c.model.padEnd(6)}  960w: CPU per render (in process, no PNG) median ${cpu[1].toFixed(0)} ms`);
}
process.exit(0);
