/**
 * A small z-buffered software rasteriser for the product picture: draws a
 * three.js scene graph (the same one the 3D view draws) into RGBA pixels on
 * the CPU, so the server can picture a configuration without a GPU.
 *
 * Two passes over supersampled pixels. The geometry pass rasterises every
 * opaque triangle into a depth buffer and a triangle-id buffer; the shading
 * pass then shades each covered sample once (deferred, so overdraw costs no
 * lighting), with perspective-correct normals. Transparent triangles (glass)
 * come last, back to front, blended over what is there. The samples are then
 * averaged into the output (premultiplied, so edges against the transparent
 * background stay clean).
 *
 * Only what the picture needs of three: meshes and instanced meshes, indexed
 * or not, material groups, front/back/double sides, mirrored transforms. The
 * lighting is `shade.ts`; this module knows nothing about cars or fridges.
 */
import * as THREE from "three";
import { type Shader, type Surface, linearToSrgb, surfaceOf } from "./shade";

export interface Framing {
  camera: THREE.PerspectiveCamera;
  /** NDC scale and offset applied after projection, to fit a box to the picture (see `fitBox`). */
  scale: number;
  offset: readonly [number, number];
}

export interface RasterOptions {
  width: number;
  height: number;
  /** Samples per pixel along each axis (2 → 4 samples a pixel). */
  supersample: number;
  framing: Framing;
  shader: Shader;
  /** The floor's opacity (a contact shadow) at world (x, z), or 0: drawn where nothing covers it. */
  floor?: (x: number, z: number) => number;
}

