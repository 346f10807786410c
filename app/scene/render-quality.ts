/**
 * How much the 3D view may cost per frame. A GPU gets the full studio; a
 * software rasteriser (Chromium's SwiftShader, Mesa's llvmpipe: every pixel
 * shaded on the CPU) gets a "reduced" view that still shows the product but
 * drops what costs most per pixel: MSAA, soft shadows, clearcoat/sheen/
 * iridescence layers, and full resolution while the camera moves.
 *
 * No three.js here: ScenePreview (initial bundle) probes the renderer before
 * the scene chunk loads, because antialiasing is fixed when the context is made.
 */

export type SceneQuality = "full" | "reduced";

export interface QualitySettings {
  /** MSAA on the default framebuffer (fixed at context creation). */
  antialias: boolean;
  /**
   * The largest device-pixel ratio used at rest: the canvas' drawing buffer is
   * its CSS size × min(devicePixelRatio, this), so it is never stretched.
   */
  maxDpr: number;
  /** Fraction of that DPR used while the camera moves and frames come slowly (R3F's performance.min). */
  movingDprFactor: number;
  /** A shadow map from the key light; 0 = none (the contact shadow under the model stays). */
  shadowMapSize: number;
  softShadows: boolean;
  /** Clearcoat, sheen and iridescence layers on physical materials. */
  layeredMaterials: boolean;
  /** Lower the DPR whenever the camera moves, not only once frames turned out slow. */
  alwaysRegressWhenMoving: boolean;
  /**
   * Make the environment map (reflections) only after the first frame: on a
   * CPU its PMREM blur passes cost about a second, as much as the rest of the
   * first frame together.
   */
  deferEnvironment: boolean;
}

/**
 * A software renderer keeps full resolution at rest (a stretched 0.75 buffer
 * looked pixelated) and pays for it with what costs most per pixel and per
 * shader compile instead: no shadow map (its depth pass, its programs and its
 * PCF taps in every fragment), no MSAA, single-layer materials, and the
 * reflections' environment map made after the first frame. Measured in
 * docs/decisions/051-3d-view-quality.md.
 */
const SETTINGS: Record<SceneQuality, QualitySettings> = {
  full: { antialias: true, maxDpr: 3, movingDprFactor: 0.5, shadowMapSize: 2048, softShadows: true, layeredMaterials: true, alwaysRegressWhenMoving: false, deferEnvironment: false },
  reduced: { antialias: false, maxDpr: 1, movingDprFactor: 0.5, shadowMapSize: 0, softShadows: false, layeredMaterials: false, alwaysRegressWhenMoving: false, deferEnvironment: true },
};

export function qualitySettings(quality: SceneQuality): QualitySettings {
  return SETTINGS[quality];
}

/** The DPR the canvas renders at, at rest: the device's own, up to what the quality allows. */
export function restingDpr(settings: QualitySettings, devicePixelRatio: number | undefined): number {
  const device = devicePixelRatio && Number.isFinite(devicePixelRatio) && devicePixelRatio > 0 ? devicePixelRatio : 1;
  return Math.min(device, settings.maxDpr);
}

/** Renderer strings of CPU rasterisers (as WEBGL_debug_renderer_info reports them). */
const SOFTWARE = /swiftshader|llvmpipe|softpipe|software|microsoft basic render/i;

export function isSoftwareRenderer(renderer: string | null | undefined): boolean {
  return !!renderer && SOFTWARE.test(renderer);
}

export function qualityFor(renderer: string | null | undefined): SceneQuality {
  return isSoftwareRenderer(renderer) ? "reduced" : "full";
}

export interface WebGLProbe {
  available: boolean;
  /** The unmasked renderer name when the browser reveals it, else the masked one (null without WebGL). */
  renderer: string | null;
}

/** Creates a throw-away WebGL context, reads the renderer's name and releases the context. */
export function probeWebGL(): WebGLProbe {
  if (typeof document === "undefined") return { available: false, renderer: null };
  try {
    const canvas = document.createElement("canvas");
    const gl = (canvas.getContext("webgl2") ?? canvas.getContext("webgl")) as WebGLRenderingContext | null;
    if (!gl) return { available: false, renderer: null };
    const info = gl.getExtension("WEBGL_debug_renderer_info");
    const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? "");
    gl.getExtension("WEBGL_lose_context")?.loseContext();
    return { available: true, renderer };
  } catch {
    return { available: false, renderer: null };
  }
}

/** A frame this long, while the camera moves, means the renderer can't keep up at full resolution. */
export const SLOW_FRAME_SECONDS = 1 / 30;
