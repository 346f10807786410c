/** The refrigerator's measures and where its doors and drawers sit for each door style. */
import { type VisualSpec } from "../../visual-keys";

export const DEPTH = 0.7;
export const HEIGHT = 1.78;
export const FOOT = 0.03;
export const DOOR_T = 0.05;
export const GAP = 0.006;
/** The cabinet's wall thickness. */
export const WALL = 0.03;

export interface DoorSpec {
  name: string;
  /** z range (left → right, seen from the front: +z is the fridge's right... seen from the front it is the viewer's left). */
  z0: number;
  z1: number;
  y0: number;
  y1: number;
  /** Hinge side: +1 hinge at z1, −1 hinge at z0; 0 = drawer. */
  hinge: 1 | -1 | 0;
}

export function doorLayout(style: VisualSpec["fridge"]["doors"], w: number): DoorSpec[] {
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

/** The hinged doors that reach the top (the fresh-food compartment's), left first. */
export function upperDoors(layout: DoorSpec[]): DoorSpec[] {
  return layout.filter((d) => d.hinge !== 0 && d.y1 > FOOT + HEIGHT * 0.9);
}
