/**
 * A wheel: tyre (lathe of a sidewall/tread profile), cast rim face with the
 * design's spoke windows, barrel, brake disc and caliper. Local frame: axle
 * along +z (the outer face looks toward +z), centre at the origin.
 */
import * as THREE from "three";
import { lerp } from "./curves";
import { sharedGeometry } from "./geometry";
import { type Palette } from "./materials";
import { type VisualSpec, wheelDesign } from "../visual-keys";

export interface WheelSize {
  tyreRadius: number;
  rimRadius: number;
  width: number;
}

/** Bigger rims keep almost the same outer diameter: the tyre gets a lower profile. */
export function wheelSize(inches: number, baseTyreRadius: number): WheelSize {
  return {
    tyreRadius: baseTyreRadius + (inches - 19) * 0.004,
    rimRadius: (inches * 0.0254) / 2 + 0.012,
    width: 0.235 + (inches - 18) * 0.01,
  };
}

function tyreGeometry({ tyreRadius: R, rimRadius: rr, width: w }: WheelSize): THREE.BufferGeometry {
  const h = w / 2;
  const mid = lerp(rr, R, 0.55);
  const pts = [
    [rr - 0.004, -h * 0.86],
    [rr + 0.012, -h * 0.93],
    [mid, -h * 1.03],
    [R - 0.03, -h * 0.98],
    [R - 0.008, -h * 0.9],
    [R, -h * 0.72],
    [R, h * 0.72],
    [R - 0.008, h * 0.9],
    [R - 0.03, h * 0.98],
    [mid, h * 1.03],
    [rr + 0.012, h * 0.93],
    [rr - 0.004, h * 0.86],
  ].map(([r, y]) => new THREE.Vector2(r, y));
  const geo = new THREE.LatheGeometry(pts, 56);
  geo.rotateX(Math.PI / 2);
  return geo;
}

/** The rim's front face: a disc with windows between the spokes. */
function rimFaceShape(spec: VisualSpec["wheel"], rimRadius: number): THREE.Shape {
  const d = wheelDesign(spec.design);
  const ro = rimRadius - 0.028;
  const rh = rimRadius * 0.3;
  const face = new THREE.Shape();
  face.absarc(0, 0, rimRadius - 0.004, 0, Math.PI * 2, false);
  const n = d.aero ? 10 : d.spokes;
  const pitch = (Math.PI * 2) / n;
  const window = (a0: (r: number) => number, a1: (r: number) => number, r0: number, r1: number) => {
    const path = new THREE.Path();
    const steps = 8;
    const pts: [number, number][] = [];
    for (let s = 0; s <= steps; s++) {
      const r = lerp(r0, r1, s / steps);
      pts.push([r, a0(r)]);
    }
    for (let s = 1; s < steps; s++) {
      const a = lerp(a0(r1), a1(r1), s / steps);
      pts.push([r1, a]);
    }
    for (let s = steps; s >= 0; s--) {
      const r = lerp(r0, r1, s / steps);
      pts.push([r, a1(r)]);
    }
    for (let s = steps - 1; s > 0; s--) {
      const a = lerp(a1(r0), a0(r0), s / steps);
      pts.push([r0, a]);
    }
    pts.forEach(([r, a], i) => (i === 0 ? path.moveTo(r * Math.cos(a), r * Math.sin(a)) : path.lineTo(r * Math.cos(a), r * Math.sin(a))));
    path.closePath();
    return path;
  };
  for (let k = 0; k < n; k++) {
    const c = (k + 0.5) * pitch + Math.PI / 2;
    if (d.aero) {
      // Closed face, small vents near the rim.
      const half = pitch * 0.26;
      face.holes.push(window(() => c - half, () => c + half, ro * 0.74, ro * 0.95));
      continue;
    }
    const spokeHalf = (r: number) => {
      const t = (r - rh) / (ro - rh);
      const atRim = (d.weight * pitch) / 2;
      const atHub = Math.min(pitch * 0.42, atRim * 1.7);
      return lerp(atHub, atRim, Math.sqrt(Math.max(0, t)));
    };
    const twist = (r: number) => d.twist * ((r - rh) / (ro - rh));
    const r0 = rh + 0.012;
    face.holes.push(
      window(
        (r) => c - pitch / 2 + spokeHalf(r) + twist(r),
        (r) => c + pitch / 2 - spokeHalf(r) + twist(r),
        r0,
        ro,
      ),
    );
    if (d.paired) {
      // A slot down the middle of each spoke splits it into a V.
      const sc = c + pitch / 2;
      const slot = (r: number) => lerp(0.004, spokeHalf(r) * 0.55, (r - rh) / (ro - rh));
      face.holes.push(window((r) => sc - slot(r) + twist(r), (r) => sc + slot(r) + twist(r), lerp(rh, ro, 0.38), ro - 0.004));
    }
  }
  return face;
}