/** Straight (not premultiplied) RGBA, row by row from the top. */
export interface Raster {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Triangles of the scene in world space and on screen, structure of arrays. */
interface Triangles {
  count: number;
  /** Per vertex (3 per triangle): world position x, y, z. */
  pos: Float32Array;
  /** Per vertex: world normal. */
  nrm: Float32Array;
  /** Per vertex: screen x, y (samples), NDC depth, 1/w. */
  scr: Float32Array;
  /** Per triangle: index into `surfaces`; negative → normals flipped (a back face drawn). */
  surf: Int32Array;
  surfaces: Surface[];
}

const tmpV = new THREE.Vector3();
const tmpN = new THREE.Vector3();
const tmpClip = new THREE.Vector4();

/**
 * Scale and offset in NDC that make `box` (world) fill the picture with a margin.
 * A fixed box per model keeps the framing the same whatever the options, so a
 * changed option changes only its own pixels.
 */
export function fitBox(camera: THREE.PerspectiveCamera, box: THREE.Box3, margin = 0.05): Framing {
  camera.updateMatrixWorld(true);
  const vp = new THREE.Matrix4().multiplyMatrices(camera.projectionMatrix, camera.matrixWorldInverse);
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (let k = 0; k < 8; k++) {
    tmpClip.set(k & 1 ? box.max.x : box.min.x, k & 2 ? box.max.y : box.min.y, k & 4 ? box.max.z : box.min.z, 1).applyMatrix4(vp);
    const x = tmpClip.x / tmpClip.w;
    const y = tmpClip.y / tmpClip.w;
    x0 = Math.min(x0, x);
    x1 = Math.max(x1, x);
    y0 = Math.min(y0, y);
    y1 = Math.max(y1, y);
  }
  const scale = Math.min((2 - 2 * margin) / (x1 - x0), (2 - 2 * margin) / (y1 - y0));
  return { camera, scale, offset: [-scale * (x0 + x1) / 2, -scale * (y0 + y1) / 2] };
}

interface Draw {
  geometry: THREE.BufferGeometry;
  matrix: THREE.Matrix4;
  material: THREE.Material;
  start: number;
  count: number;
}

/** Every visible mesh's triangle ranges with their material and world matrix (one per instance). */
function collectDraws(root: THREE.Object3D): Draw[] {
  const draws: Draw[] = [];
  root.updateMatrixWorld(true);
  const visit = (o: THREE.Object3D) => {
    if (!o.visible) return;
    if (o instanceof THREE.Mesh) {
      const geometry = o.geometry as THREE.BufferGeometry;
      const total = geometry.index ? geometry.index.count : geometry.attributes.position.count;
      const ranges: { start: number; count: number; material: THREE.Material | undefined }[] = [];
      if (Array.isArray(o.material)) {
        for (const g of geometry.groups) ranges.push({ start: g.start, count: Math.min(g.count, total - g.start), material: o.material[g.materialIndex ?? 0] });
      } else ranges.push({ start: 0, count: total, material: o.material as THREE.Material });
      const matrices: THREE.Matrix4[] = [];
      if (o instanceof THREE.InstancedMesh) {
        for (let i = 0; i < o.count; i++) {
          const m = new THREE.Matrix4();
          o.getMatrixAt(i, m);
          matrices.push(m.premultiply(o.matrixWorld));
        }
      } else matrices.push(o.matrixWorld);
      for (const matrix of matrices)
        for (const r of ranges) if (r.material && r.material.visible && r.count > 0) draws.push({ geometry, matrix, material: r.material, start: r.start, count: r.count });
    }
    for (const c of o.children) visit(c);
  };
  visit(root);
  return draws;
}

function toScreen(p: THREE.Vector3, vp: THREE.Matrix4, f: Framing, w: number, h: number, out: Float32Array, at: number): boolean {
  tmpClip.set(p.x, p.y, p.z, 1).applyMatrix4(vp);
  if (tmpClip.w <= 1e-6) return false;
  const iw = 1 / tmpClip.w;
  const nx = tmpClip.x * iw * f.scale + f.offset[0];
  const ny = tmpClip.y * iw * f.scale + f.offset[1];
  out[at] = (nx * 0.5 + 0.5) * w;
  out[at + 1] = (0.5 - ny * 0.5) * h;
  out[at + 2] = tmpClip.z * iw;
  out[at + 3] = iw;
  return true;
}

/** World and screen triangles of the scene, split into opaque and transparent (back faces culled per material side). */
function triangulate(root: THREE.Object3D, f: Framing, w: number, h: number): { opaque: Triangles; transparent: Triangles } {
  const draws = collectDraws(root);
  const vp = new THREE.Matrix4().multiplyMatrices(f.camera.projectionMatrix, f.camera.matrixWorldInverse);
  let maxTris = 0;
  for (const d of draws) maxTris += Math.floor(d.count / 3);
  const make = (): Triangles => ({
    count: 0,
    pos: new Float32Array(maxTris * 9),
    nrm: new Float32Array(maxTris * 9),
    scr: new Float32Array(maxTris * 12),
    surf: new Int32Array(maxTris),
    surfaces: [],
  });
  const opaque = make();
  const transparent = make();
  const surfaceIds = new Map<THREE.Material, { into: Triangles; id: number }>();
  const normalMatrix = new THREE.Matrix3();
  // Each geometry's vertices transformed once per world matrix, however many material groups draw from it.
  let cached: { geometry: THREE.BufferGeometry; matrix: THREE.Matrix4; pos: Float32Array; nrm: Float32Array | null; scr: Float32Array; ok: Uint8Array } | null = null;
  for (const d of draws) {
    let known = surfaceIds.get(d.material);
    if (!known) {
      const surface = surfaceOf(d.material);
      const list = surface.opacity < 1 ? transparent : opaque;
      known = { into: list, id: list.surfaces.length };
      list.surfaces.push(surface);
      surfaceIds.set(d.material, known);
    }
    const { into, id } = known;
    const side = into.surfaces[id].side;
    const mirrored = d.matrix.determinant() < 0;
    if (!cached || cached.geometry !== d.geometry || !cached.matrix.equals(d.matrix)) {
      const position = d.geometry.attributes.position as THREE.BufferAttribute;
      const normal = d.geometry.attributes.normal as THREE.BufferAttribute | undefined;
      const count = position.count;
      const vpos = new Float32Array(count * 3);
      const vnrm = normal ? new Float32Array(count * 3) : null;
      const vscr = new Float32Array(count * 4);
      const ok = new Uint8Array(count);
      normalMatrix.getNormalMatrix(d.matrix);
      for (let i = 0; i < count; i++) {
        tmpV.fromBufferAttribute(position, i).applyMatrix4(d.matrix);
        vpos[i * 3] = tmpV.x;
        vpos[i * 3 + 1] = tmpV.y;
        vpos[i * 3 + 2] = tmpV.z;
        if (normal && vnrm) {
          tmpN.fromBufferAttribute(normal, i).applyMatrix3(normalMatrix).normalize();
          vnrm[i * 3] = tmpN.x;
          vnrm[i * 3 + 1] = tmpN.y;
          vnrm[i * 3 + 2] = tmpN.z;
        }
        ok[i] = toScreen(tmpV, vp, f, w, h, vscr, i * 4) ? 1 : 0;
      }
      cached = { geometry: d.geometry, matrix: d.matrix, pos: vpos, nrm: vnrm, scr: vscr, ok };
    }
    const { pos, nrm, scr, ok } = cached;
    const index = d.geometry.index?.array;
    for (let t = d.start; t + 2 < d.start + d.count; t += 3) {
      const i0 = index ? index[t] : t;
      const i1 = index ? index[t + 1] : t + 1;
      const i2 = index ? index[t + 2] : t + 2;
      if (!ok[i0] || !ok[i1] || !ok[i2]) continue;
      // Screen y points down: a counter-clockwise (front) face has a negative area here; mirroring flips it.
      const area = (scr[i1 * 4] - scr[i0 * 4]) * (scr[i2 * 4 + 1] - scr[i0 * 4 + 1]) - (scr[i2 * 4] - scr[i0 * 4]) * (scr[i1 * 4 + 1] - scr[i0 * 4 + 1]);
      if (area === 0) continue;
      const front = area < 0 !== mirrored;
      if ((side === THREE.FrontSide && !front) || (side === THREE.BackSide && front)) continue;
      const n = into.count++;
      const vs = [i0, i1, i2];
      for (let k = 0; k < 3; k++) {
        const vi = vs[k];
        into.pos[n * 9 + k * 3] = pos[vi * 3];
        into.pos[n * 9 + k * 3 + 1] = pos[vi * 3 + 1];
        into.pos[n * 9 + k * 3 + 2] = pos[vi * 3 + 2];
        for (let c = 0; c < 4; c++) into.scr[n * 12 + k * 4 + c] = scr[vi * 4 + c];
      }
      if (nrm) {
        for (let k = 0; k < 3; k++) {
          const vi = vs[k];
          into.nrm[n * 9 + k * 3] = nrm[vi * 3];
          into.nrm[n * 9 + k * 3 + 1] = nrm[vi * 3 + 1];
          into.nrm[n * 9 + k * 3 + 2] = nrm[vi * 3 + 2];
        }
      } else {
        // Flat normal from the world triangle.
        const o = n * 9;
        const P = into.pos;
        const ax = P[o + 3] - P[o], ay = P[o + 4] - P[o + 1], az = P[o + 5] - P[o + 2];
        const bx = P[o + 6] - P[o], by = P[o + 7] - P[o + 1], bz = P[o + 8] - P[o + 2];
        tmpN.set(ay * bz - az * by, az * bx - ax * bz, ax * by - ay * bx).normalize();
        for (let k = 0; k < 3; k++) into.nrm.set([tmpN.x, tmpN.y, tmpN.z], o + k * 3);
      }
      into.surf[n] = front ? id : -1 - id;
    }
  }
  return { opaque, transparent };
}

/** Calls `visit(sample index, b0, b1, b2, depth)` for each sample centre inside the triangle. */
function rasteriseTriangle(
  s: Float32Array,
  o: number,
  w: number,
  h: number,
  visit: (i: number, b0: number, b1: number, b2: number, z: number) => void,
): void {
  const x0 = s[o], y0 = s[o + 1], z0 = s[o + 2];
  const x1 = s[o + 4], y1 = s[o + 5], z1 = s[o + 6];
  const x2 = s[o + 8], y2 = s[o + 9], z2 = s[o + 10];
  const area = (x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0);
  if (area === 0) return;
  const minX = Math.max(0, Math.floor(Math.min(x0, x1, x2)));
  const maxX = Math.min(w - 1, Math.ceil(Math.max(x0, x1, x2)));
  const minY = Math.max(0, Math.floor(Math.min(y0, y1, y2)));
  const maxY = Math.min(h - 1, Math.ceil(Math.max(y0, y1, y2)));
  if (minX > maxX || minY > maxY) return;
  const inv = 1 / area;
  // Edge functions e0 (opposite v0), e1, e2 as a·x + b·y + c, stepped per sample.
  const a0 = (y1 - y2) * inv, b0 = (x2 - x1) * inv, c0 = (x1 * y2 - x2 * y1) * inv;
  const a1 = (y2 - y0) * inv, b1 = (x0 - x2) * inv, c1 = (x2 * y0 - x0 * y2) * inv;
  const a2 = (y0 - y1) * inv, b2 = (x1 - x0) * inv, c2 = (x0 * y1 - x1 * y0) * inv;
  for (let py = minY; py <= maxY; py++) {
    const sy = py + 0.5;
    const sx = minX + 0.5;
    let e0 = a0 * sx + b0 * sy + c0;
    let e1 = a1 * sx + b1 * sy + c1;
    let e2 = a2 * sx + b2 * sy + c2;
    const row = py * w;
    for (let px = minX; px <= maxX; px++) {
      if (e0 >= 0 && e1 >= 0 && e2 >= 0) visit(row + px, e0, e1, e2, e0 * z0 + e1 * z1 + e2 * z2);
      e0 += a0;
      e1 += a1;
      e2 += a2;
    }
  }
}

/** Nearest opaque triangle per sample: its depth and id. */
function depthPass(t: Triangles, w: number, h: number, depth: Float32Array, ids: Int32Array): void {
  const s = t.scr;
  for (let tri = 0; tri < t.count; tri++) {
    const o = tri * 12;
    const x0 = s[o], y0 = s[o + 1], z0 = s[o + 2];
    const x1 = s[o + 4], y1 = s[o + 5], z1 = s[o + 6];
    const x2 = s[o + 8], y2 = s[o + 9], z2 = s[o + 10];
    const area = (x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0);
    if (area === 0) continue;
    const minX = Math.max(0, Math.floor(Math.min(x0, x1, x2)));
    const maxX = Math.min(w - 1, Math.ceil(Math.max(x0, x1, x2)));
    const minY = Math.max(0, Math.floor(Math.min(y0, y1, y2)));
    const maxY = Math.min(h - 1, Math.ceil(Math.max(y0, y1, y2)));
    if (minX > maxX || minY > maxY) continue;
    const inv = 1 / area;
    const a0 = (y1 - y2) * inv, b0 = (x2 - x1) * inv, c0 = (x1 * y2 - x2 * y1) * inv;
    const a1 = (y2 - y0) * inv, b1 = (x0 - x2) * inv, c1 = (x2 * y0 - x0 * y2) * inv;
    const a2 = (y0 - y1) * inv, b2 = (x1 - x0) * inv, c2 = (x0 * y1 - x1 * y0) * inv;
    // Depth is linear on screen: z = zx·x + zy·y + zc.
    const zx = a0 * z0 + a1 * z1 + a2 * z2;
    for (let py = minY; py <= maxY; py++) {
      const sy = py + 0.5;
      const sx = minX + 0.5;
      let e0 = a0 * sx + b0 * sy + c0;
      let e1 = a1 * sx + b1 * sy + c1;
      let e2 = a2 * sx + b2 * sy + c2;
      let z = e0 * z0 + e1 * z1 + e2 * z2;
      let i = py * w + minX;
      for (let px = minX; px <= maxX; px++, i++) {
        if (e0 >= 0 && e1 >= 0 && e2 >= 0 && z < depth[i] && z >= -1) {
          depth[i] = z;
          ids[i] = tri;
        }
        e0 += a0;
        e1 += a1;
        e2 += a2;
        z += zx;
      }
    }
  }
}

/** Position and normal at a sample, perspective-correct, into `p` and `n`. */
function interpolate(t: Triangles, tri: number, b0: number, b1: number, b2: number, p: Float32Array, n: Float32Array): void {
  const s = t.scr;
  const o = tri * 12;
  let w0 = b0 * s[o + 3];
  let w1 = b1 * s[o + 7];
  let w2 = b2 * s[o + 11];
  const sum = w0 + w1 + w2;
  w0 /= sum;
  w1 /= sum;
  w2 /= sum;
  const v = tri * 9;
  for (let k = 0; k < 3; k++) {
    p[k] = w0 * t.pos[v + k] + w1 * t.pos[v + 3 + k] + w2 * t.pos[v + 6 + k];
    n[k] = w0 * t.nrm[v + k] + w1 * t.nrm[v + 3 + k] + w2 * t.nrm[v + 6 + k];
  }
  const len = Math.hypot(n[0], n[1], n[2]) || 1;
  const sign = t.surf[tri] < 0 ? -1 : 1;
  n[0] *= sign / len;
  n[1] *= sign / len;
  n[2] *= sign / len;
}

/** Draws `root` as seen through `options.framing` into straight RGBA (transparent where nothing is). */
export function rasterise(root: THREE.Object3D, options: RasterOptions): Raster {
  const ss = options.supersample;
  const W = options.width * ss;
  const H = options.height * ss;
  const { opaque, transparent } = triangulate(root, options.framing, W, H);
  const depth = new Float32Array(W * H).fill(Infinity);
  const ids = new Int32Array(W * H).fill(-1);
  depthPass(opaque, W, H, depth, ids);

  // Premultiplied linear colour and coverage per sample.
  const rgba = new Float32Array(W * H * 4);
  const p = new Float32Array(3);
  const n = new Float32Array(3);
  const eye = options.framing.camera.position;
  const view = new Float32Array(3);
  const out = new Float32Array(4);
  const shadeAt = (t: Triangles, tri: number) => {
    view[0] = eye.x - p[0];
    view[1] = eye.y - p[1];
    view[2] = eye.z - p[2];
    const len = Math.hypot(view[0], view[1], view[2]) || 1;
    view[0] /= len;
    view[1] /= len;
    view[2] /= len;
    const id = t.surf[tri];
    options.shader(t.surfaces[id < 0 ? -1 - id : id], p, n, view, out);
  };
  const floorAt = options.floor ? floorProjector(options.framing, W, H) : null;
  // Shade once per pixel and triangle (at the first of its samples there), not once per sample:
  // inside a triangle all of a pixel's samples would get nearly the same colour.
  const seen = new Int32Array(ss * ss);
  const colour = new Float32Array(ss * ss * 3);
  for (let y = 0; y < options.height; y++)
    for (let x = 0; x < options.width; x++) {
      let unique = 0;
      let floor = -1;
      for (let j = 0; j < ss; j++)
        for (let i = 0; i < ss; i++) {
          const px = x * ss + i;
          const py = y * ss + j;
          const si = py * W + px;
          const tri = ids[si];
          const o = si * 4;
          if (tri < 0) {
            if (floor < 0) {
              const at = floorAt?.(x * ss + ss / 2, y * ss + ss / 2);
              floor = at && options.floor ? options.floor(at[0], at[1]) : 0;
            }
            rgba[o + 3] = floor;
            continue;
          }
          let k = 0;
          while (k < unique && seen[k] !== tri) k++;
          if (k === unique) {
            const s = opaque.scr;
            const t = tri * 12;
            const sx = px + 0.5;
            const sy = py + 0.5;
            const area = (s[t + 4] - s[t]) * (s[t + 9] - s[t + 1]) - (s[t + 8] - s[t]) * (s[t + 5] - s[t + 1]);
            const b0 = ((s[t + 4] - sx) * (s[t + 9] - sy) - (s[t + 8] - sx) * (s[t + 5] - sy)) / area;
            const b1 = ((s[t + 8] - sx) * (s[t + 1] - sy) - (s[t] - sx) * (s[t + 9] - sy)) / area;
            interpolate(opaque, tri, b0, b1, 1 - b0 - b1, p, n);
            shadeAt(opaque, tri);
            seen[unique++] = tri;
            colour[k * 3] = out[0];
            colour[k * 3 + 1] = out[1];
            colour[k * 3 + 2] = out[2];
          }
          rgba[o] = colour[k * 3];
          rgba[o + 1] = colour[k * 3 + 1];
          rgba[o + 2] = colour[k * 3 + 2];
          rgba[o + 3] = 1;
        }
    }

  // Glass: back to front over what is there, depth-tested against the opaque surfaces.
  const order = Array.from({ length: transparent.count }, (_, t) => t);
  const far = (t: number) => transparent.scr[t * 12 + 2] + transparent.scr[t * 12 + 6] + transparent.scr[t * 12 + 10];
  order.sort((a, b) => far(b) - far(a));
  for (const t of order) {
    rasteriseTriangle(transparent.scr, t * 12, W, H, (i, b0, b1, b2, z) => {
      if (z >= depth[i] || z < -1) return;
      interpolate(transparent, t, b0, b1, b2, p, n);
      shadeAt(transparent, t);
      const a = out[3];
      const k = i * 4;
      rgba[k] = out[0] * a + rgba[k] * (1 - a);
      rgba[k + 1] = out[1] * a + rgba[k + 1] * (1 - a);
      rgba[k + 2] = out[2] * a + rgba[k + 2] * (1 - a);
      rgba[k + 3] = a + rgba[k + 3] * (1 - a);
    });
  }
  return resolve(rgba, options.width, options.height, ss);
}

/** Where the ray through a sample meets the floor (y = 0), or null above the horizon. */
function floorProjector(f: Framing, W: number, H: number): (sx: number, sy: number) => [number, number] | null {
  const inv = new THREE.Matrix4().multiplyMatrices(f.camera.projectionMatrix, f.camera.matrixWorldInverse).invert();
  const near = new THREE.Vector3();
  const farP = new THREE.Vector3();
  return (sx, sy) => {
    const nx = ((sx / W) * 2 - 1 - f.offset[0]) / f.scale;
    const ny = (1 - (sy / H) * 2 - f.offset[1]) / f.scale;
    near.set(nx, ny, -1).applyMatrix4(inv);
    farP.set(nx, ny, 1).applyMatrix4(inv);
    const dy = farP.y - near.y;
    if (dy >= 0) return null;
    const t = -near.y / dy;
    return [near.x + (farP.x - near.x) * t, near.z + (farP.z - near.z) * t];
  };
}

/** linearToSrgb as 8-bit values, in a table: called three times per pixel. */
const SRGB_STEPS = 4096;
const SRGB = Uint8Array.from({ length: SRGB_STEPS + 1 }, (_, i) => Math.round(linearToSrgb(i / SRGB_STEPS) * 255));

/** Averages each pixel's samples (tone-mapped linear, premultiplied), un-premultiplies and encodes as sRGB. */
function resolve(rgba: Float32Array, width: number, height: number, ss: number): Raster {
  const display = (c: number) => SRGB[Math.max(0, Math.min(SRGB_STEPS, Math.round(c * SRGB_STEPS)))];
  const W = width * ss;
  const data = new Uint8Array(width * height * 4);
  const k = 1 / (ss * ss);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let j = 0; j < ss; j++)
        for (let i = 0; i < ss; i++) {
          const o = ((y * ss + j) * W + x * ss + i) * 4;
          r += rgba[o];
          g += rgba[o + 1];
          b += rgba[o + 2];
          a += rgba[o + 3];
        }
      const o = (y * width + x) * 4;
      a *= k;
      if (a <= 0) continue;
      const u = k / a;
      data[o] = display(r * u);
      data[o + 1] = display(g * u);
      data[o + 2] = display(b * u);
      data[o + 3] = Math.round(Math.min(1, a) * 255);
    }
  return { width, height, data };
}
