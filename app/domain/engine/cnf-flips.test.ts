import fc from "fast-check";
import { describe, expect, it, onTestFinished, vi } from "vitest";
import { importDimacs } from "../import/dimacs";
import { analyseCnf } from "./analyse";
import { cnfFlipsFor, cnfFlipsSuffice, swapTuning } from "./cnf-flips";
import { compileLine } from "./compile";
import { tuning, validDomains } from "./domains";
import { SatSolver, satTuning } from "./sat";
import { allCodes, completeConfigurations, completionsOf, lineArb } from "./oracle.testing";

/** A random satisfiable-or-not CNF over 1..n as DIMACS text (every variable named, so codes are stable). */
const dimacsArb = cnfArb(9, 2);
/** Denser CNFs (up to 4 clauses per variable), where propagation alone often misses a refutation. */
const denseDimacsArb = cnfArb(11, 4);

function cnfArb(maxVars: number, clausesPerVar: number) {
  return fc.integer({ min: 2, max: maxVars }).chain((n) =>
  fc
    .array(
      fc.array(
        fc.integer({ min: 1, max: n }).chain((v) => fc.constantFrom(v, -v)),
        { minLength: 1, maxLength: 4 },
      ),
      { maxLength: clausesPerVar * n },
    )
    .map((clauses) => {
      const names = Array.from({ length: n }, (_, i) => `c ${i + 1} F${i + 1}`);
      const body = clauses.map((c) => `${c.join(" ")} 0`);
      return { n, clauses, text: [...names, `p cnf ${n} ${clauses.length}`, ...body].join("\n") };
    }),
  );
}

/**
 * A small feature tree as the SoftVarE benchmark encodes one (child → parent; per parent one
 * group: alternative "parent → some child" plus every pair of children excluded, or-group, or
 * mandatory/optional children), plus a few binary cross-tree constraints: what swaps and dives
 * are for (a single flip never moves an alternative group's choice).
 */
const treeDimacsArb = fc.integer({ min: 3, max: 11 }).chain((n) =>
  fc
    .record({
      parents: fc.array(fc.nat(), { minLength: n - 1, maxLength: n - 1 }),
      kinds: fc.array(fc.constantFrom("alt", "alt", "or", "and"), { minLength: n, maxLength: n }),
      mandatory: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
      cross: fc.array(fc.tuple(fc.integer({ min: 2, max: n }), fc.integer({ min: 2, max: n }), fc.boolean()), { maxLength: 2 }),
    })
    .map(({ parents, kinds, mandatory, cross }) => {
      const children: number[][] = Array.from({ length: n + 1 }, () => []);
      for (let v = 2; v <= n; v++) children[parents[v - 2] % (v - 1) + 1].push(v);
      const clauses: number[][] = [[1]];
      for (let p = 1; p <= n; p++) {
        const kids = children[p];
        for (const c of kids) clauses.push([-c, p]);
        if (kids.length === 0) continue;
        const kind = kids.length === 1 ? "and" : kinds[p - 1];
        if (kind === "alt" || kind === "or") clauses.push([-p, ...kids]);
        if (kind === "alt") for (let i = 0; i < kids.length; i++) for (let j = i + 1; j < kids.length; j++) clauses.push([-kids[i], -kids[j]]);
        if (kind === "and") for (const c of kids) if (mandatory[c - 1]) clauses.push([-p, c]);
      }
      // "a requires b" or "a excludes b"
      for (const [a, b, requires] of cross) if (a !== b) clauses.push(requires ? [-a, b] : [-a, -b]);
      const names = Array.from({ length: n }, (_, i) => `c ${i + 1} F${i + 1}`);
      const body = clauses.map((c) => `${c.join(" ")} 0`);
      return { n, clauses, text: [...names, `p cnf ${n} ${clauses.length}`, ...body].join("\n") };
    }),
);

const satisfies = (clauses: number[][], x: Uint8Array) => clauses.every((c) => c.some((l) => (x[Math.abs(l)] === 1) === l > 0));

/** The checker's clause counts match the model m: canFlip(v) says whether m with v flipped is a model, for every v. */
function expectFlipsMatch(cnf: { canFlip(v: number): boolean }, clauses: number[][], m: Uint8Array) {
  for (let v = 1; v < m.length; v++) {
    const flipped = m.slice();
    flipped[v] ^= 1;
    expect(cnf.canFlip(v), `flip ${v}`).toBe(satisfies(clauses, flipped));
  }
}

