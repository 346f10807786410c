import * as THREE from "three";
import { describe, expect, it } from "vitest";
import { parseVisualKeys } from "../visual-keys";
import { buildCar } from "./car";
import { paintMaterial, simplifyMaterials } from "./materials";

function physicalMaterials(root: THREE.Object3D): THREE.MeshPhysicalMaterial[] {
  const out = new Set<THREE.MeshPhysicalMaterial>();
  root.traverse((o) => {
    if (o instanceof THREE.Mesh) for (const m of [o.material].flat()) if (m instanceof THREE.MeshPhysicalMaterial) out.add(m);
  });
  return [...out];
}

describe("simplifyMaterials", () => {
  it("drops clearcoat, sheen and iridescence but keeps the paint's colour and metalness", () => {
    const pearl = paintMaterial("#b01020", "pearl");
    const mesh = new THREE.Mesh(new THREE.BoxGeometry(), pearl);
    const color = pearl.color.clone();
    simplifyMaterials(mesh);
    expect([pearl.clearcoat, pearl.sheen, pearl.iridescence]).toEqual([0, 0, 0]);
    expect(pearl.color.equals(color)).toBe(true);
    expect(pearl.metalness).toBe(0.3);
    expect(pearl.roughness).toBeLessThanOrEqual(0.3);
  });

  it("leaves no layered physical material in a whole car", () => {
    const car = buildCar(parseVisualKeys(["paint:tango-red:pearl", "wheel:5-arm:19"]), "sedan");
    expect(physicalMaterials(car.group).some((m) => m.clearcoat > 0)).toBe(true);
    simplifyMaterials(car.group);
    for (const m of physicalMaterials(car.group)) expect([m.name, m.clearcoat, m.sheen, m.iridescence]).toEqual([m.name, 0, 0, 0]);
  });

  it("keeps a matte finish as rough as it was", () => {
    const matte = paintMaterial("#303030", "matte");
    simplifyMaterials(new THREE.Mesh(new THREE.BoxGeometry(), matte));
    expect(matte.roughness).toBe(0.62);
  });
});
