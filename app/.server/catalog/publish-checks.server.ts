/**
 * What must hold before a draft is published. One list: the confirmation
 * page shows every check, and publishing (the admins' page and
 * `catalog:publish`) refuses while one fails. Add a check by adding an entry
 * (the impact on live business is not a check: the confirmation shows it,
 * and the admin decides).
 */
import type { Executor } from "#db/client";
import type { Catalog } from "~/domain/catalog";
import { runCatalogExamples } from "~/domain/catalog-examples";
import type { CatalogReport } from "~/domain/catalog-report";

export interface PublishCheckContext {
  db: Executor;
  versionId: string;
  catalog: Catalog;
  /** The analysis report of this exact content, or null when it hasn't been analysed (or isn't finished). */
  report: CatalogReport | null;
}

/** A problem as a message key (adminCatalog.checks.*) and its values, so every language words it. */
export interface CheckProblem {
  key: string;
  values?: Record<string, string | number>;
}

export interface PublishCheck {
  /** Also the message key of its title: adminCatalog.checks.<id>.title. */
  id: string;
  run(ctx: PublishCheckContext): CheckProblem[] | Promise<CheckProblem[]>;
}

export interface CheckOutcome {
  id: string;
  ok: boolean;
  problems: CheckProblem[];
}

const analysed: PublishCheck = {
  id: "analysed",
  run: ({ report }) => (report ? [] : [{ key: "adminCatalog.checks.analysed.missing" }]),
};

const everyLineBuildable: PublishCheck = {
  id: "buildable",
  run: ({ report }) =>
    (report?.lines ?? [])
      .filter((l) => l.conflict !== null)
      .map((l) => ({ key: "adminCatalog.checks.buildable.none", values: { line: l.line, rules: l.conflict!.join(", ") } })),
};

const bomProof: PublishCheck = {
  id: "bom",
  run: ({ report }) =>
    (report?.lines ?? []).flatMap((l) =>
      l.bom.slots
        .filter((s) => s.counterexample !== null)
        .map((s) => ({
          key: `adminCatalog.checks.bom.${s.counterexample!.problem}`,
          values: { line: l.line, slot: s.slot, choices: s.counterexample!.choices.join(", ") },
        })),
    ),
};

/** The catalog's own tests (decision 037): each failing one by name; why it fails is on the draft's edit page. */
const catalogTests: PublishCheck = {
  id: "tests",
  run: ({ catalog }) =>
    runCatalogExamples(catalog)
      .filter((r) => !r.pass)
      .map((r) => ({ key: "adminCatalog.checks.tests.failing", values: { name: r.name } })),
};

export const PUBLISH_CHECKS: PublishCheck[] = [analysed, everyLineBuildable, bomProof, catalogTests];

export async function runPublishChecks(ctx: PublishCheckContext, checks: readonly PublishCheck[] = PUBLISH_CHECKS): Promise<CheckOutcome[]> {
  const outcomes: CheckOutcome[] = [];
  for (const check of checks) {
    const problems = await check.run(ctx);
    outcomes.push({ id: check.id, ok: problems.length === 0, problems });
  }
  return outcomes;
}
