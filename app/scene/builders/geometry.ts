/**
 * three.js geometry helpers for procedural models: lofts (rings swept along x),
 * caps, ribbons that hug a body outline, and rounded boxes. Every function
 * returns plain BufferGeometry so models can be built and inspected in Node.
 */
import * as THREE from "three";

export type V2 = readonly [number, number];

export interface LoftOptions {
  /** x of each station, ascending (rear to front). */
  xs: readonly number[];
  /** Ring at each station as (z, y) points; all rings have the same length. */
  ring: (x: number, i: number) => readonly V2[];
  /** Closed rings join the last point to the first. */
  closed: boolean;
  /**
   * Material group of the quad between stations i..i+1 and ring points j..j+1
   * (x is the quad's middle); a negative group leaves a hole.
   */
  groupOf?: (x: number, j: number, i: number) => number;
  groups?: number;
}

/**
 * Sweeps rings along x into one indexed mesh. Neighbouring quads share
 * vertices so normals are smooth; material groups come from `groupOf`.
 * Winding: rings go bottom → +z → top → −z, stations go −x → +x, which makes
 * faces point outward.
 */
export function loft({ xs, ring, closed, groupOf, groups = 1 }: LoftOptions): THREE.BufferGeometry {
  const rings = xs.map((x, i) => ring(x, i));
  const m = rings[0].length;
  const positions = new Float32Array(xs.length * m * 3);
  rings.forEach((r, i) => {
    if (r.length !== m) throw new Error(`ring ${i} has ${r.length} points, expected ${m}`);
    r.forEach(([z, y], j) => positions.set([xs[i], y, z], (i * m + j) * 3));
  });
  const buckets: number[][] = Array.from({ length: groups }, () => []);
  const segs = closed ? m : m - 1;
  for (let i = 0; i < xs.length - 1; i++) {
    const xm = (xs[i] + xs[i + 1]) / 2;
    for (let j = 0; j < segs; j++) {
      const g = groupOf ? groupOf(xm, j, i) : 0;
      if (g < 0) continue;
      const jn = (j + 1) % m;
      const a = i * m + j;
      const b = (i + 1) * m + j;
      const c = i * m + jn;
      const d = (i + 1) * m + jn;
      buckets[g].push(a, b, c, c, b, d);
    }
  }
  return withGroups(positions, buckets);
}

function withGroups(positions: Float32Array, buckets: number[][]): THREE.BufferGeometry {
  const geo = new THREE.BufferGeometry();
  geo.setAttribute("position", new THREE.BufferAttribute(positions, 3));
  const index: number[] = [];
  buckets.forEach((b, g) => {
    geo.addGroup(index.length, b.length, g);
    index.push(...b);
  });
  geo.setIndex(index);
  geo.computeVertexNormals();
  return geo;
}

/** A flat fan closing a ring at x; `facing` +1 faces +x, −1 faces −x. */
export function ringCap(x: number, ring: readonly V2[], facing: 1 | -1): THREE.BufferGeometry {
  let cz = 0;
  let cy = 0;
  ring.forEach(([z, y]) => {
    cz += z;
    cy += y;
  });
  cz /= ring.length;
  cy /= ring.length;
  const positions: number[] = [x, cy, cz];
  ring.forEach(([z, y]) => positions.push(x, y, z));
  const index: number[] = [];
  for (let j = 0; j < ring.length; j++) {
    const a = 1 + j;
    const b = 1 + ((j + 1) % ring.length);
    if (facing > 0) index.push(0, b, a);
    else index.push(0, a, b);
  }
  const geo = new THREE.BufferGeometry();
  geo.setAttribute("position", new THREE.Float32BufferAttribute(positions, 3));
  geo.setIndex(index);
  geo.computeVertexNormals();
  return geo;
}

/**
 * A thin raised strip along a horizontal outline (x, z) on a body side, from
 * yLo to yHi at each point: head and tail lights, door gaps, trim. `lift` is
 * how far the face stands off the surface along the outline's normal
 * (−tz, tx) for travel direction (tx, tz): on the +z side of a body the
 * outline runs toward +x, on the −z side toward −x.
 */