const RIM_MATERIALS: Record<VisualSpec["wheel"]["finish"], [string, string]> = {
  silver: ["rim-silver", "rim-silver"],
  black: ["rim-black", "rim-black"],
  graphite: ["rim-graphite", "rim-graphite"],
  polished: ["chrome", "chrome"],
  bicolor: ["rim-machined", "rim-graphite"],
};

export const wheelFactories = {
  "rim-silver": () => new THREE.MeshStandardMaterial({ color: "#c9ccd0", roughness: 0.26, metalness: 0.95 }),
  "rim-black": () => new THREE.MeshPhysicalMaterial({ color: "#0c0d0e", roughness: 0.25, metalness: 0.3, clearcoat: 1 }),
  "rim-graphite": () => new THREE.MeshStandardMaterial({ color: "#4a4d51", roughness: 0.32, metalness: 0.85 }),
  "rim-machined": () => new THREE.MeshStandardMaterial({ color: "#e1e3e5", roughness: 0.16, metalness: 1 }),
  "rim-barrel": () => new THREE.MeshStandardMaterial({ color: "#5c5f63", roughness: 0.5, metalness: 0.8, side: THREE.DoubleSide }),
};

export function buildWheel(spec: VisualSpec["wheel"], size: WheelSize, mats: Palette, caliperHex: string | null): THREE.Group {
  const wheel = new THREE.Group();
  wheel.name = "wheel";
  const h = size.width / 2;

  const sizeKey = `${size.tyreRadius}:${size.rimRadius}:${size.width}`;
  const tyre = new THREE.Mesh(sharedGeometry(`tyre:${sizeKey}`, () => tyreGeometry(size)), mats.get("rubber"));
  tyre.name = "tyre";
  wheel.add(tyre);

  const [faceMat, sideMat] = RIM_MATERIALS[spec.finish];
  const faceGeo = sharedGeometry(`rim:${spec.design}:${sizeKey}`, () =>
    new THREE.ExtrudeGeometry(rimFaceShape(spec, size.rimRadius), {
      depth: 0.03,
      bevelEnabled: true,
      bevelThickness: 0.008,
      bevelSize: 0.005,
      bevelSegments: 2,
      curveSegments: 48,
    }),
  );
  const rim = new THREE.Mesh(faceGeo, [mats.get(faceMat), mats.get(sideMat)]);
  rim.name = `rim:${spec.design}`;
  rim.position.z = h * 0.62;
  wheel.add(rim);

  const barrel = new THREE.Mesh(
    new THREE.CylinderGeometry(size.rimRadius - 0.004, size.rimRadius - 0.004, size.width * 0.86, 48, 1, true),
    mats.get("rim-barrel"),
  );
  barrel.rotation.x = Math.PI / 2;
  barrel.name = "barrel";
  wheel.add(barrel);

  const hub = new THREE.Mesh(new THREE.CylinderGeometry(0.036, 0.04, 0.02, 32), mats.get(faceMat === "rim-black" ? "chrome" : "trim-black"));
  hub.rotation.x = Math.PI / 2;
  hub.position.z = h * 0.62 + 0.045;
  hub.name = "hub-cap";
  wheel.add(hub);

  const disc = new THREE.Mesh(new THREE.CylinderGeometry(size.rimRadius * 0.8, size.rimRadius * 0.8, 0.028, 48), mats.get("brake-disc"));
  disc.rotation.x = Math.PI / 2;
  disc.position.z = h * 0.05;
  disc.name = "brake-disc";
  wheel.add(disc);

  const caliperGeo = new THREE.CylinderGeometry(size.rimRadius * 0.8, size.rimRadius * 0.8, 0.07, 16, 1, false, 0, 0.9);
  caliperGeo.rotateX(Math.PI / 2); // sector centred at −64°, axle along z
  const caliper = new THREE.Mesh(
    caliperGeo,
    caliperHex ? new THREE.MeshPhysicalMaterial({ color: caliperHex, roughness: 0.3, clearcoat: 1, name: "caliper" }) : mats.get("caliper-grey"),
  );
  // Top-rear of the disc (x is forward): −64° + 189° = 125°.
  caliper.rotation.z = (189 * Math.PI) / 180;
  caliper.position.z = h * 0.2;
  caliper.name = "caliper";
  wheel.add(caliper);
  return wheel;
}
