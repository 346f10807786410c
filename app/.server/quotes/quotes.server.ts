/**
 * Dealers: their dealership, its customers, and quotes.
 *
 * Scope is a query condition: every function takes the acting dealer's
 * context (from `dealerContext`) and filters by its dealership, so another
 * dealership's customer or quote answers exactly like a missing one (404)
 * and reveals nothing.
 *
 * A quote version is checked by the engine (complete and valid for the active
 * catalog), priced by the server with the discount, and frozen once sent:
 * editing a sent (or signed, or decided) version makes a new one. A discount
 * above the dealer's cap waits for a sales manager of the same dealership.
 * The newest version, valid, approved (if it had to be) and signed, becomes
 * an order through the same `placeOrder` as a customer's own order, with an
 * idempotency key derived from the quote version, so a retried "order"
 * never makes two.
 */
import { recordAudit } from "~/.server/audit/audit.server";
import { and, asc, desc, eq,  sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import { dealershipCustomers, dealershipMembers, dealerships, notifications, orders, quotes, quoteVersions, users, type QuoteVersionRow } from "#db/schema";
import type { Market, PricedConfiguration } from "~/domain/catalog";
import { price } from "~/domain/engine";
import type { Contact } from "~/domain/forms/order";
import { dayOf } from "~/domain/orders";
import { applyDiscount, discountRefusal, handOverRefusal, needsApproval, orderRefusal, rejectionRefusal, validUntil, type Discount, type QuotePrice } from "~/domain/quotes";
import { fail, ok, type Refusal, type Result } from "~/domain/result";
import { can } from "~/domain/permissions";
import { isStaff, type DealershipRole } from "~/domain/roles";
import { createShareCode } from "~/.server/configurations/configurations.server";
import { sendClaimLink, UNCLAIMED_HASH } from "~/.server/admin/users.server";
import { checkOrderable, placeOrder, type OrderRefusalCode, type OrderView } from "~/.server/orders/orders.server";
import { byName, matchesPerson } from "~/.server/privacy/person-search.server";
import { emailIndex, personIndexes } from "~/.server/privacy/personal-data.server";

export interface DealerContext {
  userId: string;
  role: DealershipRole;
  dealershipId: string;
  dealership: { code: string; name: string; market: Market; quoteValidityDays: number };
  capBasisPoints: number;
}

const notFound = (what: string) => fail({ status: 404, code: "not-found", message: `no ${what} in your dealership` });

/** The dealership a dealer or sales manager works for, or null (not a member of any). */
export async function dealerContext(db: Executor, userId: string): Promise<DealerContext | null> {
  const [row] = await db
    .select({
      role: dealershipMembers.role,
      // A member's own cap counts up to the dealership's ceiling (decision 040).
      cap: sql<number>`least(${dealershipMembers.discountCapBasisPoints}, ${dealerships.discountCapBasisPoints})`.mapWith(Number),
      dealershipId: dealerships.id,
      code: dealerships.code,
      name: dealerships.name,
      market: dealerships.market,
      quoteValidityDays: dealerships.quoteValidityDays,
    })
    .from(dealershipMembers)
    .innerJoin(dealerships, eq(dealerships.id, dealershipMembers.dealershipId))
    .where(eq(dealershipMembers.userId, userId))
    .orderBy(asc(dealershipMembers.createdAt))
    .limit(1);
  if (!row) return null;
  return {
    userId,
    role: row.role,
    dealershipId: row.dealershipId,
    dealership: { code: row.code, name: row.name, market: row.market, quoteValidityDays: row.quoteValidityDays },
    capBasisPoints: row.cap,
  };
}

// ---------------------------------------------------------------- customers

export interface DealerCustomer {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  tier: "gold" | "silver" | "standard";
  consentToContact: boolean;
  since: Date;
}

const customerColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  phone: users.phone,
  tier: users.tier,
  consentToContact: dealershipCustomers.consentToContact,
  since: dealershipCustomers.createdAt,
} as const;

