/**
 * The lower body: a loft of cross-sections along x, each a rounded box (flat
 * floor, wheel-well notch, vertical side, shoulder radius, crowned deck) whose
 * size follows the profile lines. The deck under the greenhouse is left open
 * so the interior shows through the glass; the cabin tub inside is the same
 * section, inset.
 */
import * as THREE from "three";
import { type CarProfile } from "../car-profile";
import { clamp, lerp } from "../curves";
import { type V2, loft, ringCap, sharedGeometry } from "../geometry";
import { type Palette, carFactories } from "../materials";
import { type VisualSpec } from "../../visual-keys";

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
export function deckY(p: CarProfile, x: number, z: number, inset = 0): number {
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

export function buildBody(p: CarProfile, mats: Palette): THREE.Group {
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
export function buildInteriorShell(p: CarProfile, spec: VisualSpec): THREE.Group {
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
