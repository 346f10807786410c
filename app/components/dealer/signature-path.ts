/**
 * A signature as SVG path data: each stroke "M x y" then "L x y" for every
 * point the finger (or mouse, or pen) passed, integers in the pad's own
 * coordinates. What the server stores and checks (only [MLQCZmlqcz0-9 ,.-],
 * at least one line segment).
 */

import { SIGNATURE_PAD } from "~/domain/quotes";

/** The pad's coordinate system (the viewBox); the drawing scales with the element. */
export const PAD_WIDTH = SIGNATURE_PAD.width;
export const PAD_HEIGHT = SIGNATURE_PAD.height;

export interface PadPoint {
  x: number;
  y: number;
}

/** A pointer position in the pad's coordinates, clamped to it, as integers. */
export function toPadPoint(client: { clientX: number; clientY: number }, rect: { left: number; top: number; width: number; height: number }): PadPoint {
  const sx = rect.width > 0 ? PAD_WIDTH / rect.width : 1;
  const sy = rect.height > 0 ? PAD_HEIGHT / rect.height : 1;
  const clamp = (v: number, max: number) => Math.min(max, Math.max(0, Math.round(v)));
  return { x: clamp((client.clientX - rect.left) * sx, PAD_WIDTH), y: clamp((client.clientY - rect.top) * sy, PAD_HEIGHT) };
}

/** Start a stroke. */
export function moveTo(path: string, p: PadPoint): string {
  return `${path}${path ? " " : ""}M ${p.x} ${p.y}`;
}

/** Continue the current stroke (a repeated point adds nothing). */
export function lineTo(path: string, p: PadPoint): string {
  if (path.endsWith(` ${p.x} ${p.y}`)) return path;
  return `${path} L ${p.x} ${p.y}`;
}

/** Something was drawn: at least one line segment. */
export function hasStroke(path: string): boolean {
  return /L/.test(path);
}
