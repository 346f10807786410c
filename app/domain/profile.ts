/**
 * A customer's own settings: how to reach them, where they live, and what
 * they allowed. Consents are kept as a history (given, withdrawn, given
 * again), each with its date, because "since when" is part of the answer.
 */
export const CONTACT_CHANNELS = ["email", "in_app"] as const;
/** `email`: messages in the app and by email; `in_app`: in the app only. */
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

export const CONSENT_KINDS = [
  /** Use my orders, anonymously, for recommendations to others. */
  "recommendations",
  /** Send me news about the configurations I saved and follow. */
  "saved_configuration_news",
] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];

export interface PostalAddress {
  street: string;
  postalCode: string;
  city: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

export interface ConsentEvent {
  kind: ConsentKind;
  granted: boolean;
  at: Date;
}

/** Where each consent stands: the latest event of its kind, or never asked. */
export function consentState(events: readonly ConsentEvent[]): Record<ConsentKind, { granted: boolean; since: Date | null }> {
  const state = Object.fromEntries(CONSENT_KINDS.map((kind) => [kind, { granted: false, since: null as Date | null }])) as Record<
    ConsentKind,
    { granted: boolean; since: Date | null }
  >;
  for (const event of [...events].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    state[event.kind] = { granted: event.granted, since: event.at };
  }
  return state;
}

/** Whether a message may also go out by email. */
export function sendsEmail(channel: ContactChannel | null | undefined): boolean {
  return channel !== "in_app";
}
