import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { lookupColor } from "./palette";
import { ScenePreview } from "./ScenePreview";

const here = dirname(fileURLToPath(import.meta.url));

/** Static (not dynamic) imports of a module and of the local modules it imports, transitively. */
function staticImports(file: string, seen = new Set<string>()): Set<string> {
  const out = new Set<string>();
  if (seen.has(file)) return out;
  seen.add(file);
  const src = readFileSync(file, "utf8");
  for (const m of src.matchAll(/^\s*import\s+(?!type\b)[^;]*?from\s+["']([^"']+)["']/gm)) {
    const spec = m[1];
    out.add(spec);
    if (spec.startsWith(".")) {
      const base = resolve(dirname(file), spec);
      const target = [".ts", ".tsx"].map((e) => base + e).find((f) => {
        try {
          readFileSync(f);
          return true;
        } catch {
          return false;
        }
      });
      if (target) staticImports(target, seen).forEach((s) => out.add(s));
    }
  }
  return out;
}

describe("ScenePreview", () => {
  it("renders a still picture on the server, tinted with the paint, and no canvas", () => {
    const html = renderToString(
      <ScenePreview model="sedan" visualKeys={["paint:red:metallic"]} camera="front" onCameraChange={() => {}} cameraLabels={{ front: "Front", side: "Side", rear: "Rear", interior: "Interior" }} />,
    );
    expect(html).toContain('data-testid="product-scene-placeholder"');
    expect(html).toContain("<svg");
    expect(html).toContain(`fill="${lookupColor("red")}"`);
    expect(html).not.toContain("<canvas");
    // The preset buttons are there already, with the labels the page passed.
    expect(html).toContain(">Interior</button>");
  });

  it("draws a refrigerator still for the fridge model", () => {
    const html = renderToString(<ScenePreview model="fridge" visualKeys={["finish:white"]} camera="front" />);
    expect(html).toContain(`fill="${lookupColor("white")}"`);
  });

  it("keeps three.js out of the initial bundle: only a dynamic import reaches the client scene", () => {
    const imports = staticImports(resolve(here, "ScenePreview.tsx"));
    const heavy = [...imports].filter((s) => s === "three" || s.startsWith("three/") || s.startsWith("@react-three/") || s.includes("ProductScene.client"));
    expect(heavy).toEqual([]);
    expect(readFileSync(resolve(here, "ScenePreview.tsx"), "utf8")).toMatch(/lazy\(\(\) => import\("\.\/ProductScene\.client"\)\)/);
  });
});
