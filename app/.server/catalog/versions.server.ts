/**
 * The catalog's lifecycle as admins run it (/admin/catalog and the
 * catalog:publish / catalog:rollback scripts): list versions, make a draft
 * (an uploaded JSON, or a copy of the active version), delete a draft,
 * publish one after the pre-publish checks, roll back to an earlier
 * version, retire one. Every change is one transaction with its audit entry;
 * activation itself happens in publish.server.ts.
 */
import { and, asc, desc, eq, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "#db/client";
import { catalogVersions, productLines, users, type CatalogStatus } from "#db/schema";
import { parseCatalog, type Catalog } from "~/domain/catalog";
import type { CatalogReport } from "~/domain/catalog-report";
import { fail, ok, type Result } from "~/domain/result";
import { recordAudit } from "~/.server/audit/audit.server";
import { getActiveVersion } from "./catalog.server";
import { readAnalysis } from "./analysis.server";
import { publishCatalogVersion, rollbackToCatalogVersion } from "./publish.server";
import { runPublishChecks, type CheckOutcome } from "./publish-checks.server";
import { newVersionId } from "./version-ids.server";

export interface Person {
  id: string;
  name: string;
}

export interface VersionRow {
  id: string;
  label: string;
  status: CatalogStatus;
  active: boolean;
  createdAt: Date;
  createdBy: Person | null;
  basedOn: string | null;
  publishedAt: Date | null;
  publishedBy: Person | null;
  activatedAt: Date | null;
  lines: number;
}

export interface VersionDetail extends VersionRow {
  catalog: Catalog;
}

const creator = alias(users, "creator");
const publisher = alias(users, "publisher");

const person = (id: string | null, name: string | null): Person | null => (id && name !== null ? { id, name } : null);

async function selectVersions(db: Executor, id?: string) {
  const active = await getActiveVersion({ db });
  const rows = await db
    .select({
      id: catalogVersions.id,
      label: catalogVersions.label,
      status: catalogVersions.status,
      createdAt: catalogVersions.createdAt,
      creatorId: creator.id,
      creatorName: creator.name,
      basedOn: catalogVersions.basedOn,
      publishedAt: catalogVersions.publishedAt,
      publisherId: publisher.id,
      publisherName: publisher.name,
      activatedAt: catalogVersions.activatedAt,
      lines: sql<number>`(select count(*)::int from ${productLines} where ${productLines.versionId} = ${catalogVersions.id})`,
    })
    .from(catalogVersions)
    .leftJoin(creator, eq(creator.id, catalogVersions.createdBy))
    .leftJoin(publisher, eq(publisher.id, catalogVersions.publishedBy))
    .where(id === undefined ? undefined : eq(catalogVersions.id, id))
    // Drafts first (the work in progress), then by when they were last active, newest first.
    .orderBy(sql`${catalogVersions.status} = 'draft' desc`, desc(sql`coalesce(${catalogVersions.activatedAt}, ${catalogVersions.createdAt})`), asc(catalogVersions.id));
  return rows.map(
    (r): VersionRow => ({
      id: r.id,
      label: r.label,
      status: r.status,
      active: r.id === active?.id,
      createdAt: r.createdAt,
      createdBy: person(r.creatorId, r.creatorName),
      basedOn: r.basedOn,
      publishedAt: r.publishedAt,
      publishedBy: person(r.publisherId, r.publisherName),
      activatedAt: r.activatedAt,
      lines: Number(r.lines),
    }),
  );
}

export function listVersions(db: Executor): Promise<VersionRow[]> {
  return selectVersions(db);
}

export async function readVersion(db: Executor, id: string): Promise<VersionDetail | null> {
  const [row] = await selectVersions(db, id);
  if (!row) return null;
  const [{ catalog }] = await db.select({ catalog: catalogVersions.catalog }).from(catalogVersions).where(eq(catalogVersions.id, id));
  return { ...row, catalog: parseCatalog(catalog) };
}

export type LifecycleCode =
  | "not-found"
  | "not-draft"
  | "no-active"
  | "checks-failed"
  | "nothing-to-roll-back"
  | "already-active"
  | "is-draft"
  | "retire-active"
  | "not-published";

const notFound = (id: string) => fail<LifecycleCode>({ status: 404, code: "not-found", message: `catalog version ${id} doesn't exist` });

/** Store a checked catalog as a new draft, its product lines with it, and say so in the audit log. */
export async function createDraft(
  db: Executor,
  input: { actorId: string | null; catalog: Catalog; label: string; idBase: string; basedOn?: string | null; now?: Date },
): Promise<Result<{ id: string }, LifecycleCode>> {
  const now = input.now ?? new Date();
  const id = newVersionId(input.idBase, now);
  await db.transaction(async (tx) => {
    await tx.insert(catalogVersions).values({ id, label: input.label, catalog: input.catalog, createdAt: now, createdBy: input.actorId, basedOn: input.basedOn ?? null });
    await tx
      .insert(productLines)
      .values(input.catalog.productLines.map((line, position) => ({ versionId: id, code: line.code, name: line.name, position })));
    await recordAudit(tx, { actorId: input.actorId, action: "catalog.draft.create", subject: "catalog-version", subjectId: id, after: { label: input.label, basedOn: input.basedOn ?? null } }, now);
  });
  return ok({ id });
}

/** A draft that starts as a copy of the active version. */
export async function draftFromActive(db: Executor, input: { actorId: string | null; label?: string; now?: Date }): Promise<Result<{ id: string }, LifecycleCode>> {
  const active = await getActiveVersion({ db });
  if (!active) return fail({ status: 409, code: "no-active", message: "no catalog version is published: upload one instead" });
  const [row] = await db.select({ catalog: catalogVersions.catalog }).from(catalogVersions).where(eq(catalogVersions.id, active.id));
  return createDraft(db, {
    actorId: input.actorId,
    catalog: parseCatalog(row.catalog),
    label: input.label?.trim() || `${active.label} (draft)`,
    idBase: active.id.replace(/-\d{8}-\d{6}-[0-9a-f]{6}$/, ""),
    basedOn: active.id,
    now: input.now,
  });
}

export async function deleteDraft(db: Executor, input: { actorId: string | null; id: string; now?: Date }): Promise<Result<{ id: string }, LifecycleCode>> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select({ status: catalogVersions.status, label: catalogVersions.label }).from(catalogVersions).where(eq(catalogVersions.id, input.id)).for("update");
    if (!row) return notFound(input.id);
    if (row.status !== "draft") return fail<LifecycleCode>({ status: 409, code: "not-draft", message: `catalog version ${input.id} is ${row.status}: only drafts can be deleted` });
    await tx.delete(catalogVersions).where(eq(catalogVersions.id, input.id));
    await recordAudit(tx, { actorId: input.actorId, action: "catalog.draft.delete", subject: "catalog-version", subjectId: input.id, before: { label: row.label, status: "draft" } }, input.now);
    return ok({ id: input.id });
  });
}

