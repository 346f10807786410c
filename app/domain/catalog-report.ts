/**
 * The catalog analysis report an admin reads before publishing: per product
 * line, how many configurations it has (or that counting ran out of time),
 * values no one can ever choose and values everyone gets — each with the
 * rules that cause it —, rules that contradict each other, packages whose
 * contents can never be chosen, and the BOM proof. Plain JSON (counts as
 * decimal strings), so it is stored as it is and read back on every page
 * load. Built in a worker thread (app/.server/catalog/analysis.worker.ts).
 */
import type { Catalog, ChoiceFeature, ProductLine } from "./catalog";
import { analyseLine } from "./engine/analyse";
import { proveBom, type BomProof } from "./engine/bom-proof";
import { compileLine } from "./engine/compile";

/** A value and the rules that cause what is said of it (none named: the line's features alone). */
export interface ExplainedValue {
  value: string;
  /** Null when not explained (only the first ones are). */
  rules: string[] | null;
}

export interface LineReport {
  line: string;
  /** Decimal string; null when counting ran out of its time budget. */
  configurations: string | null;
  countTimedOut: boolean;
  /** Values no configuration can contain. */
  dead: ExplainedValue[];
  /** Values every configuration contains. */
  core: ExplainedValue[];
  /** The line has no configuration at all: these rules contradict each other. */
  conflict: string[] | null;
  /** Packages that can never be chosen because some of their contents can't. */
  deadPackages: { value: string; contents: string[] }[];
  bom: BomProof;
}

export interface CatalogReport {
  /** The counting time budget per line, in milliseconds. */
  countBudgetMs: number;
  lines: LineReport[];
}

/** How many values per line are explained (each explanation is a few solver calls). */
export const EXPLAINED_VALUES = 25;

/** Steps of a catalog's analysis, for progress: two per product line (analysis, then BOM proof). */
export const reportSteps = (catalog: Catalog) => catalog.productLines.length * 2;

/**
 * Analyse one line: `step` is called after the analysis and after the BOM
 * proof, so a long catalog reports its progress.
 */
export function lineReport(catalog: Catalog, line: ProductLine, countBudgetMs: number, step: () => void = () => {}): LineReport {
  const a = analyseLine(line, { countTimeoutMs: countBudgetMs, explainDead: EXPLAINED_VALUES, explainCore: EXPLAINED_VALUES });
  step();
  const explained = (codes: string[], reasons: { value: string; rules: string[] }[]): ExplainedValue[] => {
    const by = new Map(reasons.map((r) => [r.value, r.rules]));
    return codes.map((value) => ({ value, rules: by.get(value) ?? null }));
  };
  const dead = new Set(a.dead);
  const deadPackages = line.features
    .filter((f): f is ChoiceFeature => f.kind !== "text")
    .flatMap((f) => f.values)
    .filter((v) => v.includes.length > 0 && dead.has(v.code))
    .map((v) => ({ value: v.code, contents: v.includes.filter((c) => dead.has(c)) }))
    .filter((p) => p.contents.length > 0);
  const bom = proveBom(catalog, line, compileLine(line));
  step();
  return {
    line: line.code,
    configurations: a.configurations === null ? null : a.configurations.toString(),
    countTimedOut: a.countTimedOut,
    dead: a.conflict ? [] : explained(a.dead, a.deadReasons),
    core: a.conflict ? [] : explained(a.core, a.coreReasons),
    conflict: a.conflict,
    deadPackages: a.conflict ? [] : deadPackages,
    bom,
  };
}

export function catalogReport(catalog: Catalog, countBudgetMs: number, step?: () => void): CatalogReport {
  return { countBudgetMs, lines: catalog.productLines.map((line) => lineReport(catalog, line, countBudgetMs, step)) };
}
