/**
 * Lighting for the software-rendered picture: the 3D view's studio in a few
 * formulas. The materials are the 3D view's own (`surfaceOf` reads colour,
 * metalness, roughness, clearcoat, sheen, emission and opacity off them); the
 * light is a hemisphere fill and a key light placed as in StudioEnvironment,
 * plus reflections of an analytic studio (bright walls over a darker floor,
 * a softbox overhead and light strips around) blurred by roughness. That is
 * what makes metallic, pearl, matte and solid paint read differently without
 * an environment map.
 *
 * Colours are linear (three.js converts hex colours to linear when it makes a
 * THREE.Color); `shadeStudio` tone-maps (Khronos PBR Neutral, as the 3D view)
 * and `linearToSrgb` encodes.
 */
import * as THREE from "three";

export interface Surface {
  /** Base colour, linear RGB. */
  color: [number, number, number];
  metalness: number;
  roughness: number;
  clearcoat: number;
  clearcoatRoughness: number;
  sheen: number;
  sheenColor: [number, number, number];
  /** Emitted light, linear RGB, intensity included. */
  emissive: [number, number, number];
  opacity: number;
  side: THREE.Side;
  /** A MeshBasicMaterial: its colour as is. */
  unlit: boolean;
}

/** Writes linear, tone-mapped RGB and alpha into `out` for a point `p` with unit normal `n`, seen along unit `v` (toward the eye). */
export type Shader = (surface: Surface, p: Float32Array, n: Float32Array, v: Float32Array, out: Float32Array) => void;

const rgb = (c: THREE.Color): [number, number, number] => [c.r, c.g, c.b];

export function surfaceOf(material: THREE.Material): Surface {
  const m = material as THREE.MeshPhysicalMaterial;
  const color = m.color ? rgb(m.color) : [0.8, 0.8, 0.8];
  const emissive: [number, number, number] = m.emissive ? [m.emissive.r, m.emissive.g, m.emissive.b] : [0, 0, 0];
  const ei = m.emissiveIntensity ?? 1;
  return {
    color: color as [number, number, number],
    metalness: m.metalness ?? 0,
    roughness: m.roughness ?? 1,
    clearcoat: m.clearcoat ?? 0,
    clearcoatRoughness: m.clearcoatRoughness ?? 0,
    sheen: m.sheen ?? 0,
    sheenColor: m.sheenColor ? rgb(m.sheenColor) : [1, 1, 1],
    emissive: [emissive[0] * ei, emissive[1] * ei, emissive[2] * ei],
    opacity: material.transparent ? material.opacity : 1,
    side: material.side,
    unlit: material instanceof THREE.MeshBasicMaterial,
  };
}

const smooth = (e0: number, e1: number, x: number) => {
  const t = Math.min(1, Math.max(0, (x - e0) / (e1 - e0)));
  return t * t * (3 - 2 * t);
};

/** Strip lights around the studio: azimuth (radians, atan2(z, x)) of each. */
const STRIPS = [-2.2, -0.9, 0.35, 1.6, 2.75];

/** Radiance of the studio seen in direction (x, y, z), blurred as a surface of roughness `r` sees it. */
export function studio(x: number, y: number, z: number, r: number): number {
  const blur = 0.02 + r * 0.8;
  const wall = 0.62 + 0.3 * smooth(0, 0.9, y);
  let v = 0.09 + (wall - 0.09) * smooth(-blur, blur, y + 0.03);
  const sharp = 1 - 0.7 * r;
  v += 2.4 * sharp * smooth(0.78 - blur, 0.78 + blur, y);
  if (y > -0.05 && y < 0.75) {
    const az = Math.atan2(z, x);
    const band = smooth(-0.05 - blur, 0.05 + blur, y) * smooth(0.75 + blur, 0.6 - blur, y);
    for (const a of STRIPS) {
      let d = Math.abs(az - a);
      if (d > Math.PI) d = 2 * Math.PI - d;
      v += 1.6 * sharp * band * smooth(0.07 + blur, 0.05, d);
    }
  }
  // Very rough surfaces see the room's average.
  return v + (0.72 - v) * r * r;
}

const KEY = new THREE.Vector3(1.5, 10, 2.5).normalize();
const FILL = new THREE.Vector3(-6, 4, -5).normalize();
const KEY_I = 1.25;
const FILL_I = 0.3;
const SKY = 1;
const GROUND = 0.5;
const HEMI_I = 0.62;
const EXPOSURE = 1;

