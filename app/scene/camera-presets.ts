/**
 * Camera presets per product model and the damped orbit math the camera rig
 * uses. Pure (no three), so it is unit-tested and shared with the overlay.
 *
 * An orbit is a point on a sphere around a target: azimuth 0 looks at the
 * model's front (+x), positive azimuth swings toward its right side (+z).
 */

export const CAMERA_PRESETS = ["front", "side", "rear", "interior"] as const;
export type CameraPreset = (typeof CAMERA_PRESETS)[number];

export interface Orbit {
  azimuth: number;
  elevation: number;
  distance: number;
  target: readonly [number, number, number];
  /**
   * Seen from inside: the camera stands at `target` (an eye point) and looks
   * the opposite way from where an orbit would put it, so dragging turns the
   * head instead of circling the model.
   */
  eye?: boolean;
  /** Vertical field of view in degrees (the studio's 30 when omitted). */
  fov?: number;
}

export const DEFAULT_FOV = 30;

export type ModelKind = "sedan" | "estate" | "fridge" | "unknown";

export function modelKind(model: string): ModelKind {
  const m = model.toLowerCase();
  if (m === "sedan" || m === "estate" || m === "fridge") return m;
  if (/avant|wagon|touring|estate|suv/.test(m)) return "estate";
  if (/fridge|refrigerator|freezer/.test(m)) return "fridge";
  if (/sedan|saloon|limousine|car/.test(m)) return "sedan";
  return "unknown";
}

const deg = (d: number) => (d * Math.PI) / 180;

const CAR: Record<CameraPreset, Orbit> = {
  front: { azimuth: deg(-38), elevation: deg(10), distance: 7.9, target: [0.05, 0.62, 0] },
  side: { azimuth: deg(-90), elevation: deg(5), distance: 8.6, target: [0, 0.68, 0] },
  rear: { azimuth: deg(-145), elevation: deg(13), distance: 8.4, target: [-0.1, 0.62, 0] },
  // The driver's seat (left-hand drive): eye height over the seat, looking ahead over the steering wheel.
  interior: { azimuth: deg(180), elevation: deg(9), distance: 1, target: [-0.2, 1.13, -0.37], eye: true, fov: 62 },
};

const FRIDGE: Record<CameraPreset, Orbit> = {
  front: { azimuth: deg(-24), elevation: deg(8), distance: 4.6, target: [0, 0.9, 0] },
  side: { azimuth: deg(-72), elevation: deg(6), distance: 5.4, target: [0, 0.9, 0] },
  rear: { azimuth: deg(-150), elevation: deg(10), distance: 5.4, target: [0, 0.9, 0] },
  interior: { azimuth: deg(-14), elevation: deg(12), distance: 5.6, target: [0.25, 0.88, 0] },
};

/** A neutral placeholder has no cabin: its "interior" looks down on it. */
const PLACEHOLDER: Record<CameraPreset, Orbit> = {
  ...CAR,
  interior: { azimuth: deg(-150), elevation: deg(56), distance: 6.6, target: [-0.2, 0.6, 0] },
};

/** What a preset shows, for its button's label: the same four orbits show different things on different models. */
export type PresetView = CameraPreset | "detail" | "back" | "driver";

/**
 * A refrigerator has no interior to look into from outside: its "interior"
 * orbit is a close view of the door's front (handles, dispenser), and its
 * rear is the back panel.
 */
const MODEL_VIEWS: Partial<Record<ModelKind, Partial<Record<CameraPreset, PresetView>>>> = {
  fridge: { interior: "detail", rear: "back" },
  sedan: { interior: "driver" },
  estate: { interior: "driver" },
};

export function presetView(model: string, preset: CameraPreset): PresetView {
  return MODEL_VIEWS[modelKind(model)]?.[preset] ?? preset;
}

export function presetOrbit(model: string, preset: CameraPreset): Orbit {
  const kind = modelKind(model);
  const table = kind === "fridge" ? FRIDGE : kind === "unknown" ? PLACEHOLDER : CAR;
  return table[preset] ?? table.front;
}

