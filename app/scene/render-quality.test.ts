import { describe, expect, it } from "vitest";
import { isSoftwareRenderer, qualityFor, qualitySettings, restingDpr } from "./render-quality";

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
    expect(full).toMatchObject({ antialias: true, softShadows: true, layeredMaterials: true });
    expect(reduced).toMatchObject({ antialias: false, shadowMapSize: 0, layeredMaterials: false });
    expect(full.shadowMapSize).toBeGreaterThan(0);
  });

  it("draws at the device's full pixel ratio at rest: a GPU up to 3, a software renderer up to 1 (never a stretched buffer)", () => {
    expect(restingDpr(qualitySettings("full"), 2)).toBe(2);
    expect(restingDpr(qualitySettings("full"), 1)).toBe(1);
    expect(restingDpr(qualitySettings("full"), 4)).toBe(3);
    expect(restingDpr(qualitySettings("reduced"), 1)).toBe(1);
    expect(restingDpr(qualitySettings("reduced"), 2)).toBe(1);
    expect(restingDpr(qualitySettings("reduced"), undefined)).toBe(1);
  });
});
