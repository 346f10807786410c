/**
 * The audit log: every admin action, catalog publish / rollback, role change,
 * discount decision, tier override and customer-file opening, with who, when,
 * what and the changed fields before / after. Rows are only ever added: a
 * trigger (migration 0016) refuses UPDATE and DELETE, so the app can't change
 * the record of what it did.
 */
import { index, jsonb, pgTable, text, timestamp, uuid, bigint } from "drizzle-orm/pg-core";
// Relative imports: drizzle-kit loads this file without the tsconfig path aliases.
import { AUDIT_ACTIONS, AUDIT_SUBJECTS, type AuditValue } from "../../app/domain/audit";
import { users } from "./users";

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    /** Null: the system or the command line. Kept (not cascaded) when the user is erased: set null. */
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action", { enum: AUDIT_ACTIONS }).notNull(),
    subject: text("subject", { enum: AUDIT_SUBJECTS }).notNull(),
    subjectId: text("subject_id").notNull(),
    before: jsonb("before").$type<AuditValue>(),
    after: jsonb("after").$type<AuditValue>(),
  },
  (t) => [
    index("audit_log_at_idx").on(t.at),
    index("audit_log_action_idx").on(t.action, t.at),
    index("audit_log_subject_idx").on(t.subject, t.subjectId, t.at),
    index("audit_log_actor_idx").on(t.actorId, t.at),
  ],
);

export type AuditRow = typeof auditLog.$inferSelect;
