/**
 * The dealers' JSON API pieces (routes app/routes/api.v1.quotes*.ts and
 * api.v1.customers.ts; docs/api.md, "Dealers"): who may call it (a dealer or
 * sales manager of a dealership, by session cookie or API token), the
 * response shapes, and the quote repository's refusals as API errors.
 *
 * "Not yours" is one answer: a quote or customer id of another dealership and
 * one that doesn't exist at all both get 403 `not-yours`, so the API reveals
 * nothing either way.
 */
import type { Db } from "#db/client";
import { quotePdfHref } from "~/domain/quote-sheet";
import type { Refusal } from "~/domain/result";
import { ApiError, problemError, requireApiSessionPermission } from "~/.server/api/api.server";
import type { AuthUser } from "~/.server/auth/auth.server";
import { dealerContext, type DealerContext, type DealerCustomer, type Quote, type QuoteSummary, type QuoteVersion } from "./quotes.server";

export const NOT_YOURS = "no such id in your dealership (it belongs to another dealership, or doesn't exist)";

export function notYoursError(path?: string): ApiError {
  return new ApiError(403, "not-yours", NOT_YOURS, path);
}

/** The caller as a dealer: 401 without credentials, 403 for other roles and for staff without a dealership. */
export async function requireApiDealer(request: Request, db: Db): Promise<{ user: AuthUser; dealer: DealerContext }> {
  const user = await requireApiSessionPermission(request, db, "quote.manage", "only dealers and sales managers of a dealership use the dealers' endpoints");
  const dealer = await dealerContext(db, user.id);
  if (!dealer) throw new ApiError(403, "forbidden", "your account is not a member of a dealership");
  return { user, dealer };
}

/** A repository refusal as an API error; "not found in your dealership" becomes 403 not-yours. */
export function quoteProblemError(problem: Refusal): ApiError {
  return problem.status === 404 || problem.status === 403 ? notYoursError(problem.path) : problemError(problem);
}

export const quoteUrl = (number: string) => `/api/v1/quotes/${number}`;

export function customerJson(c: DealerCustomer) {
  return { id: c.id, name: c.name, email: c.email, phone: c.phone, tier: c.tier, consentToContact: c.consentToContact, since: c.since.toISOString() };
}

export function quoteSummaryJson(q: QuoteSummary) {
  return {
    number: q.number,
    customerName: q.customerName,
    latestVersion: q.latestVersion,
    total: q.total,
    currency: q.currency,
    approval: q.approval,
    validUntil: q.validUntil,
    signed: q.signed,
    ordered: q.orderId !== null,
    updatedAt: q.updatedAt.toISOString(),
    url: quoteUrl(q.number),
  };
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** A version as the API shows it. The signature itself (personal data) stays inside: only whether and when. */
export function quoteVersionJson(number: string, v: QuoteVersion) {
  return {
    version: v.version,
    line: v.line,
    catalogVersion: v.catalogVersion,
    choices: v.choices,
    texts: v.texts,
    market: v.market,
    currency: v.currency,
    discount: v.discount,
    price: {
      list: v.price.list,
      discountAmount: v.price.discountAmount,
      discountBasisPoints: v.price.discountBasisPoints,
      net: v.price.net,
      vat: v.price.vat,
      total: v.price.total,
    },
    total: v.total,
    validUntil: v.validUntil,
    sentAt: iso(v.sentAt),
    approval: { state: v.approval, justification: v.approvalJustification, comment: v.approvalComment, decidedAt: iso(v.approvalAt) },
    signed: v.signed,
    signedAt: iso(v.signedAt),
    shareCode: v.shareCode,
    createdAt: v.createdAt.toISOString(),
    pdfUrl: v.sentAt ? quotePdfHref(number, v.version) : null,
  };
}

export function quoteJson(q: Quote) {
  return {
    number: q.number,
    customer: q.customer,
    latestVersion: q.latestVersion,
    orderNumber: q.orderNumber,
    lockVersion: q.lockVersion,
    createdAt: q.createdAt.toISOString(),
    updatedAt: q.updatedAt.toISOString(),
    url: quoteUrl(q.number),
    versions: q.versions.map((v) => quoteVersionJson(q.number, v)),
  };
}
