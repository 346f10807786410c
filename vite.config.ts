import { vitePlugin as remix } from "@remix-run/dev";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";
import remixOptions from "./remix.config.js";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

/**
 * The browser gets `~/locales/bundled.client.ts` (no strings) where the server gets `bundled.ts` (all of
 * them): a page then fetches only its own language's strings instead of carrying all four in its scripts.
 */
function stringsOnDemandInTheBrowser(): Plugin {
  const clientModule = fileURLToPath(new URL("./app/locales/bundled.client.ts", import.meta.url));
  return {
    name: "atelier:strings-on-demand",
    enforce: "pre",
    resolveId(source, _importer, options) {
      if (source === "~/locales/bundled" && !options?.ssr) return clientModule;
      return null;
    },
  };
}

export default defineConfig({
  // Vitest runs without the Remix plugin (it would try to build routes).
  plugins: [!process.env.VITEST && stringsOnDemandInTheBrowser(), !process.env.VITEST && remix(remixOptions), tsconfigPaths()],
  server: { port: Number(process.env.PORT ?? 3000) },
  build: { target: "es2022" },
  // Web Workers (the configurator's engine off the main thread) are bundled on their own: the
  // same `~/` paths, as ES modules.
  worker: { format: "es", plugins: () => [tsconfigPaths()] },
  ssr: { external: ["@electric-sql/pglite", "@node-rs/argon2", "postgres"] },
  // The dev dependency scanner follows routes into their server-only imports; never pre-bundle these for the browser.
  optimizeDeps: { exclude: ["@electric-sql/pglite", "@node-rs/argon2", "postgres"] },
});
