/**
 * Small pure math for procedural shapes: smooth curves through control points
 * and superellipse corners. No three.js here, so the SVG placeholder can draw
 * the same silhouette the 3D model has without pulling three into the bundle.
 */

export type Pt = readonly [number, number];

/**
 * A smooth function y(x) through points sorted by x (monotone cubic Hermite,
 * Fritsch–Carlson): no overshoot between points, so a hood line never bulges
 * above its control points. Outside the range it holds the end values.
 */
export function smoothCurve(points: readonly Pt[]): (x: number) => number {
  const n = points.length;
  if (n < 2) throw new Error("smoothCurve needs at least two points");
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  for (let i = 1; i < n; i++) if (!(xs[i] > xs[i - 1])) throw new Error(`points must be sorted by x (at ${i})`);
  const d: number[] = [];
  for (let i = 0; i < n - 1; i++) d.push((ys[i + 1] - ys[i]) / (xs[i + 1] - xs[i]));
  const m: number[] = new Array(n);
  m[0] = d[0];
  m[n - 1] = d[n - 2];
  for (let i = 1; i < n - 1; i++) m[i] = d[i - 1] * d[i] <= 0 ? 0 : (d[i - 1] + d[i]) / 2;
  for (let i = 0; i < n - 1; i++) {
    if (d[i] === 0) {
      m[i] = 0;
      m[i + 1] = 0;
      continue;
    }
    const a = m[i] / d[i];
    const b = m[i + 1] / d[i];
    const s = a * a + b * b;
    if (s > 9) {
      const t = 3 / Math.sqrt(s);
      m[i] = t * a * d[i];
      m[i + 1] = t * b * d[i];
    }
  }
  return (x: number) => {
    if (x <= xs[0]) return ys[0];
    if (x >= xs[n - 1]) return ys[n - 1];
    let lo = 0;
    let hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (xs[mid] <= x) lo = mid;
      else hi = mid;
    }
    const h = xs[hi] - xs[lo];
    const t = (x - xs[lo]) / h;
    const t2 = t * t;
    const t3 = t2 * t;
    return (
      (2 * t3 - 3 * t2 + 1) * ys[lo] + (t3 - 2 * t2 + t) * h * m[lo] + (-2 * t3 + 3 * t2) * ys[hi] + (t3 - t2) * h * m[hi]
    );
  };
}

/**
 * A superellipse quarter: 1 at t=0 falling to 0 at t=1 with exponent p
 * (p=2 is a circle, larger p is squarer). Used for plan-view corners.
 */
export function superellipse(t: number, p: number): number {
  const c = Math.min(1, Math.max(0, t));
  return Math.pow(1 - Math.pow(c, p), 1 / p);
}

export const lerp = (a: number, b: number, t: number) => a + (b - a) * t;
export const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
export const smoothstep = (e0: number, e1: number, x: number) => {
  const t = clamp((x - e0) / (e1 - e0), 0, 1);
  return t * t * (3 - 2 * t);
};

/** n values from a to b, denser near both ends (cosine spacing): ends of a body need more rings. */
export function cosineSpacing(a: number, b: number, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(lerp(a, b, (1 - Math.cos((Math.PI * i) / (n - 1))) / 2));
  return out;
}
