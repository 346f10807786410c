/**
 * The automotive2-like stand-in: replayable, shaped like the published
 * statistics it is generated from, and a model the engine can configure.
 */
import { describe, expect, it } from "vitest";
import { compileLine } from "../../app/domain/engine/compile";
import { validDomains } from "../../app/domain/engine/domains";
import { importDimacs } from "../../app/domain/import/dimacs";
import { AUTOMOTIVE2_LIKE, automotive2LikeDimacs } from "./synthetic-model";
import { loadSource } from "./sources";

describe("automotive2-like synthetic model", () => {
  const text = automotive2LikeDimacs();
  const imported = importDimacs(text, { file: "synthetic", lineCode: "a2" });
  const clauses = imported.cnf.clauses;

  it("is the same for the same seed and differs for another", () => {
    expect(automotive2LikeDimacs()).toBe(text);
    expect(automotive2LikeDimacs(7)).not.toBe(text);
  });

  it("has the published size and shape: 14,010 features, ~237k clauses, nearly all binary, one per non-root child edge", () => {
    expect(imported.cnf.numVars).toBe(AUTOMOTIVE2_LIKE.features);
    expect(clauses.length).toBeGreaterThan(200_000);
    expect(clauses.length).toBeLessThan(260_000);
    const binary = clauses.filter((c) => c.length === 2).length;
    expect(binary / clauses.length).toBeGreaterThan(0.99);
    // Every feature but the root implies a parent with a smaller number (the tree is numbered top-down).
    const parentOf = new Map<number, number>();
    for (const c of clauses) if (c.length === 2 && c[0] < 0 && c[1] > 0 && -c[0] > c[1] && !parentOf.has(-c[0])) parentOf.set(-c[0], c[1]);
    expect(parentOf.size).toBe(AUTOMOTIVE2_LIKE.features - 1);
    const depth = (v: number): number => (v === 1 ? 0 : 1 + depth(parentOf.get(v)!));
    const depths = Array.from({ length: AUTOMOTIVE2_LIKE.features }, (_, i) => depth(i + 1));
    expect(Math.max(...depths)).toBeLessThanOrEqual(AUTOMOTIVE2_LIKE.maxDepth);
  });

  it("loads as a source, and the engine configures it: a first choice keeps a complete configuration", () => {
    const source = loadSource("synthetic:automotive2-like");
    expect(source.kind === "dimacs" && source.imported.cnf.clauses.length).toBe(clauses.length);
    const compiled = compileLine(imported.line);
    const empty = validDomains(compiled, { choices: [] }, { reasons: false });
    expect(empty.consistent).toBe(true);
    const values = empty.features.flatMap((f) => f.values);
    const open = values.filter((v) => v.available && !v.implied && !v.chosen);
    // Most features are optional leaves: thousands of values are open on an empty configuration.
    expect(open.length).toBeGreaterThan(10_000);
    const pick = open[open.length >> 1].code;
    const after = validDomains(compiled, { choices: [pick] }, { reasons: false });
    expect(after.consistent).toBe(true);
    expect(after.features.flatMap((f) => f.values).find((v) => v.code === pick)?.chosen).toBe(true);
  });
});
