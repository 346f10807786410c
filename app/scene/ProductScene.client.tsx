/**
 * The 3D product view (client only: three.js needs a browser). It only reads
 * its props: the product model, the visual keys of the chosen values and the
 * camera preset. The preset buttons are DOM, outside the canvas.
 *
 * The WebGL context keeps its drawing buffer so tests (and screenshots) can
 * read the canvas pixels after a frame; frames render on demand only, and the
 * shadow map only when the model changes (the light and floor never move).
 *
 * A software renderer (SwiftShader: one frame costs hundreds of milliseconds
 * on the CPU) gets the "reduced" quality from render-quality.ts, and a new
 * model is drawn only after the page's own frame, so a click's new price and
 * availability are on screen without waiting for the 3D frame.
 */
import { Canvas, useFrame, useThree } from "@react-three/fiber";
import { useEffect, useMemo, useRef, useState } from "react";
import * as THREE from "three";
import { CameraPresetBar } from "./CameraPresetBar";
import { CAMERA_MOVING, CameraRig } from "./CameraRig";
import { type CameraPreset, modelFootprint } from "./camera-presets";
import { ProductModel } from "./models/ProductModel";
import { StudioEnvironment } from "./StudioEnvironment";
import { type SceneQuality, qualitySettings, restingDpr } from "./render-quality";
import { sceneMark, timed } from "./timing";
import { parseVisualKeys } from "./visual-keys";

export interface ProductSceneProps {
  /** The product line's `visualModel`: "sedan", "estate", "fridge" (others show a neutral placeholder). */
  model: string;
  /** Visual keys of the chosen values, in any order; unknown keys are ignored. */
  visualKeys: readonly string[];
  camera: CameraPreset;
  /** Called when the user picks a preset in the overlay. Without it (or without labels) no overlay is shown. */
  onCameraChange?: (camera: CameraPreset) => void;
  /** Translated button labels for the overlay. */
  cameraLabels?: Record<CameraPreset, string>;
  /** Translated accessible name of the overlay's button group. */
  cameraGroupLabel?: string;
  /** Translated description of the picture for assistive technology (e.g. the product's name). */
  label?: string;
  className?: string;
  /** What the renderer can afford (ScenePreview probes it); "full" when omitted. */
  quality?: SceneQuality;
}

export function ProductScene({ model, visualKeys, camera, onCameraChange, cameraLabels, cameraGroupLabel, label, className, quality = "full" }: ProductSceneProps) {
  // Rebuild the model only when the set of keys changes, not on every render,
  // and only after the frame that shows the page's own update.
  const keyString = useAfterNextFrame([...visualKeys].sort().join("\n"));
  const spec = useMemo(() => parseVisualKeys(keyString ? keyString.split("\n") : []), [keyString]);
  const settings = qualitySettings(quality);
  const footprint = useMemo(() => modelFootprint(model), [model]);
  const [ready, setReady] = useState(false);
  useState(() => sceneMark("mount"));
  return (
    <div
      className={className}
      data-testid="product-scene"
      data-state={ready ? "ready" : "loading"}
      data-model={model}
      data-camera={camera}
      data-quality={quality}
      style={{ position: "relative", width: "100%", height: "100%", minHeight: 240 }}
    >
      <Canvas
        role={label ? "img" : undefined}
        aria-label={label}
        // R3F applies this object on every render, so it stays in force; the shadow map is redrawn on request (ShadowRefresh).
        shadows={settings.shadowMapSize > 0 ? { type: settings.softShadows ? THREE.PCFSoftShadowMap : THREE.PCFShadowMap, autoUpdate: false } : false}
        frameloop="demand"
        // The drawing buffer is the canvas' CSS size × this: sharp at rest on every renderer.
        dpr={restingDpr(settings, typeof window === "undefined" ? 1 : window.devicePixelRatio)}
        performance={{ min: settings.movingDprFactor, max: 1, debounce: 250 }}
        camera={{ fov: 30, near: 0.1, far: 100, position: [6, 2, -5] }}
        gl={{ preserveDrawingBuffer: true, antialias: settings.antialias, powerPreference: "high-performance" }}
        onCreated={({ gl }) => {
          gl.toneMapping = THREE.NeutralToneMapping;
          gl.toneMappingExposure = 1.0;
          gl.shadowMap.needsUpdate = true;
        }}
        style={{ touchAction: "pan-y" }}
      >
        <StudioEnvironment footprint={footprint} shadowMapSize={settings.shadowMapSize} environment={ready || !settings.deferEnvironment} />
        <CameraRig model={model} preset={camera} regressWhenMoving={settings.alwaysRegressWhenMoving} />
        <ProductModel model={model} spec={spec} interiorView={camera === "interior"} layeredMaterials={settings.layeredMaterials} />
        <ShadowRefresh model={model} spec={spec} quality={quality} />
        <AdaptiveResolution />
        <FirstFrame onFrame={() => setReady(true)} />
        <DrawnStamp stamp={`${keyString.split("\n").join(",")}#${camera}`} />
      </Canvas>
      {onCameraChange && cameraLabels ? (
        <CameraPresetBar value={camera} onChange={onCameraChange} labels={cameraLabels} groupLabel={cameraGroupLabel} />
      ) : null}
    </div>
  );
}

