/**
 * The car model (sedan and estate), built in code from the visual spec.
 *
 * Body: a loft of cross-sections along x. Each section is a rounded box
 * (flat floor, wheel-well notch, vertical side, shoulder radius, crowned deck)
 * whose size follows the profile lines; the deck under the greenhouse is left
 * open so the interior shows through the glass. Greenhouse: a second loft from
 * the belt line over the roof, split into glass, pillars and roof by material
 * groups. Lights, grille and trim are thin ribbons hugging the body outline.
 * Each part is built in its own module under car/; this one puts them together
 * and gives the whole car its final shape and shadows.
 *
 * Every part has a name; parts that exist because of a visual key carry that
 * key's name ("sunroof", "roof-rails", "towbar", …) so tests and tools can
 * find them.
 */
import * as THREE from "three";
import { type CarProfile, type CarVariant, carProfile } from "./car-profile";
import { smoothstep } from "./curves";
import { buildCarInterior } from "./interior";
import { carFactories, createPalette, paintMaterial } from "./materials";
import { wheelFactories } from "./wheel";
import { type VisualSpec } from "../visual-keys";
import { buildBody, buildInteriorShell } from "./car/body";
import { buildGreenhouse } from "./car/cabin";
import { buildGrille } from "./car/grille";
import { buildLights } from "./car/lights";
import { buildMirrors, buildTowbar, buildTrim, buildTrunkSpoiler } from "./car/trim";
import { buildWheels } from "./car/wheels";

export interface CarBuild {
  group: THREE.Group;
  /** Parts that fade away in the interior view (roof, glass, pillars). */
  greenhouse: THREE.Group;
}

export function buildCar(spec: VisualSpec, variant: CarVariant): CarBuild {
  const p = carProfile(variant);
  const paint = paintMaterial(spec.paint.hex, spec.paint.finish);
  const mats = createPalette({ ...carFactories, ...wheelFactories, paint: () => paint });
  const group = new THREE.Group();
  group.name = `car:${variant}`;

  group.add(buildBody(p, mats));
  const greenhouse = buildGreenhouse(p, spec, mats);
  group.add(greenhouse);
  group.add(buildInteriorShell(p, spec));
  const interior = buildCarInterior(spec, p);
  group.add(interior);
  group.add(...buildWheels(p, spec, mats));
  group.add(...buildLights(p, spec, mats));
  group.add(buildGrille(p, mats, spec.trim === "s-line"));
  group.add(...buildMirrors(p, spec, mats));
  group.add(...buildTrim(p, spec, mats));
  if (spec.towbar) group.add(buildTowbar(p, mats));
  if (spec.spoiler && variant === "sedan") group.add(buildTrunkSpoiler(p, mats));

  sculptEnds(group, p);

  // Sport and air suspension: everything but the wheels sits lower.
  if (spec.lowering > 0) for (const child of group.children) if (!child.name.startsWith("wheel-")) child.position.y -= spec.lowering;

  group.traverse((o) => {
    if (o instanceof THREE.Mesh) {
      o.castShadow = true;
      o.receiveShadow = false;
    }
  });
  // Glass casts no useful shadow and would darken the cabin.
  greenhouse.traverse((o) => {
    if (o instanceof THREE.Mesh) o.castShadow = o.name !== "cabin-glass";
  });
  return { group, greenhouse };
}

/**
 * Leans the nose and the tail: the front face tilts back and the rear face
 * forward toward the top, as on a real car. Done as a final deformation of
 * every part near the ends (body, grille, lights, trim alike), so they all
 * stay on the surface they were built on.
 */
function sculptEnds(group: THREE.Group, p: CarProfile): void {
  const shift = (x: number, y: number) => {
    const front = smoothstep(p.xFront - 0.65, p.xFront - 0.02, x) * Math.max(0, y - 0.36) * -0.24;
    const rear = smoothstep(p.xRear + 0.55, p.xRear + 0.02, x) * Math.max(0, y - 0.45) * 0.14;
    return front + rear;
  };
  group.updateMatrixWorld(true);
  const v = new THREE.Vector3();
  const inv = new THREE.Matrix4();
  const m = new THREE.Matrix4();
  group.traverse((o) => {
    if (!(o instanceof THREE.Mesh) || o.name.startsWith("wheel") || o.geometry.userData.sculpted) return;
    if (o instanceof THREE.InstancedMesh) {
      for (let i = 0; i < o.count; i++) {
        o.getMatrixAt(i, m);
        v.setFromMatrixPosition(m).applyMatrix4(o.matrixWorld);
        m.elements[12] += shift(v.x, v.y);
        o.setMatrixAt(i, m);
      }
      o.instanceMatrix.needsUpdate = true;
      return;
    }
    o.geometry.userData.sculpted = true;
    const pos = o.geometry.attributes.position as THREE.BufferAttribute;
    inv.copy(o.matrixWorld).invert();
    let moved = false;
    for (let i = 0; i < pos.count; i++) {
      v.fromBufferAttribute(pos, i).applyMatrix4(o.matrixWorld);
      const dx = shift(v.x, v.y);
      if (dx === 0) continue;
      moved = true;
      v.x += dx;
      v.applyMatrix4(inv);
      pos.setXYZ(i, v.x, v.y, v.z);
    }
    if (moved) {
      pos.needsUpdate = true;
      if (o.geometry.index) o.geometry.computeVertexNormals();
      o.geometry.computeBoundingBox();
      o.geometry.computeBoundingSphere();
    }
  });
}
