/**
 * Quote drafts on the tablet: while a dealer edits a quote (configuration and
 * discount) the draft is kept in localStorage, one per quote ("quote:Q-…")
 * or, for a new quote, one per customer and line. A save that fails because
 * the connection dropped marks the draft pending; it is sent again when the
 * browser says it is online, and restored when the page is opened again.
 *
 * Storage is passed in (window.localStorage, or null where there is none):
 * a full or disabled storage never breaks editing, the draft just isn't kept.
 */
import { DISCOUNT_KINDS, type DiscountKind } from "~/domain/quotes";
import { isConnectionFailure, OFFLINE, type OfflineResult } from "~/utils/connection";

/** What a quote form holds: the configuration and the discount as typed. */
export interface QuoteContent {
  choices: string[];
  texts: Record<string, string>;
  discountKind: DiscountKind;
  /** As typed in the discount field. */
  discountValue: string;
}

export interface QuoteDraft extends QuoteContent {
  line: string;
  /** The quote's lock when editing began (a draft of an older state than the server's is stale). */
  expectedLock?: number;
  /** A save was attempted while offline: send it again when the connection returns. */
  pending: boolean;
  /** ISO time of the last change. */
  savedAt: string;
}

const PREFIX = "atelier.quoteDraft.";

/** The storage key of a quote's draft, or of a new quote's for a customer and line. */
export function draftKey(scope: { quote: string } | { customer: string; line: string }): string {
  return "quote" in scope ? `${PREFIX}quote:${scope.quote}` : `${PREFIX}new:${scope.customer}:${scope.line}`;
}

const isStringRecord = (v: unknown): v is Record<string, string> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === "string");

/** A stored draft read back; anything malformed (another version of the app, a hand edit) is no draft. */
export function parseDraft(raw: string | null): QuoteDraft | null {
  if (!raw) return null;
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof v !== "object" || v === null) return null;
  const d = v as Record<string, unknown>;
  if (typeof d.line !== "string" || !Array.isArray(d.choices) || !d.choices.every((c) => typeof c === "string")) return null;
  if (!isStringRecord(d.texts) || typeof d.discountValue !== "string" || typeof d.savedAt !== "string") return null;
  if (!(DISCOUNT_KINDS as readonly unknown[]).includes(d.discountKind)) return null;
  if (d.expectedLock !== undefined && !Number.isInteger(d.expectedLock)) return null;
  return {
    line: d.line,
    choices: d.choices as string[],
    texts: d.texts,
    discountKind: d.discountKind as DiscountKind,
    discountValue: d.discountValue,
    ...(d.expectedLock !== undefined ? { expectedLock: d.expectedLock as number } : {}),
    pending: d.pending === true,
    savedAt: d.savedAt,
  };
}

export interface DraftStore {
  load(key: string): QuoteDraft | null;
  /** Keep the draft (pending stays as it was unless given). */
  save(key: string, draft: Omit<QuoteDraft, "pending" | "savedAt"> & { pending?: boolean }, now?: Date): void;
  setPending(key: string, pending: boolean): void;
  clear(key: string): void;
}

export function createDraftStore(storage: Pick<Storage, "getItem" | "setItem" | "removeItem"> | null): DraftStore {
  const read = (key: string) => {
    try {
      return parseDraft(storage?.getItem(key) ?? null);
    } catch {
      return null;
    }
  };
  const write = (key: string, draft: QuoteDraft) => {
    try {
      storage?.setItem(key, JSON.stringify(draft));
    } catch {
      // Full or disabled storage: editing goes on, the draft just isn't kept.
    }
  };
  return {
    load: read,
    save(key, draft, now = new Date()) {
      const pending = draft.pending ?? read(key)?.pending ?? false;
      write(key, { ...draft, pending, savedAt: now.toISOString() });
    },
    setPending(key, pending) {
      const draft = read(key);
      if (draft) write(key, { ...draft, pending });
    },
    clear(key) {
      try {
        storage?.removeItem(key);
      } catch {
        // Nothing to do.
      }
    },
  };
}

/** The browser's store (none on the server or with storage disabled). */
export function browserDraftStore(): DraftStore {
  let storage: Storage | null = null;
  try {
    storage = typeof window === "undefined" ? null : window.localStorage;
  } catch {
    storage = null;
  }
  return createDraftStore(storage);
}

/** The two configurations differ (choices or personalization texts; the discount aside). */
export function configurationDiffers(a: Pick<QuoteContent, "choices" | "texts">, b: Pick<QuoteContent, "choices" | "texts">): boolean {
  return [...a.choices].sort().join(",") !== [...b.choices].sort().join(",") || JSON.stringify(Object.entries(a.texts).sort()) !== JSON.stringify(Object.entries(b.texts).sort());
}

/** The draft differs from what the page would start with (configuration or discount). */
export function draftDiffers(draft: QuoteContent, start: QuoteContent): boolean {
  return configurationDiffers(draft, start) || draft.discountKind !== start.discountKind || draft.discountValue.trim() !== start.discountValue.trim();
}

/**
 * Run the server's action unless the browser is offline; a connection that
 * drops during the request answers `{ offline: true }` instead of an error
 * page. Responses (redirects, thrown 4xx) and other errors pass through.
 * `onSaved` runs when the server answered with a redirect (the save worked).
 *
 * A request the router aborted (`signal`: another navigation or submission
 * superseded it) is no failure: the router drops its outcome, the newer
 * request speaks for the draft, so it is neither kept as pending nor offered
 * again — whether the browser was online or not.
 */
export async function submitOrKeep<T>(
  serverAction: () => Promise<T>,
  options: { online: () => boolean; onOffline: () => void; onSaved: () => void; signal?: AbortSignal },
): Promise<T | OfflineResult> {
  if (!options.online()) {
    options.onOffline();
    return OFFLINE;
  }
  try {
    return await serverAction();
  } catch (error) {
    if (error instanceof Response) {
      if (error.status >= 300 && error.status < 400) options.onSaved();
      throw error;
    }
    if (options.signal?.aborted) throw error;
    if (isConnectionFailure(error, options.online())) {
      options.onOffline();
      return OFFLINE;
    }
    throw error;
  }
}
