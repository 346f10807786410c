/** The cabinet (five panels around an open front, lined inside, on a kick plate) and the shelves and divider inside it. */
import * as THREE from "three";
import { roundedBox } from "../geometry";
import { DEPTH, type DoorSpec, FOOT, HEIGHT, WALL } from "./layout";
import { type FridgeMaterials } from "./materials";

export function buildCabinet(w: number, mats: FridgeMaterials): THREE.Group {
  const cabinet = new THREE.Group();
  cabinet.name = "cabinet";
  const t = WALL;
  const panel = (sx: number, sy: number, sz: number, x: number, y: number, z: number, name: string) => {
    const m = new THREE.Mesh(roundedBox(sx, sy, sz, 0.008), mats.cabinet);
    m.position.set(x, y, z);
    m.name = name;
    cabinet.add(m);
  };
  const cy = FOOT + HEIGHT / 2;
  panel(DEPTH, HEIGHT, t, 0, cy, w / 2 - t / 2, "cabinet-right");
  panel(DEPTH, HEIGHT, t, 0, cy, -w / 2 + t / 2, "cabinet-left");
  panel(DEPTH, t, w, 0, FOOT + HEIGHT - t / 2, 0, "cabinet-top");
  panel(DEPTH, t, w, 0, FOOT + t / 2, 0, "cabinet-bottom");
  panel(t, HEIGHT, w, -DEPTH / 2 + t / 2, cy, 0, "cabinet-back");
  const inner = new THREE.Mesh(new THREE.BoxGeometry(DEPTH - t * 1.5, HEIGHT - 2 * t, w - 2 * t), mats.liner);
  inner.position.set(t * 0.75 - 0.002, cy, 0);
  inner.name = "liner";
  cabinet.add(inner);
  const kick = new THREE.Mesh(new THREE.BoxGeometry(0.02, FOOT + 0.02, w - 0.04), mats.dark);
  kick.position.set(DEPTH / 2 - 0.04, (FOOT + 0.02) / 2, 0);
  kick.name = "kick-plate";
  cabinet.add(kick);
  return cabinet;
}

/** Shelves and a divider inside, seen when the doors open: the divider at the top of the freezer, when there is one below. */
export function buildShelving(layout: DoorSpec[], w: number, mats: FridgeMaterials): THREE.Mesh[] {
  const parts: THREE.Mesh[] = [];
  const divider = layout.find((d) => d.hinge === 0 || d.name === "door-freezer" || d.name.startsWith("door-lower"));
  if (divider && divider.y1 < FOOT + HEIGHT * 0.9) {
    const d = new THREE.Mesh(new THREE.BoxGeometry(DEPTH - 0.05, 0.04, w - 2 * WALL), mats.cabinet);
    d.position.set(0.01, divider.y1, 0);
    d.name = "divider";
    parts.push(d);
  }
  for (const fy of [0.5, 0.65, 0.8]) {
    const s = new THREE.Mesh(new THREE.BoxGeometry(DEPTH - 0.12, 0.008, w - 2 * WALL - 0.01), mats.shelf);
    s.position.set(-0.02, FOOT + HEIGHT * fy, 0);
    s.name = "shelf";
    parts.push(s);
  }
  return parts;
}
