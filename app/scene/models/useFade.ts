/**
 * Fades a part of a model in and out (the car's roof and glass for the
 * interior view, without a cut). Materials remember their own opacity so
 * glass returns to its tint, not to opaque.
 */
import { useFrame, useThree } from "@react-three/fiber";
import { useEffect, useRef } from "react";
import * as THREE from "three";

export function useFade(target: THREE.Object3D | null, visible: boolean, rate = 6): void {
  const fade = useRef(visible ? 1 : 0);
  const invalidate = useThree((s) => s.invalidate);
  const gl = useThree((s) => s.gl);
  const goal = visible ? 1 : 0;
  useEffect(() => invalidate(), [target, goal, invalidate]);
  useFrame((_, dt) => {
    if (!target) return;
    const before = fade.current;
    const k = 1 - Math.exp(-rate * Math.min(dt, 0.1));
    let next = before + (goal - before) * k;
    if (Math.abs(next - goal) < 0.01) next = goal;
    fade.current = next;
    if (next === before && target.userData.fadeApplied === next) return;
    target.userData.fadeApplied = next;
    applyFade(target, next);
    gl.shadowMap.needsUpdate = true; // the faded part stops casting a shadow once hidden
    if (next !== goal) invalidate();
  });
}

/** Sets every material under `root` to its own opacity × f; hides the part at 0. */
export function applyFade(root: THREE.Object3D, f: number): void {
  root.visible = f > 0.001;
  root.traverse((o) => {
    if (!(o instanceof THREE.Mesh)) return;
    for (const m of Array.isArray(o.material) ? o.material : [o.material]) {
      const base = (m.userData.fadeBase ??= { opacity: m.opacity, transparent: m.transparent, depthWrite: m.depthWrite }) as {
        opacity: number;
        transparent: boolean;
        depthWrite: boolean;
      };
      const transparent = base.transparent || f < 1;
      if (m.transparent !== transparent) {
        m.transparent = transparent;
        m.depthWrite = transparent ? false : base.depthWrite;
        m.needsUpdate = true;
      }
      m.opacity = base.opacity * f;
    }
  });
}
