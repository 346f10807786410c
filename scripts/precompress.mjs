/**
 * node scripts/precompress.mjs — run by `npm run build` last.
 *
 * Writes a brotli (.br) and a gzip (.gz) copy beside every text asset of the client build, at
 * the highest levels (done once per build, not per request), so the server sends the smallest
 * copy the browser accepts (express-static-gzip in server.js). A copy that isn't smaller than
 * the original is not written.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const ROOT = "build/client";
const TEXT = /\.(js|mjs|css|html|json|svg|txt|map|xml|webmanifest)$/;

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (TEXT.test(name)) yield path;
  }
}

let count = 0;
let before = 0;
let after = 0;
for (const path of files(ROOT)) {
  const body = readFileSync(path);
  const br = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
  const gz = gzipSync(body, { level: 9 });
  if (br.length < body.length) writeFileSync(`${path}.br`, br);
  if (gz.length < body.length) writeFileSync(`${path}.gz`, gz);
  count++;
  before += body.length;
  after += Math.min(br.length, body.length);
}
console.log(`precompressed ${count} files: ${(before / 1024).toFixed(0)} KiB -> ${(after / 1024).toFixed(0)} KiB with brotli`);
