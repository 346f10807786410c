/**
 * The 3D product view (client only: three.js needs a browser). It only reads
 * its props: the product model, the visual keys of the chosen values and the
 * camera preset. The preset buttons are DOM, outside the canvas.
 *
 * The WebGL context keeps its drawing buffer so tests (and screenshots) can
 * read the canvas pixels after a frame; frames render on demand only.
 */
import { Canvas, useFrame } from "@react-three/fiber";
import { useMemo, useRef, useState } from "react";
import * as THREE from "three";
import { CameraPresetBar } from "./CameraPresetBar";
import { CameraRig } from "./CameraRig";
import { type CameraPreset, modelFootprint } from "./camera-presets";
import { ProductModel } from "./models/ProductModel";
import { StudioEnvironment } from "./StudioEnvironment";
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
}

export function ProductScene({ model, visualKeys, camera, onCameraChange, cameraLabels, cameraGroupLabel, label, className }: ProductSceneProps) {
  // Rebuild the model only when the set of keys changes, not on every render.
  const keyString = [...visualKeys].sort().join("\n");
  const spec = useMemo(() => parseVisualKeys(keyString ? keyString.split("\n") : []), [keyString]);
  const footprint = useMemo(() => modelFootprint(model), [model]);
  const [ready, setReady] = useState(false);
  return (
    <div
      className={className}
      data-testid="product-scene"
      data-state={ready ? "ready" : "loading"}
      data-model={model}
      data-camera={camera}
      style={{ position: "relative", width: "100%", height: "100%", minHeight: 240 }}
    >
      <Canvas
        role={label ? "img" : undefined}
        aria-label={label}
        shadows
        frameloop="demand"
        dpr={[1, 2]}
        camera={{ fov: 30, near: 0.1, far: 100, position: [6, 2, -5] }}
        gl={{ preserveDrawingBuffer: true, antialias: true, powerPreference: "high-performance" }}
        onCreated={({ gl }) => {
          gl.toneMapping = THREE.NeutralToneMapping;
          gl.toneMappingExposure = 1.0;
          gl.shadowMap.type = THREE.PCFSoftShadowMap;
        }}
        style={{ touchAction: "pan-y" }}
      >
        <StudioEnvironment footprint={footprint} />
        <CameraRig model={model} preset={camera} />
        <ProductModel model={model} spec={spec} interiorView={camera === "interior"} />
        <FirstFrame onFrame={() => setReady(true)} />
      </Canvas>
      {onCameraChange && cameraLabels ? (
        <CameraPresetBar value={camera} onChange={onCameraChange} labels={cameraLabels} groupLabel={cameraGroupLabel} />
      ) : null}
    </div>
  );
}

/** Tells the page once the first frame with the model is on screen (data-state="ready"). */
function FirstFrame({ onFrame }: { onFrame: () => void }) {
  const done = useRef(false);
  useFrame(() => {
    if (done.current) return;
    done.current = true;
    // useFrame runs before the render: report on the next tick, after pixels exist.
    requestAnimationFrame(onFrame);
  });
  return null;
}

export default ProductScene;