/**
 * The dealership's customers with this exact email or phone number, or every
 * word of `query` in their name (all of them for an empty query), by name.
 * Personal data is encrypted: the match goes through blind indexes, so it is
 * on whole values and words, not parts of them (decision 045).
 */
export async function searchCustomers(db: Executor, dealer: DealerContext, query: string, options: { limit?: number } = {}): Promise<DealerCustomer[]> {
  const q = query.trim().slice(0, 100);
  const rows = await db
    .select(customerColumns)
    .from(dealershipCustomers)
    .innerJoin(users, eq(users.id, dealershipCustomers.customerId))
    .where(
      and(
        eq(dealershipCustomers.dealershipId, dealer.dealershipId),
        q === "" ? undefined : matchesPerson(q),
      ),
    );
  // A dealership's own customers: few enough to sort by their decrypted names here.
  return rows.sort(byName).slice(0, Math.min(options.limit ?? 50, 200));
}

export async function getCustomer(db: Executor, dealer: DealerContext, customerId: string): Promise<DealerCustomer | null> {
  if (!UUID.test(customerId)) return null;
  const [row] = await db
    .select(customerColumns)
    .from(dealershipCustomers)
    .innerJoin(users, eq(users.id, dealershipCustomers.customerId))
    .where(and(eq(dealershipCustomers.dealershipId, dealer.dealershipId), eq(dealershipCustomers.customerId, customerId)));
  return row ?? null;
}

export interface NewCustomer {
  name: string;
  email: string;
  phone?: string;
  consentToContact: boolean;
}

/**
 * Add a customer to the dealership. An account with that email that is a
 * customer's is linked (the person already has one); otherwise an account
 * without a password is created, and a "claim your account" link is emailed
 * to its owner in the same transaction (decision 039). An email that belongs
 * to staff is refused.
 */
export async function addCustomer(db: Executor, dealer: DealerContext, input: NewCustomer, now = new Date()): Promise<Result<DealerCustomer>> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id, role: users.role }).from(users).where(eq(users.emailIndex, emailIndex(input.email)));
    if (existing && isStaff(existing.role))
      return fail({ status: 409, code: "not-a-customer", message: "this email belongs to a staff account: use the customer's own email", path: "email" });
    let id = existing?.id;
    if (!id) {
      [{ id }] = await tx
        .insert(users)
        .values({
          email: input.email,
          name: input.name,
          phone: input.phone ?? null,
          ...personIndexes(input),
          role: "customer",
          // Not a PHC string: no password verifies against it until the customer sets one with the claim link.
          passwordHash: UNCLAIMED_HASH,
        })
        .returning({ id: users.id });
      await sendClaimLink(tx, dealer.userId, id, now);
    }
    await tx
      .insert(dealershipCustomers)
      .values({
        dealershipId: dealer.dealershipId,
        customerId: id,
        consentToContact: input.consentToContact,
        consentAt: input.consentToContact ? now : null,
        createdBy: dealer.userId,
        createdAt: now,
      })
      .onConflictDoUpdate({
        target: [dealershipCustomers.dealershipId, dealershipCustomers.customerId],
        set: { consentToContact: input.consentToContact, consentAt: input.consentToContact ? now : null },
      });
    return ok((await getCustomer(tx, dealer, id))!);
  });
}

// ------------------------------------------------------------------- quotes

export interface QuoteInput {
  line: string;
  choices: readonly string[];
  texts: Readonly<Record<string, string>>;
  market: Market;
  discount: Discount;
  /** Why the dealer asks for a discount above their cap; kept only on a version that needs approval. */
  justification?: string;
}

export interface QuoteVersion extends PricedConfiguration {
  version: number;
  discount: Discount;
  price: QuotePrice;
  total: number;
  validUntil: string;
  sentAt: Date | null;
  approval: QuoteVersionRow["approval"];
  approvedBy: string | null;
  approvalComment: string | null;
  approvalJustification: string | null;
  approvalAt: Date | null;
  signed: boolean;
  signedAt: Date | null;
  shareCode: string | null;
  createdBy: string;
  createdAt: Date;
}

