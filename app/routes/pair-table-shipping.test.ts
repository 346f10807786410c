/**
 * Every page that runs the configurator in the browser ships the line's pair table with the
 * line (decision 033): without it, a customer's or dealer's second click on a line with tables
 * builds the table in the tab (Renault: 3 s, 12 s under load). And each recomputes large lines
 * in a Web Worker (OFF_THREAD_FROM_VALUES), starting from the server's answer. A page runs the configurator in
 * the browser when its loader hands the compiled line to the engine (`rememberCompiled`).
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const routes = path.resolve(__dirname);
const configuratorPages = fs
  .readdirSync(routes)
  .filter((f) => /\.tsx?$/.test(f) && !f.includes(".test."))
  .filter((f) => fs.readFileSync(path.join(routes, f), "utf8").includes("rememberCompiled("));

describe("pages that configure in the browser", () => {
  it("are found (the customer's configurator and the dealer's quote editor at least)", () => {
    expect(configuratorPages).toEqual(expect.arrayContaining(["configure.$line._index.tsx", "dealer.quotes.new.$line.tsx", "dealer.quotes.$number.edit.tsx"]));
  });

  it.each(configuratorPages)("%s sends the pair table built on the server and adopts it before compiling", (file) => {
    const source = fs.readFileSync(path.join(routes, file), "utf8");
    expect(source).toMatch(/pairTable: shippedPairTable\(loaded\)/);
    expect(source).toMatch(/rememberPairTable\(data\.line, data\.pairTable\)/);
  });

  it.each(configuratorPages)("%s recomputes large lines off the main thread, from the server's first answer", (file) => {
    const source = fs.readFileSync(path.join(routes, file), "utf8");
    expect(source).toMatch(/recomputesOffThread\(loaded\.line\)/);
    expect(source).toMatch(/startingEngine\(\{ line: loaded\.line/);
    expect(source).toMatch(/offThread=\{/);
  });
});
