/** The refrigerator's materials: the finish on the doors and cabinet, the liner, glass shelves, dark trim and handles. */
import * as THREE from "three";
import { type VisualSpec } from "../../visual-keys";

type Finish = VisualSpec["fridge"]["finish"];

export interface FridgeMaterials {
  /** The doors' finish. */
  finish: THREE.MeshPhysicalMaterial;
  /** The cabinet's sides: the finish, a touch darker unless it is steel. */
  cabinet: THREE.MeshPhysicalMaterial;
  liner: THREE.MeshStandardMaterial;
  shelf: THREE.MeshPhysicalMaterial;
  dark: THREE.MeshStandardMaterial;
  handle: THREE.MeshStandardMaterial;
}

export function finishMaterial(finish: Finish): THREE.MeshPhysicalMaterial {
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

/** Steel handles on steel; dark ones on glass, light metal on paint. */
function handleMaterial(kind: Finish["kind"]): THREE.MeshStandardMaterial {
  return kind === "stainless"
    ? new THREE.MeshStandardMaterial({ color: "#d5d8db", roughness: 0.18, metalness: 1, name: "handle" })
    : new THREE.MeshStandardMaterial({ color: kind === "glass" ? "#2a2c30" : "#c9ccd0", roughness: 0.25, metalness: 0.9, name: "handle" });
}

export function fridgeMaterials(finish: Finish): FridgeMaterials {
  const doors = finishMaterial(finish);
  const cabinet = doors.clone();
  cabinet.name = "cabinet";
  if (finish.kind !== "stainless") cabinet.color.multiplyScalar(0.92);
  return {
    finish: doors,
    cabinet,
    liner: new THREE.MeshStandardMaterial({ color: "#f4f6f8", roughness: 0.5, emissive: "#e8f0ff", emissiveIntensity: 0.25, side: THREE.BackSide, name: "liner" }),
    shelf: new THREE.MeshPhysicalMaterial({ color: "#dfeff5", roughness: 0.05, transparent: true, opacity: 0.45, name: "shelf" }),
    dark: new THREE.MeshStandardMaterial({ color: "#16171a", roughness: 0.6, name: "trim-dark" }),
    handle: handleMaterial(finish.kind),
  };
}
