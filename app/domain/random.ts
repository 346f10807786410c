/**
 * Seeded random numbers (Mulberry32): the same seed gives the same sequence,
 * so a solver run, a benchmark's clicks or a demo's orders replay exactly.
 * Small and fast; not for anything secret.
 */

/** A generator of numbers in [0, 1), the same sequence for the same seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
