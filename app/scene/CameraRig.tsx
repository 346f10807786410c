/**
 * Camera rig: glides between presets and lets the user orbit with a pointer
 * (drag turns and tilts, wheel zooms). Renders on demand, so it asks for a
 * frame only while the camera is still moving. While it moves it asks R3F for
 * a cheaper resolution (performance regression) if frames come slowly, or
 * always when `regressWhenMoving` (a software renderer).
 */
import { useFrame, useThree } from "@react-three/fiber";
import { useEffect, useRef } from "react";
import { SLOW_FRAME_SECONDS } from "./render-quality";
import * as THREE from "three";
import { type CameraPreset, DEFAULT_FOV, type Orbit, approach, dragOrbit, orbitLookAt, orbitPosition, orbitsClose, presetOrbit, zoomOrbit } from "./camera-presets";

/** Key of the camera's `userData` flag that is true while the rig is still gliding (read by the scene's drawn stamp). */
export const CAMERA_MOVING = "atelierMoving";

export function CameraRig({ model, preset, regressWhenMoving = false }: { model: string; preset: CameraPreset; regressWhenMoving?: boolean }) {
  const camera = useThree((s) => s.camera);
  const gl = useThree((s) => s.gl);
  const invalidate = useThree((s) => s.invalidate);
  const regress = useThree((s) => s.performance.regress);
  const goal = useRef<Orbit>(presetOrbit(model, preset));
  const current = useRef<Orbit | null>(null);
  // The previous frame asked for this one, so dt measures what a frame costs.
  const moving = useRef(false);

  useEffect(() => {
    goal.current = presetOrbit(model, preset);
    invalidate();
  }, [model, preset, invalidate]);

  useEffect(() => {
    const el = gl.domElement;
    let drag: { id: number; x: number; y: number } | null = null;
    const down = (e: PointerEvent) => {
      if (drag) return;
      drag = { id: e.pointerId, x: e.clientX, y: e.clientY };
      el.setPointerCapture(e.pointerId);
    };
    const move = (e: PointerEvent) => {
      if (!drag || e.pointerId !== drag.id) return;
      goal.current = dragOrbit(goal.current, e.clientX - drag.x, e.clientY - drag.y);
      drag = { ...drag, x: e.clientX, y: e.clientY };
      if (regressWhenMoving) regress();
      invalidate();
    };
    const up = (e: PointerEvent) => {
      if (!drag || e.pointerId !== drag.id) return;
      drag = null;
      if (el.hasPointerCapture(e.pointerId)) el.releasePointerCapture(e.pointerId);
    };
    const wheel = (e: WheelEvent) => {
      e.preventDefault();
      goal.current = zoomOrbit(goal.current, e.deltaY, presetOrbit(model, preset).distance);
      if (regressWhenMoving) regress();
      invalidate();
    };
    el.addEventListener("pointerdown", down);
    el.addEventListener("pointermove", move);
    el.addEventListener("pointerup", up);
    el.addEventListener("pointercancel", up);
    el.addEventListener("wheel", wheel, { passive: false });
    return () => {
      el.removeEventListener("pointerdown", down);
      el.removeEventListener("pointermove", move);
      el.removeEventListener("pointerup", up);
      el.removeEventListener("pointercancel", up);
      el.removeEventListener("wheel", wheel);
    };
  }, [gl, model, preset, invalidate, regress, regressWhenMoving]);

  useFrame((_, dt) => {
    const from = current.current ?? goal.current;
    const next = current.current ? approach(from, goal.current, Math.min(dt, 0.1)) : goal.current;
    const done = orbitsClose(next, goal.current);
    current.current = done ? goal.current : next;
    const [x, y, z] = orbitPosition(current.current);
    camera.position.set(x, y, z);
    camera.lookAt(...orbitLookAt(current.current));
    const fov = current.current.fov ?? DEFAULT_FOV;
    if (camera instanceof THREE.PerspectiveCamera && camera.fov !== fov) {
      camera.fov = fov;
      camera.updateProjectionMatrix();
    }
    if (!done && (regressWhenMoving || (moving.current && dt > SLOW_FRAME_SECONDS))) regress();
    moving.current = !done;
    camera.userData[CAMERA_MOVING] = !done;
    if (!done) invalidate();
  });
  return null;
}
