/**
 * What the dealers' pages share: who is asking (a dealer or sales manager
 * with a dealership, else 403), the uniform 403 for ids outside the
 * dealership, the quote repository's problems as form replies, and the
 * read-only views the pages render (names in the reader's language).
 *
 * "Not yours" is one answer: an id of another dealership and an id that
 * doesn't exist at all both get 403, so a page reveals nothing either way.
 */
import { data } from "@remix-run/node";
import { and, desc, eq } from "drizzle-orm";
import type { z } from "zod";
import { getDb, type Db } from "#db/client";
import { shareCodes } from "#db/schema";
import { localize, type Language, type Market } from "~/domain/catalog";
import { groupConfiguration, type ConfigurationGroup } from "~/domain/configuration-view";
import { formatShareCode } from "~/domain/forms/configuration";
import { formatDiscountInput, parseDiscount, quoteActionSchema, quoteFormSchema, type QuoteAction, type QuoteForm, type QuoteOnServer } from "~/domain/forms/dealer";
import type { Permission } from "~/domain/permissions";
import type { Discount } from "~/domain/quotes";
import type { Refusal } from "~/domain/result";
import { requirePermission, type AuthUser } from "~/.server/auth/auth.server";
import { getLine } from "~/.server/catalog/catalog.server";
import { reconcileWithActive } from "~/.server/configurations/configurations.server";
import { reply, refusalReply, type RefusalWording } from "~/.server/platform/form-reply.server";
import { getPreferences } from "~/.server/platform/preferences.server";
import { dealerContext, type DealerContext, type Quote, type QuoteVersion } from "./quotes.server";

export const NOT_YOURS_MESSAGE = "This belongs to another dealership, or doesn't exist.";

/** The 403 a dealer gets for any id outside their dealership (thrown by loaders and actions). */
export function notYours(): Response {
  return Response.json({ error: "forbidden", message: NOT_YOURS_MESSAGE }, { status: 403 });
}

export interface DealerRequest {
  user: AuthUser;
  dealer: DealerContext;
  db: Db;
  language: Language;
}

/**
 * A signed-in dealer or sales manager who works for a dealership and holds
 * `permission` (the quote pages' by default); otherwise a thrown redirect or 403.
 */
export async function requireDealer(request: Request, permission: Permission = "quote.manage"): Promise<DealerRequest> {
  const user = await requirePermission(request, permission);
  const db = await getDb();
  const dealer = await dealerContext(db, user.id);
  if (!dealer) throw Response.json({ error: "forbidden", message: "You are not a member of a dealership." }, { status: 403 });
  const { language } = await getPreferences(request);
  return { user, dealer, db, language };
}

/** The quote forms' wording: message keys for the problems the tablet explains in the dealer's language, fields by input path. */
const WORDING: RefusalWording = {
  fields: { discount: "discountValue", choices: "choices", signature: "signature", email: "email", comment: "comment", justification: "justification" },
  messages: {
    stale: "quotes.errors.stale",
    "discount-negative": "quotes.errors.negative",
    "discount-above-price": "quotes.errors.abovePrice",
    "discount-not-integer": "quotes.errors.discountFormat",
    "invalid-configuration": "quotes.errors.invalidConfiguration",
    "empty-signature": "signature.errors.empty",
    "invalid-signature": "signature.errors.invalid",
    "already-ordered": "quotes.errors.alreadyOrdered",
    "already-signed": "quotes.errors.alreadySigned",
    superseded: "quotes.errors.superseded",
    expired: "quotes.errors.expired",
    "awaiting-approval": "quotes.errors.awaitingApproval",
    rejected: "quotes.errors.rejected",
    "not-signed": "quotes.errors.notSigned",
    "not-pending": "quotes.errors.notPending",
    "comment-required": "quotes.errors.commentRequired",
    "not-a-customer": "customers.errors.staffEmail",
  },
};

/**
 * A repository problem as the page's answer: "not found in your dealership"
 * → thrown 403; anything else → its 4xx with a message key on its field (or
 * the form), the English message alongside.
 */
export function problemReply(problem: Refusal) {
  if (problem.status === 404 || problem.status === 403) throw notYours();
  return refusalReply(problem, WORDING);
}

/**
 * A quote's newest version as the editor starts from it: mapped onto the
 * active catalog version when it was made with an older one (the server
 * prices it there), the discount as typed. `lineAvailable` false: its product
 * line is no longer in the catalog.
 */
