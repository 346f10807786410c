/**
 * Leads: a configuration a customer (or a visitor) sent to a dealership,
 * waiting in its inbox. Pure: the statuses, who may move a lead where, and
 * the limits of the public form.
 */

/** new → contacted → quoted → closed; "quoted" is set only by starting a quote from the lead. */
export const LEAD_STATUSES = ["new", "contacted", "quoted", "closed"] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

/** How the sender would like to be contacted. */
export const PREFERRED_CONTACTS = ["email", "phone"] as const;
export type PreferredContact = (typeof PREFERRED_CONTACTS)[number];

/** The statuses a dealer sets by hand (quoted comes from a quote, never from a button). */
export const MANUAL_LEAD_STATUSES = ["contacted", "closed"] as const satisfies readonly LeadStatus[];
export type ManualLeadStatus = (typeof MANUAL_LEAD_STATUSES)[number];

export const LEAD_LIMITS = {
  /** A message is a note to the dealer, not a letter: long enough to explain, short enough to read on a tablet. */
  messageLength: 2000,
  /**
   * The public form is open to visitors, so it is throttled: at most this many
   * leads per client address and per sender email in the window. A person
   * writes to a few dealerships; a script writes to all of them.
   */
  perWindow: 5,
  /** The form's body at most (the message's 2000 characters are up to 8 KB in UTF-8, plus the other fields). */
  formBytes: 16 * 1024,
  windowMs: 60 * 60 * 1000,
} as const;

/** Why a lead can't move to `to` (null when it can): a quoted or closed lead is settled. */
export function leadStatusRefusal(from: LeadStatus, to: ManualLeadStatus): "already-quoted" | "already-closed" | null {
  if (from === "quoted") return "already-quoted";
  if (from === "closed" && to === "contacted") return "already-closed";
  return null;
}