export interface Quote {
  id: string;
  number: string;
  dealershipId: string;
  customer: { id: string; name: string; email: string; phone: string | null };
  createdBy: string;
  latestVersion: number;
  orderId: string | null;
  orderNumber: string | null;
  lockVersion: number;
  createdAt: Date;
  updatedAt: Date;
  versions: QuoteVersion[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const QUOTE_NUMBER = /^Q-\d{7,}$/;

const toVersion = (v: QuoteVersionRow): QuoteVersion => ({
  version: v.version,
  line: v.lineCode,
  catalogVersion: v.catalogVersionId,
  choices: v.choices,
  texts: v.texts,
  market: v.market,
  currency: v.currency,
  discount: { kind: v.discountKind, value: v.discountValue },
  price: v.price,
  total: v.total,
  validUntil: v.validUntil,
  sentAt: v.sentAt,
  approval: v.approval,
  approvedBy: v.approvedBy,
  approvalComment: v.approvalComment,
  approvalJustification: v.approvalJustification,
  approvalAt: v.approvalAt,
  signed: v.signature !== null,
  signedAt: v.signedAt,
  shareCode: v.shareCode,
  createdBy: v.createdBy,
  createdAt: v.createdAt,
});

/** A quote of the dealer's dealership by number, with every version (oldest first), or null. */
export async function getQuote(db: Executor, dealer: Pick<DealerContext, "dealershipId">, number: string): Promise<Quote | null> {
  if (!QUOTE_NUMBER.test(number)) return null;
  const [row] = await db
    .select({
      quote: quotes,
      customer: { id: users.id, name: users.name, email: users.email, phone: users.phone },
      orderNumber: sql<string | null>`(select number from orders where orders.id = ${quotes.orderId})`,
    })
    .from(quotes)
    .innerJoin(users, eq(users.id, quotes.customerId))
    .where(and(eq(quotes.number, number), eq(quotes.dealershipId, dealer.dealershipId)));
  if (!row) return null;
  const versions = await db.select().from(quoteVersions).where(eq(quoteVersions.quoteId, row.quote.id)).orderBy(asc(quoteVersions.version));
  const q = row.quote;
  return {
    id: q.id,
    number: q.number,
    dealershipId: q.dealershipId,
    customer: row.customer,
    createdBy: q.createdBy,
    latestVersion: q.latestVersion,
    orderId: q.orderId,
    orderNumber: row.orderNumber,
    lockVersion: q.lockVersion,
    createdAt: q.createdAt,
    updatedAt: q.updatedAt,
    versions: versions.map(toVersion),
  };
}

export interface QuoteSummary {
  number: string;
  customerName: string;
  latestVersion: number;
  total: number;
  /** The newest version's market: its total is in that market's currency. */
  market: Market;
  currency: string;
  approval: QuoteVersionRow["approval"];
  validUntil: string;
  signed: boolean;
  orderId: string | null;
  updatedAt: Date;
}

/** What the dealers' quote lists show of a quote, its customer and its newest version (a list adds its own columns after these). */
export const QUOTE_LIST_COLUMNS = {
  number: quotes.number,
  customerName: users.name,
  latestVersion: quotes.latestVersion,
  total: quoteVersions.total,
  market: quoteVersions.market,
  currency: quoteVersions.currency,
  approval: quoteVersions.approval,
  validUntil: quoteVersions.validUntil,
  signedAt: quoteVersions.signedAt,
  orderId: quotes.orderId,
};

/** A quote's newest version (the join of the dealers' quote lists). */
export const isLatestVersion = and(eq(quoteVersions.quoteId, quotes.id), eq(quoteVersions.version, quotes.latestVersion));

/** The dealership's quotes, most recently changed first; `pendingOnly` for a sales manager's approvals. */
export async function listQuotes(db: Executor, dealer: Pick<DealerContext, "dealershipId">, options: { pendingOnly?: boolean; customerId?: string; limit?: number } = {}): Promise<QuoteSummary[]> {
  const rows = await db
    .select({ ...QUOTE_LIST_COLUMNS, updatedAt: quotes.updatedAt })
    .from(quotes)
    .innerJoin(users, eq(users.id, quotes.customerId))
    .innerJoin(quoteVersions, isLatestVersion)
    .where(
      and(
        eq(quotes.dealershipId, dealer.dealershipId),
        options.pendingOnly ? eq(quoteVersions.approval, "pending") : undefined,
        options.customerId ? eq(quotes.customerId, options.customerId) : undefined,
      ),
    )
    .orderBy(desc(quotes.updatedAt), desc(quotes.seq))
    .limit(Math.min(options.limit ?? 100, 500));
  return rows.map(({ signedAt, ...r }) => ({ ...r, signed: signedAt !== null }));
}

/** Check and price a configuration for a quote: the active catalog, complete and valid, the discount within the price. */
async function priced(db: Executor, input: QuoteInput): Promise<Result<{ catalogVersion: string; price: QuotePrice }>> {
  const checked = await checkOrderable(db, input, "quoted");
  if (!checked.ok) return fail(checked.problem);
  const { line, version } = checked.value;
  const list = price(line, input.choices, input.texts, input.market);
  const refusal = discountRefusal(input.discount, list.net);
  if (refusal) return fail({ status: 400, code: `discount-${refusal.code}`, message: refusal.message, path: "discount" });
  return ok({ catalogVersion: version.id, price: applyDiscount(list, input.discount) });
}

function versionValues(dealer: DealerContext, input: QuoteInput, checked: { catalogVersion: string; price: QuotePrice }, now: Date) {
  const pending = needsApproval(checked.price, dealer.capBasisPoints);
  return {
    lineCode: input.line,
    catalogVersionId: checked.catalogVersion,
    choices: [...input.choices],
    texts: { ...input.texts },
    market: input.market,
    currency: checked.price.list.currency,
    discountKind: input.discount.kind,
    discountValue: input.discount.value,
    price: checked.price,
    total: checked.price.total,
    validUntil: validUntil(dayOf(now), dealer.dealership.quoteValidityDays),
    approval: pending ? ("pending" as const) : ("not_needed" as const),
    approvalJustification: pending ? input.justification?.trim() || null : null,
    createdBy: dealer.userId,
    createdAt: now,
  };
}

/** Tell the dealership's sales managers that a discount waits for them (in the same transaction). */
async function notifyManagers(tx: Executor, dealer: DealerContext, number: string, version: number): Promise<void> {
  const managers = await tx
    .select({ id: dealershipMembers.userId })
    .from(dealershipMembers)
    .where(and(eq(dealershipMembers.dealershipId, dealer.dealershipId), eq(dealershipMembers.role, "sales_manager")));
  const others = managers.filter((m) => m.id !== dealer.userId);
  if (others.length === 0) return;
  await tx.insert(notifications).values(others.map((m) => ({ userId: m.id, kind: "quote.approval-requested", data: { number, version }, href: `/dealer/quotes/${number}` })));
}

/** Start a quote for one of the dealership's customers. */
export async function createQuote(db: Executor, dealer: DealerContext, customerId: string, input: QuoteInput, now = new Date()): Promise<Result<Quote>> {
  const customer = await getCustomer(db, dealer, customerId);
  if (!customer) return notFound("such customer");
  const checked = await priced(db, input);
  if (!checked.ok) return checked;
  return db.transaction(async (tx) => {
    const [quote] = await tx
      .insert(quotes)
      .values({ dealershipId: dealer.dealershipId, customerId, createdBy: dealer.userId, createdAt: now, updatedAt: now })
      .returning({ id: quotes.id, number: quotes.number });
    const values = versionValues(dealer, input, checked.value, now);
    await tx.insert(quoteVersions).values({ quoteId: quote!.id, version: 1, ...values });
    if (values.approval === "pending") await notifyManagers(tx, dealer, quote!.number, 1);
    return ok((await getQuote(tx, dealer, quote!.number))!);
  });
}

/** Lock the quote row for the rest of the transaction and check the version the caller saw. */
async function lockQuote(tx: Executor, dealer: Pick<DealerContext, "dealershipId">, number: string, expectedLock: number): Promise<Result<Quote>> {
  if (!QUOTE_NUMBER.test(number)) return notFound(`quote ${number}`);
  await tx.execute(sql`select 1 from ${quotes} where ${quotes.number} = ${number} and ${quotes.dealershipId} = ${dealer.dealershipId} for update`);
  const quote = await getQuote(tx, dealer, number);
  if (!quote) return notFound(`quote ${number}`);
  if (quote.lockVersion !== expectedLock)
    return fail({ status: 409, code: "stale", message: `quote ${number} was changed meanwhile (now version ${quote.latestVersion}): reload it and try again` });
  return ok(quote);
}

async function touch(tx: Executor, quote: Quote, set: { latestVersion?: number; orderId?: string }, now: Date): Promise<void> {
  await tx
    .update(quotes)
    .set({ ...set, lockVersion: sql`${quotes.lockVersion} + 1`, updatedAt: now })
    .where(eq(quotes.id, quote.id));
}

/**
 * Change a quote's configuration or discount. The newest version is changed
 * in place while it is an unsent, unsigned draft nobody has decided on;
 * otherwise a new version is made and the earlier ones stay as they were.
 */
export async function reviseQuote(
  db: Executor,
  dealer: DealerContext,
  number: string,
  input: QuoteInput & { expectedLock: number },
  now = new Date(),
): Promise<Result<Quote>> {
  const checked = await priced(db, input);
  if (!checked.ok) return checked;
  return db.transaction(async (tx) => {
    const locked = await lockQuote(tx, dealer, number, input.expectedLock);
    if (!locked.ok) return locked;
    const quote = locked.value;
    if (quote.orderId) return fail({ status: 409, code: "already-ordered", message: `quote ${number} has already become an order` });
    const latest = quote.versions.at(-1)!;
    const values = versionValues(dealer, input, checked.value, now);
    const draft = latest.sentAt === null && !latest.signed && (latest.approval === "not_needed" || latest.approval === "pending");
    let version = latest.version;
    if (draft) {
      await tx
        .update(quoteVersions)
        .set({ ...values, approvedBy: null, approvalComment: null, approvalAt: null, shareCode: null })
        .where(and(eq(quoteVersions.quoteId, quote.id), eq(quoteVersions.version, latest.version)));
    } else {
      version = latest.version + 1;
      await tx.insert(quoteVersions).values({ quoteId: quote.id, version, ...values });
    }
    await touch(tx, quote, { latestVersion: version }, now);
    if (values.approval === "pending") await notifyManagers(tx, dealer, number, version);
    return ok((await getQuote(tx, dealer, number))!);
  });
}

/**
 * Hand the newest version to the customer: it is frozen from now on, and gets
 * a share code that reopens it. Only a version whose discount stands (within
 * the cap, or approved: `handOverRefusal`) is handed over; any other is 409.
 */
export async function sendQuote(db: Executor, dealer: DealerContext, number: string, expectedLock: number, now = new Date()): Promise<Result<Quote>> {
  return db.transaction(async (tx) => {
    const locked = await lockQuote(tx, dealer, number, expectedLock);
    if (!locked.ok) return locked;
    const quote = locked.value;
    const latest = quote.versions.at(-1)!;
    const refusal = handOverRefusal(latest);
    if (refusal) return fail({ status: 409, code: refusal.code, message: refusal.message });
    if (latest.sentAt !== null) return ok(quote);
    const share = await createShareCode(tx, { line: latest.line, version: latest.catalogVersion, choices: latest.choices, texts: latest.texts }, { createdBy: dealer.userId });
    if (!share.ok) return fail({ ...share.problem, status: 409 });
    await tx
      .update(quoteVersions)
      .set({ sentAt: now, shareCode: share.value.code })
      .where(and(eq(quoteVersions.quoteId, quote.id), eq(quoteVersions.version, latest.version)));
    await touch(tx, quote, {}, now);
    return ok((await getQuote(tx, dealer, number))!);
  });
}

/** A sales manager of the quote's dealership approves or rejects the pending discount of its newest version; a rejection says why. */
export async function decideDiscount(
  db: Executor,
  manager: DealerContext,
  number: string,
  input: { approve: boolean; comment: string; expectedLock: number },
  now = new Date(),
): Promise<Result<Quote>> {
  if (!can(manager, "quote.decide")) return fail({ status: 403, code: "forbidden", message: "only a sales manager of the dealership approves discounts" });
  const silent = rejectionRefusal(input);
  if (silent) return fail({ status: 400, code: silent.code, message: silent.message, path: "comment" });
  const comment = input.comment.trim() || null;
  return db.transaction(async (tx) => {
    const locked = await lockQuote(tx, manager, number, input.expectedLock);
    if (!locked.ok) return locked;
    const quote = locked.value;
    const latest = quote.versions.at(-1)!;
    if (latest.approval !== "pending") return fail({ status: 409, code: "not-pending", message: `quote ${number} version ${latest.version} has no discount waiting for approval` });
    await tx
      .update(quoteVersions)
      .set({ approval: input.approve ? "approved" : "rejected", approvedBy: manager.userId, approvalComment: comment, approvalAt: now })
      .where(and(eq(quoteVersions.quoteId, quote.id), eq(quoteVersions.version, latest.version)));
    await touch(tx, quote, {}, now);
    await recordAudit(
      tx,
      {
        actorId: manager.userId,
        action: "quote.discount.decide",
        subject: "quote",
        subjectId: number,
        before: { version: latest.version, approval: "pending" },
        after: { version: latest.version, approval: input.approve ? "approved" : "rejected" },
      },
      now,
    );
    await tx.insert(notifications).values({
      userId: latest.createdBy,
      kind: input.approve ? "quote.approved" : "quote.rejected",
      data: { number, version: latest.version, comment },
      href: `/dealer/quotes/${number}`,
    });
    return ok((await getQuote(tx, manager, number))!);
  });
}

/** Largest signature accepted (SVG path data from the tablet). */
export const MAX_SIGNATURE_LENGTH = 100_000;
const SIGNATURE = /^[MLQCZmlqcz0-9 ,.-]+$/;

/**
 * A version's signature (SVG path data in the pad's coordinates, `SIGNATURE_PAD`)
 * and when it was given, or null before it is signed. Read apart from
 * `getQuote`: the pages never need the drawing itself, only the printed quote.
 */
export async function versionSignature(db: Executor, quoteId: string, version: number): Promise<{ path: string; signedAt: Date } | null> {
  const [row] = await db
    .select({ path: quoteVersions.signature, signedAt: quoteVersions.signedAt })
    .from(quoteVersions)
    .where(and(eq(quoteVersions.quoteId, quoteId), eq(quoteVersions.version, version)));
  return row?.path && row.signedAt ? { path: row.path, signedAt: row.signedAt } : null;
}

/** The customer signs the newest version on the tablet. */
export async function signQuote(
  db: Executor,
  dealer: DealerContext,
  number: string,
  input: { signature: string; expectedLock: number },
  now = new Date(),
): Promise<Result<Quote>> {
  const signature = input.signature.trim();
  if (signature === "" || !/[Ll]/.test(signature)) return fail({ status: 400, code: "empty-signature", message: "the signature is empty: ask the customer to sign with a finger", path: "signature" });
  if (signature.length > MAX_SIGNATURE_LENGTH || !SIGNATURE.test(signature))
    return fail({ status: 400, code: "invalid-signature", message: "the signature could not be read: clear it and sign again", path: "signature" });
  return db.transaction(async (tx) => {
    const locked = await lockQuote(tx, dealer, number, input.expectedLock);
    if (!locked.ok) return locked;
    const quote = locked.value;
    const latest = quote.versions.at(-1)!;
    const refusal = orderRefusal({ ...latest, latestVersion: quote.latestVersion, signed: true, ordered: quote.orderId !== null }, dayOf(now));
    if (refusal) return fail({ status: 409, code: refusal.code, message: refusal.message });
    if (latest.signed) return fail({ status: 409, code: "already-signed", message: `version ${latest.version} is already signed` });
    await tx
      .update(quoteVersions)
      .set({ signature, signedAt: now, sentAt: latest.sentAt ?? now })
      .where(and(eq(quoteVersions.quoteId, quote.id), eq(quoteVersions.version, latest.version)));
    await touch(tx, quote, {}, now);
    return ok((await getQuote(tx, dealer, number))!);
  });
}

/**
 * Turn a signed quote version into an order: re-validated and re-priced by
 * `placeOrder` with the quote's discount (a catalog or price change since the
 * quote refuses it: make a new version), idempotent per quote version, and
 * linked to the quote in the same transaction.
 */
export async function orderFromQuote(
  db: Executor,
  dealer: DealerContext,
  number: string,
  input: { version: number; contact: Contact },
  now = new Date(),
): Promise<Result<OrderView>> {
  return db.transaction(async (tx) => {
    if (!QUOTE_NUMBER.test(number)) return notFound(`quote ${number}`);
    await tx.execute(sql`select 1 from ${quotes} where ${quotes.number} = ${number} and ${quotes.dealershipId} = ${dealer.dealershipId} for update`);
    const quote = await getQuote(tx, dealer, number);
    if (!quote) return notFound(`quote ${number}`);
    const v = quote.versions.find((x) => x.version === input.version);
    if (!v) return notFound(`version ${input.version} of quote ${number}`);
    const idempotencyKey = `quote:${quote.id}:v${v.version}`;
    const placeInput = {
      line: v.line,
      catalogVersion: v.catalogVersion,
      choices: v.choices,
      texts: v.texts,
      market: v.market,
      expectedTotal: v.total,
      contact: input.contact,
      idempotencyKey,
    };
    const options = { customerId: quote.customer.id, dealershipId: quote.dealershipId, discount: v.discount, now };
    if (quote.orderId) {
      // Already ordered: a retry of the same version answers with its order; anything else is refused. Once the
      // order's idempotency key is forgotten (decision 044) placeOrder would place a second order: the order row is
      // locked first so the retention sweep can't clear the key between this check and the replay.
      const [kept] = await tx
        .select({ id: orders.id })
        .from(orders)
        .where(and(eq(orders.id, quote.orderId), eq(orders.placedBy, dealer.userId), eq(orders.idempotencyKey, idempotencyKey)))
        .for("update");
      if (!kept) return fail({ status: 409, code: "already-ordered", message: `quote ${number} has already become order ${quote.orderNumber}` });
      const again = await placeOrder(tx, { id: dealer.userId, role: dealer.role }, placeInput, options);
      if (again.ok && !again.value.created && again.value.order.id === quote.orderId) return ok(again.value.order);
      return fail({ status: 409, code: "already-ordered", message: `quote ${number} has already become order ${quote.orderNumber}` });
    }
    const refusal = orderRefusal({ ...v, latestVersion: quote.latestVersion, ordered: false }, dayOf(now));
    if (refusal) return fail({ status: 409, code: refusal.code, message: refusal.message });
    const placed = await placeOrder(tx, { id: dealer.userId, role: dealer.role }, placeInput, options);
    if (!placed.ok) return fail(orderToQuoteProblem(placed.problem));
    await touch(tx, quote, { orderId: placed.value.order.id }, now);
    return ok(placed.value.order);
  });
}

/** An order's refusal in the quote's terms. Without the order's total: the quote's answer never carried it. */
function orderToQuoteProblem({ total: _, ...p }: Refusal<OrderRefusalCode>): Refusal {
  if (p.code === "price-changed" || p.code === "retired-version" || p.code === "outdated-version")
    return { ...p, status: 409, message: `${p.message.split(":")[0]}: the quote's prices no longer hold — make a new version of the quote` };
  return p;
}
