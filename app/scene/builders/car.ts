/**
 * The car model (sedan and estate), built in code from the visual spec.
 *
 * Body: a loft of cross-sections along x. Each section is a rounded box
 * (flat floor, wheel-well notch, vertical side, shoulder radius, crowned deck)
 * whose size follows the profile lines; the deck under the greenhouse is left
 * open so the interior shows through the glass. Greenhouse: a second loft from
 * the belt line over the roof, split into glass, pillars and roof by material
 * groups. Lights, grille and trim are thin ribbons hugging the body outline.
 *
 * Every part has a name; parts that exist because of a visual key carry that
 * key's name ("sunroof", "roof-rails", "towbar", …) so tests and tools can
 * find them.
 */
import * as THREE from "three";
import { type CarProfile, type CarVariant, carProfile } from "./car-profile";
import { clamp, lerp, smoothstep } from "./curves";
import { type V2, loft, ribbon, ringCap, roundedBox as makeRoundedBox, sharedGeometry, surfacePatch } from "./geometry";

/** Rounded boxes depend only on their size: share them. */
const roundedBox = (w: number, h: number, d: number, r: number) => sharedGeometry(`rbox:${w}:${h}:${d}:${r}`, () => makeRoundedBox(w, h, d, r));
import { buildCarInterior } from "./interior";
import { type Palette, carFactories, createPalette, paintMaterial } from "./materials";
import { buildWheel, wheelFactories, wheelSize } from "./wheel";
import { type VisualSpec } from "../visual-keys";

// ---------------------------------------------------------------------------
// Lower body sections

type BodyLabel = "under" | "side" | "deck";

/** Labels of the half-section segments (point j → j+1), see bodyHalf. */
const BODY_HALF_LABELS: BodyLabel[] = [
  ...(["under", "under"] as const), // floor
  ...(["under", "under"] as const), // wheel-well wall
  ...(["under", "under"] as const), // wheel-well top / bottom flat
  ...(["under", "under", "under"] as const), // bottom corner
  ...(["side", "side", "side", "side", "side", "side"] as const), // side
  ...(["side", "side", "side", "side", "side", "side"] as const), // shoulder
  ...(["side", "side"] as const), // ledge
  ...(["deck", "deck", "deck", "deck"] as const), // deck
];
const BODY_HALF_POINTS = BODY_HALF_LABELS.length + 1;

/** Deck height at z (crowned top surface of the lower body). */
function deckY(p: CarProfile, x: number, z: number, inset = 0): number {
  const w = p.halfWidth(x) - inset;
  const t = p.top(x) - inset * 0.3;
  const rs = p.shoulder(x);
  const k = clamp(Math.abs(z) / Math.max(0.05, w - rs), 0, 1);
  return t + p.crown * (1 - k * k);
}

/** How far the lower side tucks in toward the sill (the body is widest at the shoulder). */
function tuck(p: CarProfile, x: number, y: number): number {
  const y1 = p.bottom(x) + 0.42;
  const k = clamp((y1 - y) / 0.36, 0, 1);
  return 0.032 * k * k;
}

/** The body side's z at (x, y) on the +z side, for trim that has to sit on it. */
export function sideZ(p: CarProfile, x: number, y: number): number {
  return p.halfWidth(x) - tuck(p, x, y);
}

/** Half cross-section at x from the bottom centre to the top centre, on the +z side. */
function bodyHalf(p: CarProfile, x: number, inset = 0): V2[] {
  const w = p.halfWidth(x) - inset;
  const b = p.bottom(x) + inset;
  const arch = p.archBottom(x);
  const ya = arch > p.bottom(x) + 1e-6 ? Math.max(b, arch + inset) : b;
  const t = p.top(x) - inset * 0.3;
  const avail = t - ya;
  const rs = Math.max(0.005, Math.min(p.shoulder(x), avail * 0.6));
  const rb = Math.max(0, Math.min(0.06, (avail - rs) * 0.5));
  const zin = Math.max(0.05, w - p.archDepth);
  const zh = Math.max(0.02, Math.min(w - rs - 0.01, p.halfWidth(x) - p.cabin.inset - 0.03));
  const top = (z: number) => deckY(p, x, z, inset);
  const pts: V2[] = [];
  pts.push([0, b], [zin / 2, b]); // floor
  pts.push([zin, b], [zin, (b + ya) / 2]); // wheel-well wall
  const wz = (y: number) => w - tuck(p, x, y);
  const wBot = wz(ya + rb);
  pts.push([zin, ya], [lerp(zin, wBot - rb, 0.5), ya]); // wheel-well top
  for (const a of [-90, -60, -30]) {
    const r = (a * Math.PI) / 180;
    pts.push([wBot - rb + rb * Math.cos(r), ya + rb + rb * Math.sin(r)]);
  }
  for (let k = 0; k < 6; k++) {
    const y = lerp(ya + rb, t - rs, k / 6);
    pts.push([wz(y), y]); // side
  }
  for (const a of [0, 15, 30, 45, 60, 75]) {
    const r = (a * Math.PI) / 180;
    pts.push([w - rs + rs * Math.cos(r), t - rs + rs * Math.sin(r)]);
  }
  pts.push([w - rs, top(w - rs)], [lerp(w - rs, zh, 0.5), top(lerp(w - rs, zh, 0.5))]); // ledge
  for (let k = 0; k < 4; k++) {
    const z = zh * (1 - k / 4);
    pts.push([z, top(z)]);
  }
  pts.push([0, top(0)]);
  return pts;
}

