/**
 * The car's interior: seats, dashboard, screens, steering wheel and console,
 * in the chosen interior color. Seen through the glass, and from above when
 * the interior camera fades the roof away.
 */
import * as THREE from "three";
import { type CarProfile } from "./car-profile";
import { roundedBox as makeRoundedBox, sharedGeometry } from "./geometry";

const roundedBox = (w: number, h: number, d: number, r: number) => sharedGeometry(`rbox:${w}:${h}:${d}:${r}`, () => makeRoundedBox(w, h, d, r));
import { carFactories } from "./materials";
import { resolveColor } from "../palette";
import { type VisualSpec } from "../visual-keys";

/** Leather is smooth with a soft sheen, Valcona a little smoother, Alcantara (suede) matte. */
export function interiorMaterial(hex: string, material = "leather"): THREE.MeshPhysicalMaterial {
  const suede = /alcantara|suede|fabric|cloth/.test(material);
  // Suede's nap scatters light: the same dye reads a shade lighter and greyer than smooth leather.
  const color = suede ? new THREE.Color(hex).lerp(new THREE.Color("#8a8a8a"), 0.22) : new THREE.Color(hex);
  return new THREE.MeshPhysicalMaterial({
    color,
    roughness: suede ? 0.95 : /valcona|nappa/.test(material) ? 0.42 : 0.55,
    sheen: suede ? 1 : 0.4,
    sheenRoughness: 0.6,
    sheenColor: new THREE.Color(hex).lerp(new THREE.Color("#ffffff"), 0.3),
    name: "interior",
  });
}

function seat(mat: THREE.Material, width: number, backX: number, name: string): THREE.Group {
  const g = new THREE.Group();
  g.name = name;
  const cushion = new THREE.Mesh(roundedBox(0.52, 0.13, width, 0.05), mat);
  cushion.position.set(0, 0, 0);
  cushion.name = `${name}-cushion`;
  const back = new THREE.Mesh(roundedBox(0.13, 0.62, width, 0.055), mat);
  back.position.set(backX, 0.33, 0);
  back.rotation.z = 0.24;
  back.name = `${name}-back`;
  g.add(cushion, back);
  return g;
}

