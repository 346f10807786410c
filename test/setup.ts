import { afterEach, beforeEach, vi } from "vitest";

// jsdom's Blob (the global in `@vitest-environment jsdom` files) has no arrayBuffer(), which every browser and Node
// have; PGlite builds its extension bundles (btree_gin, migration 0032) as Blobs and reads them with it, so tests
// that render pages against the embedded database could not open it. Read jsdom's Blob through its FileReader.
if (typeof Blob !== "undefined" && typeof Blob.prototype.arrayBuffer !== "function" && typeof FileReader !== "undefined") {
  Blob.prototype.arrayBuffer = function arrayBuffer(this: Blob) {
    return new Promise<ArrayBuffer>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as ArrayBuffer);
      reader.onerror = () => reject(reader.error);
      reader.readAsArrayBuffer(this);
    });
  };
}

/** console.error during a test is a failure (STYLE.md): it usually hides a real problem. */
let errors: unknown[][] = [];
beforeEach(() => {
  errors = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    errors.push(args);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  if (errors.length > 0) {
    const first = errors[0].map((a) => (a instanceof Error ? a.stack : String(a))).join(" ");
    throw new Error(`console.error was called ${errors.length} time(s) during the test: ${first}`);
  }
});
