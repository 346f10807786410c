/** Head and tail lights in the signature the visual keys ask for (halogen, LED, matrix, laser, …). */
import * as THREE from "three";
import { type CarProfile } from "../car-profile";
import { lerp } from "../curves";
import { type V2 } from "../geometry";
import { type Palette } from "../materials";
import { type VisualSpec } from "../../visual-keys";
import { frontOutline, pairOfRibbons, rearOutline } from "./ribbons";

/** Height of a lamp's lower or upper edge at s along its outline (0 → 1). */
type Edge = (s: number) => number;

export function buildLights(p: CarProfile, spec: VisualSpec, mats: Palette): THREE.Object3D[] {
  const sig = spec.lights;
  const out = [...buildHeadlights(p, sig, mats), ...buildTaillights(p, sig, mats)];
  for (const o of out) o.userData.visualKey = `lights:${sig}`;
  return out;
}

/** Headlights: a lens wrapping from the fender onto the front face, with the signature's daytime lights. */
function buildHeadlights(p: CarProfile, sig: string, mats: Palette): THREE.Object3D[] {
  const modern = sig !== "halogen";
  const head = frontOutline(p, 2.06, 0.3, 48);
  const headLo = (s: number) => lerp(0.612, 0.57, s) - 0.012 * Math.sin(Math.PI * s);
  const headHi = (s: number) => lerp(0.668, 0.642, s);
  return [
    ...pairOfRibbons(head, (s) => headLo(s) - 0.01, (s) => headHi(s) + 0.006, mats.get("trim-black"), "headlight-surround", 0.002),
    ...pairOfRibbons(head.slice(1, 47), (s) => headLo(lerp(1 / 47, 46 / 47, s)), (s) => headHi(lerp(1 / 47, 46 / 47, s)), mats.get(modern ? "light-lens" : "light-reflector"), "headlight", 0.004),
    ...(modern ? daytimeSignature(head, headLo, headHi, sig, mats) : halogenProjectors(p, mats)),
  ];
}

/** Matrix, laser and digital lights: a row of short bars along the lower edge (laser adds a strip under the upper one); LED: one strip. */
function daytimeSignature(head: V2[], headLo: Edge, headHi: Edge, sig: string, mats: Palette): THREE.Object3D[] {
  const out: THREE.Object3D[] = [];
  const drl = mats.get("drl");
  if (sig === "matrix" || sig === "laser" || sig === "digital") {
    const segs = 7;
    for (let k = 0; k < segs; k++) {
      const a = 0.06 + (0.86 * k) / segs;
      const b = a + 0.86 / segs - 0.025;
      const part = head.slice(Math.round(a * 47), Math.round(b * 47) + 1);
      const lo = (s: number) => headLo(lerp(a, b, s)) + 0.006;
      const hi = (s: number) => headLo(lerp(a, b, s)) + 0.02;
      if (part.length >= 2) out.push(...pairOfRibbons(part, lo, hi, drl, `drl-${k}`, 0.008));
    }
    if (sig === "laser") {
      const part = head.slice(30, 44);
      out.push(...pairOfRibbons(part, (s) => headHi(lerp(30 / 47, 44 / 47, s)) - 0.02, (s) => headHi(lerp(30 / 47, 44 / 47, s)) - 0.012, mats.get("laser"), "laser", 0.008));
    }
  } else {
    out.push(...pairOfRibbons(head.slice(4, 46), (s) => headLo(lerp(4 / 47, 46 / 47, s)) + 0.005, (s) => headLo(lerp(4 / 47, 46 / 47, s)) + 0.013, drl, "drl", 0.008));
  }
  return out;
}

/** Halogen: round projector bowls inside a chrome reflector. */
function halogenProjectors(p: CarProfile, mats: Palette): THREE.Mesh[] {
  return [1, -1].map((side) => {
    const bowl = new THREE.Mesh(new THREE.CircleGeometry(0.03, 24), mats.get("light-lens"));
    bowl.position.set(p.xFront + 0.006, 0.615, side * 0.4);
    bowl.rotation.y = Math.PI / 2;
    bowl.name = `projector-${side > 0 ? "r" : "l"}`;
    return bowl;
  });
}

/** Tail lights: wrap from the rear face round the corner onto the flank; modern ones glow, and most join in a light bar. */
function buildTaillights(p: CarProfile, sig: string, mats: Palette): THREE.Object3D[] {
  const out: THREE.Object3D[] = [];
  const tail = rearOutline(p, 0.22, -2.28, 44);
  const tailLo = (s: number) => lerp(0.8, 0.86, s * s);
  const tailHi = (s: number) => lerp(0.865, 0.93, s * s);
  out.push(...pairOfRibbons(tail, (s) => tailLo(s) - 0.008, (s) => tailHi(s) + 0.006, mats.get("trim-black"), "taillight-surround", 0.002));
  out.push(...pairOfRibbons(tail.slice(1, 43), (s) => tailLo(lerp(1 / 43, 42 / 43, s)), (s) => tailHi(lerp(1 / 43, 42 / 43, s)), mats.get("tail-lens"), "taillight", 0.004));
  if (sig !== "halogen") {
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
  return out;
}
