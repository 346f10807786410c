import { describe, expect, it } from "vitest";
import { seededRandom } from "./random";

const take = (next: () => number, n: number) => Array.from({ length: n }, () => next());

describe("seededRandom", () => {
  it("gives the same sequence for the same seed, and another for another seed", () => {
    expect(take(seededRandom(1), 50)).toEqual(take(seededRandom(1), 50));
    expect(take(seededRandom(2), 50)).not.toEqual(take(seededRandom(1), 50));
  });

  it("keeps the sequences recorded benchmark runs and solver seeds were made with", () => {
    expect(take(seededRandom(1), 3)).toEqual([0.6270739405881613, 0.002735721180215478, 0.5274470399599522]);
  });

  it("gives values in [0, 1)", () => {
    for (const seed of [0, 1, 7, 0xffffffff, -1]) for (const x of take(seededRandom(seed), 10_000)) expect(x >= 0 && x < 1).toBe(true);
  });
});
