/** Handles on the free edge: vertical bars on two posts for doors, a bar across the top of a drawer. */
import * as THREE from "three";
import { roundedBox } from "../geometry";
import { DOOR_T, type DoorSpec, FOOT, HEIGHT } from "./layout";

/** A drawer's handle; `dw` × `dh` is the drawer front's size. */
export function drawerHandle(dw: number, dh: number, mat: THREE.Material): THREE.Mesh {
  const bar = new THREE.Mesh(roundedBox(0.026, 0.026, dw * 0.7, 0.01), mat);
  bar.position.set(DOOR_T / 2 + 0.04, dh / 2 - 0.07, 0);
  bar.name = "handle";
  return bar;
}

/**
 * A hinged door's handle: the bar and its two posts, near the free edge of the
 * door's panel (centred at `centreZ` in the door's hinge frame). On a tall door
 * that starts above the floor the bar sits low, within reach; otherwise centred.
 */
export function doorHandle(d: DoorSpec, dw: number, dh: number, centreZ: number, mat: THREE.Material): THREE.Mesh[] {
  const freeZ = centreZ - d.hinge * (dw / 2 - 0.05);
  const len = Math.min(dh * 0.6, 0.7);
  const bar = new THREE.Mesh(roundedBox(0.026, len, 0.026, 0.01), mat);
  const hy = d.y1 - FOOT > HEIGHT * 0.6 && d.y0 > FOOT + 0.05 ? -dh / 2 + len / 2 + 0.08 : 0;
  bar.position.set(DOOR_T / 2 + 0.045, hy, freeZ);
  bar.name = "handle";
  const parts = [bar];
  for (const sy of [-len / 2 + 0.04, len / 2 - 0.04]) {
    const post = new THREE.Mesh(new THREE.BoxGeometry(0.045, 0.02, 0.02), mat);
    post.position.set(DOOR_T / 2 + 0.022, bar.position.y + sy, freeZ);
    post.name = "handle-post";
    parts.push(post);
  }
  return parts;
}
