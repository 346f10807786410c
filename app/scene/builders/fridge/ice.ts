/** The ice maker inside and the ice and water dispenser through the door. */
import * as THREE from "three";
import { roundedBox } from "../geometry";
import { DOOR_T, type DoorSpec, FOOT, HEIGHT } from "./layout";
import { type FridgeMaterials } from "./materials";

/** The ice maker: top corner of the fresh-food compartment (seen with the doors open). */
export function buildIceMaker(w: number, mats: FridgeMaterials): THREE.Group {
  const unit = new THREE.Group();
  unit.name = "ice-maker";
  unit.userData.visualKey = "ice-maker";
  // Its own front-sided material: the liner's is back-sided (seen from inside the cabinet), which on a box seen
  // from outside shows only its far faces, shaded exactly like the liner behind it.
  const body = new THREE.Mesh(roundedBox(0.32, 0.2, 0.26, 0.02), new THREE.MeshStandardMaterial({ color: "#c9d2da", roughness: 0.45, name: "ice-maker" }));
  body.name = "ice-maker-unit";
  const bin = new THREE.Mesh(roundedBox(0.3, 0.12, 0.24, 0.02), mats.shelf);
  bin.position.set(0.02, -0.16, 0);
  bin.name = "ice-bin";
  unit.add(body, bin);
  unit.position.set(0.06, FOOT + HEIGHT - 0.18, -w / 2 + 0.2);
  return unit;
}

/** The dispenser on the outside of a door: a dark recess with a paddle and a light, placed in `door`'s (the door group's) frame. */
export function buildDispenser(spec: DoorSpec, door: THREE.Object3D, mats: FridgeMaterials): THREE.Group {
  const centreZ = (spec.z0 + spec.z1) / 2 - door.position.z;
  const dispenser = new THREE.Group();
  dispenser.name = "dispenser";
  dispenser.userData.visualKey = "dispenser";
  const recess = new THREE.Mesh(roundedBox(0.012, 0.32, Math.min(0.2, (spec.z1 - spec.z0) * 0.5), 0.03), new THREE.MeshPhysicalMaterial({ color: "#0b0c0e", roughness: 0.15, clearcoat: 1, name: "dispenser" }));
  recess.name = "dispenser-panel";
  const paddle = new THREE.Mesh(roundedBox(0.03, 0.12, 0.07, 0.012), mats.dark);
  paddle.position.set(0.015, -0.03, 0);
  paddle.name = "dispenser-paddle";
  const glow = new THREE.Mesh(new THREE.BoxGeometry(0.004, 0.012, 0.1), new THREE.MeshStandardMaterial({ color: "#9ad2ff", emissive: "#4fb0ff", emissiveIntensity: 1.5, name: "dispenser-light" }));
  glow.position.set(0.008, 0.13, 0);
  glow.name = "dispenser-light";
  dispenser.add(recess, paddle, glow);
  dispenser.position.set(DOOR_T / 2 + 0.002, FOOT + HEIGHT * 0.62 - door.position.y, centreZ);
  return dispenser;
}
