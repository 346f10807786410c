/**
 * Reading the audit log (/admin/audit and its CSV): filtered by action,
 * actor, subject and date range, newest first, with the actor's and the
 * subject's names joined in at read time (entries hold ids only, decision
 * 031). Nothing here writes: the log is append-only, and no route offers to
 * change or delete an entry.
 */
import { aliasedTable, and, count, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import type { Executor } from "#db/client";
import { auditLog, dealerships, users } from "#db/schema";
import type { AuditAction, AuditSubject, AuditValue } from "~/domain/audit";
import type { AuditFilter } from "~/domain/forms/admin";
import type { CsvCell } from "~/utils/csv";
import { matchesPerson } from "~/.server/privacy/person-search.server";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const AUDIT_PAGE_SIZE = 50;
/** The CSV holds at most this many rows (newest first): enough for any audit, bounded for the server. */
export const AUDIT_CSV_LIMIT = 50_000;

export interface AuditView {
  id: number;
  at: Date;
  action: AuditAction;
  actor: { id: string; name: string | null; email: string | null } | null;
  subject: AuditSubject;
  subjectId: string;
  /** The subject's name now (a user's or customer's name, a dealership's), when it still exists. */
  subjectName: string | null;
  before: AuditValue | null;
  after: AuditValue | null;
}

const actors = aliasedTable(users, "actor");
const subjectUsers = aliasedTable(users, "subject_user");

function conditions(filter: Omit<AuditFilter, "page">): SQL | undefined {
  const parts: (SQL | undefined)[] = [];
  if (filter.action) parts.push(eq(auditLog.action, filter.action));
  if (filter.subject) parts.push(eq(auditLog.subject, filter.subject));
  if (filter.subjectId) parts.push(eq(auditLog.subjectId, filter.subjectId));
  if (filter.actor) {
    const actor = filter.actor.trim();
    if (UUID.test(actor)) parts.push(eq(auditLog.actorId, actor.toLowerCase()));
    // Names and emails are encrypted (decision 045): the actor is found by the blind indexes, an exact email or name words.
    else parts.push(matchesPerson(actor, actors));
  }
  if (filter.from) parts.push(gte(auditLog.at, new Date(`${filter.from}T00:00:00Z`)));
  if (filter.to) parts.push(lt(auditLog.at, new Date(Date.parse(`${filter.to}T00:00:00Z`) + 24 * 60 * 60 * 1000)));
  return and(...parts);
}

function select(db: Executor) {
  return db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      actorId: auditLog.actorId,
      actorName: actors.name,
      actorEmail: actors.email,
      subject: auditLog.subject,
      subjectId: auditLog.subjectId,
      // A user's name is encrypted (decision 045): chosen after decryption, in toView.
      subjectUserName: subjectUsers.name,
      subjectDealershipName: dealerships.name,
      before: auditLog.before,
      after: auditLog.after,
    })
    .from(auditLog)
    .leftJoin(actors, eq(actors.id, auditLog.actorId))
    .leftJoin(subjectUsers, and(sql`${auditLog.subject} in ('user', 'customer')`, sql`${subjectUsers.id}::text = ${auditLog.subjectId}`))
    .leftJoin(dealerships, and(eq(auditLog.subject, "dealership"), sql`${dealerships.id}::text = ${auditLog.subjectId}`));
}

type Row = Awaited<ReturnType<ReturnType<typeof select>["limit"]>>[number];
const toView = (r: Row): AuditView => ({
  id: r.id,
  at: r.at,
  action: r.action,
  actor: r.actorId ? { id: r.actorId, name: r.actorName, email: r.actorEmail } : null,
  subject: r.subject,
  subjectId: r.subjectId,
  subjectName: r.subjectUserName ?? r.subjectDealershipName,
  before: r.before,
  after: r.after,
});

export async function queryAudit(db: Executor, filter: AuditFilter): Promise<{ rows: AuditView[]; total: number; page: number; pages: number }> {
  const where = conditions(filter);
  const [{ n }] = await db.select({ n: count() }).from(auditLog).leftJoin(actors, eq(actors.id, auditLog.actorId)).where(where);
  const pages = Math.max(1, Math.ceil(n / AUDIT_PAGE_SIZE));
  const page = Math.min(filter.page, pages);
  const rows = await select(db)
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE)
    .offset((page - 1) * AUDIT_PAGE_SIZE);
  return { rows: rows.map(toView), total: n, page, pages };
}

/** The CSV's columns in order: stable identifiers, not translated labels. */
export const AUDIT_CSV_COLUMNS: readonly { header: string; cell: (row: AuditView) => CsvCell }[] = [
  { header: "id", cell: (r) => r.id },
  { header: "at", cell: (r) => r.at.toISOString() },
  { header: "action", cell: (r) => r.action },
  { header: "actor_id", cell: (r) => r.actor?.id ?? null },
  { header: "actor_name", cell: (r) => r.actor?.name ?? null },
  { header: "actor_email", cell: (r) => r.actor?.email ?? null },
  { header: "subject", cell: (r) => r.subject },
  { header: "subject_id", cell: (r) => r.subjectId },
  { header: "subject_name", cell: (r) => r.subjectName },
  { header: "before", cell: (r) => (r.before === null ? null : JSON.stringify(r.before)) },
  { header: "after", cell: (r) => (r.after === null ? null : JSON.stringify(r.after)) },
];

/** Every row the filter matches (up to AUDIT_CSV_LIMIT), newest first. */
export async function auditRowsForCsv(db: Executor, filter: Omit<AuditFilter, "page">): Promise<AuditView[]> {
  const rows = await select(db).where(conditions(filter)).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(AUDIT_CSV_LIMIT);
  return rows.map(toView);
}

/** The query string as the filter schema reads it (the first value of each key); the page and the CSV share it. */
export function filterParams(url: URL): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ["action", "subject", "subjectId", "actor", "from", "to", "page"]) {
    const value = url.searchParams.get(key);
    if (value !== null) out[key] = value;
  }
  return out;
}
