/**
 * The car's shape as numbers: side-view lines (hood, belt, trunk, roof, sill)
 * and plan-view width, in metres, x forward, y up, z to the car's right.
 * Proportions follow a long-wheelbase executive sedan (≈4.97 m long, 1.88 m
 * wide, 1.46 m tall, 2.95 m wheelbase). Pure math, so the SVG still and the
 * 3D model share one silhouette.
 */
import { type Pt, clamp, smoothCurve, superellipse } from "./curves";

export type CarVariant = "sedan" | "estate";

export interface CarProfile {
  variant: CarVariant;
  xRear: number;
  xFront: number;
  axles: readonly [number, number];
  /** Tyre outer radius (wheel centre height) and arch radius. */
  tyreRadius: number;
  archRadius: number;
  /** How far the wheel well reaches inboard from the body side. */
  archDepth: number;
  /** Wheel centre distance from the middle (half track). */
  halfTrack: number;
  /** Half width of the lower body at x. */
  halfWidth(x: number): number;
  /** Top line of the lower body at its centre (hood, belt, trunk lid). */
  top(x: number): number;
  /** Sill / bumper bottom line (before the wheel arches are cut). */
  bottom(x: number): number;
  /** Bottom including the wheel-arch opening (for the outer part of the section). */
  archBottom(x: number): number;
  /** Shoulder radius where the side turns into the top. */
  shoulder(x: number): number;
  /** Crown of the hood/deck at its centre. */
  crown: number;
  cabin: {
    xStart: number;
    xEnd: number;
    /** Roof line at the centre. */
    roof(x: number): number;
    /** Where the windshield meets the roof, and the rear glass meets the roof. */
    xWindshieldTop: number;
    xRearGlassTop: number;
    /** Pillars along the side glass: A (front end), B, C (and D for the estate), as x at the belt. */
    xA: number;
    xB: number;
    xC: number;
    xD?: number;
    /** How far the side glass sits inboard of the body side at the belt, and the tumblehome to the roof. */
    inset: number;
    tumblehome: number;
    /** Hole in the lower body's deck under the greenhouse, so the interior shows through the glass. */
    hole: readonly [number, number];
  };
}

const AXLE = 1.475;
const X_FRONT = 2.445;
const X_REAR = -2.525;
const W = 0.94;

function plan(x: number): number {
  const frontR = 0.46;
  const rearR = 0.34;
  let w = W;
  // Slightly narrower nose and tail than the doors, and flared arches.
  w -= 0.015 * clamp((x - 1.0) / 1.4, 0, 1);
  w += 0.012 * (Math.exp(-(((x - AXLE) / 0.45) ** 2)) + Math.exp(-(((x + AXLE) / 0.45) ** 2)));
  if (x > X_FRONT - frontR) w = w - frontR + frontR * superellipse((x - (X_FRONT - frontR)) / frontR, 2.3);
  if (x < X_REAR + rearR) w = w - rearR + rearR * superellipse((X_REAR + rearR - x) / rearR, 2.6);
  return w;
}

/** The top line from the rear doors forward (belt, bonnet, nose): the same for both bodies. */
const frontTop: Pt[] = [
  [-1.0, 1.0],
  [0, 0.985],
  [0.95, 0.955],
  [1.45, 0.875],
  [1.9, 0.805],
  [2.25, 0.76],
  [2.36, 0.735],
  [2.42, 0.705],
  [X_FRONT, 0.665],
];

const sedanTop: Pt[] = [
  [X_REAR, 0.89],
  [-2.51, 0.955],
  [-2.47, 1.0],
  [-2.39, 1.028],
  [-2.26, 1.04],
  [-1.9, 1.035],
  [-1.55, 1.02],
  ...frontTop,
];

const estateTop: Pt[] = [
  [X_REAR, 0.89],
  [-2.51, 0.95],
  [-2.47, 0.985],
  [-2.42, 1.0],
  [-2.3, 1.01],
  [-1.9, 1.015],
  ...frontTop,
];

const bottomLine: Pt[] = [
  [X_REAR, 0.4],
  [-2.5, 0.34],
  [-2.4, 0.29],
  [-2.2, 0.24],
  [-1.9, 0.205],
  [1.9, 0.2],
  [2.2, 0.21],
  [2.38, 0.25],
  [2.43, 0.29],
  [X_FRONT, 0.33],
];

const sedanRoof: Pt[] = [
  [-1.7, 0.99],
  [-1.5, 1.085],
  [-1.2, 1.235],
  [-0.9, 1.36],
  [-0.6, 1.43],
  [-0.25, 1.458],
  [0.05, 1.448],
  [0.25, 1.415],
  [0.5, 1.31],
  [0.8, 1.135],
  [1.1, 0.93],
];

const estateRoof: Pt[] = [
  [-2.42, 0.99],
  [-2.36, 1.12],
  [-2.26, 1.3],
  [-2.12, 1.395],
  [-1.9, 1.43],
  [-1.2, 1.45],
  [-0.25, 1.462],
  [0.05, 1.45],
  [0.25, 1.415],
  [0.5, 1.31],
  [0.8, 1.135],
  [1.1, 0.93],
];

export function carProfile(variant: CarVariant): CarProfile {
  const top = smoothCurve(variant === "estate" ? estateTop : sedanTop);
  const bottom = smoothCurve(bottomLine);
  const tyreRadius = 0.355;
  const archRadius = 0.395;
  const archBottom = (x: number) => {
    let y = bottom(x);
    for (const ax of [AXLE, -AXLE]) {
      const dx = x - ax;
      if (Math.abs(dx) < archRadius) y = Math.max(y, tyreRadius + Math.sqrt(archRadius ** 2 - dx * dx));
    }
    return y;
  };
  const estate = variant === "estate";
  return {
    variant,
    xRear: X_REAR,
    xFront: X_FRONT,
    axles: [AXLE, -AXLE],
    tyreRadius,
    archRadius,
    archDepth: 0.34,
    halfTrack: 0.8,
    halfWidth: plan,
    top,
    bottom,
    archBottom,
    shoulder: (x) => (x > 2.0 ? 0.05 : x < -2.3 ? 0.06 : 0.085),
    crown: 0.025,
    cabin: estate
      ? {
          xStart: -2.42,
          xEnd: 1.1,
          roof: smoothCurve(estateRoof),
          xWindshieldTop: 0.22,
          xRearGlassTop: -2.1,
          xA: 0.98,
          xB: -0.05,
          xC: -1.15,
          xD: -2.02,
          inset: 0.07,
          tumblehome: 0.19,
          hole: [-2.2, 0.92],
        }
      : {
          xStart: -1.7,
          xEnd: 1.1,
          roof: smoothCurve(sedanRoof),
          xWindshieldTop: 0.22,
          xRearGlassTop: -0.78,
          xA: 0.98,
          xB: -0.05,
          xC: -1.2,
          inset: 0.07,
          tumblehome: 0.19,
          hole: [-1.5, 0.92],
        },
  };
}
