/**
 * SSR-safe entry to the 3D view. The server (and a browser without WebGL)
 * gets the SVG still; once the page is interactive the three.js scene is
 * loaded as a separate chunk (React.lazy), so three is not in the initial
 * bundle. If the chunk or the WebGL context fails, the still stays.
 *
 * On a software renderer (no GPU: SwiftShader, llvmpipe) a 3D view at a few
 * frames a second makes the whole page feel broken (a click's new price waits
 * for the software frame being drawn), so there the still picture is the
 * default and a button mounts the 3D view on request; the customer's choice
 * is kept for the tab (sessionStorage). With a GPU the 3D view comes as before.
 */
import { Component, type ReactNode, Suspense, lazy, useEffect, useState } from "react";
import { CameraPresetBar } from "./CameraPresetBar";
import { SceneStill } from "./SceneStill";
import type { ProductSceneProps } from "./ProductScene.client";
import { type SceneQuality, isSoftwareRenderer, probeWebGL, qualityFor } from "./render-quality";

const LazyProductScene = lazy(() => import("./ProductScene.client"));

/** Where the customer's choice between picture and 3D view is kept for the tab. */
export const SCENE_VIEW_STORAGE_KEY = "atelier.sceneView";
export type SceneView = "3d" | "still";

/** True when this browser can create a WebGL context (checked once, then the probe context is released). */
export function webglAvailable(): boolean {
  return probeWebGL().available;
}

function storedView(): SceneView | null {
  try {
    const v = window.sessionStorage.getItem(SCENE_VIEW_STORAGE_KEY);
    return v === "3d" || v === "still" ? v : null;
  } catch {
    return null; // storage disabled: the default applies
  }
}

function storeView(view: SceneView) {
  try {
    window.sessionStorage.setItem(SCENE_VIEW_STORAGE_KEY, view);
  } catch {
    // storage disabled: the choice lasts as long as the page
  }
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

/** Translated texts of the picture/3D switch shown on a software renderer. */
export interface SceneViewLabels {
  /** The button that mounts the 3D view. */
  show3d: string;
  /** The button that goes back to the still picture. */
  showPicture: string;
  /** Why the picture is the default here (the button's description). */
  softwareHint: string;
  /** Announced while the 3D view's code loads. */
  loading3d: string;
}

export interface ScenePreviewProps extends ProductSceneProps {
  /** The product line's code: the still is then the picture rendered on the server (SceneStill). */
  line?: string;
  /** Without them no switch is offered and the 3D view comes whenever WebGL works (e.g. the dev page). */
  viewLabels?: SceneViewLabels;
}

type Probe = { available: false } | { available: true; software: boolean; quality: SceneQuality };

export function ScenePreview({ viewLabels, line, ...props }: ScenePreviewProps) {
  // null: not probed yet (server, before idle): the still picture.
  const [probe, setProbe] = useState<Probe | null>(null);
  const [choice, setChoice] = useState<SceneView | null>(null);
  useEffect(() => {
    // After hydration, when the browser is idle: the page is usable before three.js arrives.
    const start = () => {
      const p = probeWebGL();
      setProbe(p.available ? { available: true, software: isSoftwareRenderer(p.renderer), quality: qualityFor(p.renderer) } : { available: false });
      setChoice(storedView());
    };
    const w = window as Window & { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number; cancelIdleCallback?: (id: number) => void };
    if (w.requestIdleCallback) {
      const id = w.requestIdleCallback(start, { timeout: 1500 });
      return () => w.cancelIdleCallback?.(id);
    }
    const id = window.setTimeout(start, 1);
    return () => window.clearTimeout(id);
  }, []);

  // The switch is offered only where the 3D view is slow; a GPU gets the 3D view as always.
  const switchable = !!viewLabels && probe?.available === true && probe.software;
  const view: SceneView = !probe?.available ? "still" : switchable ? (choice ?? "still") : "3d";
  const choose = (next: SceneView) => {
    storeView(next);
    setChoice(next);
  };

  const still = (loading: boolean) => (
    <div className={props.className} data-testid="product-scene-placeholder" style={{ position: "relative", width: "100%", height: "100%", minHeight: 240 }}>
      <SceneStill model={props.model} visualKeys={props.visualKeys} label={props.label} line={line} view={props.camera === "interior" ? "front" : props.camera} />
      {props.onCameraChange && props.cameraLabels ? (
        <CameraPresetBar value={props.camera} onChange={props.onCameraChange} labels={props.cameraLabels} groupLabel={props.cameraGroupLabel} />
      ) : null}
      {loading && viewLabels ? (
        <span role="status" data-testid="scene-loading" style={loadingStyle}>
          {viewLabels.loading3d}
        </span>
      ) : null}
    </div>
  );
  const renderer = !probe ? "unknown" : !probe.available ? "none" : probe.software ? "software" : "hardware";
  return (
    <div data-testid="scene-preview" data-view={view} data-renderer={renderer} style={{ position: "relative", width: "100%", height: "100%" }}>
      {view === "still" || !probe?.available ? (
        still(false)
      ) : (
        <SceneErrorBoundary fallback={still(false)}>
          <Suspense fallback={still(switchable)}>
            <LazyProductScene {...props} quality={props.quality ?? probe.quality} />
          </Suspense>
        </SceneErrorBoundary>
      )}
      {switchable && viewLabels ? (
        <button
          type="button"
          className="scene-view-toggle"
          data-testid="scene-view-toggle"
          data-view-target={view === "still" ? "3d" : "still"}
          title={view === "still" ? viewLabels.softwareHint : undefined}
          onClick={() => choose(view === "still" ? "3d" : "still")}
          style={toggleStyle}
        >
          {view === "still" ? viewLabels.show3d : viewLabels.showPicture}
        </button>
      ) : null}
    </div>
  );
}

// Layout only (top right, clear of the camera presets at the bottom); page styles may take over the colours.
const toggleStyle: React.CSSProperties = {
  position: "absolute",
  top: 10,
  right: 10,
  padding: "6px 12px",
  borderRadius: 999,
  border: "1px solid rgba(0,0,0,0.15)",
  background: "rgba(255,255,255,0.9)",
  boxShadow: "0 1px 4px rgba(0,0,0,0.12)",
  font: "inherit",
  fontSize: "0.9rem",
  cursor: "pointer",
};

const loadingStyle: React.CSSProperties = {
  position: "absolute",
  top: 12,
  left: 12,
  fontSize: "0.85rem",
  color: "#4a4f55",
};