/** Footprint of the model on the floor (length along x, width along z), for the contact shadow. */
export function modelFootprint(model: string): { length: number; width: number } {
  const kind = modelKind(model);
  if (kind === "fridge") return { length: 0.8, width: 1.0 };
  if (kind === "unknown") return { length: 1.2, width: 1.2 };
  return { length: 5.0, width: 1.95 };
}

export function orbitPosition(o: Orbit): [number, number, number] {
  if (o.eye) return [o.target[0], o.target[1], o.target[2]];
  return orbitPoint(o);
}

/** Where the camera looks: the target, or for an eye point the point ahead of it. */
export function orbitLookAt(o: Orbit): [number, number, number] {
  if (!o.eye) return [o.target[0], o.target[1], o.target[2]];
  const [x, y, z] = orbitPoint(o);
  return [2 * o.target[0] - x, 2 * o.target[1] - y, 2 * o.target[2] - z];
}

function orbitPoint(o: Orbit): [number, number, number] {
  const c = Math.cos(o.elevation);
  return [
    o.target[0] + o.distance * c * Math.cos(o.azimuth),
    o.target[1] + o.distance * Math.sin(o.elevation),
    o.target[2] + o.distance * c * Math.sin(o.azimuth),
  ];
}

/** Shortest signed angle from a to b. */
export function angleDelta(a: number, b: number): number {
  let d = (b - a) % (Math.PI * 2);
  if (d > Math.PI) d -= Math.PI * 2;
  if (d < -Math.PI) d += Math.PI * 2;
  return d;
}

/**
 * One damped step from `current` toward `goal` (frame-rate independent:
 * the remaining distance shrinks by e^(−rate·dt)). Azimuth takes the short way
 * round so the camera orbits instead of spinning.
 */
export function approach(current: Orbit, goal: Orbit, dt: number, rate = 4.5): Orbit {
  // Into or out of the cabin: a cut, not a flight through the bodywork.
  if (!!current.eye !== !!goal.eye) return goal;
  const k = 1 - Math.exp(-rate * Math.max(0, dt));
  const mix = (a: number, b: number) => a + (b - a) * k;
  return {
    azimuth: current.azimuth + angleDelta(current.azimuth, goal.azimuth) * k,
    elevation: mix(current.elevation, goal.elevation),
    distance: mix(current.distance, goal.distance),
    target: [mix(current.target[0], goal.target[0]), mix(current.target[1], goal.target[1]), mix(current.target[2], goal.target[2])],
    eye: goal.eye,
    fov: goal.fov,
  };
}

export function orbitsClose(a: Orbit, b: Orbit, eps = 1e-3): boolean {
  return (
    Math.abs(angleDelta(a.azimuth, b.azimuth)) < eps &&
    Math.abs(a.elevation - b.elevation) < eps &&
    Math.abs(a.distance - b.distance) < eps * 10 &&
    a.target.every((v, i) => Math.abs(v - b.target[i]) < eps) &&
    Math.abs((a.fov ?? DEFAULT_FOV) - (b.fov ?? DEFAULT_FOV)) < eps * 10
  );
}

export const ELEVATION_LIMITS = [deg(1), deg(80)] as const;

/** Applies a pointer drag (pixels) to an orbit: horizontal turns, vertical tilts within limits. */
export function dragOrbit(o: Orbit, dx: number, dy: number): Orbit {
  // Looking around from the seat: up and down within ±40°.
  const [lo, hi] = o.eye ? [deg(-40), deg(40)] : ELEVATION_LIMITS;
  return {
    ...o,
    azimuth: o.azimuth + dx * 0.008,
    elevation: Math.min(hi, Math.max(lo, o.elevation + dy * 0.005)),
  };
}

/** Applies a wheel/pinch zoom, kept within a range around the preset's distance. */
export function zoomOrbit(o: Orbit, deltaY: number, base: number): Orbit {
  // From the seat, zoom narrows or widens the view instead.
  if (o.eye) return { ...o, fov: Math.min(75, Math.max(30, (o.fov ?? DEFAULT_FOV) * Math.exp(deltaY * 0.001))) };
  const d = o.distance * Math.exp(deltaY * 0.001);
  return { ...o, distance: Math.min(base * 1.8, Math.max(base * 0.45, d)) };
}
