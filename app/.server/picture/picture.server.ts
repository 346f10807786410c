/**
 * Pictures of configurations, rendered in a worker thread and cached by what
 * they show (model, visual keys, view, width) in a byte-bounded LRU. The same
 * picture asked for twice at once is rendered once. When more pictures wait
 * than the worker can draw soon, `PictureBusyError` lets the route answer 503
 * rather than queue without end. Decision 050.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { pictureHeight } from "~/scene/picture-url";
import type { PictureView } from "~/scene/picture/render-picture";
import type { PictureJob, PictureReply } from "./picture.worker";

export interface PictureRequest {
  /** The line's visual model ("sedan", "estate", "fridge", …). */
  model: string;
  /** Canonical visual keys (see canonicalKeys). */
  keys: readonly string[];
  view: PictureView;
  width: number;
}

export interface Picture {
  png: Uint8Array<ArrayBuffer>;
  /** A strong ETag of the bytes, quoted. */
  etag: string;
}

export class PictureBusyError extends Error {
  constructor() {
    super("too many pictures are being drawn; try again shortly");
  }
}

/** Most pictures waiting for the worker; more → PictureBusyError. */
const MAX_PENDING = 16;
/** What the cache may hold: a 960-wide picture is ~100–200 KB. */
const CACHE_BYTES = 48 * 1024 * 1024;

const cache = new Map<string, Picture>();
let cachedBytes = 0;
const inflight = new Map<string, Promise<Picture>>();

function remember(key: string, picture: Picture): void {
  cache.set(key, picture);
  cachedBytes += picture.png.byteLength;
  // A Map iterates in insertion order: the first key is the least recently used.
  for (const [oldest, p] of cache) {
    if (cachedBytes <= CACHE_BYTES) break;
    cache.delete(oldest);
    cachedBytes -= p.png.byteLength;
  }
}

function recall(key: string): Picture | undefined {
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
  }
  return hit;
}

let worker: Worker | null = null;
let nextId = 1;
const waiting = new Map<number, { resolve: (png: Uint8Array<ArrayBuffer>) => void; reject: (e: Error) => void }>();

function spawn(): Worker {
  // Names in variables: Vite must not treat these URLs as assets of the server bundle.
  const bundled = "picture.worker.js";
  for (const candidate of [`../${bundled}`, `./${bundled}`]) {
    const built = new URL(candidate, import.meta.url);
    if (built.protocol === "file:" && existsSync(fileURLToPath(built))) return new Worker(built);
  }
  const boot = "picture-worker.dev.mjs";
  const source = "picture.worker.ts";
  return new Worker(new URL(boot, import.meta.url), { workerData: { entry: new URL(source, import.meta.url).href } });
}

function getWorker(): Worker {
  if (worker) return worker;
  const w = spawn();
  // An idle picture worker must not keep the process (or a test run) alive.
  w.unref();
  w.on("message", (reply: PictureReply) => {
    const job = waiting.get(reply.id);
    if (!job) return;
    waiting.delete(reply.id);
    if ("error" in reply) job.reject(new Error(`picture failed: ${reply.error}`));
    else job.resolve(new Uint8Array(reply.png.buffer as ArrayBuffer, reply.png.byteOffset, reply.png.byteLength));
  });
  const fail = (error: Error) => {
    if (worker === w) worker = null;
    for (const job of waiting.values()) job.reject(error);
    waiting.clear();
  };
  w.on("error", fail);
  w.on("exit", (code) => fail(new Error(`the picture worker stopped (exit code ${code})`)));
  worker = w;
  return w;
}

function draw(request: PictureRequest): Promise<Uint8Array<ArrayBuffer>> {
  if (waiting.size >= MAX_PENDING) return Promise.reject(new PictureBusyError());
  const id = nextId++;
  const job: PictureJob = {
    id,
    model: request.model,
    keys: [...request.keys],
    view: request.view,
    width: request.width,
    height: pictureHeight(request.width),
    // Small pictures are seen at small sizes where jagged edges show most: more samples, still cheap.
    supersample: request.width <= 480 ? 3 : 2,
  };
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    getWorker().postMessage(job);
  });
}

function cacheKey(r: PictureRequest): string {
  return JSON.stringify([r.model, r.view, r.width, r.keys]);
}

/** The picture, from the cache or drawn now; `cached` says which. */
export async function getProductPicture(request: PictureRequest): Promise<Picture & { cached: boolean }> {
  const key = cacheKey(request);
  const hit = recall(key);
  if (hit) return { ...hit, cached: true };
  let pending = inflight.get(key);
  if (!pending) {
    pending = draw(request).then((png) => {
      const picture = { png, etag: `"${createHash("sha256").update(png).digest("base64url").slice(0, 32)}"` };
      remember(key, picture);
      return picture;
    });
    inflight.set(key, pending);
    void pending.finally(() => inflight.delete(key)).catch(() => {});
  }
  return { ...(await pending), cached: false };
}

/** Empties the cache (tests and benchmarks measure cold renders). */
export function clearPictureCache(): void {
  cache.clear();
  cachedBytes = 0;
}
