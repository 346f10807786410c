import * as THREE from "three";
import { describe, expect, it } from "vitest";
import { lookupColor } from "../palette";
import { parseVisualKeys } from "../visual-keys";
import { buildCar } from "./car";

const build = (keys: string[], variant: "sedan" | "estate" = "sedan") => buildCar(parseVisualKeys(keys), variant).group;

function materialsOf(root: THREE.Object3D): THREE.Material[] {
  const out = new Set<THREE.Material>();
  root.traverse((o) => {
    if (o instanceof THREE.Mesh) (Array.isArray(o.material) ? o.material : [o.material]).forEach((m) => out.add(m));
  });
  return [...out];
}

function material<T extends THREE.Material = THREE.MeshPhysicalMaterial>(root: THREE.Object3D, name: string): T {
  const m = materialsOf(root).find((x) => x.name === name);
  if (!m) throw new Error(`no material ${name}`);
  return m as T;
}

function names(root: THREE.Object3D): Set<string> {
  const out = new Set<string>();
  root.traverse((o) => out.add(o.name));
  return out;
}

describe("buildCar", () => {
  it("paints the body with the key's color and finish", () => {
    const car = build(["paint:red:metallic"]);
    const paint = material(car, "paint");
    expect(paint).toBeInstanceOf(THREE.MeshPhysicalMaterial);
    expect(paint.color.getHexString()).toBe(new THREE.Color(lookupColor("red")).getHexString());
    expect(paint.metalness).toBeGreaterThan(0.5);
    expect(paint.clearcoat).toBe(1);
    const body = car.getObjectByName("body-shell") as THREE.Mesh;
    expect((body.material as THREE.Material[])[0]).toBe(paint);
  });

  it("maps solid, metallic and pearl to different physical parameters", () => {
    const solid = material(build(["paint:white:solid"]), "paint");
    const metallic = material(build(["paint:white:metallic"]), "paint");
    const pearl = material(build(["paint:white:pearl"]), "paint");
    expect(solid.metalness).toBe(0);
    expect(metallic.metalness).toBeGreaterThan(solid.metalness);
    expect(pearl.iridescence).toBeGreaterThan(0);
    expect(pearl.sheen).toBeGreaterThan(0);
    expect(solid.iridescence).toBe(0);
  });

  it("adds a named part for each visible option, and only then", () => {
    const plain = names(build(["paint:red:metallic"]));
    for (const part of ["sunroof", "panorama", "towbar", "spoiler", "roof-rails"]) expect(plain.has(part)).toBe(false);
    expect(names(build(["sunroof"])).has("sunroof")).toBe(true);
    expect(names(build(["panorama"])).has("panorama")).toBe(true);
    expect(names(build(["towbar"])).has("towbar")).toBe(true);
    expect(names(build(["spoiler"])).has("spoiler")).toBe(true);
    expect(names(build(["roof-rails"])).has("roof-rails")).toBe(true);
  });

  it("gives the estate a longer roof, and roof rails only when chosen (the catalog sells them)", () => {
    const sedan = build([]);
    const estate = build([], "estate");
    const roofLength = (car: THREE.Object3D) => new THREE.Box3().setFromObject(car.getObjectByName("cabin")!).min.x;
    expect(roofLength(estate)).toBeLessThan(roofLength(sedan) - 0.5);
    expect(names(estate).has("roof-rails")).toBe(false);
    expect(names(build(["roof-rails:black"], "estate")).has("roof-rails")).toBe(true);
  });

  it("tells the trim lines apart: window line, sill strips, door handles", () => {
    const materialsOf = (keys: string[]) => {
      const car = build(keys);
      const cabin = car.getObjectByName("cabin") as THREE.Mesh;
      const handle = car.getObjectByName("door-handle-r") as THREE.Mesh;
      return { windowLine: (cabin.material as THREE.Material[])[4].name, handle: (handle.material as THREE.Material).name, sill: !!car.getObjectByName("sill-strip-r") };
    };
    expect(materialsOf(["trim:base"])).toEqual({ windowLine: "trim-satin", handle: "paint", sill: false });
    expect(materialsOf(["trim:advanced"])).toEqual({ windowLine: "chrome", handle: "paint", sill: true });
    expect(materialsOf(["trim:premium"])).toEqual({ windowLine: "chrome", handle: "chrome", sill: true });
  });

  it("sizes the wheels by inches and names the rim by design", () => {
    const rimRadius = (keys: string[]) => {
      const rim = build(keys).getObjectByName("wheel-fl")!.children.find((c) => c.name.startsWith("rim:")) as THREE.Mesh;
      rim.geometry.computeBoundingBox();
      return { name: rim.name, r: rim.geometry.boundingBox!.max.y };
    };
    const small = rimRadius(["wheel:5-spoke:18"]);
    const big = rimRadius(["wheel:5-spoke:21"]);
    expect(big.r - small.r).toBeCloseTo((3 * 0.0254) / 2, 3);
    expect(rimRadius(["wheel:multi-spoke:20"]).name).toBe("rim:multi-spoke");
    const vertices = (keys: string[]) =>
      ((build(keys).getObjectByName("wheel-fl")!.children.find((c) => c.name.startsWith("rim:")) as THREE.Mesh).geometry.attributes.position.count);
    expect(vertices(["wheel:multi-spoke:20"])).not.toBe(vertices(["wheel:5-spoke:20"]));
    expect(["wheel-fl", "wheel-fr", "wheel-rl", "wheel-rr"].every((n) => names(build([])).has(n))).toBe(true);
  });

  it("colors the interior and follows glass, mirror and light options", () => {
    const car = build(["interior:beige", "privacy-glass", "mirrors:carbon", "lights:matrix"]);
    expect(material(car, "interior").color.getHexString()).toBe(new THREE.Color(lookupColor("beige")).getHexString());
    const cabin = car.getObjectByName("cabin") as THREE.Mesh;
    expect((cabin.material as THREE.Material[])[2].name).toBe("glass-privacy");
    expect((car.getObjectByName("mirror-cap") as THREE.Mesh).material).toHaveProperty("name", "carbon");
    expect(names(car).has("drl-0-l")).toBe(true);
    const halogen = build(["mirrors:body"]);
    expect(names(halogen).has("projector-l")).toBe(true);
    expect(((halogen.getObjectByName("mirror-cap") as THREE.Mesh).material as THREE.Material).name).toBe("paint");
  });

  it("builds a car of real proportions with no broken geometry", () => {
    const car = build(["paint:blue:metallic", "panorama", "towbar", "spoiler", "roof-rails", "lights:laser"]);
    const box = new THREE.Box3().setFromObject(car.getObjectByName("body")!);
    expect(box.max.x - box.min.x).toBeGreaterThan(4.8);
    expect(box.max.x - box.min.x).toBeLessThan(5.1);
    expect(box.max.z - box.min.z).toBeGreaterThan(1.8);
    expect(box.max.z - box.min.z).toBeLessThan(2.0);
    const roof = new THREE.Box3().setFromObject(car.getObjectByName("cabin")!);
    expect(roof.max.y).toBeGreaterThan(1.4);
    expect(roof.max.y).toBeLessThan(1.52);
    car.traverse((o) => {
      if (!(o instanceof THREE.Mesh)) return;
      const pos = o.geometry.attributes.position.array as ArrayLike<number>;
      for (let i = 0; i < pos.length; i++) if (!Number.isFinite(pos[i])) throw new Error(`${o.name} has a non-finite vertex`);
    });
  });

  it("follows trim, suspension and ambient lighting", () => {
    expect(names(build(["trim:s-line"])).has("grille-sport")).toBe(true);
    expect(names(build(["trim:advanced"])).has("grille")).toBe(true);
    expect(names(build(["ambient-lighting"])).has("ambient-lighting")).toBe(true);
    expect(names(build([])).has("ambient-lighting")).toBe(false);
    const bodyY = (keys: string[]) => build(keys).getObjectByName("body")!.position.y;
    const wheelY = (keys: string[]) => build(keys).getObjectByName("wheel-fl")!.position.y;
    expect(bodyY(["suspension:air"])).toBeLessThan(bodyY(["suspension:standard"]) - 0.01);
    expect(wheelY(["suspension:air"])).toBe(wheelY(["suspension:standard"]));
  });

  it("ignores keys it doesn't know", () => {
    const a = names(build(["paint:red:metallic"]));
    const b = names(build(["paint:red:metallic", "hologram:purple", "doors:french"]));
    expect(b).toEqual(a);
  });
});
