/**
 * The production server's compression (compression.js, used by server.js) on a real express
 * app: precompressed assets in the encoding the client accepts (brotli, then gzip, else as
 * is), pages compressed as they are sent, and live updates (server-sent events) never held
 * back by a compressor.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Server } from "node:http";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compressResponses, precompressedStatic } from "../../../compression.js";

const SCRIPT = `console.log(${JSON.stringify("a fingerprinted asset ".repeat(400))});`;
const PAGE = `<!doctype html><p>${"a page rendered per request ".repeat(200)}</p>`;
let dir: string;
let server: Server;
let base: { host: string; port: number };

/** A raw GET (no client-side decoding): status, headers and the bytes as sent. */
function get(path: string, acceptEncoding?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ ...base, path, headers: acceptEncoding ? { "Accept-Encoding": acceptEncoding } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "atelier-assets-"));
  writeFileSync(join(dir, "app-abc123.js"), SCRIPT);
  writeFileSync(join(dir, "app-abc123.js.br"), brotliCompressSync(SCRIPT));
  writeFileSync(join(dir, "app-abc123.js.gz"), gzipSync(SCRIPT));
  const app = express();
  app.use("/assets", precompressedStatic(dir, { immutable: true, maxAge: "1y" }));
  app.use(compressResponses());
  app.get("/page", (_req, res) => {
    res.type("html").send(PAGE);
  });
  app.get("/events", (_req, res) => {
    res.writeHead(200, { "Content-Type": "text/event-stream; charset=utf-8" });
    res.end(`data: ${"x".repeat(4000)}\n\n`);
  });
  server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  base = { host: "127.0.0.1", port: (server.address() as AddressInfo).port };
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe("compression", () => {
  it("sends an asset's brotli copy to a browser that takes brotli, its gzip copy otherwise, and the file as is to others", async () => {
    const br = await get("/assets/app-abc123.js", "gzip, deflate, br");
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers["content-type"]).toMatch(/javascript/);
    expect(br.headers["cache-control"]).toContain("immutable");
    expect(brotliDecompressSync(br.body).toString()).toBe(SCRIPT);
    expect(br.body.length).toBeLessThan(SCRIPT.length / 10);

    const gz = await get("/assets/app-abc123.js", "gzip");
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.body).toString()).toBe(SCRIPT);

    const plain = await get("/assets/app-abc123.js");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString()).toBe(SCRIPT);
  });

  it("compresses a page as it is sent", async () => {
    const page = await get("/page", "br");
    expect(page.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(page.body).toString()).toBe(PAGE);
    expect((await get("/page")).body.toString()).toBe(PAGE);
  });

  it("never compresses live updates (a compressor would hold events back)", async () => {
    const events = await get("/events", "br, gzip");
    expect(events.headers["content-encoding"]).toBeUndefined();
    expect(events.body.toString()).toMatch(/^data: x+\n\n$/);
  });
});