/** Khronos PBR Neutral tone mapping (three's NeutralToneMapping), in place. */
function neutral(c: Float32Array): void {
  const start = 0.8 - 0.04;
  const desat = 0.15;
  const x = Math.min(c[0], c[1], c[2]);
  const offset = x < 0.08 ? x - 6.25 * x * x : 0.04;
  c[0] -= offset;
  c[1] -= offset;
  c[2] -= offset;
  const peak = Math.max(c[0], c[1], c[2]);
  if (peak < start) return;
  const d = 1 - start;
  const newPeak = 1 - (d * d) / (peak + d - start);
  const g = 1 - 1 / (desat * (peak - newPeak) + 1);
  for (let k = 0; k < 3; k++) c[k] = (c[k] * newPeak) / peak * (1 - g) + newPeak * g;
}

export const shadeStudio: Shader = (s, _p, n, v, out) => {
  if (s.unlit) {
    out[0] = s.color[0];
    out[1] = s.color[1];
    out[2] = s.color[2];
    out[3] = s.opacity;
    return;
  }
  const nx = n[0], ny = n[1], nz = n[2];
  const ndv = Math.max(1e-4, nx * v[0] + ny * v[1] + nz * v[2]);
  // Mirror direction.
  const rx = 2 * ndv * nx - v[0], ry = 2 * ndv * ny - v[1], rz = 2 * ndv * nz - v[2];
  const fres = Math.pow(1 - ndv, 5);
  const rough = Math.max(0.03, s.roughness);
  const ndl = Math.max(0, nx * KEY.x + ny * KEY.y + nz * KEY.z);
  const ndf = Math.max(0, nx * FILL.x + ny * FILL.y + nz * FILL.z);
  const hemi = (GROUND + (SKY - GROUND) * (0.5 * ny + 0.5)) * HEMI_I;
  const diffuseLight = hemi + KEY_I * ndl * 0.62 + FILL_I * ndf;
  // Key-light highlight: Blinn-Phong, its exponent from roughness.
  let hx = KEY.x + v[0], hy = KEY.y + v[1], hz = KEY.z + v[2];
  const hl = Math.hypot(hx, hy, hz) || 1;
  hx /= hl;
  hy /= hl;
  hz /= hl;
  const ndh = Math.max(0, nx * hx + ny * hy + nz * hz);
  const shin = Math.min(2000, 2 / (rough * rough * rough * rough) - 2);
  const highlight = ndl > 0 ? Math.min(40, (Math.pow(ndh, shin) * (shin + 8)) / (8 * Math.PI)) * KEY_I * ndl : 0;
  const env = studio(rx, ry, rz, rough);
  const metal = s.metalness;
  let alphaBoost = 0;
  for (let k = 0; k < 3; k++) {
    const f0 = 0.04 + (s.color[k] - 0.04) * metal;
    const fr = f0 + (Math.max(1 - rough, f0) - f0) * fres;
    alphaBoost = Math.max(alphaBoost, fr);
    const diffuse = s.color[k] * (1 - metal) * diffuseLight * (1 - fr);
    out[k] = diffuse + fr * (env + highlight) + s.emissive[k];
  }
  if (s.sheen > 0) {
    // Pearl: a soft, paler sheen toward the silhouette.
    const w = s.sheen * Math.pow(1 - ndv, 2) * 0.35;
    for (let k = 0; k < 3; k++) out[k] += s.sheenColor[k] * w;
  }
  if (s.clearcoat > 0) {
    const cr = Math.max(0.02, s.clearcoatRoughness);
    const fc = (0.04 + 0.96 * fres) * s.clearcoat;
    const cshin = Math.min(4000, 2 / (cr * cr * cr * cr) - 2);
    const coat = studio(rx, ry, rz, cr) + (ndl > 0 ? Math.min(60, (Math.pow(ndh, cshin) * (cshin + 8)) / (8 * Math.PI)) * KEY_I * ndl : 0);
    for (let k = 0; k < 3; k++) out[k] = out[k] * (1 - fc) + fc * coat;
    alphaBoost = Math.max(alphaBoost, fc);
  }
  out[0] *= EXPOSURE;
  out[1] *= EXPOSURE;
  out[2] *= EXPOSURE;
  neutral(out);
  // Glass shows more of its reflections at grazing angles.
  out[3] = s.opacity >= 1 ? 1 : Math.min(1, s.opacity + (1 - s.opacity) * alphaBoost);
};

/** Linear [0, 1] → sRGB [0, 1]. */
export function linearToSrgb(c: number): number {
  if (c <= 0) return 0;
  if (c >= 1) return 1;
  return c <= 0.0031308 ? c * 12.92 : 1.055 * Math.pow(c, 1 / 2.4) - 0.055;
}