/** Every assignment of 1..n (index 0 unused). */
function assignments(n: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let m = 0; m < 1 << n; m++) {
    const x = new Uint8Array(n + 1);
    for (let v = 1; v <= n; v++) x[v] = (m >> (v - 1)) & 1;
    out.push(x);
  }
  return out;
}

describe("CnfFlips", () => {
  it("overlay accepts exactly the imposed assignments that are models, reports each changed variable, and restores the loaded model", () => {
    fc.assert(
      fc.property(
        dimacsArb,
        fc.array(fc.integer({ min: 1, max: 9 }).chain((v) => fc.constantFrom(v, -v)), { maxLength: 5 }),
        ({ n, clauses, text }, raw) => {
          const compiled = compileLine(importDimacs(text, { file: "t.dimacs" }).line);
          const cnf = cnfFlipsFor(compiled)!;
          const lits = raw.filter((l) => Math.abs(l) <= n);
          for (const m of assignments(n).filter((x) => satisfies(clauses, x))) {
            cnf.load(m);
            const imposed = m.slice();
            for (const l of lits) imposed[Math.abs(l)] = l > 0 ? 1 : 0;
            const possible = !lits.some((l) => lits.includes(-l)) && satisfies(clauses, imposed);
            const taken = new Map<number, number>();
            const ok = cnf.overlay(lits, (v, value) => taken.set(v, value));
            expect(ok).toBe(possible);
            const changed = new Map<number, number>();
            for (let v = 1; v <= n; v++) if (imposed[v] !== m[v]) changed.set(v, imposed[v]);
            expect(taken).toEqual(ok ? changed : new Map());
            expect(Array.from(cnf.current)).toEqual(Array.from(m));
            // The clause counts are restored too (overlay stops at the first clause left false).
            expectFlipsMatch(cnf, clauses, m);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it("swap and dive report only models (the loaded one with exactly the changes they report), keep the kept variables, and restore the loaded model", () => {
    fc.assert(
      fc.property(fc.oneof(dimacsArb, treeDimacsArb), fc.nat(), fc.integer({ min: 1, max: 12 }), ({ n, clauses, text }, keepSeed, maxFlips) => {
        const compiled = compileLine(importDimacs(text, { file: "t.dimacs" }).line);
        const cnf = cnfFlipsFor(compiled)!;
        const keep = new Uint8Array(n + 1);
        keep[(keepSeed % n) + 1] = keepSeed & 1;
        for (const m of assignments(n).filter((x) => satisfies(clauses, x))) {
          cnf.load(m);
          for (let v = 1; v <= n; v++) {
            for (const kind of ["swap", "dive"] as const) {
              const changed = new Map<number, number>();
              const take = (u: number, value: number) => changed.set(u, value);
              const lit = m[v] ? -v : v;
              const ok = kind === "swap" ? cnf.swap(v, keep, take) : cnf.dive(lit, keep, maxFlips, take);
              if (!ok) expect(changed.size).toBe(0);
              else {
                const x = m.slice();
                for (const [u, value] of changed) x[u] = value;
                expect(satisfies(clauses, x), `${kind} ${v}`).toBe(true);
                expect(x[v]).toBe(lit > 0 ? 1 : 0);
                for (const [u, value] of changed) expect(value).not.toBe(m[u]);
                for (let u = 1; u <= n; u++) if (keep[u] && u !== v) expect(x[u]).toBe(m[u]);
              }
              expect(Array.from(cnf.current)).toEqual(Array.from(m));
            }
          }
          // The clause counts are restored too.
          expectFlipsMatch(cnf, clauses, m);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("a dive that stays makes its model the current one, with the clause counts to match", () => {
    fc.assert(
      fc.property(treeDimacsArb, fc.nat(), ({ n, clauses, text }, pick) => {
        const cnf = cnfFlipsFor(compileLine(importDimacs(text, { file: "t.dimacs" }).line))!;
        const models = assignments(n).filter((x) => satisfies(clauses, x));
        if (models.length === 0) return;
        const m = models[pick % models.length];
        cnf.load(m);
        const keep = new Uint8Array(n + 1);
        for (let v = 1; v <= n; v++) {
          const before = cnf.current.slice();
          const changed = new Map<number, number>();
          const lit = before[v] ? -v : v;
          if (!cnf.dive(lit, keep, n, (u, value) => changed.set(u, value), true)) {
            expect(Array.from(cnf.current)).toEqual(Array.from(before));
            continue;
          }
          const x = before.slice();
          for (const [u, value] of changed) x[u] = value;
          expect(Array.from(cnf.current)).toEqual(Array.from(x));
          expect(satisfies(clauses, x)).toBe(true);
          for (let u = 1; u <= n; u++) {
            const flipped = x.slice();
            flipped[u] ^= 1;
            expect(cnf.canFlip(u)).toBe(satisfies(clauses, flipped));
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it("a swap moves an alternative group's choice where a single flip can't", () => {
    // 1 → 2 (mandatory), 2 → one of 3..7 (pairwise exclusions); model: 1, 2, 3.
    const kids = [3, 4, 5, 6, 7];
    const clauses = [[1], [-1, 2], [-2, ...kids], ...kids.map((c) => [-c, 2])];
    for (let i = 0; i < kids.length; i++) for (let j = i + 1; j < kids.length; j++) clauses.push([-kids[i], -kids[j]]);
    const text = ["p cnf 7 " + clauses.length, ...clauses.map((c) => `${c.join(" ")} 0`)].join("\n");
    const cnf = cnfFlipsFor(compileLine(importDimacs(text, { file: "t.dimacs" }).line))!;
    expect(cnf.exclusionShare).toBeGreaterThan(0.5);
    cnf.load(Uint8Array.from([0, 1, 1, 1, 0, 0, 0, 0]));
    const none = new Uint8Array(8);
    for (const j of [4, 5, 6, 7]) {
      expect(cnf.canFlip(j)).toBe(false);
      const changed = new Map<number, number>();
      expect(cnf.swap(j, none, (u, value) => changed.set(u, value))).toBe(true);
      expect(changed).toEqual(new Map([[j, 1], [3, 0]]));
    }
    // Not when the current child is kept (a choice).
    const keep3 = new Uint8Array(8);
    keep3[3] = 1;
    expect(cnf.swap(4, keep3, () => {})).toBe(false);
  });

  it("relink always ends at a model with the targets, between the loaded model and the guide, and restores the loaded one", () => {
    fc.assert(
      fc.property(dimacsArb, fc.array(fc.integer({ min: 1, max: 9 }), { maxLength: 3 }), fc.nat(), ({ n, clauses, text }, raw, pick) => {
        const compiled = compileLine(importDimacs(text, { file: "t.dimacs" }).line);
        const cnf = cnfFlipsFor(compiled)!;
        const models = assignments(n).filter((x) => satisfies(clauses, x));
        if (models.length === 0) return;
        const guide = models[pick % models.length];
        // Targets: literals the guide has (so a model with them exists).
        const target = raw.filter((v) => v <= n).map((v) => (guide[v] ? v : -v));
        for (const m of models) {
          cnf.load(m);
          const found: Uint8Array[] = [];
          expect(cnf.relink(target, guide, n + 1, (x) => found.push(x.slice()))).toBe(true);
          expect(found).toHaveLength(1);
          const x = found[0];
          expect(satisfies(clauses, x)).toBe(true);
          for (const l of target) expect(x[Math.abs(l)]).toBe(l > 0 ? 1 : 0);
          for (let v = 1; v <= n; v++) expect(x[v] === m[v] || x[v] === guide[v]).toBe(true);
          expect(Array.from(cnf.current)).toEqual(Array.from(m));
          expectFlipsMatch(cnf, clauses, m);
        }
      }),
    );
  });

  it("canFlip is exactly 'the flipped model is a model'; search finds only models with the targets and restores the loaded one", () => {
    fc.assert(
      fc.property(dimacsArb, fc.nat(), ({ n, clauses, text }, seed) => {
        const compiled = compileLine(importDimacs(text, { file: "t.dimacs" }).line);
        const cnf = cnfFlipsFor(compiled);
        expect(cnf).not.toBeNull();
        expect(cnfFlipsSuffice(compiled)).toBe(true);
        const models = assignments(n).filter((x) => satisfies(compiled.cnf.clauses as number[][], x));
        expect(models.length).toBe(assignments(n).filter((x) => satisfies(clauses, x)).length);
        for (const m of models) {
          cnf!.load(m);
          expectFlipsMatch(cnf!, clauses, m);
          const target = [((seed % n) + 1) * (seed & 1 ? 1 : -1)];
          const frozen = new Uint8Array(n + 1);
          const found: Uint8Array[] = [];
          cnf!.search(target, frozen, 6, (x) => found.push(x.slice()));
          for (const x of found) {
            expect(satisfies(clauses, x)).toBe(true);
            expect(x[Math.abs(target[0])]).toBe(target[0] > 0 ? 1 : 0);
          }
          expect(Array.from(cnf!.current)).toEqual(Array.from(m));
          expect(Array.from(frozen)).toEqual(Array.from(new Uint8Array(n + 1)));
        }
      }),
      { numRuns: 150 },
    );
  });
});

/** Click sequences: each answer, after the earlier clicks filled the caches and the kept witnesses, must equal a fresh recompute and the oracle. */
function checkClicks(text: string | null, line: ReturnType<typeof compileLine>["line"], picks: number[]) {
  const compiled = compileLine(line);
  const all = completeConfigurations(line);
  const codes = allCodes(line);
  const choices: string[] = [];
  for (const pick of picks) {
    const d = validDomains(compiled, { choices }, { reasons: false });
    const fresh = validDomains(compileLine(line), { choices }, { reasons: false });
    expect(d, text ?? "").toEqual(fresh);
    const ext = completionsOf(all, choices);
    for (const f of d.features) {
      for (const v of f.values) {
        const withV = completionsOf(ext, [v.code]);
        expect(v.available, `available ${v.code} after ${choices.join(",")}`).toBe(withV.length > 0);
        expect(v.implied, `implied ${v.code} after ${choices.join(",")}`).toBe(ext.length > 0 && withV.length === ext.length);
      }
    }
    // Mostly an available value (a customer's click), sometimes taking one back.
    if (pick % 5 === 4 && choices.length > 0) choices.splice(pick % choices.length, 1);
    else {
      const open = d.features.flatMap((f) => f.values.filter((v) => v.available && !v.chosen && !v.implied));
      if (open.length === 0) break;
      choices.push(open[pick % open.length].code);
    }
  }
  expect(codes.length).toBeGreaterThan(0);
}

describe("validDomains across clicks (kept answers, witnesses and CNF flips)", () => {
  it("DIMACS lines: every click's answer equals a fresh recompute and the oracle", () => {
    // The large-model path (many starts, kept models mended to the new choice) on small lines too.
    // With or without the flip passes (without, probing and the solver answer what the flips
    // would, so a wrong witness from probing shows): each path must give the exact answer.
    const saved = { ...tuning };
    tuning.manyStartsFrom = 0;
    onTestFinished(() => {
      Object.assign(tuning, saved);
    });
    fc.assert(
      // And the flip passes at the empty configuration (off as shipped: the solver's models answer
      // there) or not, and the climb from any number of untested values or only from many.
      fc.property(dimacsArb, fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), fc.boolean(), fc.boolean(), fc.constantFrom(0, 2, 64), ({ text }, picks, flipPasses, atEmpty, climbFrom) => {
        tuning.cnfFlipPasses = flipPasses;
        tuning.flipPassesAtEmpty = atEmpty;
        tuning.climbFrom = climbFrom;
        checkClicks(text, importDimacs(text, { file: "t.dimacs" }).line, picks);
      }),
      { numRuns: 150 },
    );
  });

  it("dense DIMACS lines without the flip passes: probing and the solver alone give the exact answer, whatever the solver decides first", () => {
    const saved = { ...tuning };
    const savedSat = { ...satTuning };
    tuning.cnfFlipPasses = false;
    onTestFinished(() => {
      Object.assign(tuning, saved);
      Object.assign(satTuning, savedSat);
    });
    fc.assert(
      // The solver's "at least one untested value" calls with the untested values decided first
      // (all, a rotating few, every other call; by their probes' cones or by variable) or not:
      // only the order of decisions changes.
      // And the solver backtracking chronologically on every conflict (as shipped) or backjumping.
      // And the implied candidates in those calls (as shipped: one unsat settles both kinds) or
      // in calls of their own; without probing too, so that the solver's calls answer most
      // candidates (probing settles nearly all of them on lines this small).
      fc.property(denseDimacsArb, fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), fc.constantFrom(0, 1, 2, Infinity), fc.boolean(), fc.constantFrom(0, Infinity), fc.boolean(), fc.boolean(), fc.boolean(), ({ text }, picks, first, alternate, chrono, along, probing, byCone) => {
        tuning.untestedFirst = first;
        tuning.untestedByCone = byCone;
        tuning.untestedFirstAlternate = alternate;
        tuning.impliedWithUntested = along;
        tuning.probeRounds = probing;
        satTuning.chronoLevels = chrono;
        checkClicks(text, importDimacs(text, { file: "t.dimacs" }).line, picks);
      }),
      { numRuns: 150 },
    );
  });

  it("feature trees with alternative groups, swaps and dives on or off: every click's answer equals a fresh recompute and the oracle", () => {
    const saved = { ...swapTuning };
    const savedTuning = { ...tuning };
    onTestFinished(() => {
      Object.assign(swapTuning, saved);
      Object.assign(tuning, savedTuning);
    });
    fc.assert(
      fc.property(treeDimacsArb, fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), fc.constantFrom(0, 2), fc.constantFrom(1, 4, 32), fc.constantFrom(0, 0.5, 2), fc.boolean(), fc.boolean(), ({ text }, picks, from, diveFlips, budget, stays, probing) => {
        swapTuning.fromExclusionShare = from;
        swapTuning.diveFlips = diveFlips;
        swapTuning.failedDiveFlipsPerVar = budget;
        swapTuning.diveStays = stays;
        tuning.probeRounds = probing;
        checkClicks(text, importDimacs(text, { file: "t.dimacs" }).line, picks);
      }),
      { numRuns: 150 },
    );
  });

  it("witnesses every child of a large alternative group from one model, without a solver call per child", () => {
    // Root 1; optional features 2 and 3; 3 → one of 60 leaves (4..63, pairwise exclusions), each requiring nothing else.
    const kids = Array.from({ length: 60 }, (_, i) => i + 4);
    const clauses = [[1], [-2, 1], [-3, 1], [-3, ...kids], ...kids.map((c) => [-c, 3])];
    for (let i = 0; i < kids.length; i++) for (let j = i + 1; j < kids.length; j++) clauses.push([-kids[i], -kids[j]]);
    const text = [...Array.from({ length: 63 }, (_, i) => `c ${i + 1} F${i + 1}`), "p cnf 63 " + clauses.length, ...clauses.map((c) => `${c.join(" ")} 0`)].join("\n");
    const saved = { ...swapTuning };
    onTestFinished(() => {
      Object.assign(swapTuning, saved);
      vi.restoreAllMocks();
    });
    const calls = (from: number) => {
      swapTuning.fromExclusionShare = from;
      const compiled = compileLine(importDimacs(text, { file: "t.dimacs" }).line);
      validDomains(compiled, { choices: [] }, { reasons: false });
      const solve = vi.spyOn(SatSolver.prototype, "solve");
      // A choice the group doesn't care about: every child stays available.
      const d = validDomains(compiled, { choices: ["F2"] }, { reasons: false });
      const count = solve.mock.calls.length;
      solve.mockRestore();
      for (const c of kids) expect(d.features.find((f) => f.code === `F${c}.f`)!.values[0].available).toBe(true);
      return count;
    };
    expect(calls(0)).toBeLessThanOrEqual(2);
    // Without swaps the kept models and probing leave children to the solver.
    expect(calls(2)).toBeGreaterThan(2);
  });

  it("catalog lines: every click's answer equals a fresh recompute and the oracle", () => {
    fc.assert(
      fc.property(lineArb({ maxValues: 10 }), fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), (line, picks) => {
        checkClicks(null, line, picks);
      }),
      { numRuns: 80 },
    );
  });
});

describe("analyseCnf on feature trees with alternative groups", () => {
  it("finds exactly the dead and core features with swaps and dives on or off", () => {
    const saved = { ...swapTuning };
    onTestFinished(() => {
      Object.assign(swapTuning, saved);
    });
    fc.assert(
      fc.property(treeDimacsArb, fc.constantFrom(0, 2), fc.constantFrom(1, 32), ({ n, clauses }, from, diveFlips) => {
        swapTuning.fromExclusionShare = from;
        swapTuning.diveFlips = diveFlips;
        const models = assignments(n).filter((x) => satisfies(clauses, x));
        const names = ["", ...Array.from({ length: n }, (_, i) => `v${i + 1}`)];
        const a = analyseCnf({ numVars: n, clauses }, names, { count: false });
        const vars = Array.from({ length: n }, (_, i) => i + 1);
        if (models.length === 0) return;
        expect(a.dead).toEqual(vars.filter((v) => models.every((m) => !m[v])).map((v) => `v${v}`));
        expect(a.core).toEqual(vars.filter((v) => models.every((m) => m[v])).map((v) => `v${v}`));
      }),
      { numRuns: 200 },
    );
  });
});