/** The checks for publishing this draft as it is now (report: its stored analysis unless given). */
export async function publishChecks(db: Executor, id: string, catalog: Catalog, report?: CatalogReport | null): Promise<CheckOutcome[]> {
  const analysis = report === undefined ? await readAnalysis(db, id, catalog) : null;
  const current = report !== undefined ? report : analysis?.status === "done" ? analysis.report : null;
  return runPublishChecks({ db, versionId: id, catalog, report: current });
}

export interface PublishOutcome {
  id: string;
  replaced: string | null;
  notified: number;
}

/**
 * Publish a draft: it becomes the active version. Refused unless it is a
 * draft and every pre-publish check passes (`report`: the analysis to check
 * against; the stored one for its content when not given).
 */
export async function publishDraft(
  db: Executor,
  input: { actorId: string | null; id: string; report?: CatalogReport | null; now?: Date },
): Promise<Result<PublishOutcome, LifecycleCode> & { checks?: CheckOutcome[] }> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const [row] = await tx.select({ status: catalogVersions.status, catalog: catalogVersions.catalog }).from(catalogVersions).where(eq(catalogVersions.id, input.id)).for("update");
    if (!row) return notFound(input.id);
    if (row.status !== "draft") return fail<LifecycleCode>({ status: 409, code: "not-draft", message: `catalog version ${input.id} is ${row.status}: only a draft can be published (roll back to make an earlier version active)` });
    const checks = await publishChecks(tx, input.id, parseCatalog(row.catalog), input.report);
    const failed = checks.filter((c) => !c.ok);
    if (failed.length > 0)
      return { ...fail<LifecycleCode>({ status: 409, code: "checks-failed", message: `catalog version ${input.id} can't be published: ${failed.map((c) => c.id).join(", ")} failed` }), checks };
    const before = await getActiveVersion({ db: tx });
    const report = await publishCatalogVersion(tx, input.id, now, { actorId: input.actorId });
    await recordAudit(tx, { actorId: input.actorId, action: "catalog.publish", subject: "catalog-version", subjectId: input.id, before: { status: "draft", active: before?.id ?? null }, after: { status: "published", active: input.id } }, now);
    return ok({ id: input.id, replaced: before?.id ?? null, notified: report.notified.length });
  });
}

