/**
 * Doors and drawers. Doors hang on hinge groups that pivot at their hinge
 * edge, drawers on slides (groups at their own centre), so the interior view
 * can open them.
 */
import * as THREE from "three";
import { roundedBox } from "../geometry";
import { DEPTH, DOOR_T, type DoorSpec, GAP } from "./layout";
import { type FridgeMaterials } from "./materials";
import { doorHandle, drawerHandle } from "./handles";

export interface Mover {
  object: THREE.Object3D;
  /** "hinge": rotate about y by `amount` radians; "slide": move along +x by `amount` metres. */
  kind: "hinge" | "slide";
  amount: number;
}

/** One door (or drawer) in front of the cabinet's open face, with its panel, handle and bins, and how it opens. */
export function buildDoor(d: DoorSpec, mats: FridgeMaterials): { door: THREE.Group; mover: Mover } {
  const dw = d.z1 - d.z0 - GAP;
  const dh = d.y1 - d.y0 - GAP;
  const slab = new THREE.Mesh(roundedBox(DOOR_T, dh, dw, 0.014), mats.finish);
  slab.name = `${d.name}-panel`;
  const door = new THREE.Group();
  door.name = d.name;
  // Door groups pivot at their hinge edge; drawers at their own centre.
  const hingeZ = d.hinge === 1 ? d.z1 - GAP / 2 : d.hinge === -1 ? d.z0 + GAP / 2 : (d.z0 + d.z1) / 2;
  door.position.set(DEPTH / 2 + DOOR_T / 2, (d.y0 + d.y1) / 2, hingeZ);
  const centreZ = (d.z0 + d.z1) / 2 - hingeZ;
  slab.position.set(0, 0, centreZ);
  door.add(slab);
  if (d.hinge === 0) {
    door.add(drawerHandle(dw, dh, mats.handle), drawerBin(dw, dh, mats.liner));
    return { door, mover: { object: door, kind: "slide", amount: 0.42 } };
  }
  door.add(...doorHandle(d, dw, dh, centreZ, mats.handle), ...doorBins(dw, dh, centreZ, mats.liner));
  return { door, mover: { object: door, kind: "hinge", amount: -d.hinge * 1.75 } }; // free edge swings toward +x
}

/** The drawer's bin, behind its front. */
function drawerBin(dw: number, dh: number, liner: THREE.Material): THREE.Mesh {
  const bin = new THREE.Mesh(new THREE.BoxGeometry(DEPTH * 0.8, dh * 0.8, dw * 0.9), liner);
  bin.position.set(-DEPTH * 0.4 - DOOR_T / 2, -0.02, 0);
  bin.name = "drawer-bin";
  return bin;
}

/** Door bins on the inside face. */
function doorBins(dw: number, dh: number, centreZ: number, liner: THREE.Material): THREE.Mesh[] {
  const bins: THREE.Mesh[] = [];
  for (let k = 0; k < 3; k++) {
    const bin = new THREE.Mesh(new THREE.BoxGeometry(0.08, 0.06, dw * 0.8), liner);
    bin.position.set(-DOOR_T / 2 - 0.04, -dh / 2 + dh * (0.25 + 0.25 * k), centreZ);
    bin.name = "door-bin";
    bins.push(bin);
  }
  return bins;
}