/** Full ring: the half section and its mirror (bottom → +z → top → −z). */
function mirrorRing(half: readonly V2[]): V2[] {
  const ring: V2[] = [...half];
  for (let k = half.length - 2; k >= 1; k--) ring.push([-half[k][0], half[k][1]]);
  return ring;
}

/** Label of closed-ring segment r → r+1 for a mirrored half of n points. */
function ringLabel<L>(labels: readonly L[], n: number, r: number): L {
  const last = n - 1; // index of the top centre
  if (r < last) return labels[r];
  return labels[2 * last - r - 1];
}

function bodyStations(p: CarProfile): number[] {
  const xs = new Set<number>();
  const add = (x: number) => xs.add(Math.round(x * 10000) / 10000);
  for (let x = p.xRear; x <= p.xFront + 1e-9; x += 0.05) add(x);
  // Dense rings where the nose and tail round off.
  for (let k = 0; k <= 14; k++) {
    const t = 1 - Math.cos(((k / 14) * Math.PI) / 2);
    add(p.xFront - 0.5 * t);
    add(p.xRear + 0.4 * t);
  }
  for (const ax of p.axles) {
    for (let k = 0; k <= 24; k++) add(ax - p.archRadius + (2 * p.archRadius * k) / 24);
    // Vertical edges of the arch openings: one ring just outside, one just inside.
    add(ax - p.archRadius - 0.002);
    add(ax - p.archRadius + 0.002);
    add(ax + p.archRadius - 0.002);
    add(ax + p.archRadius + 0.002);
  }
  add(p.cabin.hole[0]);
  add(p.cabin.hole[1]);
  add(p.xFront);
  add(p.xRear);
  return [...xs].filter((x) => x >= p.xRear && x <= p.xFront).sort((a, b) => a - b);
}

// ---------------------------------------------------------------------------
// Greenhouse sections

type CabinLabel = "trim-low" | "side" | "trim-high" | "corner" | "top";
const SIDE_FRACTIONS = [0, 0.035, 0.15, 0.32, 0.5, 0.68, 0.85, 0.965];
const CABIN_HALF_LABELS: CabinLabel[] = [
  "trim-low",
  "side",
  "side",
  "side",
  "side",
  "side",
  "side",
  "trim-high",
  "corner",
  "corner",
  "corner",
  "corner",
  ...Array<CabinLabel>(8).fill("top"),
];
const CABIN_CROWN = 0.035;

function cabinWidths(p: CarProfile, x: number) {
  const wb = p.halfWidth(x) - p.cabin.inset;
  return { wb, wt: wb - p.cabin.tumblehome };
}

/** Roof surface height at (x, z) for |z| inside the roof's flat part. */
export function roofY(p: CarProfile, x: number, z: number): number {
  const { wt } = cabinWidths(p, x);
  return p.cabin.roof(x) - CABIN_CROWN * (z / wt) ** 2;
}

function cabinHalf(p: CarProfile, x: number, grow = 0): V2[] {
  const { wb, wt } = cabinWidths(p, x);
  const yb = deckY(p, x, wb) - 0.02;
  const roof = p.cabin.roof(x) + grow;
  const B: V2 = [wb + grow, yb];
  const C: V2 = [wt + grow, Math.max(yb, roof - CABIN_CROWN)];
  const T: V2 = [0, Math.max(yb, roof)];
  const dBC = Math.hypot(C[0] - B[0], C[1] - B[1]);
  const rc = 0.07;
  const k0 = dBC > 1e-6 ? Math.min(0.45, rc / dBC) : 0;
  const P0: V2 = [lerp(C[0], B[0], k0), lerp(C[1], B[1], k0)];
  const zP2 = C[0] - Math.min(rc, C[0] * 0.3);
  const topAt = (z: number) => Math.max(yb, roof - CABIN_CROWN * (z / Math.max(0.1, wt + grow)) ** 2);
  const P2: V2 = [zP2, topAt(zP2)];
  const pts: V2[] = [];
  for (const f of SIDE_FRACTIONS) pts.push([lerp(B[0], P0[0], f), lerp(B[1], P0[1], f)]);
  for (const t of [0, 0.25, 0.5, 0.75]) {
    const a = (1 - t) * (1 - t);
    const b = 2 * (1 - t) * t;
    const c = t * t;
    pts.push([a * P0[0] + b * C[0] + c * P2[0], a * P0[1] + b * C[1] + c * P2[1]]);
  }
  for (let k = 0; k < 8; k++) {
    const z = zP2 * (1 - k / 8);
    pts.push([z, topAt(z)]);
  }
  pts.push(T);
  return pts;
}

/** Open ring over the roof: +z base → top → −z base. */
function cabinRing(half: readonly V2[]): V2[] {
  const ring: V2[] = [...half];
  for (let k = half.length - 2; k >= 0; k--) ring.push([-half[k][0], half[k][1]]);
  return ring;
}

function cabinLabel(r: number): { label: CabinLabel; f: number } {
  const n = CABIN_HALF_LABELS.length; // segments in the half
  const h = r < n ? r : 2 * n - 1 - r;
  const label = CABIN_HALF_LABELS[h];
  const f = h < SIDE_FRACTIONS.length ? (SIDE_FRACTIONS[h] + (SIDE_FRACTIONS[h + 1] ?? 1)) / 2 : 1;
  return { label, f };
}

