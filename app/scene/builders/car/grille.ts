/** The single-frame grille on the nose, with the S line's honeycomb and the badge. */
import * as THREE from "three";
import { type CarProfile } from "../car-profile";
import { sharedGeometry } from "../geometry";
import { type Palette } from "../materials";

export function buildGrille(p: CarProfile, mats: Palette, sport: boolean): THREE.Group {
  const g = new THREE.Group();
  g.name = sport ? "grille-sport" : "grille";
  g.userData.visualKey = sport ? "trim:s-line" : undefined;
  // Single-frame grille, octagonal, on the nose (shape in z–y, extruded along x).
  const outline: [number, number][] = [
    [-0.34, 0.635],
    [0.34, 0.635],
    [0.41, 0.56],
    [0.4, 0.42],
    [0.3, 0.355],
    [-0.3, 0.355],
    [-0.4, 0.42],
    [-0.41, 0.56],
  ];
  const shapeOf = (scale: number) => {
    const s = new THREE.Shape();
    const cy = 0.495;
    outline.forEach(([z, y], i) => {
      const pz = z * scale;
      const py = cy + (y - cy) * scale;
      if (i === 0) s.moveTo(pz, py);
      else s.lineTo(pz, py);
    });
    s.closePath();
    return s;
  };
  const frameGeo = sharedGeometry("grille-frame", () =>
    new THREE.ExtrudeGeometry(shapeOf(1), { depth: 0.05, bevelEnabled: true, bevelSize: 0.008, bevelThickness: 0.008, bevelSegments: 2 }).rotateY(Math.PI / 2),
  );
  const frame = new THREE.Mesh(frameGeo, mats.get(sport ? "platinum" : "chrome"));
  frame.position.x = p.xFront - 0.045;
  frame.name = "grille-frame";
  const meshGeo = sharedGeometry("grille-mesh", () => new THREE.ExtrudeGeometry(shapeOf(0.93), { depth: 0.05, bevelEnabled: false }).rotateY(Math.PI / 2));
  const mesh = new THREE.Mesh(meshGeo, mats.get("trim-black"));
  mesh.position.x = p.xFront - 0.038;
  mesh.name = "grille-mesh";
  g.add(frame, mesh);
  if (sport) {
    // S line: a honeycomb of small hexagonal cells.
    const cell = new THREE.CylinderGeometry(0.017, 0.017, 0.02, 6);
    cell.rotateZ(Math.PI / 2);
    const cells: [number, number][] = [];
    for (let row = 0; row < 8; row++)
      for (let col = -12; col <= 12; col++) {
        const z = col * 0.032 + (row % 2 ? 0.016 : 0);
        const y = 0.375 + row * 0.03;
        const halfAt = y > 0.56 ? 0.33 : y < 0.42 ? 0.28 : 0.36;
        if (Math.abs(z) < halfAt) cells.push([y, z]);
      }
    const honey = new THREE.InstancedMesh(cell, mats.get("trim-satin"), cells.length);
    const m = new THREE.Matrix4();
    cells.forEach(([y, z], i) => honey.setMatrixAt(i, m.makeTranslation(p.xFront + 0.012, y, z)));
    honey.name = "grille-honeycomb";
    g.add(honey);
  }
  // Horizontal slats give the grille depth in the light.
  for (let k = 0; k < (sport ? 0 : 4); k++) {
    const y = 0.41 + k * 0.05;
    const half = k === 0 ? 0.31 : 0.37;
    const slat = new THREE.Mesh(new THREE.BoxGeometry(0.012, 0.006, half * 2), mats.get("trim-black"));
    slat.position.set(p.xFront + 0.017, y, 0);
    slat.name = `grille-slat-${k}`;
    g.add(slat);
  }
  // Four rings badge.
  for (let k = 0; k < 4; k++) {
    const ring = new THREE.Mesh(new THREE.TorusGeometry(0.032, 0.0045, 8, 32), mats.get("chrome"));
    ring.rotation.y = Math.PI / 2;
    ring.position.set(p.xFront + 0.03, 0.585, (k - 1.5) * 0.047);
    ring.name = `badge-${k}`;
    g.add(ring);
  }
  return g;
}
