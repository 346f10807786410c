/** Parts on the body's surface: mirrors, door gaps and handles, the rear's plate, diffuser and exhausts, sills, towbar, trunk spoiler. */
import * as THREE from "three";
import { type CarProfile } from "../car-profile";
import { lerp } from "../curves";
import { roundedBox as makeRoundedBox, sharedGeometry } from "../geometry";
import { type Palette } from "../materials";
import { type VisualSpec } from "../../visual-keys";
import { deckY, sideZ } from "./body";

/** Rounded boxes depend only on their size: share them. */
const roundedBox = (w: number, h: number, d: number, r: number) => sharedGeometry(`rbox:${w}:${h}:${d}:${r}`, () => makeRoundedBox(w, h, d, r));

export function buildTrunkSpoiler(p: CarProfile, mats: Palette): THREE.Mesh {
  // A lip on the trunk lid's trailing edge.
  const x = -2.34;
  const shape = new THREE.Shape();
  // Tall enough to read from the side and the rear views, not only from above.
  shape.moveTo(0.05, 0);
  shape.lineTo(-0.1, 0.0);
  shape.lineTo(-0.12, 0.045);
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

export function buildMirrors(p: CarProfile, spec: VisualSpec, mats: Palette): THREE.Group[] {
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

/** `spec.trim`: the Premium line has chrome door handles; sill strips from the Advanced line up. */
export function buildTrim(p: CarProfile, spec: VisualSpec, mats: Palette): THREE.Object3D[] {
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
      const h = new THREE.Mesh(roundedBox(0.17, 0.028, 0.03, 0.012), mats.get(spec.trim === "premium" ? "chrome" : "paint"));
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
  for (const side of spec.trim === "base" ? [] : [1, -1]) {
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

export function buildTowbar(p: CarProfile, mats: Palette): THREE.Group {
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
