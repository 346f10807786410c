import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";
import remixOptions from "./remix.config.js";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  // Vitest runs without the Remix plugin (it would try to build routes).
  plugins: [!process.env.VITEST && remix(remixOptions), tsconfigPaths()],
  server: { port: Number(process.env.PORT ?? 3000) },
  build: { target: "es2022" },
  // Web Workers (the configurator's engine off the main thread) are bundled on their own: the
  // same `~/` paths, as ES modules.
  worker: { format: "es", plugins: () => [tsconfigPaths()] },
  ssr: { external: ["@electric-sql/pglite", "@node-rs/argon2", "postgres"] },
  // The dev dependency scanner follows routes into their server-only imports; never pre-bundle these for the browser.
  optimizeDeps: { exclude: ["@electric-sql/pglite", "@node-rs/argon2", "postgres"] },
});
