/**
 * The audit log's vocabulary: what an entry can say happened, and to what.
 * One list, so the log's filter, its CSV and every writer use the same words.
 *
 * Entries name people and things by id only, never by personal data (a name,
 * an email): the log is kept for good and can't be changed, while personal
 * data must be erasable (see docs/decisions/031-audit-log.md).
 */
export const AUDIT_ACTIONS = [
  // the catalog's lifecycle
  "catalog.draft.create",
  "catalog.draft.edit",
  "catalog.draft.delete",
  "catalog.publish",
  "catalog.rollback",
  "catalog.retire",
  // people and places
  "user.invite",
  "user.role",
  "user.deactivate",
  "user.reactivate",
  "user.password-reset",
  "user.claim-link",
  "user.erase",
  "user.export",
  "dealership.create",
  "dealership.update",
  "dealership.member",
  // decisions staff make about customers and quotes
  "quote.discount.decide",
  "tier.override",
  "customer-file.open",
  // the plant: a line's sequencing rules and a day's published sequence (decision 049)
  "line.sequencing-rules",
  "line.sequence.publish",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What an entry is about; its id is in `subjectId`. */
export const AUDIT_SUBJECTS = ["catalog-version", "user", "dealership", "quote", "customer", "product-line"] as const;
export type AuditSubject = (typeof AUDIT_SUBJECTS)[number];

/** A JSON value small enough to log (the changed fields, not whole records). */
export type AuditValue = string | number | boolean | null | AuditValue[] | { [key: string]: AuditValue };

export interface AuditEntry {
  /** Who did it: a user id, or null for the system / the command line. */
  actorId: string | null;
  action: AuditAction;
  subject: AuditSubject;
  subjectId: string;
  before?: AuditValue;
  after?: AuditValue;
}

export function isAuditAction(value: string): value is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(value);
}
