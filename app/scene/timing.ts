/**
 * Performance marks of the 3D view's first frame ("scene:*"), read by
 * `npm run bench:scene` to say where the time goes. Marks cost microseconds
 * and nothing else reads them.
 */

const perf = () => (typeof performance !== "undefined" && typeof performance.mark === "function" ? performance : null);

export function sceneMark(name: string): void {
  perf()?.mark(`scene:${name}`);
}

/** Runs `fn` and records its duration as the measure "scene:<name>". */
export function timed<T>(name: string, fn: () => T): T {
  const p = perf();
  if (!p) return fn();
  const start = p.now();
  try {
    return fn();
  } finally {
    p.measure(`scene:${name}`, { start, end: p.now() });
  }
}
