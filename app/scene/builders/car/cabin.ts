/**
 * The greenhouse: a second loft from the belt line over the roof, split into
 * glass, pillars and roof by material groups, with the roof's options on it
 * (sunroof or panorama, roof rails, the estate's roof spoiler).
 */
import * as THREE from "three";
import { type CarProfile } from "../car-profile";
import { lerp } from "../curves";
import { type V2, loft, sharedGeometry, surfacePatch } from "../geometry";
import { type Palette } from "../materials";
import { type VisualSpec } from "../../visual-keys";
import { deckY } from "./body";

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
function roofY(p: CarProfile, x: number, z: number): number {
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

/** Label of open-ring segment r → r+1 (see cabinRing). */
function cabinLabel(r: number): CabinLabel {
  const n = CABIN_HALF_LABELS.length; // segments in the half
  return CABIN_HALF_LABELS[r < n ? r : 2 * n - 1 - r];
}

export function buildGreenhouse(p: CarProfile, spec: VisualSpec, mats: Palette): THREE.Group {
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
      const label = cabinLabel(j);
      if (label === "corner") return GROUPS.paint;
      if (label === "top") {
        if (x > c.xWindshieldTop) return GROUPS.glass;
        if (x < c.xRearGlassTop) return GROUPS.rearGlass;
        return GROUPS.paint;
      }
      // Side glass between the pillars; the C (or D) pillar leans forward toward the roof.
      // Pillar edges are vertical in x: a slanted edge would show the grid as steps.
      const rearEdge = c.xD !== undefined ? c.xD : c.xC;
      if (x > c.xA || x < rearEdge) return GROUPS.paint;
      if (Math.abs(x - c.xB) < 0.05) return GROUPS.black;
      if (c.xD !== undefined && Math.abs(x - c.xC) < 0.035) return GROUPS.black;
      if (label !== "side") return GROUPS.chrome;
      return x < c.xB ? GROUPS.rearGlass : GROUPS.glass;
    },
  }));
  // The window line: chrome from the Advanced trim up, satin black on the base car.
  const windowLine = spec.trim === "base" ? "trim-satin" : "chrome";
  const cabin = new THREE.Mesh(geo, [cabinPaint, mats.get("glass"), mats.get(rearGlass), mats.get("trim-black"), mats.get(windowLine)]);
  cabin.name = "cabin";
  // The same surface from inside: a headliner behind the opaque parts, nothing behind the glass.
  const lining = new THREE.Mesh(geo, [mats.get("headliner"), mats.get("hidden"), mats.get("hidden"), mats.get("headliner"), mats.get("headliner")]);
  lining.name = "headliner";
  gh.add(cabin, lining);

  if (spec.roof !== "solid") gh.add(buildGlassRoof(p, spec.roof, mats));

  if (spec.roofRails) gh.add(buildRoofRails(p, spec, mats));
  if (spec.spoiler && p.variant === "estate") gh.add(buildRoofSpoiler(p, mats));
  return gh;
}

/** A sunroof over the front seats, or a panorama roof over most of the cabin: glass in a black frame. */
function buildGlassRoof(p: CarProfile, kind: "sunroof" | "panorama", mats: Palette): THREE.Group {
  const c = p.cabin;
  const panorama = kind === "panorama";
  const x0 = panorama ? c.xRearGlassTop + 0.16 : -0.22;
  const x1 = panorama ? c.xWindshieldTop + 0.12 : 0.38;
  const zr = panorama ? cabinWidths(p, -0.3).wt - 0.1 : 0.42;
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
  roof.name = kind;
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
  return roof;
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
