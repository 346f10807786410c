/**
 * Editing a draft catalog version through forms (app/domain/catalog-edit.ts
 * says what each edit does). One transaction per edit: the row is locked,
 * its status and revision are checked, the edited catalog is written with
 * the next revision, and the audit log records the changed fields. An edit
 * made on an older revision (the draft changed in another tab since the form
 * was opened) is refused with 409 and writes nothing, rather than silently
 * undoing the other change.
 */
import { data } from "@remix-run/node";
import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import { catalogVersions, productLines, type CatalogStatus } from "#db/schema";
import { CatalogError, parseCatalog, type Catalog } from "~/domain/catalog";
import { applyCatalogEdit, type CatalogEdit } from "~/domain/catalog-edit";
import { fail, ok, type Result } from "~/domain/result";
import type { AuditValue } from "~/domain/audit";
import { recordAudit } from "~/.server/audit/audit.server";

export interface DraftRow {
  id: string;
  label: string;
  status: CatalogStatus;
  revision: number;
  catalog: Catalog;
}

/** Any version by id (drafts included) with its catalog as stored, unchecked, or null. */
export async function loadVersionRow(db: Executor, versionId: string): Promise<(Omit<DraftRow, "catalog"> & { catalog: unknown }) | null> {
  const [row] = await db
    .select({ id: catalogVersions.id, label: catalogVersions.label, status: catalogVersions.status, revision: catalogVersions.revision, catalog: catalogVersions.catalog })
    .from(catalogVersions)
    .where(eq(catalogVersions.id, versionId));
  return row ?? null;
}

/**
 * Any version by id with its catalog parsed (drafts included), or null. A
 * stored draft that no longer parses throws parseCatalog's CatalogError,
 * whose issues name their paths (the pages answer it with 422).
 */
export async function loadVersionForEdit(db: Executor, versionId: string): Promise<DraftRow | null> {
  const row = await loadVersionRow(db, versionId);
  return row ? { ...row, catalog: parseCatalog(row.catalog) } : null;
}

/** For a page's `.catch`: a stored catalog that doesn't parse answers 422 with its first issues (the JSON can still be downloaded). */
export function invalidDraft(error: unknown): never {
  if (error instanceof CatalogError) throw data({ message: error.message, issues: error.issues.slice(0, 20) }, { status: 422 });
  throw error;
}

export type DraftEditCode = "not-found" | "not-draft" | "stale" | "unknown-line" | "unknown-target" | "invalid" | "in-use" | "duplicate" | "no-configuration" | "last-value";

export const notDraft = (status: CatalogStatus) =>
  fail({ status: 409, code: "not-draft" as const, message: `this catalog version is ${status}: only drafts can be edited (a published version never changes)` });

export async function editDraft(
  db: Executor,
  input: { versionId: string; revision: number; edit: CatalogEdit; actorId: string | null },
  now: Date = new Date(),
): Promise<Result<{ revision: number; catalog: Catalog }, DraftEditCode>> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ status: catalogVersions.status, revision: catalogVersions.revision, catalog: catalogVersions.catalog })
      .from(catalogVersions)
      .where(eq(catalogVersions.id, input.versionId))
      .for("update");
    if (!row) return fail({ status: 404, code: "not-found" as const, message: `no catalog version "${input.versionId}"` });
    if (row.status !== "draft") return notDraft(row.status);
    if (row.revision !== input.revision)
      return fail({ status: 409, code: "stale" as const, message: "this draft changed since you opened it: reload to see the changes, then edit again" });
    let current: Catalog;
    try {
      current = parseCatalog(row.catalog);
    } catch (error) {
      if (!(error instanceof CatalogError)) throw error;
      return fail({ status: 422, code: "invalid" as const, message: `the stored draft is not a valid catalog: ${error.message}` });
    }
    const applied = applyCatalogEdit(current, input.edit);
    if (!applied.ok) return applied;
    const revision = row.revision + 1;
    await tx
      .update(catalogVersions)
      .set({ catalog: applied.value.catalog, revision })
      .where(and(eq(catalogVersions.id, input.versionId), eq(catalogVersions.revision, row.revision)));
    // The line's listing row follows its name, when the draft has listing rows.
    const edit = input.edit;
    if (edit.op === "name" && edit.target === edit.line) {
      const line = applied.value.catalog.productLines.find((l) => l.code === edit.line)!;
      await tx
        .update(productLines)
        .set({ name: line.name })
        .where(sql`${productLines.versionId} = ${input.versionId} and ${productLines.code} = ${line.code}`);
    }
    await recordAudit(
      tx,
      {
        actorId: input.actorId,
        action: "catalog.draft.edit",
        subject: "catalog-version",
        subjectId: input.versionId,
        before: { op: input.edit.op, revision: row.revision, ...(applied.value.before as Record<string, AuditValue>) },
        after: { op: input.edit.op, revision, ...(applied.value.after as Record<string, AuditValue>) },
      },
      now,
    );
    return ok({ revision, catalog: applied.value.catalog });
  });
}
