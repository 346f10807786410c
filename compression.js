/**
 * Compression for the production server (server.js), issue 15: the built assets are served
 * from the brotli / gzip copies the build wrote (scripts/precompress.mjs), the pages and data
 * are compressed as they are sent.
 */
import zlib from "node:zlib";
import compressionMiddleware from "compression";
import expressStaticGzip from "express-static-gzip";

/** Static files from `root`, the smallest precompressed copy the browser accepts first. */
export function precompressedStatic(root, serveStatic) {
  return expressStaticGzip(root, { enableBrotli: true, orderPreference: ["br", "gz"], index: false, serveStatic: { index: false, ...serveStatic } });
}

/**
 * Live updates (server-sent events) must reach the browser as they happen, and a compressor
 * holds bytes back until its buffer fills: they go uncompressed. Everything else as the
 * compression module decides (compressible types, over 1 KB).
 */
function shouldCompress(req, res) {
  const type = String(res.getHeader("Content-Type") ?? "");
  if (type.startsWith("text/event-stream")) return false;
  return compressionMiddleware.filter(req, res);
}

/** Responses compressed as they are sent: a quick brotli level (paid per request, not per build). */
export function compressResponses() {
  return compressionMiddleware({ filter: shouldCompress, brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } } });
}
