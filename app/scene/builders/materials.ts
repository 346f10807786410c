/**
 * Materials of the procedural models. Paint finishes map to physical
 * parameters: solid = dielectric under clearcoat; metallic = metal flake
 * (metalness) under clearcoat; pearl = thin-film iridescence plus sheen;
 * matte = rough, no clearcoat. Every material is named so tests and the scene
 * can find it.
 */
import * as THREE from "three";
import { type PaintFinish } from "../visual-keys";

export function paintMaterial(hex: string, finish: PaintFinish, name = "paint"): THREE.MeshPhysicalMaterial {
  const color = new THREE.Color(hex);
  const m = new THREE.MeshPhysicalMaterial({ color, name });
  m.userData.finish = finish;
  switch (finish) {
    case "metallic":
      m.metalness = 0.7;
      m.roughness = 0.34;
      m.clearcoat = 1;
      m.clearcoatRoughness = 0.03;
      break;
    case "pearl": {
      m.metalness = 0.3;
      m.roughness = 0.3;
      m.clearcoat = 1;
      m.clearcoatRoughness = 0.03;
      // A hint of colour shift at grazing angles, not a soap bubble.
      m.iridescence = 0.45;
      m.iridescenceIOR = 1.3;
      m.iridescenceThicknessRange = [220, 320];
      m.sheen = 0.6;
      m.sheenRoughness = 0.35;
      m.sheenColor = color.clone().lerp(new THREE.Color("#ffffff"), 0.6);
      break;
    }
    case "matte":
      m.metalness = 0.25;
      m.roughness = 0.62;
      break;
    default:
      m.metalness = 0;
      m.roughness = 0.3;
      m.clearcoat = 1;
      m.clearcoatRoughness = 0.05;
  }
  return m;
}

export interface Palette {
  get(name: string): THREE.Material;
}

type Factory = () => THREE.Material;

/** One instance per material name per model, created on first use (so tests see exactly what a build used). */
export function createPalette(factories: Record<string, Factory>): Palette & { all(): THREE.Material[] } {
  const made = new Map<string, THREE.Material>();
  return {
    get(name) {
      let m = made.get(name);
      if (!m) {
        const f = factories[name];
        if (!f) throw new Error(`no material "${name}"`);
        m = f();
        m.name = name;
        made.set(name, m);
      }
      return m;
    },
    all: () => [...made.values()],
  };
}

const std = (p: THREE.MeshStandardMaterialParameters) => () => new THREE.MeshStandardMaterial(p);
const phys = (p: THREE.MeshPhysicalMaterialParameters) => () => new THREE.MeshPhysicalMaterial(p);

/** Shared, non-paint materials of a car (trim, glass, rubber, lights). */
export const carFactories: Record<string, Factory> = {
  "trim-black": phys({ color: "#0a0b0c", roughness: 0.18, metalness: 0.1, clearcoat: 1, clearcoatRoughness: 0.05 }),
  "trim-satin": std({ color: "#141516", roughness: 0.55, metalness: 0.2 }),
  under: std({ color: "#0d0e0f", roughness: 0.85, metalness: 0 }),
  chrome: std({ color: "#d8dadc", roughness: 0.12, metalness: 1 }),
  platinum: std({ color: "#6e7276", roughness: 0.25, metalness: 0.95 }),
  aluminium: std({ color: "#b8bcc0", roughness: 0.3, metalness: 0.9 }),
  carbon: phys({ color: "#1c1d20", roughness: 0.35, metalness: 0.4, clearcoat: 1, clearcoatRoughness: 0.02 }),
  glass: phys({
    color: "#1a2228",
    roughness: 0.04,
    metalness: 0.1,
    transparent: true,
    opacity: 0.5,
    depthWrite: false,
    side: THREE.DoubleSide,
    envMapIntensity: 1.4,
  }),
  // Privacy glass: the rear windows nearly black, so the difference from clear glass reads at a glance.
  "glass-privacy": phys({
    color: "#020203",
    roughness: 0.04,
    metalness: 0.1,
    transparent: true,
    opacity: 0.97,
    depthWrite: false,
    side: THREE.DoubleSide,
    envMapIntensity: 1.4,
  }),
  "glass-roof": phys({ color: "#07090b", roughness: 0.05, metalness: 0.3, clearcoat: 1, clearcoatRoughness: 0.02, envMapIntensity: 1.5 }),
  headliner: std({ color: "#2a2b2d", roughness: 0.9, side: THREE.BackSide }),
  hidden: () => {
    const m = new THREE.MeshBasicMaterial();
    m.visible = false;
    return m;
  },
  rubber: std({ color: "#111213", roughness: 0.92, metalness: 0 }),
  "brake-disc": std({ color: "#6b6e72", roughness: 0.45, metalness: 0.9 }),
  "caliper-grey": std({ color: "#3a3c3f", roughness: 0.5, metalness: 0.4 }),
  "light-lens": phys({ color: "#1a1d21", roughness: 0.05, metalness: 0.6, clearcoat: 1, envMapIntensity: 1.6 }),
  "light-reflector": std({ color: "#c9ccd0", roughness: 0.2, metalness: 1 }),
  drl: std({ color: "#ffffff", emissive: "#eef6ff", emissiveIntensity: 2.2 }),
  "tail-lens": phys({ color: "#8a0a10", roughness: 0.1, metalness: 0.1, clearcoat: 1, emissive: "#c0101a", emissiveIntensity: 0.55 }),
  "tail-glow": std({ color: "#ff2a2a", emissive: "#ff1010", emissiveIntensity: 2 }),
  laser: std({ color: "#8fb8ff", emissive: "#3f7dff", emissiveIntensity: 2 }),
  amber: std({ color: "#ffb347", emissive: "#ff9a1f", emissiveIntensity: 1.2 }),
  plate: std({ color: "#d9dad6", roughness: 0.7 }),
  "mirror-glass": std({ color: "#9aa3ab", roughness: 0.02, metalness: 1 }),
  screen: phys({ color: "#050608", roughness: 0.08, clearcoat: 1, emissive: "#0d2238", emissiveIntensity: 0.9 }),
  "dash-top": std({ color: "#17181a", roughness: 0.75 }),
  carpet: std({ color: "#151516", roughness: 1, side: THREE.BackSide }),
};

/**
 * For a software renderer: drops the clearcoat, sheen and iridescence layers
 * of every physical material under `root` (three compiles them out at 0), so
 * each pixel runs one BRDF instead of up to four. Colour, metalness and
 * roughness stay, so the paint keeps its hue and its metallic/matte character.
 * Double-sided glass is drawn in one pass instead of two.
 */
export function simplifyMaterials(root: THREE.Object3D): void {
  root.traverse((o) => {
    if (!(o instanceof THREE.Mesh)) return;
    for (const m of Array.isArray(o.material) ? o.material : [o.material]) {
      // Double-sided glass is drawn in two passes (back faces, then front), each its own program: one pass here.
      if (m.transparent && m.side === THREE.DoubleSide) m.forceSinglePass = true;
      if (!(m instanceof THREE.MeshPhysicalMaterial)) continue;
      // Without its clearcoat a glossy finish would look satin: a little smoother base keeps some gloss.
      if (m.clearcoat > 0) m.roughness = Math.min(m.roughness, 0.25);
      m.clearcoat = 0;
      m.sheen = 0;
      m.iridescence = 0;
    }
  });
}