export function ribbon(
  outline: readonly V2[],
  yLo: (k: number) => number,
  yHi: (k: number) => number,
  lift = 0.004,
  depth = 0.02,
): THREE.BufferGeometry {
  const n = outline.length;
  const normals = outline.map((_, k) => {
    const p0 = outline[Math.max(0, k - 1)];
    const p1 = outline[Math.min(n - 1, k + 1)];
    const tx = p1[0] - p0[0];
    const tz = p1[1] - p0[1];
    const len = Math.hypot(tx, tz) || 1;
    return [-tz / len, tx / len] as const;
  });
  const positions: number[] = [];
  // Four rows per point: back-bottom, front-bottom, front-top, back-top.
  outline.forEach(([x, z], k) => {
    const [nx, nz] = normals[k];
    const lo = yLo(k);
    const hi = yHi(k);
    positions.push(x - nx * depth, lo, z - nz * depth);
    positions.push(x + nx * lift, lo, z + nz * lift);
    positions.push(x + nx * lift, hi, z + nz * lift);
    positions.push(x - nx * depth, hi, z - nz * depth);
  });
  const index: number[] = [];
  for (let k = 0; k < n - 1; k++) {
    for (let r = 0; r < 3; r++) {
      const a = k * 4 + r;
      const b = (k + 1) * 4 + r;
      const c = k * 4 + r + 1;
      const d = (k + 1) * 4 + r + 1;
      index.push(a, b, c, c, b, d);
    }
  }
  const geo = new THREE.BufferGeometry();
  geo.setAttribute("position", new THREE.Float32BufferAttribute(positions, 3));
  geo.setIndex(index);
  geo.computeVertexNormals();
  return geo;
}

/** A grid patch over a surface function, e.g. a glass roof lying on the cabin's top. */
export function surfacePatch(
  nu: number,
  nv: number,
  at: (u: number, v: number) => readonly [number, number, number],
): THREE.BufferGeometry {
  const positions: number[] = [];
  for (let i = 0; i <= nu; i++) for (let j = 0; j <= nv; j++) positions.push(...at(i / nu, j / nv));
  const index: number[] = [];
  for (let i = 0; i < nu; i++)
    for (let j = 0; j < nv; j++) {
      const a = i * (nv + 1) + j;
      const b = (i + 1) * (nv + 1) + j;
      index.push(a, b, a + 1, a + 1, b, b + 1);
    }
  const geo = new THREE.BufferGeometry();
  geo.setAttribute("position", new THREE.Float32BufferAttribute(positions, 3));
  geo.setIndex(index);
  geo.computeVertexNormals();
  return geo;
}

/** A box with rounded edges (extruded rounded rectangle, bevelled), centered at the origin. */
export function roundedBox(w: number, h: number, d: number, r: number, segments = 3): THREE.BufferGeometry {
  const rr = Math.min(r, w / 2 - 1e-4, h / 2 - 1e-4, d / 2 - 1e-4);
  const shape = roundedRectShape(w - 2 * rr, h - 2 * rr, Math.min(rr, (w - 2 * rr) / 2, (h - 2 * rr) / 2) * 0.5);
  const geo = new THREE.ExtrudeGeometry(shape, {
    depth: Math.max(1e-4, d - 2 * rr),
    bevelEnabled: rr > 0,
    bevelThickness: rr,
    bevelSize: rr,
    bevelSegments: segments,
    curveSegments: segments * 2,
  });
  geo.translate(0, 0, -(d - 2 * rr) / 2);
  geo.computeVertexNormals();
  return geo;
}

/** A rounded rectangle centered at the origin. */
export function roundedRectShape(w: number, h: number, r: number): THREE.Shape {
  const s = new THREE.Shape();
  const x = -w / 2;
  const y = -h / 2;
  const rr = Math.max(0, Math.min(r, w / 2, h / 2));
  s.moveTo(x + rr, y);
  s.lineTo(x + w - rr, y);
  s.quadraticCurveTo(x + w, y, x + w, y + rr);
  s.lineTo(x + w, y + h - rr);
  s.quadraticCurveTo(x + w, y + h, x + w - rr, y + h);
  s.lineTo(x + rr, y + h);
  s.quadraticCurveTo(x, y + h, x, y + h - rr);
  s.lineTo(x, y + rr);
  s.quadraticCurveTo(x, y, x + rr, y);
  return s;
}

const sharedGeometries = new Map<string, THREE.BufferGeometry>();

/**
 * Geometry that depends only on its key (a variant, a wheel size…) is built
 * once and reused by every later build, so changing a paint or an option
 * doesn't re-loft the whole body. Shared geometry is never disposed by a
 * model (see disposeObject) and is sculpted only once (userData.sculpted).
 */
export function sharedGeometry(key: string, make: () => THREE.BufferGeometry): THREE.BufferGeometry {
  let g = sharedGeometries.get(key);
  if (!g) {
    g = make();
    g.userData.shared = true;
    sharedGeometries.set(key, g);
  }
  return g;
}
