/**
 * The still picture of a configured product as plain vector data: a view box
 * and filled paths (SVG path data, y down), tinted from the visual keys.
 * Pure (no React, no DOM, no three.js), so one drawing serves every place a
 * picture of the product is needed without WebGL: the SVG still on screen
 * (SceneStill), the quote PDF (pdfkit's `doc.path`) and, later, the design
 * sheet. Only filled paths with a hex color and an opacity, because that is
 * what every one of those renderers draws alike (pdfkit can't read "rgba()").
 *
 * Side silhouette for cars, front view for fridges, a swatch of the paint for
 * anything else; drawn from the same profile as the 3D car.
 */
import { carProfile, type CarVariant } from "./builders/car-profile";
import { modelKind } from "./camera-presets";
import { parseVisualKeys } from "./visual-keys";

export interface PictureShape {
  /** SVG path data in the view box's coordinates (y down). */
  d: string;
  /** "#rrggbb". */
  fill: string;
  /** 0–1; 1 when absent. */
  opacity?: number;
  /** An outline, for shapes that need one to stand out from a white page. */
  stroke?: { color: string; width: number; opacity?: number };
  /** What the shape is ("body", "glass", "tyre", "rim", "hub", "door-line" …): tests and renderers may pick by it. */
  part: string;
}

export interface ProductPicture {
  kind: "sedan" | "estate" | "fridge" | "unknown";
  /** x, y, width, height. */
  viewBox: readonly [number, number, number, number];
  shapes: PictureShape[];
}

const f = (n: number) => n.toFixed(3);

/** A circle (or ellipse) as path data: two arcs. */
export function ellipsePath(cx: number, cy: number, rx: number, ry = rx): string {
  return `M${f(cx - rx)},${f(cy)} A${f(rx)},${f(ry)} 0 1 0 ${f(cx + rx)},${f(cy)} A${f(rx)},${f(ry)} 0 1 0 ${f(cx - rx)},${f(cy)} Z`;
}

export function rectPath(x: number, y: number, width: number, height: number): string {
  return `M${f(x)},${f(y)} L${f(x + width)},${f(y)} L${f(x + width)},${f(y + height)} L${f(x)},${f(y + height)} Z`;
}

/** Body and side glass outlines of a car, y up as the profile has it (flipped by the caller). */
function carOutlines(variant: CarVariant) {
  const p = carProfile(variant);
  const c = p.cabin;
  const pts: [number, number][] = [];
  const steps = 160;
  for (let k = 0; k <= steps; k++) {
    const x = p.xRear + ((p.xFront - p.xRear) * k) / steps;
    let y = p.top(x) + p.crown;
    if (x > c.xStart && x < c.xEnd) y = Math.max(y, c.roof(x));
    pts.push([x, y]);
  }
  for (let k = steps; k >= 0; k--) {
    const x = p.xRear + ((p.xFront - p.xRear) * k) / steps;
    pts.push([x, p.archBottom(x)]);
  }
  // Side glass: under the roof between the A pillar and the last pillar.
  const rearX = c.xD ?? c.xC;
  const glass: [number, number][] = [];
  for (let k = 0; k <= 40; k++) {
    const x = rearX + 0.12 + ((c.xA - 0.1 - rearX - 0.12) * k) / 40;
    glass.push([x, c.roof(x) - 0.06]);
  }
  const belt = (x: number) => p.top(x) + p.crown + 0.03;
  glass.push([c.xA - 0.02, belt(c.xA)], [rearX, belt(rearX)]);
  return { body: pts, glass, axles: p.axles, tyre: p.tyreRadius, xRear: p.xRear, xFront: p.xFront };
}

/** A polygon with y flipped (the profile's y up → the picture's y down). */
const polygon = (pts: readonly (readonly [number, number])[]) => `M${pts.map(([x, y]) => `${f(x)},${f(-y)}`).join(" L")} Z`;

/** The picture of `model` configured with `visualKeys` (unknown keys are ignored, as in the 3D view). */
export function productPicture(model: string, visualKeys: readonly string[]): ProductPicture {
  const kind = modelKind(model);
  const spec = parseVisualKeys(visualKeys);
  if (kind === "fridge") {
    const w = 0.9 * spec.fridge.widthScale;
    const lineWidth = 0.008;
    return {
      kind,
      viewBox: [-w / 2 - 0.6, -1.95, w + 1.2, 2.1],
      shapes: [
        { part: "shadow", d: ellipsePath(0, 0.02, w * 0.65, 0.05), fill: "#000000", opacity: 0.12 },
        { part: "body", d: rectPath(-w / 2, -1.81, w, 1.78), fill: spec.fridge.finish.hex, stroke: { color: "#8a8f95", width: 0.006 } },
        { part: "door-line", d: rectPath(-w / 2, -0.67 - lineWidth / 2, w, lineWidth), fill: "#5d6166" },
        { part: "door-line", d: rectPath(-lineWidth / 2, -1.81, lineWidth, 1.81 - 0.67), fill: "#5d6166" },
        { part: "handle", d: rectPath(-0.06, -1.35, 0.02, 0.5), fill: "#cfd3d7" },
        { part: "handle", d: rectPath(0.04, -1.35, 0.02, 0.5), fill: "#cfd3d7" },
      ],
    };
  }
  if (kind === "unknown") {
    return { kind, viewBox: [-1, -1.3, 2, 1.4], shapes: [{ part: "body", d: rectPath(-0.5, -1, 1, 1), fill: spec.paint.hex }] };
  }
  const car = carOutlines(kind);
  const rim = (spec.wheel.inches * 0.0254) / 2;
  return {
    kind,
    viewBox: [car.xRear - 0.4, -1.75, car.xFront - car.xRear + 0.8, 2],
    shapes: [
      { part: "shadow", d: ellipsePath(0, 0.015, 2.7, 0.06), fill: "#000000", opacity: 0.12 },
      { part: "body", d: polygon(car.body), fill: spec.paint.hex, stroke: { color: "#000000", width: 0.01, opacity: 0.25 } },
      { part: "glass", d: polygon(car.glass), fill: "#1a1f25", opacity: 0.9 },
      ...car.axles.flatMap((x): PictureShape[] => [
        { part: "tyre", d: ellipsePath(x, -car.tyre, car.tyre), fill: "#15171a" },
        { part: "rim", d: ellipsePath(x, -car.tyre, rim), fill: "#b9bdc2" },
        { part: "hub", d: ellipsePath(x, -car.tyre, 0.05), fill: "#6b6f74" },
      ]),
    ],
  };
}

