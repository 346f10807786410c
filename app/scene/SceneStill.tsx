/**
 * A still picture of the product as inline SVG: what the server renders, what
 * shows while the 3D view loads, and what stays when WebGL is unavailable.
 * Drawn from the same profile as the 3D car and tinted with the chosen paint.
 */
import { useMemo } from "react";
import { carProfile } from "./builders/car-profile";
import { modelKind } from "./camera-presets";
import { parseVisualKeys } from "./visual-keys";

function carPaths(variant: "sedan" | "estate") {
  const p = carProfile(variant);
  const c = p.cabin;
  const f = (n: number) => n.toFixed(3);
  const pts: string[] = [];
  const steps = 160;
  for (let k = 0; k <= steps; k++) {
    const x = p.xRear + ((p.xFront - p.xRear) * k) / steps;
    let y = p.top(x) + p.crown;
    if (x > c.xStart && x < c.xEnd) y = Math.max(y, c.roof(x));
    pts.push(`${f(x)},${f(y)}`);
  }
  for (let k = steps; k >= 0; k--) {
    const x = p.xRear + ((p.xFront - p.xRear) * k) / steps;
    pts.push(`${f(x)},${f(p.archBottom(x))}`);
  }
  const body = `M${pts.join(" L")} Z`;
  // Side glass: under the roof between the A pillar and the last pillar.
  const rearX = c.xD ?? c.xC;
  const glass: string[] = [];
  for (let k = 0; k <= 40; k++) {
    const x = rearX + 0.12 + ((c.xA - 0.1 - rearX - 0.12) * k) / 40;
    glass.push(`${f(x)},${f(c.roof(x) - 0.06)}`);
  }
  const belt = (x: number) => p.top(x) + p.crown + 0.03;
  glass.push(`${f(c.xA - 0.02)},${f(belt(c.xA))}`, `${f(rearX)},${f(belt(rearX))}`);
  return { body, glass: `M${glass.join(" L")} Z`, axles: p.axles, tyre: p.tyreRadius, xRear: p.xRear, xFront: p.xFront };
}

export function SceneStill({ model, visualKeys, className, label }: { model: string; visualKeys: readonly string[]; className?: string; label?: string }) {
  const kind = modelKind(model);
  const spec = useMemo(() => parseVisualKeys(visualKeys), [visualKeys]);
  if (kind === "fridge") {
    const w = 0.9 * spec.fridge.widthScale;
    return (
      <svg viewBox={`${-w / 2 - 0.6} -1.95 ${w + 1.2} 2.1`} className={className} role="img" aria-label={label} aria-hidden={label ? undefined : true} data-testid="product-scene-still" style={{ width: "100%", height: "100%" }}>
        <ellipse cx={0} cy={0.02} rx={w * 0.65} ry={0.05} fill="rgba(0,0,0,0.12)" />
        <rect x={-w / 2} y={-1.81} width={w} height={1.78} rx={0.02} fill={spec.fridge.finish.hex} stroke="#8a8f95" strokeWidth={0.006} />
        <line x1={-w / 2} x2={w / 2} y1={-0.67} y2={-0.67} stroke="#5d6166" strokeWidth={0.008} />
        <line x1={0} x2={0} y1={-1.81} y2={-0.67} stroke="#5d6166" strokeWidth={0.008} />
        <rect x={-0.06} y={-1.35} width={0.02} height={0.5} rx={0.01} fill="#cfd3d7" />
        <rect x={0.04} y={-1.35} width={0.02} height={0.5} rx={0.01} fill="#cfd3d7" />
      </svg>
    );
  }
  if (kind === "unknown") {
    return (
      <svg viewBox="-1 -1.3 2 1.4" className={className} role="img" aria-label={label} aria-hidden={label ? undefined : true} data-testid="product-scene-still" style={{ width: "100%", height: "100%" }}>
        <rect x={-0.5} y={-1} width={1} height={1} rx={0.04} fill={spec.paint.hex} />
      </svg>
    );
  }
  const car = carPaths(kind);
  return (
    <svg
      viewBox={`${car.xRear - 0.4} -1.75 ${car.xFront - car.xRear + 0.8} 2`}
      className={className}
      role="img"
      aria-label={label}
      aria-hidden={label ? undefined : true}
      data-testid="product-scene-still"
      style={{ width: "100%", height: "100%" }}
    >
      <ellipse cx={0} cy={0.015} rx={2.7} ry={0.06} fill="rgba(0,0,0,0.12)" />
      <g transform="scale(1,-1)">
        <path d={car.body} fill={spec.paint.hex} stroke="rgba(0,0,0,0.25)" strokeWidth={0.01} />
        <path d={car.glass} fill="#1a1f25" opacity={0.9} />
        {car.axles.map((x) => (
          <g key={x}>
            <circle cx={x} cy={car.tyre} r={car.tyre} fill="#15171a" />
            <circle cx={x} cy={car.tyre} r={(spec.wheel.inches * 0.0254) / 2} fill="#b9bdc2" />
            <circle cx={x} cy={car.tyre} r={0.05} fill="#6b6f74" />
          </g>
        ))}
      </g>
    </svg>
  );
}
