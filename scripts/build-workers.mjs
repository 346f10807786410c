/**
 * node scripts/build-workers.mjs — run by `npm run build` after `remix vite:build`.
 *
 * Bundles the worker_threads entries (pure domain code, no Remix) into single
 * files beside the server build, where the server looks for them: a worker
 * runs as its own module graph, outside the Remix bundle (decision 036).
 */
import { build } from "vite";

const WORKERS = [
  { entry: "app/.server/catalog/analysis.worker.ts", out: "catalog-analysis.worker.js" },
  { entry: "app/.server/sequencing/solve.worker.ts", out: "sequencing.worker.js" },
  { entry: "app/.server/picture/picture.worker.ts", out: "picture.worker.js" },
];

for (const { entry, out } of WORKERS) {
  await build({
    configFile: false,
    logLevel: "warn",
    ssr: { noExternal: true, target: "node" },
    build: {
      ssr: entry,
      outDir: "build/server",
      emptyOutDir: false,
      target: "node20",
      minify: false,
      rollupOptions: { output: { entryFileNames: out, format: "es", inlineDynamicImports: true } },
    },
  });
  console.log(`built worker build/server/${out}`);
}
