/**
 * A stand-in for the automotive model of issue 11 that we cannot have here
 * (automotive2 v2.1 of the SoftVarE feature-model benchmark, obfuscated and
 * proprietary): a feature tree generated to the published statistics of that
 * model (statistics/Complete.csv of the same benchmark, cut into
 * ../shared/benchdata/featuremodels-softvare/statistics_subset_from_Complete.csv):
 * 14,010 features of which 12,615 leaves, depth 11, 1,010 alternative groups
 * (encoded as the benchmark encodes them: one "parent → some child" clause and
 * every pair of children excluded, so a few groups of 50–250 children make
 * most of the ~230,000 binary clauses), 106 or-groups, and 666 cross-tree
 * constraints of about two literals.
 *
 * Its structure is the published one; its clauses are not the real model's.
 * Figures on it are labelled "synthetic" wherever they are printed.
 */
import { seededRandom } from "~/domain/random";

export const AUTOMOTIVE2_LIKE = {
  features: 14_010,
  leaves: 12_615,
  maxDepth: 10, // edges below the root: 11 levels
  smallAlternatives: 900,
  largeAlternatives: 110,
  orGroups: 106,
  crossTree: 666,
};

/** DIMACS text of the automotive2-like model; the same seed gives the same file. */
export function automotive2LikeDimacs(seed = 2): string {
  const random = seededRandom(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const s = AUTOMOTIVE2_LIKE;

  type Group = { kind: "alt" | "or" | "and"; size: number };
  const alt: Group[] = [
    ...Array.from({ length: s.smallAlternatives }, () => ({ kind: "alt" as const, size: int(2, 12) })),
    // Heavy tail (median ~50, some over 150): these hold most of the pairwise exclusions.
    ...Array.from({ length: s.largeAlternatives }, () => ({ kind: "alt" as const, size: Math.max(20, Math.floor(Math.exp(3.9 + 0.45 * gaussian()))) })),
  ];
  const or: Group[] = Array.from({ length: s.orGroups }, () => ({ kind: "or" as const, size: int(2, 6) }));
  const inner = s.features - s.leaves;
  const andCount = inner - alt.length - or.length;
  const childrenLeft = s.features - 1 - [...alt, ...or].reduce((n, g) => n + g.size, 0);
  if (childrenLeft < andCount) throw new Error("synthetic model: the alternative groups take too many features");
  const and: Group[] = Array.from({ length: andCount }, () => ({ kind: "and" as const, size: 1 }));
  for (let i = andCount; i < childrenLeft; i++) and[Math.floor(random() * andCount)].size++;
  // The larger and-groups are placed first, so near the top: their mandatory children make the
  // core (1,394 features in the real model), and the root is one of them.
  const shuffled = shuffle([...alt, ...or, ...and], random);
  const upper = (g: Group) => g.kind === "and" && g.size > 3;
  const groups = [...shuffled.filter(upper), ...shuffled.filter((g) => !upper(g))];

  const clauses: number[][] = [[1]];
  const depth = new Map<number, number>([[1, 0]]);
  const core = new Set<number>([1]);
  let next = 2;
  const open: number[] = []; // created features that may still get children
  const place = (parent: number, group: Group) => {
    const kids = Array.from({ length: group.size }, () => next++);
    for (const c of kids) {
      clauses.push([-c, parent]);
      depth.set(c, depth.get(parent)! + 1);
    }
    if (group.kind === "alt") {
      clauses.push([-parent, ...kids]);
      for (let i = 0; i < kids.length; i++) for (let j = i + 1; j < kids.length; j++) clauses.push([-kids[i], -kids[j]]);
    } else if (group.kind === "or") clauses.push([-parent, ...kids]);
    else
      for (const c of kids)
        if (random() < 0.9) {
          clauses.push([-parent, c]); // mandatory
          if (core.has(parent)) core.add(c);
        }
    open.push(...kids);
  };
  place(1, groups[0]);
  for (const group of groups.slice(1)) {
    const shallowEnough = open.filter((v) => depth.get(v)! < s.maxDepth);
    // Half the groups go near the top (the first features created), half anywhere: a bushy, deep tree.
    const parent =
      random() < 0.5
        ? shallowEnough[Math.min(shallowEnough.length - 1, Math.floor(-Math.log(1 - random()) * 40))]
        : pick(shallowEnough);
    open.splice(open.indexOf(parent), 1);
    place(parent, group);
  }

  // Cross-tree constraints between optional features: requires (to a feature near the top),
  // excludes, and a few three-literal ones. Core features are left out, so that few values die.
  const optional = Array.from({ length: s.features - 1 }, (_, i) => i + 2).filter((v) => !core.has(v));
  const nearTop = optional.filter((v) => depth.get(v)! <= 3);
  for (let i = 0; i < s.crossTree; i++) {
    const a = pick(optional);
    let b = pick(optional);
    while (b === a) b = pick(optional);
    const r = random();
    if (r < 0.45) clauses.push([-a, pick(nearTop)]);
    else if (r < 0.9) clauses.push([-a, -b]);
    else clauses.push([-a, b, pick(optional)]);
  }

  const lines = Array.from({ length: s.features }, (_, i) => `c ${i + 1} F_${String(i + 1).padStart(5, "0")}`);
  lines.push(`p cnf ${s.features} ${clauses.length}`);
  for (const c of clauses) lines.push(`${c.join(" ")} 0`);
  return `${lines.join("\n")}\n`;
}

function shuffle<T>(xs: T[], random: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}
