/**
 * The refrigerator, built from its visual spec: cabinet, doors per door style
 * (single, top-freezer, French door, side-by-side, four-door), finish, handles,
 * an ice and water dispenser and a small smart display. Front faces +x.
 * Doors hang on hinge groups and drawers on slides, so the interior view can
 * open them (see `FridgeBuild.movers`).
 */
import * as THREE from "three";
import { roundedBox } from "./geometry";
import { type VisualSpec } from "../visual-keys";

export interface Mover {
  object: THREE.Object3D;
  /** "hinge": rotate about y by `amount` radians; "slide": move along +x by `amount` metres. */
  kind: "hinge" | "slide";
  amount: number;
}

export interface FridgeBuild {
  group: THREE.Group;
  movers: Mover[];
}

const DEPTH = 0.7;
const HEIGHT = 1.78;
const FOOT = 0.03;
const DOOR_T = 0.05;
const GAP = 0.006;

export function finishMaterial(finish: VisualSpec["fridge"]["finish"]): THREE.MeshPhysicalMaterial {
  const m = new THREE.MeshPhysicalMaterial({ color: finish.hex, name: "finish" });
  m.userData.finish = finish.kind;
  if (finish.kind === "stainless") {
    // Metals take their brightness from reflections: lift the base so dark steel doesn't read as black paint.
    m.color.set(finish.hex).lerp(new THREE.Color("#ffffff"), 0.2);
    m.metalness = 0.9;
    m.roughness = 0.34;
    m.anisotropy = 0.6;
  } else if (finish.kind === "glass") {
    m.metalness = 0.2;
    m.roughness = 0.06;
    m.clearcoat = 1;
    m.clearcoatRoughness = 0.02;
  } else {
    m.metalness = 0.05;
    m.roughness = 0.35;
    m.clearcoat = 0.8;
    m.clearcoatRoughness = 0.1;
  }
  return m;
}

interface DoorSpec {
  name: string;
  /** z range (left → right, seen from the front: +z is the fridge's right... seen from the front it is the viewer's left). */
  z0: number;
  z1: number;
  y0: number;
  y1: number;
  /** Hinge side: +1 hinge at z1, −1 hinge at z0; 0 = drawer. */
  hinge: 1 | -1 | 0;
}

function doorLayout(style: VisualSpec["fridge"]["doors"], w: number): DoorSpec[] {
  const top = FOOT + HEIGHT;
  const h = (f: number) => FOOT + HEIGHT * f;
  const half = w / 2;
  switch (style) {
    case "single":
      return [{ name: "door", z0: -half, z1: half, y0: FOOT, y1: top, hinge: 1 }];
    case "double":
      // Bottom freezer: the fridge door on top at eye level, a freezer door below.
      return [
        { name: "door-fridge", z0: -half, z1: half, y0: h(0.36), y1: top, hinge: 1 },
        { name: "door-freezer", z0: -half, z1: half, y0: FOOT, y1: h(0.36), hinge: 1 },
      ];
    case "side-by-side":
      return [
        { name: "door-freezer", z0: -half, z1: -half + w * 0.44, y0: FOOT, y1: top, hinge: -1 },
        { name: "door-fridge", z0: -half + w * 0.44, z1: half, y0: FOOT, y1: top, hinge: 1 },
      ];
    case "quad":
      return [
        { name: "door-left", z0: -half, z1: 0, y0: h(0.42), y1: top, hinge: -1 },
        { name: "door-right", z0: 0, z1: half, y0: h(0.42), y1: top, hinge: 1 },
        { name: "door-lower-left", z0: -half, z1: 0, y0: FOOT, y1: h(0.42), hinge: -1 },
        { name: "door-lower-right", z0: 0, z1: half, y0: FOOT, y1: h(0.42), hinge: 1 },
      ];
    default:
      return [
        { name: "door-left", z0: -half, z1: 0, y0: h(0.36), y1: top, hinge: -1 },
        { name: "door-right", z0: 0, z1: half, y0: h(0.36), y1: top, hinge: 1 },
        { name: "drawer-freezer", z0: -half, z1: half, y0: FOOT, y1: h(0.36), hinge: 0 },
      ];
  }
}

