import * as THREE from "three";
import { describe, expect, it } from "vitest";
import { lookupColor } from "../palette";
import { parseVisualKeys } from "../visual-keys";
import { buildFridge } from "./fridge";

const build = (keys: string[]) => buildFridge(parseVisualKeys(keys));
const has = (root: THREE.Object3D, name: string) => root.getObjectByName(name) !== undefined;

describe("buildFridge", () => {
  it("hangs the doors of each door style", () => {
    const doors = (style: string) =>
      build([`doors:${style}`]).group.children.filter((c) => /^(door|drawer)/.test(c.name)).map((c) => c.name).sort();
    expect(doors("single")).toEqual(["door"]);
    expect(doors("double")).toEqual(["door-freezer", "door-fridge"]);
    expect(doors("french")).toEqual(["door-left", "door-right", "drawer-freezer"]);
    expect(doors("side-by-side")).toEqual(["door-freezer", "door-fridge"]);
    expect(doors("quad")).toHaveLength(4);
    // Every door can open: hinged doors turn, drawers slide.
    const french = build(["doors:french"]);
    expect(french.movers.map((m) => m.kind).sort()).toEqual(["hinge", "hinge", "slide"]);
  });

  it("uses the finish for the doors", () => {
    const steel = build(["finish:stainless"]).group.getObjectByName("door-left-panel") as THREE.Mesh;
    const white = build(["finish:white"]).group.getObjectByName("door-left-panel") as THREE.Mesh;
    const s = steel.material as THREE.MeshPhysicalMaterial;
    const w = white.material as THREE.MeshPhysicalMaterial;
    expect(s.metalness).toBeGreaterThan(0.8);
    expect(w.metalness).toBeLessThan(0.2);
    expect(w.color.getHexString()).toBe(new THREE.Color(lookupColor("white")).getHexString());
  });

  it("adds the ice maker, the door dispenser and the smart display only when chosen", () => {
    const plain = build(["doors:french"]).group;
    for (const part of ["ice-maker", "dispenser", "smart-display"]) expect(has(plain, part)).toBe(false);
    const inside = build(["doors:french", "ice-maker"]).group;
    expect(has(inside, "ice-maker")).toBe(true);
    expect(has(inside, "dispenser")).toBe(false);
    const full = build(["doors:french", "dispenser", "smart-module"]).group;
    expect(has(full, "ice-maker")).toBe(true);
    expect(has(full, "dispenser")).toBe(true);
    expect(has(full, "smart-display")).toBe(true);
    // On a single door both fit, one above the other.
    const single = build(["doors:single", "dispenser", "smart"]).group;
    const ice = single.getObjectByName("dispenser")!;
    const display = single.getObjectByName("smart-display")!;
    expect(display.position.y).toBeGreaterThan(ice.position.y + 0.15);
  });

  it("gets wider with a larger size", () => {
    const width = (keys: string[]) => {
      const box = new THREE.Box3().setFromObject(build(keys).group.getObjectByName("cabinet")!);
      return box.max.z - box.min.z;
    };
    expect(width(["size:large"])).toBeGreaterThan(width(["size:standard"]) + 0.05);
  });
});