export async function quoteOnServer(db: Db, quote: Quote): Promise<QuoteOnServer & { lineAvailable: boolean }> {
  const latest = quote.versions.at(-1)!;
  const nearest = await reconcileWithActive(db, { line: latest.line, version: latest.catalogVersion, choices: latest.choices, texts: latest.texts });
  return {
    lock: quote.lockVersion,
    version: latest.version,
    choices: nearest?.choices ?? latest.choices,
    texts: nearest?.texts ?? latest.texts,
    discountKind: latest.discount.kind,
    discountValue: formatDiscountInput(latest.discount, latest.market),
    lineAvailable: nearest?.lineAvailable ?? true,
  };
}

/**
 * A save refused because the quote changed meanwhile (409 "stale"), with the
 * quote as it is now: the editor shows the dealer both and lets them choose.
 */
export function staleReply(problem: Refusal, server: QuoteOnServer | null) {
  return data({ status: "error" as const, code: problem.code, message: problem.message, error: { "": [WORDING.messages.stale!] }, ...(server ? { server } : {}) }, { status: 409 });
}

export interface ShareCodeView {
  code: string;
  displayCode: string;
  line: string;
  lineName: string;
  choiceCount: number;
  createdAt: string;
}

/** The share codes a customer made themselves (share_codes.created_by), newest first. */
export async function customerShareCodes(db: Db, customerId: string, language: Language, limit = 50): Promise<ShareCodeView[]> {
  const rows = await db
    .select()
    .from(shareCodes)
    .where(and(eq(shareCodes.createdBy, customerId)))
    .orderBy(desc(shareCodes.createdAt))
    .limit(limit);
  return Promise.all(
    rows.map(async (r) => {
      const loaded = await getLine(r.lineCode, r.catalogVersionId, { db });
      return {
        code: r.code,
        displayCode: formatShareCode(r.code),
        line: r.lineCode,
        lineName: loaded ? localize(loaded.line.name, language) : r.lineCode,
        choiceCount: r.choices.length,
        createdAt: r.createdAt.toISOString(),
      };
    }),
  );
}

export interface QuoteVersionView extends Omit<QuoteVersion, "sentAt" | "approvalAt" | "signedAt" | "createdAt"> {
  lineName: string;
  groups: ConfigurationGroup[];
  sentAt: string | null;
  approvalAt: string | null;
  signedAt: string | null;
  createdAt: string;
}

/** A quote's versions, newest first, with the configuration named in the reader's language. */
export async function quoteVersionViews(db: Db, quote: Quote, language: Language): Promise<QuoteVersionView[]> {
  const views = await Promise.all(
    quote.versions.map(async (v) => {
      const loaded = await getLine(v.line, v.catalogVersion, { db });
      return {
        ...v,
        lineName: loaded ? localize(loaded.line.name, language) : v.line,
        groups: loaded ? groupConfiguration(loaded.line, v.choices, v.texts, language) : [],
        sentAt: v.sentAt?.toISOString() ?? null,
        approvalAt: v.approvalAt?.toISOString() ?? null,
        signedAt: v.signedAt?.toISOString() ?? null,
        createdAt: v.createdAt.toISOString(),
      };
    }),
  );
  return views.reverse();
}

/** Per-field messages of a failed zod parse ("" for the form's own). */
function zodErrors(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "");
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

export type ParsedQuoteForm = { ok: true; form: QuoteForm; discount: Discount } | { ok: false; response: ReturnType<typeof reply> };

/** The "save quote" form: the shared schema, then the discount as typed in the quote's market. */
export function parseQuoteForm(formData: FormData, market: Market): ParsedQuoteForm {
  const raw = Object.fromEntries([...formData.entries()].filter(([, v]) => typeof v === "string" && v !== ""));
  const parsed = quoteFormSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, response: reply(400, zodErrors(parsed.error), { code: "invalid-input", message: "some fields are missing or not valid" }) };
  const discount = parseDiscount(parsed.data.discountKind, parsed.data.discountValue, market);
  if (!discount.ok) return { ok: false, response: reply(400, { discountValue: [discount.message] }, { code: "invalid-discount", message: "the discount is not valid" }) };
  return { ok: true, form: parsed.data, discount: discount.discount };
}

/** The quote page's forms (send, approve, reject, sign, order) parsed with the shared schema. */
export function parseQuoteAction(formData: FormData): { ok: true; value: QuoteAction } | { ok: false; response: ReturnType<typeof reply> } {
  const raw = Object.fromEntries([...formData.entries()].filter(([, v]) => typeof v === "string"));
  const parsed = quoteActionSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, response: reply(400, zodErrors(parsed.error), { code: "invalid-input", message: "some fields are missing or not valid" }) };
  return { ok: true, value: parsed.data };
}
