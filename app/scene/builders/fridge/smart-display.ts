/** The smart module's display on a door: a glass panel with two temperature readouts and a status line. */
import * as THREE from "three";
import { roundedBox } from "../geometry";
import { DOOR_T, type DoorSpec, FOOT, HEIGHT } from "./layout";

/**
 * The display at eye height, in `door`'s (the door group's) frame; a little
 * higher when it shares the door with the dispenser, so it sits above it.
 */
export function buildSmartDisplay(spec: DoorSpec, door: THREE.Object3D, aboveDispenser: boolean): THREE.Group {
  const centreZ = (spec.z0 + spec.z1) / 2 - door.position.z;
  const display = new THREE.Group();
  display.name = "smart-display";
  display.userData.visualKey = "smart-display";
  const glass = new THREE.Mesh(roundedBox(0.01, 0.1, 0.16, 0.01), new THREE.MeshPhysicalMaterial({ color: "#050607", roughness: 0.05, clearcoat: 1, name: "display-glass" }));
  glass.name = "display-glass";
  display.add(glass);
  const ui = new THREE.MeshStandardMaterial({ color: "#7fd1ff", emissive: "#3fb6ff", emissiveIntensity: 1.6, name: "display-ui" });
  // Two temperature readouts and a status line.
  for (const [y, z, sy, sz] of [
    [0.012, -0.035, 0.035, 0.05],
    [0.012, 0.035, 0.035, 0.05],
    [-0.03, 0, 0.008, 0.11],
  ] as const) {
    const el = new THREE.Mesh(new THREE.BoxGeometry(0.003, sy, sz), ui);
    el.position.set(0.006, y, z);
    el.name = "display-ui";
    display.add(el);
  }
  display.position.set(DOOR_T / 2 + 0.002, FOOT + HEIGHT * (aboveDispenser ? 0.78 : 0.72) - door.position.y, centreZ);
  return display;
}
