/**
 * Writing to the audit log. Every writer calls `recordAudit` with the
 * transaction that made the change, so an entry exists exactly when the
 * change does. Reading, filtering and the CSV live with the admins' page.
 */
import type { Executor } from "#db/client";
import { auditLog } from "#db/schema";
import type { AuditEntry } from "~/domain/audit";

export async function recordAudit(tx: Executor, entry: AuditEntry, now: Date = new Date()): Promise<void> {
  await tx.insert(auditLog).values({
    at: now,
    actorId: entry.actorId,
    action: entry.action,
    subject: entry.subject,
    subjectId: entry.subjectId,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
