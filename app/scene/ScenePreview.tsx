/**
 * SSR-safe entry to the 3D view. The server (and a browser without WebGL)
 * gets the SVG still; once the page is interactive the three.js scene is
 * loaded as a separate chunk (React.lazy), so three is not in the initial
 * bundle. If the chunk or the WebGL context fails, the still stays.
 */
import { Component, type ReactNode, Suspense, lazy, useEffect, useState } from "react";
import { CameraPresetBar } from "./CameraPresetBar";
import { SceneStill } from "./SceneStill";
import type { ProductSceneProps } from "./ProductScene.client";
import { type SceneQuality, probeWebGL, qualityFor } from "./render-quality";

const LazyProductScene = lazy(() => import("./ProductScene.client"));

/** True when this browser can create a WebGL context (checked once, then the probe context is released). */
export function webglAvailable(): boolean {
  return probeWebGL().available;
}

class SceneErrorBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

export function ScenePreview(props: ProductSceneProps) {
  // null: still picture (server, before idle, or no WebGL); else the quality the renderer can afford.
  const [live, setLive] = useState<SceneQuality | null>(null);
  useEffect(() => {
    // After hydration, when the browser is idle: the page is usable before three.js arrives.
    const start = () => {
      const probe = probeWebGL();
      setLive(probe.available ? qualityFor(probe.renderer) : null);
    };
    const w = window as Window & { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number; cancelIdleCallback?: (id: number) => void };
    if (w.requestIdleCallback) {
      const id = w.requestIdleCallback(start, { timeout: 1500 });
      return () => w.cancelIdleCallback?.(id);
    }
    const id = window.setTimeout(start, 1);
    return () => window.clearTimeout(id);
  }, []);

  const still = (
    <div className={props.className} data-testid="product-scene-placeholder" style={{ position: "relative", width: "100%", height: "100%", minHeight: 240 }}>
      <SceneStill model={props.model} visualKeys={props.visualKeys} label={props.label} />
      {props.onCameraChange && props.cameraLabels ? (
        <CameraPresetBar value={props.camera} onChange={props.onCameraChange} labels={props.cameraLabels} groupLabel={props.cameraGroupLabel} />
      ) : null}
    </div>
  );
  if (!live) return still;
  return (
    <SceneErrorBoundary fallback={still}>
      <Suspense fallback={still}>
        <LazyProductScene {...props} quality={props.quality ?? live} />
      </Suspense>
    </SceneErrorBoundary>
  );
}
