/**
 * The refrigerator, built from its visual spec: cabinet, doors per door style
 * (single, top-freezer, French door, side-by-side, four-door), finish, handles,
 * an ice and water dispenser and a small smart display. Front faces +x.
 * Doors hang on hinge groups and drawers on slides, so the interior view can
 * open them (see `FridgeBuild.movers`).
 * Each part is built in its own module under fridge/; this one puts them
 * together.
 */
import * as THREE from "three";
import { type VisualSpec } from "../visual-keys";
import { buildCabinet, buildShelving } from "./fridge/cabinet";
import { buildDoor, type Mover } from "./fridge/doors";
import { buildDispenser, buildIceMaker } from "./fridge/ice";
import { doorLayout, upperDoors } from "./fridge/layout";
import { fridgeMaterials } from "./fridge/materials";
import { buildSmartDisplay } from "./fridge/smart-display";

export type { Mover } from "./fridge/doors";
export { finishMaterial } from "./fridge/materials";

export interface FridgeBuild {
  group: THREE.Group;
  movers: Mover[];
}

export function buildFridge(spec: VisualSpec): FridgeBuild {
  const f = spec.fridge;
  const w = 0.9 * f.widthScale;
  const group = new THREE.Group();
  group.name = `fridge:${f.doors}`;
  group.userData.visualKey = `doors:${f.doors}`;
  const mats = fridgeMaterials(f.finish);

  group.add(buildCabinet(w, mats));
  const layout = doorLayout(f.doors, w);
  group.add(...buildShelving(layout, w, mats));
  const movers: Mover[] = [];
  for (const d of layout) {
    const { door, mover } = buildDoor(d, mats);
    movers.push(mover);
    group.add(door);
  }

  if (f.iceMaker !== "none") group.add(buildIceMaker(w, mats));
  // Ice and water through the door: on the left upper door (or the single door).
  const upper = upperDoors(layout);
  const dispenserDoor = upper[0];
  if (f.iceMaker === "dispenser" && dispenserDoor) {
    const door = group.getObjectByName(dispenserDoor.name)!;
    door.add(buildDispenser(dispenserDoor, door, mats));
  }
  // Smart display at eye height on the other upper door (or above the dispenser on a single door).
  if (f.smartDisplay) {
    const target = upper.length > 1 ? upper[1] : upper[0] ?? layout[0];
    const door = group.getObjectByName(target.name)!;
    door.add(buildSmartDisplay(target, door, f.iceMaker === "dispenser" && target === dispenserDoor));
  }

  group.traverse((o) => {
    if (o instanceof THREE.Mesh) o.castShadow = true;
  });
  return { group, movers };
}