export function buildFridge(spec: VisualSpec): FridgeBuild {
  const f = spec.fridge;
  const w = 0.9 * f.widthScale;
  const group = new THREE.Group();
  group.name = `fridge:${f.doors}`;
  group.userData.visualKey = `doors:${f.doors}`;
  const finish = finishMaterial(f.finish);
  const side = finish.clone();
  side.name = "cabinet";
  if (f.finish.kind !== "stainless") side.color.multiplyScalar(0.92);
  const liner = new THREE.MeshStandardMaterial({ color: "#f4f6f8", roughness: 0.5, emissive: "#e8f0ff", emissiveIntensity: 0.25, side: THREE.BackSide, name: "liner" });
  const shelfMat = new THREE.MeshPhysicalMaterial({ color: "#dfeff5", roughness: 0.05, transparent: true, opacity: 0.45, name: "shelf" });
  const dark = new THREE.MeshStandardMaterial({ color: "#16171a", roughness: 0.6, name: "trim-dark" });
  const handleMat =
    f.finish.kind === "stainless"
      ? new THREE.MeshStandardMaterial({ color: "#d5d8db", roughness: 0.18, metalness: 1, name: "handle" })
      : new THREE.MeshStandardMaterial({ color: f.finish.kind === "glass" ? "#2a2c30" : "#c9ccd0", roughness: 0.25, metalness: 0.9, name: "handle" });

  // Cabinet: five panels around an open front, lined inside.
  const cabinet = new THREE.Group();
  cabinet.name = "cabinet";
  const t = 0.03;
  const panel = (sx: number, sy: number, sz: number, x: number, y: number, z: number, name: string) => {
    const m = new THREE.Mesh(roundedBox(sx, sy, sz, 0.008), side);
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
  const inner = new THREE.Mesh(new THREE.BoxGeometry(DEPTH - t * 1.5, HEIGHT - 2 * t, w - 2 * t), liner);
  inner.position.set(t * 0.75 - 0.002, cy, 0);
  inner.name = "liner";
  cabinet.add(inner);
  const kick = new THREE.Mesh(new THREE.BoxGeometry(0.02, FOOT + 0.02, w - 0.04), dark);
  kick.position.set(DEPTH / 2 - 0.04, (FOOT + 0.02) / 2, 0);
  kick.name = "kick-plate";
  cabinet.add(kick);
  group.add(cabinet);

  const layout = doorLayout(f.doors, w);
  // Shelves and a divider inside, seen when the doors open.
  const divider = layout.find((d) => d.hinge === 0 || d.name === "door-freezer" || d.name.startsWith("door-lower"));
  if (divider && divider.y1 < FOOT + HEIGHT * 0.9) {
    const y = divider.y1;
    const d = new THREE.Mesh(new THREE.BoxGeometry(DEPTH - 0.05, 0.04, w - 2 * t), side);
    d.position.set(0.01, y, 0);
    d.name = "divider";
    group.add(d);
  }
  for (const fy of [0.5, 0.65, 0.8]) {
    const s = new THREE.Mesh(new THREE.BoxGeometry(DEPTH - 0.12, 0.008, w - 2 * t - 0.01), shelfMat);
    s.position.set(-0.02, FOOT + HEIGHT * fy, 0);
    s.name = "shelf";
    group.add(s);
  }

  const movers: Mover[] = [];
  const front = DEPTH / 2;
  for (const d of layout) {
    const dw = d.z1 - d.z0 - GAP;
    const dh = d.y1 - d.y0 - GAP;
    const slab = new THREE.Mesh(roundedBox(DOOR_T, dh, dw, 0.014), finish);
    slab.name = `${d.name}-panel`;
    const door = new THREE.Group();
    door.name = d.name;
    // Door groups pivot at their hinge edge; drawers at their own centre.
    const hingeZ = d.hinge === 1 ? d.z1 - GAP / 2 : d.hinge === -1 ? d.z0 + GAP / 2 : (d.z0 + d.z1) / 2;
    door.position.set(front + DOOR_T / 2, (d.y0 + d.y1) / 2, hingeZ);
    const centreZ = (d.z0 + d.z1) / 2 - hingeZ;
    slab.position.set(0, 0, centreZ);
    door.add(slab);
    // Handle on the free edge: vertical for doors, horizontal across the top of a drawer.
    if (d.hinge === 0) {
      const bar = new THREE.Mesh(roundedBox(0.026, 0.026, dw * 0.7, 0.01), handleMat);
      bar.position.set(DOOR_T / 2 + 0.04, dh / 2 - 0.07, 0);
      bar.name = "handle";
      door.add(bar);
      const drawerBin = new THREE.Mesh(new THREE.BoxGeometry(DEPTH * 0.8, dh * 0.8, dw * 0.9), liner);
      drawerBin.position.set(-DEPTH * 0.4 - DOOR_T / 2, -0.02, 0);
      drawerBin.name = "drawer-bin";
      door.add(drawerBin);
      movers.push({ object: door, kind: "slide", amount: 0.42 });
    } else {
      const freeZ = centreZ - d.hinge * (dw / 2 - 0.05);
      const len = Math.min(dh * 0.6, 0.7);
      const bar = new THREE.Mesh(roundedBox(0.026, len, 0.026, 0.01), handleMat);
      const hy = d.y1 - FOOT > HEIGHT * 0.6 && d.y0 > FOOT + 0.05 ? -dh / 2 + len / 2 + 0.08 : 0;
      bar.position.set(DOOR_T / 2 + 0.045, hy, freeZ);
      bar.name = "handle";
      door.add(bar);
      for (const sy of [-len / 2 + 0.04, len / 2 - 0.04]) {
        const post = new THREE.Mesh(new THREE.BoxGeometry(0.045, 0.02, 0.02), handleMat);
        post.position.set(DOOR_T / 2 + 0.022, bar.position.y + sy, freeZ);
        post.name = "handle-post";
        door.add(post);
      }
      // Door bins on the inside face.
      for (let k = 0; k < 3; k++) {
        const bin = new THREE.Mesh(new THREE.BoxGeometry(0.08, 0.06, dw * 0.8), liner);
        bin.position.set(-DOOR_T / 2 - 0.04, -dh / 2 + dh * (0.25 + 0.25 * k), centreZ);
        bin.name = "door-bin";
        door.add(bin);
      }
      movers.push({ object: door, kind: "hinge", amount: -d.hinge * 1.75 }); // free edge swings toward +x
    }
    group.add(door);
  }

  // Ice maker inside, top corner of the fresh-food compartment (seen with the doors open).
  const upper = layout.filter((d) => d.hinge !== 0 && d.y1 > FOOT + HEIGHT * 0.9);
  const dispenserDoor = upper[0];
  if (f.iceMaker !== "none") {
    const unit = new THREE.Group();
    unit.name = "ice-maker";
    unit.userData.visualKey = "ice-maker";
    const body = new THREE.Mesh(roundedBox(0.32, 0.2, 0.26, 0.02), liner);
    body.name = "ice-maker-unit";
    const bin = new THREE.Mesh(roundedBox(0.3, 0.12, 0.24, 0.02), shelfMat);
    bin.position.set(0.02, -0.16, 0);
    bin.name = "ice-bin";
    unit.add(body, bin);
    unit.position.set(0.06, FOOT + HEIGHT - 0.18, -w / 2 + 0.2);
    group.add(unit);
  }
  // Ice and water through the door: on the left upper door (or the single door).
  if (f.iceMaker === "dispenser" && dispenserDoor) {
    const door = group.getObjectByName(dispenserDoor.name)!;
    const centreZ = (dispenserDoor.z0 + dispenserDoor.z1) / 2 - door.position.z;
    const dispenser = new THREE.Group();
    dispenser.name = "dispenser";
    dispenser.userData.visualKey = "dispenser";
    const recess = new THREE.Mesh(roundedBox(0.012, 0.32, Math.min(0.2, (dispenserDoor.z1 - dispenserDoor.z0) * 0.5), 0.03), new THREE.MeshPhysicalMaterial({ color: "#0b0c0e", roughness: 0.15, clearcoat: 1, name: "dispenser" }));
    recess.name = "dispenser-panel";
    const paddle = new THREE.Mesh(roundedBox(0.03, 0.12, 0.07, 0.012), dark);
    paddle.position.set(0.015, -0.03, 0);
    paddle.name = "dispenser-paddle";
    const glow = new THREE.Mesh(new THREE.BoxGeometry(0.004, 0.012, 0.1), new THREE.MeshStandardMaterial({ color: "#9ad2ff", emissive: "#4fb0ff", emissiveIntensity: 1.5, name: "dispenser-light" }));
    glow.position.set(0.008, 0.13, 0);
    glow.name = "dispenser-light";
    dispenser.add(recess, paddle, glow);
    dispenser.position.set(DOOR_T / 2 + 0.002, FOOT + HEIGHT * 0.62 - door.position.y, centreZ);
    door.add(dispenser);
  }

  // Smart display at eye height on the other upper door (or above the dispenser on a single door).
  if (f.smartDisplay) {
    const target = upper.length > 1 ? upper[1] : upper[0] ?? layout[0];
    const door = group.getObjectByName(target.name)!;
    const centreZ = (target.z0 + target.z1) / 2 - door.position.z;
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
    const sameDoorAsDispenser = f.iceMaker === "dispenser" && target === dispenserDoor;
    display.position.set(DOOR_T / 2 + 0.002, FOOT + HEIGHT * (sameDoorAsDispenser ? 0.78 : 0.72) - door.position.y, centreZ);
    door.add(display);
  }

  group.traverse((o) => {
    if (o instanceof THREE.Mesh) o.castShadow = true;
  });
  return { group, movers };
}