/**
 * Make an earlier version active again in one step (`to`, or else the one
 * active before the current one); the current one is retired.
 */
export async function rollback(db: Executor, input: { actorId: string | null; to?: string; now?: Date }): Promise<Result<{ from: string; to: string }, LifecycleCode>> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    // Lock every version that was ever active: two rollbacks (or a rollback and a publish) run one after the other.
    await tx.select({ id: catalogVersions.id }).from(catalogVersions).where(ne(catalogVersions.status, "draft")).for("update");
    const active = await getActiveVersion({ db: tx });
    if (!active) return fail<LifecycleCode>({ status: 409, code: "no-active", message: "no catalog version is active: there is nothing to roll back" });
    let target: string | undefined = input.to;
    if (target !== undefined) {
      const [row] = await tx.select({ status: catalogVersions.status }).from(catalogVersions).where(eq(catalogVersions.id, target));
      if (!row) return notFound(target);
      if (row.status === "draft") return fail<LifecycleCode>({ status: 409, code: "is-draft", message: `catalog version ${target} is a draft: publish it instead` });
      if (target === active.id) return fail<LifecycleCode>({ status: 409, code: "already-active", message: `catalog version ${target} is already the active one` });
    } else {
      const [previous] = await tx
        .select({ id: catalogVersions.id })
        .from(catalogVersions)
        .where(and(ne(catalogVersions.status, "draft"), ne(catalogVersions.id, active.id)))
        .orderBy(desc(catalogVersions.activatedAt), desc(catalogVersions.id))
        .limit(1);
      if (!previous) return fail<LifecycleCode>({ status: 409, code: "nothing-to-roll-back", message: `catalog version ${active.id} is the only one ever published: there is nothing to roll back to` });
      target = previous.id;
    }
    await rollbackToCatalogVersion(tx, target, active.id, now);
    await recordAudit(tx, { actorId: input.actorId, action: "catalog.rollback", subject: "catalog-version", subjectId: target, before: { active: active.id }, after: { active: target, retired: active.id } }, now);
    return ok({ from: active.id, to: target });
  });
}

/** Retire a published version that isn't the active one (the active one is replaced by publishing or rolling back). */
export async function retireVersion(db: Executor, input: { actorId: string | null; id: string; now?: Date }): Promise<Result<{ id: string }, LifecycleCode>> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select({ status: catalogVersions.status }).from(catalogVersions).where(eq(catalogVersions.id, input.id)).for("update");
    if (!row) return notFound(input.id);
    if (row.status !== "published") return fail<LifecycleCode>({ status: 409, code: "not-published", message: `catalog version ${input.id} is ${row.status}: only a published version can be retired` });
    const active = await getActiveVersion({ db: tx });
    if (active?.id === input.id) return fail<LifecycleCode>({ status: 409, code: "retire-active", message: `catalog version ${input.id} is the active one: publish another or roll back first` });
    await tx.update(catalogVersions).set({ status: "retired" }).where(eq(catalogVersions.id, input.id));
    await recordAudit(tx, { actorId: input.actorId, action: "catalog.retire", subject: "catalog-version", subjectId: input.id, before: { status: "published" }, after: { status: "retired" } }, input.now);
    return ok({ id: input.id });
  });
}
