/** The four wheels, one built and cloned; the left ones mirrored. */
import type * as THREE from "three";
import { type CarProfile } from "../car-profile";
import { type Palette } from "../materials";
import { buildWheel, wheelSize } from "../wheel";
import { type VisualSpec } from "../../visual-keys";

export function buildWheels(p: CarProfile, spec: VisualSpec, mats: Palette): THREE.Group[] {
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