export function buildCarInterior(spec: VisualSpec, p: CarProfile): THREE.Group {
  const g = new THREE.Group();
  g.name = "interior";
  g.userData.visualKey = `interior:${spec.interior.color}`;
  const leather = interiorMaterial(spec.interior.hex, spec.interior.material);
  const dark = carFactories["dash-top"]();
  dark.name = "dash-top";
  const screen = carFactories.screen();
  screen.name = "screen";
  const inlay = new THREE.MeshStandardMaterial({ color: "#9a9ea3", roughness: 0.35, metalness: 0.85, name: "inlay" });

  // Front seats and the rear bench.
  for (const side of [1, -1]) {
    const s = seat(leather, 0.5, -0.29, `seat-front-${side > 0 ? "r" : "l"}`);
    s.position.set(0.02, 0.47, side * 0.37);
    const head = new THREE.Mesh(roundedBox(0.1, 0.17, 0.27, 0.045), leather);
    head.position.set(-0.41, 0.76, 0);
    head.rotation.z = 0.24;
    head.name = "headrest";
    s.add(head);
    g.add(s);
  }
  const rear = seat(leather, 1.34, -0.27, "seat-rear");
  rear.position.set(-0.98, 0.5, 0);
  for (const z of [0.42, -0.42]) {
    const head = new THREE.Mesh(roundedBox(0.09, 0.14, 0.26, 0.04), leather);
    head.position.set(-0.38, 0.66, z);
    head.rotation.z = 0.26;
    head.name = "headrest";
    rear.add(head);
  }
  if (p.variant === "sedan") rear.scale.set(1, 0.94, 1);
  g.add(rear);

  // Dashboard: a side profile extruded across the cabin.
  const dash = new THREE.Shape();
  dash.moveTo(1.0, 0.93);
  dash.lineTo(0.66, 0.975);
  dash.quadraticCurveTo(0.55, 0.97, 0.55, 0.9);
  dash.lineTo(0.58, 0.76);
  dash.quadraticCurveTo(0.62, 0.6, 0.78, 0.52);
  dash.lineTo(1.0, 0.52);
  dash.closePath();
  const dashWidth = (p.halfWidth(0.8) - p.cabin.inset - 0.03) * 2;
  const dashGeo = sharedGeometry(`dashboard:${dashWidth}`, () =>
    new THREE.ExtrudeGeometry(dash, { depth: dashWidth, bevelEnabled: true, bevelSize: 0.015, bevelThickness: 0.015, bevelSegments: 3 }).translate(0, 0, -dashWidth / 2),
  );
  const dashboard = new THREE.Mesh(dashGeo, [dark, dark]);
  dashboard.name = "dashboard";
  g.add(dashboard);
  const lower = new THREE.Mesh(roundedBox(0.03, 0.1, dashWidth * 0.98, 0.01), leather);
  lower.position.set(0.575, 0.74, 0);
  lower.rotation.z = -0.2;
  lower.name = "dashboard-trim";
  const strip = new THREE.Mesh(new THREE.BoxGeometry(0.012, 0.018, dashWidth * 0.96), inlay);
  strip.position.set(0.555, 0.83, 0);
  strip.name = "dashboard-inlay";
  g.add(lower, strip);
  // Contrast stitching ("…-red-stitching") or Valcona's tone-on-tone double seam, along the dashboard's leather edge (seen from the driver's seat).
  const material = spec.interior.material;
  const stitch = /-stitching$/.test(material)
    ? resolveColor(material.split("-").slice(-2, -1)[0], "#b0141c")
    : /valcona/.test(material)
      ? `#${new THREE.Color(spec.interior.hex).lerp(new THREE.Color("#ffffff"), 0.45).getHexString()}`
      : null;
  if (stitch) {
    const thread = new THREE.MeshStandardMaterial({ color: stitch, roughness: 0.6, name: "stitching" });
    const seam = new THREE.Mesh(new THREE.BoxGeometry(0.004, 0.004, dashWidth * 0.96), thread);
    seam.position.set(0.562, 0.78, 0);
    seam.rotation.z = -0.2;
    seam.name = "stitching";
    seam.userData.visualKey = `interior:${spec.interior.color}:${spec.interior.material}`;
    g.add(seam);
  }

  // Screens: the centre touchscreen and the driver's display.
  const mmi = new THREE.Mesh(roundedBox(0.014, 0.16, 0.3, 0.006), screen);
  mmi.position.set(0.6, 0.9, 0);
  mmi.rotation.z = 0.18;
  mmi.name = "screen-centre";
  const cockpit = new THREE.Mesh(roundedBox(0.014, 0.12, 0.3, 0.006), screen);
  cockpit.position.set(0.66, 0.93, -0.37);
  cockpit.rotation.z = 0.25;
  cockpit.name = "screen-driver";
  g.add(mmi, cockpit);

  // Steering wheel (left-hand drive).
  const wheel = new THREE.Group();
  wheel.name = "steering-wheel";
  const rim = new THREE.Mesh(new THREE.TorusGeometry(0.18, 0.018, 12, 40), dark);
  rim.rotation.y = Math.PI / 2;
  const hub = new THREE.Mesh(new THREE.CylinderGeometry(0.055, 0.06, 0.05, 24), dark);
  hub.rotation.z = Math.PI / 2;
  wheel.add(rim, hub);
  for (const a of [0, Math.PI * 0.5 + Math.PI, Math.PI]) {
    const spoke = new THREE.Mesh(new THREE.BoxGeometry(0.02, 0.035, 0.16), inlay);
    spoke.position.set(0, Math.sin(a) * 0.09, Math.cos(a) * 0.09);
    spoke.rotation.x = -a;
    wheel.add(spoke);
  }
  wheel.position.set(0.46, 0.85, -0.37);
  wheel.rotation.z = -0.44;
  g.add(wheel);

  // Centre console with an armrest and the gear selector.
  const console_ = new THREE.Mesh(roundedBox(0.95, 0.2, 0.22, 0.04), dark);
  console_.position.set(0.12, 0.52, 0);
  console_.name = "console";
  const armrest = new THREE.Mesh(roundedBox(0.32, 0.06, 0.2, 0.03), leather);
  armrest.position.set(-0.2, 0.64, 0);
  armrest.name = "armrest";
  const selector = new THREE.Mesh(roundedBox(0.1, 0.05, 0.06, 0.02), inlay);
  selector.position.set(0.28, 0.64, 0);
  selector.name = "gear-selector";
  g.add(console_, armrest, selector);

  if (spec.ambientLighting) {
    // Ambient lighting: thin glowing lines across the dashboard and along the doors.
    const glow = new THREE.MeshStandardMaterial({ color: "#d6e6ff", emissive: "#9cc4ff", emissiveIntensity: 2.2, name: "ambient-light" });
    const lights = new THREE.Group();
    lights.name = "ambient-lighting";
    lights.userData.visualKey = "ambient-lighting";
    const dashLine = new THREE.Mesh(new THREE.BoxGeometry(0.006, 0.005, dashWidth * 0.95), glow);
    dashLine.position.set(0.552, 0.815, 0);
    lights.add(dashLine);
    const [h0, h1] = p.cabin.hole;
    for (const side of [1, -1]) {
      const x0 = h0 + 0.15;
      const x1 = 0.75;
      const door = new THREE.Mesh(new THREE.BoxGeometry(x1 - x0, 0.005, 0.006), glow);
      const xm = (x0 + x1) / 2;
      door.position.set(xm, p.top(xm) - 0.09, side * (p.halfWidth(xm) - 0.055));
      lights.add(door);
    }
    void h1;
    g.add(lights);
  }

  g.traverse((o) => {
    if (o instanceof THREE.Mesh) {
      o.castShadow = false;
      o.receiveShadow = false;
    }
  });
  return g;
}