/**
 * The value, but only from the task after the next animation frame: the page
 * paints what changed with it first (price, availability), the scene follows.
 */
function useAfterNextFrame<T>(value: T): T {
  const [shown, setShown] = useState(value);
  useEffect(() => {
    let timer = 0;
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => setShown(value), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
    };
  }, [value]);
  return shown;
}

/** Redraws the shadow map when what casts shadows changes (animations do it per frame themselves). */
function ShadowRefresh({ model, spec, quality }: { model: string; spec: unknown; quality: SceneQuality }) {
  const gl = useThree((s) => s.gl);
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => {
    gl.shadowMap.needsUpdate = true;
    invalidate();
  }, [gl, invalidate, model, spec, quality]);
  return null;
}

/**
 * Follows R3F's performance regression (CameraRig calls regress() while the
 * camera moves on a slow renderer): a lower pixel ratio while it lasts, the
 * full one, and a sharp frame, once it is over.
 */
function AdaptiveResolution() {
  const current = useThree((s) => s.performance.current);
  const initialDpr = useThree((s) => s.viewport.initialDpr);
  const setDpr = useThree((s) => s.setDpr);
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => {
    setDpr(initialDpr * current);
    invalidate();
  }, [current, initialDpr, setDpr, invalidate]);
  return null;
}

/**
 * Writes what the last frame drew into `data-drawn` on the scene's element
 * ("<sorted keys>#<camera>#env|noenv"), whether that frame was the resting one
 * into `data-at-rest` (the camera had arrived and the resolution was back to
 * full), and how many frames it drew into `data-frames`, straight to the DOM
 * (no React render per frame), so pixel tests know which picture the canvas
 * holds and when it has settled. "No new frame for a while" alone is not
 * enough: on a loaded software renderer the sharp frame that follows a glide
 * comes after the regression's debounce, later than any fixed wait.
 */
function DrawnStamp({ stamp }: { stamp: string }) {
  const gl = useThree((s) => s.gl);
  const scene = useThree((s) => s.scene);
  const camera = useThree((s) => s.camera);
  const frames = useRef(0);
  useFrame((state) => {
    const el = gl.domElement.closest("[data-testid='product-scene']");
    const atRest = camera.userData[CAMERA_MOVING] !== true && state.performance.current === 1 && state.viewport.dpr === state.viewport.initialDpr;
    el?.setAttribute("data-drawn", `${stamp}#${scene.environment ? "env" : "noenv"}`);
    el?.setAttribute("data-at-rest", String(atRest));
    el?.setAttribute("data-frames", String(++frames.current));
  });
  return null;
}

/** Tells the page once the first frame with the model is on screen (data-state="ready"). */
function FirstFrame({ onFrame }: { onFrame: () => void }) {
  const done = useRef(false);
  const gl = useThree((s) => s.gl);
  const scene = useThree((s) => s.scene);
  const camera = useThree((s) => s.camera);
  useFrame(() => {
    if (done.current) return;
    done.current = true;
    timed("compile", () => {
      gl.compile(scene, camera);
      // Linking is asynchronous in the GPU process until someone asks for the result: ask, so the measure covers it.
      const ctx = gl.getContext();
      for (const p of gl.info.programs ?? []) ctx.getProgramParameter(p.program, ctx.LINK_STATUS);
    });
    sceneMark("first-render");
    // useFrame runs before the render: report on the next tick, after pixels exist.
    requestAnimationFrame(() => {
      sceneMark("ready");
      // How many shader programs the first frame compiled: each costs tens of milliseconds on a CPU rasteriser.
      performance.mark("scene:programs", { detail: gl.info.programs?.map((p) => p.name) ?? [] });
      performance.measure("scene:first-render", "scene:first-render", "scene:ready");
      onFrame();
    });
  });
  return null;
}

export default ProductScene;
