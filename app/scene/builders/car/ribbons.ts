/**
 * Thin ribbons hugging the body's plan outline round the nose or the tail,
 * one per side: what the lights are made of.
 */
import * as THREE from "three";
import { type CarProfile } from "../car-profile";
import { clamp, lerp } from "../curves";
import { type V2, ribbon, sharedGeometry } from "../geometry";

/** Plan outline of the +z side from x0 forward around the nose to z = zEnd on the front face, resampled evenly. */
export function frontOutline(p: CarProfile, x0: number, zEnd: number, n: number): V2[] {
  const dense: V2[] = [];
  for (let x = x0; x < p.xFront; x += 0.002) dense.push([x, p.halfWidth(x)]);
  const wEnd = p.halfWidth(p.xFront);
  for (let z = wEnd; z >= zEnd; z -= 0.004) dense.push([p.xFront, z]);
  return resample(dense, n);
}

/** Plan outline of the +z side from z = zStart on the rear face around the tail forward to x1. */
export function rearOutline(p: CarProfile, zStart: number, x1: number, n: number): V2[] {
  const dense: V2[] = [];
  const wEnd = p.halfWidth(p.xRear);
  for (let z = zStart; z < wEnd; z += 0.004) dense.push([p.xRear, z]);
  for (let x = p.xRear; x <= x1; x += 0.002) dense.push([x, p.halfWidth(x)]);
  return resample(dense, n);
}

function resample(pts: readonly V2[], n: number): V2[] {
  const acc = [0];
  for (let i = 1; i < pts.length; i++) acc.push(acc[i - 1] + Math.hypot(pts[i][0] - pts[i - 1][0], pts[i][1] - pts[i - 1][1]));
  const total = acc[acc.length - 1];
  const out: V2[] = [];
  let j = 0;
  for (let k = 0; k < n; k++) {
    const s = (total * k) / (n - 1);
    while (j < acc.length - 2 && acc[j + 1] < s) j++;
    const seg = acc[j + 1] - acc[j] || 1;
    const t = clamp((s - acc[j]) / seg, 0, 1);
    out.push([lerp(pts[j][0], pts[j + 1][0], t), lerp(pts[j][1], pts[j + 1][1], t)]);
  }
  return out;
}

/** The outline for the −z side: mirrored and reversed so the ribbon still faces outward. */
function mirrorOutline(outline: readonly V2[]): V2[] {
  return outline.map(([x, z]) => [x, -z] as V2).reverse();
}

export function pairOfRibbons(
  outline: readonly V2[],
  lo: (s: number) => number,
  hi: (s: number) => number,
  material: THREE.Material,
  name: string,
  lift = 0.004,
): THREE.Mesh[] {
  const n = outline.length;
  // Ribbons are keyed by name and outline, so one signature's lights are built once.
  const key = `ribbon:${name}:${outline.length}:${outline[0].join()}:${outline[n - 1].join()}:${lo(0).toFixed(4)}:${hi(1).toFixed(4)}`;
  const right = new THREE.Mesh(sharedGeometry(`${key}:r`, () => ribbon(outline, (k) => lo(k / (n - 1)), (k) => hi(k / (n - 1)), lift)), material);
  right.name = `${name}-r`;
  const left = new THREE.Mesh(sharedGeometry(`${key}:l`, () => ribbon(mirrorOutline(outline), (k) => lo(1 - k / (n - 1)), (k) => hi(1 - k / (n - 1)), lift)), material);
  left.name = `${name}-l`;
  return [left, right];
}
