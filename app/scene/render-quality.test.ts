import { describe, expect, it } from "vitest";
import { isSoftwareRenderer, qualityFor, qualitySettings } from "./render-quality";

describe("render quality", () => {
  it("recognises CPU rasterisers by their renderer string", () => {
    expect(isSoftwareRenderer("ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)")).toBe(true);
    expect(isSoftwareRenderer("Google SwiftShader")).toBe(true);
    expect(isSoftwareRenderer("llvmpipe (LLVM 15.0.6, 256 bits)")).toBe(true);
    expect(isSoftwareRenderer("ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0)")).toBe(true);
  });

  it("keeps GPUs and unknown renderers at full quality", () => {
    expect(qualityFor("ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)")).toBe("full");
    expect(qualityFor("Apple GPU")).toBe("full");
    expect(qualityFor("Mali-G78")).toBe("full");
    expect(qualityFor("WebKit WebGL")).toBe("full");
    expect(qualityFor(null)).toBe("full");
  });

  it("reduces exactly the per-pixel costs on a software renderer", () => {
    const full = qualitySettings("full");
    const reduced = qualitySettings("reduced");
    expect(full).toMatchObject({ antialias: true, softShadows: true, layeredMaterials: true, alwaysRegressWhenMoving: false });
    expect(reduced).toMatchObject({ antialias: false, softShadows: false, layeredMaterials: false, alwaysRegressWhenMoving: true });
    expect(reduced.dpr[1]).toBeLessThanOrEqual(full.dpr[1]);
    expect(reduced.shadowMapSize).toBeLessThan(full.shadowMapSize);
  });
});
