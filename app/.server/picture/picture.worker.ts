/**
 * Product pictures off the request thread: a long-lived worker_threads entry
 * that builds the 3D view's model and rasterises it (app/scene/picture) and
 * encodes the PNG, one job at a time. A picture takes a few hundred
 * milliseconds of CPU: on the main thread it would hold every other request
 * for that long. The builders' shared geometry stays warm in the worker
 * between jobs. Bundled like the other workers (scripts/build-workers.mjs,
 * decision 036).
 */
import { parentPort } from "node:worker_threads";
import { encode } from "fast-png";
import { renderPicture, type PictureView } from "../../scene/picture/render-picture";

export interface PictureJob {
  id: number;
  model: string;
  keys: string[];
  view: PictureView;
  width: number;
  height: number;
  supersample: number;
}

export type PictureReply = { id: number; png: Uint8Array; renderMs: number } | { id: number; error: string };

const port = parentPort!;
port.on("message", (job: PictureJob) => {
  try {
    const started = performance.now();
    const raster = renderPicture(job.model, job.keys, { view: job.view, width: job.width, height: job.height, supersample: job.supersample });
    const png = encode({ width: raster.width, height: raster.height, data: raster.data, channels: 4, depth: 8 });
    port.postMessage({ id: job.id, png, renderMs: performance.now() - started } satisfies PictureReply, [png.buffer as ArrayBuffer]);
  } catch (error) {
    port.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) } satisfies PictureReply);
  }
});