// ---------------------------------------------------------------------------
// Outlines for ribbons (lights, trim)

/** Plan outline of the +z side from x0 forward around the nose to z = zEnd on the front face, resampled evenly. */
function frontOutline(p: CarProfile, x0: number, zEnd: number, n: number): V2[] {
  const dense: V2[] = [];
  for (let x = x0; x < p.xFront; x += 0.002) dense.push([x, p.halfWidth(x)]);
  const wEnd = p.halfWidth(p.xFront);
  for (let z = wEnd; z >= zEnd; z -= 0.004) dense.push([p.xFront, z]);
  return resample(dense, n);
}

/** Plan outline of the +z side from z = zStart on the rear face around the tail forward to x1. */
function rearOutline(p: CarProfile, zStart: number, x1: number, n: number): V2[] {
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

function pairOfRibbons(
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

// ---------------------------------------------------------------------------

export interface CarBuild {
  group: THREE.Group;
  /** Parts that fade away in the interior view (roof, glass, pillars). */
  greenhouse: THREE.Group;
}

export function buildCar(spec: VisualSpec, variant: CarVariant): CarBuild {
  const p = carProfile(variant);
  const paint = paintMaterial(spec.paint.hex, spec.paint.finish);
  const mats = createPalette({ ...carFactories, ...wheelFactories, paint: () => paint });
  const group = new THREE.Group();
  group.name = `car:${variant}`;

  group.add(buildBody(p, mats));
  const greenhouse = buildGreenhouse(p, spec, mats);
  group.add(greenhouse);
  group.add(buildInteriorShell(p, spec));
  const interior = buildCarInterior(spec, p);
  group.add(interior);
  group.add(...buildWheels(p, spec, mats));
  group.add(...buildLights(p, spec, mats));
  group.add(buildGrille(p, mats, spec.trim === "s-line"));
  group.add(...buildMirrors(p, spec, mats));
  group.add(...buildTrim(p, mats));
  if (spec.towbar) group.add(buildTowbar(p, mats));
  if (spec.spoiler && variant === "sedan") group.add(buildTrunkSpoiler(p, mats));

  sculptEnds(group, p);

  // Sport and air suspension: everything but the wheels sits lower.
  if (spec.lowering > 0) for (const child of group.children) if (!child.name.startsWith("wheel-")) child.position.y -= spec.lowering;

  group.traverse((o) => {
    if (o instanceof THREE.Mesh) {
      o.castShadow = true;
      o.receiveShadow = false;
    }
  });
  // Glass casts no useful shadow and would darken the cabin.
  greenhouse.traverse((o) => {
    if (o instanceof THREE.Mesh) o.castShadow = o.name !== "cabin-glass";
  });
  return { group, greenhouse };
}

/**
 * Leans the nose and the tail: the front face tilts back and the rear face
 * forward toward the top, as on a real car. Done as a final deformation of
 * every part near the ends (body, grille, lights, trim alike), so they all
 * stay on the surface they were built on.
 */
function sculptEnds(group: THREE.Group, p: CarProfile): void {
  const shift = (x: number, y: number) => {
    const front = smoothstep(p.xFront - 0.65, p.xFront - 0.02, x) * Math.max(0, y - 0.36) * -0.24;
    const rear = smoothstep(p.xRear + 0.55, p.xRear + 0.02, x) * Math.max(0, y - 0.45) * 0.14;
    return front + rear;
  };
  group.updateMatrixWorld(true);
  const v = new THREE.Vector3();
  const inv = new THREE.Matrix4();
  const m = new THREE.Matrix4();
  group.traverse((o) => {
    if (!(o instanceof THREE.Mesh) || o.name.startsWith("wheel") || o.geometry.userData.sculpted) return;
    if (o instanceof THREE.InstancedMesh) {
      for (let i = 0; i < o.count; i++) {
        o.getMatrixAt(i, m);
        v.setFromMatrixPosition(m).applyMatrix4(o.matrixWorld);
        m.elements[12] += shift(v.x, v.y);
        o.setMatrixAt(i, m);
      }
      o.instanceMatrix.needsUpdate = true;
      return;
    }
    o.geometry.userData.sculpted = true;
    const pos = o.geometry.attributes.position as THREE.BufferAttribute;
    inv.copy(o.matrixWorld).invert();
    let moved = false;
    for (let i = 0; i < pos.count; i++) {
      v.fromBufferAttribute(pos, i).applyMatrix4(o.matrixWorld);
      const dx = shift(v.x, v.y);
      if (dx === 0) continue;
      moved = true;
      v.x += dx;
      v.applyMatrix4(inv);
      pos.setXYZ(i, v.x, v.y, v.z);
    }
    if (moved) {
      pos.needsUpdate = true;
      if (o.geometry.index) o.geometry.computeVertexNormals();
      o.geometry.computeBoundingBox();
      o.geometry.computeBoundingSphere();
    }
  });
}

function buildBody(p: CarProfile, mats: Palette): THREE.Group {
  const body = new THREE.Group();
  body.name = "body";
  const xs = bodyStations(p);
  const n = BODY_HALF_POINTS;
  const [h0, h1] = p.cabin.hole;
  const geo = sharedGeometry(`${p.variant}:body`, () => loft({
    xs,
    closed: true,
    ring: (x) => mirrorRing(bodyHalf(p, x)),
    groups: 2,
    groupOf: (x, j) => {
      const label = ringLabel(BODY_HALF_LABELS, n, j);
      if (label === "deck" && x > h0 && x < h1) return -1;
      return label === "under" ? 1 : 0;
    },
  }));
  const shell = new THREE.Mesh(geo, [mats.get("paint"), mats.get("under")]);
  shell.name = "body-shell";
  body.add(shell);
  const front = new THREE.Mesh(sharedGeometry(`${p.variant}:nose`, () => ringCap(p.xFront, mirrorRing(bodyHalf(p, p.xFront)), 1)), mats.get("paint"));
  front.name = "body-front";
  const rear = new THREE.Mesh(sharedGeometry(`${p.variant}:tail`, () => ringCap(p.xRear, mirrorRing(bodyHalf(p, p.xRear)), -1)), mats.get("paint"));
  rear.name = "body-rear";
  body.add(front, rear);
  return body;
}

/** The inside of the cabin tub (door cards, floor, firewall), seen through the glass and from above. */
function buildInteriorShell(p: CarProfile, spec: VisualSpec): THREE.Group {
  const g = new THREE.Group();
  g.name = "interior-shell";
  const [h0, h1] = p.cabin.hole;
  const x0 = h0 - 0.12;
  const x1 = h1 + 0.1;
  const xs: number[] = [];
  for (let k = 0; k <= 60; k++) xs.push(lerp(x0, x1, k / 60));
  const inset = 0.045;
  const n = BODY_HALF_POINTS;
  const trim = new THREE.MeshStandardMaterial({
    color: new THREE.Color(spec.interior.hex).multiplyScalar(0.8),
    roughness: 0.75,
    side: THREE.BackSide,
    name: "door-card",
  });
  const carpet = carFactories.carpet();
  carpet.name = "carpet";
  const geo = sharedGeometry(`${p.variant}:tub`, () =>
    loft({
      xs,
      closed: true,
      ring: (x) => mirrorRing(bodyHalf(p, x, inset)),
      groups: 2,
      groupOf: (_x, j) => (ringLabel(BODY_HALF_LABELS, n, j) === "under" ? 1 : 0),
    }),
  );
  const shell = new THREE.Mesh(geo, [trim, carpet]);
  shell.name = "interior-tub";
  const front = new THREE.Mesh(sharedGeometry(`${p.variant}:firewall`, () => ringCap(x1, mirrorRing(bodyHalf(p, x1, inset)), 1)), carpet);
  front.name = "interior-firewall";
  const rear = new THREE.Mesh(sharedGeometry(`${p.variant}:bulkhead`, () => ringCap(x0, mirrorRing(bodyHalf(p, x0, inset)), -1)), trim);
  rear.name = "interior-bulkhead";
  g.add(shell, front, rear);
  g.traverse((o) => {
    if (o instanceof THREE.Mesh) o.receiveShadow = false;
  });
  return g;
}

function buildGreenhouse(p: CarProfile, spec: VisualSpec, mats: Palette): THREE.Group {
  const gh = new THREE.Group();
  gh.name = "greenhouse";
  const c = p.cabin;
  const xs: number[] = [];
  const steps = Math.round((c.xEnd - c.xStart) / 0.025);
  for (let k = 0; k <= steps; k++) xs.push(lerp(c.xStart, c.xEnd, k / steps));
  const cabinPaint = (mats.get("paint") as THREE.MeshPhysicalMaterial).clone();
  cabinPaint.name = "paint-roof";
  const rearGlass = spec.privacyGlass ? "glass-privacy" : "glass";
  const GROUPS = { paint: 0, glass: 1, rearGlass: 2, black: 3, chrome: 4 } as const;
  const geo = sharedGeometry(`${p.variant}:cabin`, () => loft({
    xs,
    closed: false,
    ring: (x) => cabinRing(cabinHalf(p, x)),
    groups: 5,
    groupOf: (x, j) => {
      const { label, f } = cabinLabel(j);
      if (label === "corner") return GROUPS.paint;
      if (label === "top") {
        if (x > c.xWindshieldTop) return GROUPS.glass;
        if (x < c.xRearGlassTop) return GROUPS.rearGlass;
        return GROUPS.paint;
      }
      // Side glass between the pillars; the C (or D) pillar leans forward toward the roof.
      // Pillar edges are vertical in x: a slanted edge would show the grid as steps.
      void f;
      const rearEdge = c.xD !== undefined ? c.xD : c.xC;
      if (x > c.xA || x < rearEdge) return GROUPS.paint;
      if (Math.abs(x - c.xB) < 0.05) return GROUPS.black;
      if (c.xD !== undefined && Math.abs(x - c.xC) < 0.035) return GROUPS.black;
      if (label !== "side") return GROUPS.chrome;
      return x < c.xB ? GROUPS.rearGlass : GROUPS.glass;
    },
  }));
  const cabin = new THREE.Mesh(geo, [cabinPaint, mats.get("glass"), mats.get(rearGlass), mats.get("trim-black"), mats.get("chrome")]);
  cabin.name = "cabin";
  // The same surface from inside: a headliner behind the opaque parts, nothing behind the glass.
  const lining = new THREE.Mesh(geo, [mats.get("headliner"), mats.get("hidden"), mats.get("hidden"), mats.get("headliner"), mats.get("headliner")]);
  lining.name = "headliner";
  gh.add(cabin, lining);

  const { wt: wtMid } = cabinWidths(p, -0.3);
  if (spec.roof !== "solid") {
    const panorama = spec.roof === "panorama";
    const x0 = panorama ? c.xRearGlassTop + 0.16 : -0.22;
    const x1 = panorama ? c.xWindshieldTop + 0.12 : 0.38;
    const zr = panorama ? wtMid - 0.1 : 0.42;
    const roofPart = (dx: number, dz: number, lift: number, mat: THREE.Material, name: string) => {
      const m = new THREE.Mesh(
        sharedGeometry(`${p.variant}:${name}`, () =>
          surfacePatch(24, 8, (u, v) => {
            const x = lerp(x0 - dx, x1 + dx, u);
            const z = lerp(zr + dz, -zr - dz, v);
            return [x, roofY(p, x, z) + lift, z];
          }),
        ),
        mat,
      );
      m.name = name;
      return m;
    };
    const roof = new THREE.Group();
    roof.name = panorama ? "panorama" : "sunroof";
    roof.userData.visualKey = roof.name;
    roof.add(roofPart(0.025, 0.025, 0.003, mats.get("trim-black"), `${roof.name}-frame`));
    roof.add(roofPart(0, 0, 0.006, mats.get("glass-roof"), `${roof.name}-glass`));
    if (panorama) {
      // The fixed rear pane and the sliding front pane meet at a thin bar.
      const bar = new THREE.Mesh(new THREE.BoxGeometry(0.03, 0.01, zr * 2), mats.get("trim-black"));
      const xb = lerp(x0, x1, 0.55);
      bar.position.set(xb, roofY(p, xb, 0) + 0.008, 0);
      bar.name = "panorama-bar";
      roof.add(bar);
    }
    gh.add(roof);
  }

  if (spec.roofRails || p.variant === "estate") gh.add(buildRoofRails(p, spec, mats));
  if (spec.spoiler && p.variant === "estate") gh.add(buildRoofSpoiler(p, mats));
  return gh;
}

function buildRoofRails(p: CarProfile, spec: VisualSpec, mats: Palette): THREE.Group {
  const rails = new THREE.Group();
  rails.name = "roof-rails";
  rails.userData.visualKey = "roof-rails";
  const mat = mats.get(spec.roofRails === "silver" ? "aluminium" : "trim-satin");
  const c = p.cabin;
  const x0 = c.xRearGlassTop + 0.1;
  const x1 = c.xWindshieldTop - 0.05;
  for (const side of [1, -1]) {
    const pts: THREE.Vector3[] = [];
    for (let k = 0; k <= 24; k++) {
      const x = lerp(x0, x1, k / 24);
      const { wt } = cabinWidths(p, x);
      const z = (wt - 0.06) * side;
      const rise = 0.045 * Math.sin((Math.PI * k) / 24) ** 0.35;
      pts.push(new THREE.Vector3(x, roofY(p, x, z) + rise, z));
    }
    const tube = new THREE.Mesh(sharedGeometry(`${p.variant}:rail:${side}`, () => new THREE.TubeGeometry(new THREE.CatmullRomCurve3(pts), 48, 0.016, 10, false)), mat);
    tube.scale.set(1, 1, 1);
    tube.name = `roof-rail-${side > 0 ? "r" : "l"}`;
    rails.add(tube);
  }
  return rails;
}

function buildRoofSpoiler(p: CarProfile, mats: Palette): THREE.Mesh {
  const c = p.cabin;
  const x = c.xRearGlassTop + 0.02;
  const y = roofY(p, x, 0);
  const shape = new THREE.Shape();
  shape.moveTo(0.05, 0.005);
  shape.lineTo(-0.22, -0.02);
  shape.lineTo(-0.2, -0.045);
  shape.lineTo(0.05, -0.03);
  shape.closePath();
  const { wt } = cabinWidths(p, x);
  const geo = new THREE.ExtrudeGeometry(shape, { depth: wt * 2, bevelEnabled: true, bevelSize: 0.008, bevelThickness: 0.008, bevelSegments: 2 });
  geo.translate(0, 0, -wt);
  const m = new THREE.Mesh(geo, mats.get("paint"));
  m.position.set(x, y, 0);
  m.name = "spoiler";
  m.userData.visualKey = "spoiler";
  return m;
}

function buildTrunkSpoiler(p: CarProfile, mats: Palette): THREE.Mesh {
  // A lip on the trunk lid's trailing edge.
  const x = -2.34;
  const shape = new THREE.Shape();
  shape.moveTo(0.04, 0);
  shape.lineTo(-0.09, 0.0);
  shape.lineTo(-0.1, 0.026);
  shape.closePath();
  const half = p.halfWidth(x) - 0.2;
  const geo = new THREE.ExtrudeGeometry(shape, { depth: half * 2, bevelEnabled: true, bevelSize: 0.004, bevelThickness: 0.008, bevelSegments: 2 });
  geo.translate(0, 0, -half);
  const m = new THREE.Mesh(geo, mats.get("trim-black"));
  m.position.set(x, deckY(p, x, 0) - 0.006, 0);
  m.name = "spoiler";
  m.userData.visualKey = "spoiler";
  return m;
}

function buildWheels(p: CarProfile, spec: VisualSpec, mats: Palette): THREE.Group[] {
  const size = wheelSize(spec.wheel.inches, p.tyreRadius);
  const proto = buildWheel(spec.wheel, size, mats, spec.calipers);
  const out: THREE.Group[] = [];
  for (const [ax, axle] of [
    [p.axles[0], "f"],
    [p.axles[1], "r"],
  ] as const) {
    for (const side of [1, -1]) {
      const w = proto.clone();
      w.name = `wheel-${axle}${side > 0 ? "r" : "l"}`;
      w.userData.visualKey = `wheel:${spec.wheel.design}:${spec.wheel.inches}`;
      w.position.set(ax, size.tyreRadius, side * (p.halfTrack + 0.115 - size.width / 2 + 0.01));
      // Left wheels are mirrored (not turned) so the calipers stay at the back.
      if (side < 0) w.scale.z = -1;
      out.push(w);
    }
  }
  return out;
}

function buildLights(p: CarProfile, spec: VisualSpec, mats: Palette): THREE.Object3D[] {
  const out: THREE.Object3D[] = [];
  const sig = spec.lights;
  const modern = sig !== "halogen";
  // Headlights: a lens wrapping from the fender onto the front face.
  const head = frontOutline(p, 2.06, 0.3, 48);
  const headLo = (s: number) => lerp(0.612, 0.57, s) - 0.012 * Math.sin(Math.PI * s);
  const headHi = (s: number) => lerp(0.668, 0.642, s);
  out.push(...pairOfRibbons(head, (s) => headLo(s) - 0.01, (s) => headHi(s) + 0.006, mats.get("trim-black"), "headlight-surround", 0.002));
  out.push(...pairOfRibbons(head.slice(1, 47), (s) => headLo(lerp(1 / 47, 46 / 47, s)), (s) => headHi(lerp(1 / 47, 46 / 47, s)), mats.get(modern ? "light-lens" : "light-reflector"), "headlight", 0.004));
  if (modern) {
    const drl = mats.get("drl");
    if (sig === "matrix" || sig === "laser" || sig === "digital") {
      // Segmented signature: a row of short bars along the lower edge.
      const segs = 7;
      for (let k = 0; k < segs; k++) {
        const a = 0.06 + (0.86 * k) / segs;
        const b = a + 0.86 / segs - 0.025;
        const part = head.slice(Math.round(a * 47), Math.round(b * 47) + 1);
        const m = part.length;
        const s0 = a;
        const s1 = b;
        const lo = (s: number) => headLo(lerp(s0, s1, s)) + 0.006;
        const hi = (s: number) => headLo(lerp(s0, s1, s)) + 0.02;
        if (m >= 2) out.push(...pairOfRibbons(part, lo, hi, drl, `drl-${k}`, 0.008));
      }
      if (sig === "laser") {
        const part = head.slice(30, 44);
        out.push(...pairOfRibbons(part, (s) => headHi(lerp(30 / 47, 44 / 47, s)) - 0.02, (s) => headHi(lerp(30 / 47, 44 / 47, s)) - 0.012, mats.get("laser"), "laser", 0.008));
      }
    } else {
      out.push(...pairOfRibbons(head.slice(4, 46), (s) => headLo(lerp(4 / 47, 46 / 47, s)) + 0.005, (s) => headLo(lerp(4 / 47, 46 / 47, s)) + 0.013, drl, "drl", 0.008));
    }
  } else {
    // Halogen: round projector bowls inside a chrome reflector.
    for (const side of [1, -1]) {
      const bowl = new THREE.Mesh(new THREE.CircleGeometry(0.03, 24), mats.get("light-lens"));
      bowl.position.set(p.xFront + 0.006, 0.615, side * 0.4);
      bowl.rotation.y = Math.PI / 2;
      bowl.name = `projector-${side > 0 ? "r" : "l"}`;
      out.push(bowl);
    }
  }

  // Tail lights: wrap from the rear face round the corner onto the flank.
  const tail = rearOutline(p, 0.22, -2.28, 44);
  const tailLo = (s: number) => lerp(0.8, 0.86, s * s);
  const tailHi = (s: number) => lerp(0.865, 0.93, s * s);
  out.push(...pairOfRibbons(tail, (s) => tailLo(s) - 0.008, (s) => tailHi(s) + 0.006, mats.get("trim-black"), "taillight-surround", 0.002));
  out.push(...pairOfRibbons(tail.slice(1, 43), (s) => tailLo(lerp(1 / 43, 42 / 43, s)), (s) => tailHi(lerp(1 / 43, 42 / 43, s)), mats.get("tail-lens"), "taillight", 0.004));
  if (modern) {
    const glow = mats.get("tail-glow");
    out.push(...pairOfRibbons(tail.slice(2, 42), (s) => tailLo(lerp(2 / 43, 41 / 43, s)) + 0.014, (s) => tailLo(lerp(2 / 43, 41 / 43, s)) + 0.022, glow, "tail-signature", 0.007));
    if (sig !== "led") {
      // A light bar across the trunk lid joins the two lamps.
      const bar = new THREE.Mesh(new THREE.BoxGeometry(0.006, 0.008, 0.46), glow);
      bar.position.set(p.xRear - 0.002, 0.818, 0);
      bar.name = "light-bar";
      out.push(bar);
    }
  }
  for (const o of out) o.userData.visualKey = `lights:${sig}`;
  return out;
}

function buildGrille(p: CarProfile, mats: Palette, sport: boolean): THREE.Group {
  const g = new THREE.Group();
  g.name = sport ? "grille-sport" : "grille";
  g.userData.visualKey = sport ? "trim:s-line" : undefined;
  // Single-frame grille, octagonal, on the nose (shape in z–y, extruded along x).
  const outline: [number, number][] = [
    [-0.34, 0.635],
    [0.34, 0.635],
    [0.41, 0.56],
    [0.4, 0.42],
    [0.3, 0.355],
    [-0.3, 0.355],
    [-0.4, 0.42],
    [-0.41, 0.56],
  ];
  const shapeOf = (scale: number) => {
    const s = new THREE.Shape();
    const cy = 0.495;
    outline.forEach(([z, y], i) => {
      const pz = z * scale;
      const py = cy + (y - cy) * scale;
      if (i === 0) s.moveTo(pz, py);
      else s.lineTo(pz, py);
    });
    s.closePath();
    return s;
  };
  const frameGeo = sharedGeometry("grille-frame", () =>
    new THREE.ExtrudeGeometry(shapeOf(1), { depth: 0.05, bevelEnabled: true, bevelSize: 0.008, bevelThickness: 0.008, bevelSegments: 2 }).rotateY(Math.PI / 2),
  );
  const frame = new THREE.Mesh(frameGeo, mats.get(sport ? "platinum" : "chrome"));
  frame.position.x = p.xFront - 0.045;
  frame.name = "grille-frame";
  const meshGeo = sharedGeometry("grille-mesh", () => new THREE.ExtrudeGeometry(shapeOf(0.93), { depth: 0.05, bevelEnabled: false }).rotateY(Math.PI / 2));
  const mesh = new THREE.Mesh(meshGeo, mats.get("trim-black"));
  mesh.position.x = p.xFront - 0.038;
  mesh.name = "grille-mesh";
  g.add(frame, mesh);
  if (sport) {
    // S line: a honeycomb of small hexagonal cells.
    const cell = new THREE.CylinderGeometry(0.017, 0.017, 0.02, 6);
    cell.rotateZ(Math.PI / 2);
    const cells: [number, number][] = [];
    for (let row = 0; row < 8; row++)
      for (let col = -12; col <= 12; col++) {
        const z = col * 0.032 + (row % 2 ? 0.016 : 0);
        const y = 0.375 + row * 0.03;
        const halfAt = y > 0.56 ? 0.33 : y < 0.42 ? 0.28 : 0.36;
        if (Math.abs(z) < halfAt) cells.push([y, z]);
      }
    const honey = new THREE.InstancedMesh(cell, mats.get("trim-satin"), cells.length);
    const m = new THREE.Matrix4();
    cells.forEach(([y, z], i) => honey.setMatrixAt(i, m.makeTranslation(p.xFront + 0.012, y, z)));
    honey.name = "grille-honeycomb";
    g.add(honey);
  }
  // Horizontal slats give the grille depth in the light.
  for (let k = 0; k < (sport ? 0 : 4); k++) {
    const y = 0.41 + k * 0.05;
    const half = k === 0 ? 0.31 : 0.37;
    const slat = new THREE.Mesh(new THREE.BoxGeometry(0.012, 0.006, half * 2), mats.get("trim-black"));
    slat.position.set(p.xFront + 0.017, y, 0);
    slat.name = `grille-slat-${k}`;
    g.add(slat);
  }
  // Four rings badge.
  for (let k = 0; k < 4; k++) {
    const ring = new THREE.Mesh(new THREE.TorusGeometry(0.032, 0.0045, 8, 32), mats.get("chrome"));
    ring.rotation.y = Math.PI / 2;
    ring.position.set(p.xFront + 0.03, 0.585, (k - 1.5) * 0.047);
    ring.name = `badge-${k}`;
    g.add(ring);
  }
  return g;
}

function buildMirrors(p: CarProfile, spec: VisualSpec, mats: Palette): THREE.Group[] {
  const capMat = spec.mirrors === "body" ? mats.get("paint") : spec.mirrors === "carbon" ? mats.get("carbon") : spec.mirrors === "chrome" ? mats.get("aluminium") : mats.get("trim-black");
  const out: THREE.Group[] = [];
  const x = 0.84;
  const y = deckY(p, x, p.halfWidth(x) - p.cabin.inset) + 0.06;
  for (const side of [1, -1]) {
    const g = new THREE.Group();
    g.name = `mirror-${side > 0 ? "r" : "l"}`;
    const cap = new THREE.Mesh(new THREE.SphereGeometry(1, 24, 12, Math.PI / 2, Math.PI), capMat);
    cap.scale.set(0.075, 0.05, 0.1);
    cap.name = "mirror-cap";
    cap.userData.visualKey = `mirrors:${spec.mirrors}`;
    const glass = new THREE.Mesh(new THREE.CircleGeometry(1, 24), mats.get("mirror-glass"));
    glass.scale.set(0.095, 0.045, 1);
    glass.rotation.y = -Math.PI / 2;
    glass.position.x = -0.003;
    glass.name = "mirror-glass";
    const housing = new THREE.Mesh(new THREE.CylinderGeometry(1, 1, 0.02, 24, 1, true), mats.get("trim-black"));
    housing.rotation.z = Math.PI / 2;
    housing.scale.set(1, 1, 1);
    housing.scale.set(0.048, 1, 0.098);
    housing.position.x = -0.008;
    housing.name = "mirror-housing";
    const arm = new THREE.Mesh(roundedBox(0.08, 0.026, 0.09, 0.01), mats.get("trim-black"));
    arm.position.set(0.0, -0.035, -side * 0.075);
    arm.name = "mirror-arm";
    g.add(cap, glass, housing, arm);
    if (spec.lights !== "halogen") {
      const blinker = new THREE.Mesh(new THREE.BoxGeometry(0.01, 0.007, 0.09), mats.get("amber"));
      blinker.position.set(0.035, -0.034, side * 0.01);
      blinker.name = "mirror-blinker";
      g.add(blinker);
    }
    g.position.set(x, y, side * (p.halfWidth(x) + 0.035));
    g.rotation.y = side * 0.06;
    out.push(g);
  }
  return out;
}

function buildTrim(p: CarProfile, mats: Palette): THREE.Object3D[] {
  const out: THREE.Object3D[] = [];
  // Door gaps: thin dark lines from sill to belt, following the side's curve.
  const gap = mats.get("under");
  for (const x of [1.02, -0.06, -1.03]) {
    const lo = p.archBottom(x) + 0.07;
    const hi = p.top(x) - p.shoulder(x) + 0.01;
    for (const side of [1, -1]) {
      const pts: THREE.Vector3[] = [];
      for (let k = 0; k <= 12; k++) {
        const y = lerp(lo, hi, k / 12);
        pts.push(new THREE.Vector3(x, y, side * (sideZ(p, x, y) + 0.0005)));
      }
      const line = new THREE.Mesh(sharedGeometry(`${p.variant}:gap:${x}:${side}`, () => new THREE.TubeGeometry(new THREE.CatmullRomCurve3(pts), 12, 0.0022, 4, false)), gap);
      line.name = `door-gap-${x.toFixed(2)}-${side > 0 ? "r" : "l"}`;
      out.push(line);
    }
  }
  // Door handles, body coloured.
  for (const x of [0.3, -0.72]) {
    for (const side of [1, -1]) {
      const h = new THREE.Mesh(roundedBox(0.17, 0.028, 0.03, 0.012), mats.get("paint"));
      const y = p.top(x) - p.shoulder(x) - 0.07;
      h.position.set(x, y, side * (sideZ(p, x, y) + 0.005));
      h.name = `door-handle-${side > 0 ? "r" : "l"}`;
      out.push(h);
    }
  }
  // Rear: number plate and a diffuser with twin exhaust trims.
  const plate = new THREE.Mesh(roundedBox(0.012, 0.1, 0.47, 0.004), mats.get("plate"));
  plate.position.set(p.xRear - 0.002, 0.64, 0);
  plate.name = "number-plate";
  out.push(plate);
  const diffuser = new THREE.Mesh(roundedBox(0.05, 0.09, 1.1, 0.015), mats.get("trim-satin"));
  diffuser.position.set(p.xRear + 0.012, 0.45, 0);
  diffuser.name = "diffuser";
  out.push(diffuser);
  for (const side of [1, -1]) {
    const tip = new THREE.Mesh(roundedBox(0.05, 0.05, 0.2, 0.02), mats.get("chrome"));
    tip.position.set(p.xRear + 0.005, 0.455, side * 0.38);
    tip.name = `exhaust-${side > 0 ? "r" : "l"}`;
    out.push(tip);
  }
  // Chrome side-window line along the belt is part of the greenhouse; a sill strip here.
  for (const side of [1, -1]) {
    const pts: THREE.Vector3[] = [];
    for (let k = 0; k <= 20; k++) {
      const x = lerp(1.13, -1.13, k / 20);
      const y = p.bottom(x) + 0.075;
      pts.push(new THREE.Vector3(x, y, side * (sideZ(p, x, y) + 0.002)));
    }
    const sill = new THREE.Mesh(sharedGeometry(`${p.variant}:sill:${side}`, () => new THREE.TubeGeometry(new THREE.CatmullRomCurve3(pts), 20, 0.006, 6, false)), mats.get("aluminium"));
    sill.name = `sill-strip-${side > 0 ? "r" : "l"}`;
    out.push(sill);
  }
  return out;
}

function buildTowbar(p: CarProfile, mats: Palette): THREE.Group {
  const g = new THREE.Group();
  g.name = "towbar";
  g.userData.visualKey = "towbar";
  const black = mats.get("trim-satin");
  const beam = new THREE.Mesh(roundedBox(0.2, 0.05, 0.06, 0.01), black);
  beam.position.set(p.xRear - 0.04, 0.37, 0);
  const neck = new THREE.Mesh(roundedBox(0.04, 0.1, 0.045, 0.01), black);
  neck.position.set(p.xRear - 0.13, 0.41, 0);
  const ball = new THREE.Mesh(new THREE.SphereGeometry(0.027, 20, 12), mats.get("chrome"));
  ball.position.set(p.xRear - 0.13, 0.475, 0);
  beam.name = "towbar-beam";
  neck.name = "towbar-neck";
  ball.name = "towbar-ball";
  g.add(beam, neck, ball);
  return g;
}
