/**
 * Leads: configurations sent to a dealership ("send to a dealer"), its inbox,
 * and starting a quote from one.
 *
 * What was sent is frozen as a share code in the same transaction as the
 * lead (a code the sender opened is already a snapshot and is reused), so
 * later edits of a saved configuration don't change what the dealership sees.
 *
 * Scope is a query condition, as for quotes (014): every inbox function takes
 * the acting dealer's context and filters by its dealership, so another
 * dealership's lead answers exactly like a missing one.
 */
import { and, asc, count, desc, eq, gt } from "drizzle-orm";
import type { Executor } from "#db/client";
import { dealershipCustomers, dealershipMembers, dealerships, leads, notifications, quotes, shareCodes, users } from "#db/schema";
import type { Market } from "~/domain/catalog";
import type { LeadForm } from "~/domain/forms/leads";
import { LEAD_LIMITS, LEAD_STATUSES, leadStatusRefusal, type LeadStatus, type ManualLeadStatus, type PreferredContact } from "~/domain/leads";
import { fail, ok, type Result } from "~/domain/result";
import { createShareCode, getSharedConfiguration, type ConfigurationInput } from "~/.server/configurations/configurations.server";
import { addCustomer, createQuote, type DealerContext } from "~/.server/quotes/quotes.server";
import { emailIndex } from "~/.server/privacy/personal-data.server";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface DealershipChoice {
  code: string;
  name: string;
  market: Market;
}

/** The dealerships a configuration can be sent to: those of the sender's market first, then by name. */
export async function listDealerships(db: Executor, market: Market | null): Promise<DealershipChoice[]> {
  const rows = await db.select({ code: dealerships.code, name: dealerships.name, market: dealerships.market }).from(dealerships).orderBy(asc(dealerships.name));
  return [...rows.filter((r) => r.market === market), ...rows.filter((r) => r.market !== market)];
}

/** What is sent: a share code someone opened, one of the customer's saved configurations, or a configuration given in full (the review page). */
export type LeadSource = { share: string } | { configurationId: string; ownerId: string } | ConfigurationInput;

export type Sender = { customerId: string } | { visitor: { name: string; email: string } };

export interface SentLead {
  id: string;
  dealership: string;
  shareCode: string;
}

/** Rolls the lead back when the sender is over the limit (nothing of it stays). */
class OverLimit extends Error {}

/**
 * Send a configuration to a dealership. Refused: an unknown dealership or
 * share code (404), a configuration the engine refuses (its own refusal), a
 * sender over the limit (429). The share code, the lead and the staff's
 * notifications are one transaction.
 */
export async function sendLead(
  db: Executor,
  input: { sender: Sender; source: LeadSource; form: LeadForm; clientAddress: string },
  now = new Date(),
): Promise<Result<SentLead>> {
  const [dealership] = await db.select({ id: dealerships.id, name: dealerships.name }).from(dealerships).where(eq(dealerships.code, input.form.dealership));
  if (!dealership) return fail({ status: 404, code: "unknown-dealership", message: `no dealership ${input.form.dealership}`, path: "dealership" });
  const customerId = "customerId" in input.sender ? input.sender.customerId : null;
  const visitor = "visitor" in input.sender ? input.sender.visitor : null;
  try {
    return await db.transaction(async (tx) => {
      let code: string;
      if ("share" in input.source) {
        const shared = await getSharedConfiguration(tx, input.source.share);
        if (!shared) return fail({ status: 404, code: "unknown-share-code", message: "no configuration has this share code", path: "share" });
        code = shared.code;
      } else {
        const created = await createShareCode(tx, input.source, { createdBy: customerId });
        if (!created.ok) return created;
        code = created.value.code;
      }
      const [lead] = await tx
        .insert(leads)
        .values({
          dealershipId: dealership.id,
          customerId,
          name: visitor?.name ?? null,
          email: visitor?.email ?? null,
          emailIndex: visitor?.email ? emailIndex(visitor.email) : null,
          phone: input.form.phone ?? null,
          preferredContact: input.form.preferredContact,
          message: input.form.message || null,
          shareCode: code,
          clientAddress: input.clientAddress.slice(0, 100) || "unknown",
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: leads.id });
      // Counted after the insert, so two sends at once see each other (as the sign-in limit does).
      if (await overLimit(tx, { customerId, email: visitor?.email ?? null, clientAddress: input.clientAddress }, now)) throw new OverLimit();
      await notifyStaff(tx, dealership.id, lead!.id, now);
      return ok({ id: lead!.id, dealership: dealership.name, shareCode: code });
    });
  } catch (error) {
    if (error instanceof OverLimit)
      return fail({ status: 429, code: "too-many-leads", message: `at most ${LEAD_LIMITS.perWindow} configurations an hour can be sent: try again later` });
    throw error;
  }
}

/** More leads than the limit in the window from this address, this visitor's email or this account. */
async function overLimit(tx: Executor, key: { customerId: string | null; email: string | null; clientAddress: string }, now: Date): Promise<boolean> {
  const since = gt(leads.createdAt, new Date(now.getTime() - LEAD_LIMITS.windowMs));
  const n = async (condition: ReturnType<typeof eq>) => Number((await tx.select({ n: count() }).from(leads).where(and(condition, since)))[0]?.n ?? 0);
  const counts = await Promise.all([
    n(eq(leads.clientAddress, key.clientAddress)),
    // The email is encrypted: its blind index is compared (so "Anna@X" and "anna@x" count together).
    key.email ? n(eq(leads.emailIndex, emailIndex(key.email))) : 0,
    key.customerId ? n(eq(leads.customerId, key.customerId)) : 0,
  ]);
  return counts.some((c) => c > LEAD_LIMITS.perWindow);
}

/** Every member of the dealership hears of a new lead (in the same transaction: never of one rolled back). */
async function notifyStaff(tx: Executor, dealershipId: string, leadId: string, now: Date): Promise<void> {
  const staff = await tx.select({ id: dealershipMembers.userId }).from(dealershipMembers).where(eq(dealershipMembers.dealershipId, dealershipId));
  if (staff.length === 0) return;
  await tx.insert(notifications).values(staff.map((s) => ({ userId: s.id, kind: "lead.received", data: { lead: leadId }, href: `/dealer/leads/${leadId}`, createdAt: now })));
}

// ------------------------------------------------------------------ inbox

export interface LeadSummary {
  id: string;
  status: LeadStatus;
  /** The customer's account name, or the visitor's as typed. */
  name: string;
  email: string;
  shareCode: string;
  line: string;
  guest: boolean;
  quoteNumber: string | null;
  createdAt: Date;
}

export interface Lead extends LeadSummary {
  customerId: string | null;
  phone: string | null;
  preferredContact: PreferredContact;
  message: string | null;
}

const leadColumns = {
  id: leads.id,
  status: leads.status,
  // The account's name and email are encrypted (decision 045): chosen after decryption, in `withContact`.
  accountName: users.name,
  accountEmail: users.email,
  guestName: leads.name,
  guestEmail: leads.email,
  shareCode: leads.shareCode,
  line: shareCodes.lineCode,
  customerId: leads.customerId,
  quoteNumber: quotes.number,
  createdAt: leads.createdAt,
};

type LeadColumns = { accountName: string | null; accountEmail: string | null; guestName: string | null; guestEmail: string | null };
/** A lead's contact: the account's if it has one, else what the visitor typed (the leads_sender check makes one of them whole). */
function withContact<T extends LeadColumns>({ accountName, accountEmail, guestName, guestEmail, ...r }: T): Omit<T, keyof LeadColumns> & { name: string; email: string } {
  return { ...r, name: (accountName ?? guestName)!, email: (accountEmail ?? guestEmail)! };
}

const toSummary = ({ customerId, ...r }: { customerId: string | null } & Omit<LeadSummary, "guest">): LeadSummary => ({ ...r, guest: customerId === null });

/** The dealership's leads, newest first, optionally of one status. */
export async function listLeads(db: Executor, dealer: Pick<DealerContext, "dealershipId">, options: { status?: LeadStatus; limit?: number } = {}): Promise<LeadSummary[]> {
  const rows = await db
    .select(leadColumns)
    .from(leads)
    .innerJoin(shareCodes, eq(shareCodes.code, leads.shareCode))
    .leftJoin(users, eq(users.id, leads.customerId))
    .leftJoin(quotes, eq(quotes.id, leads.quoteId))
    .where(and(eq(leads.dealershipId, dealer.dealershipId), options.status ? eq(leads.status, options.status) : undefined))
    .orderBy(desc(leads.createdAt), desc(leads.id))
    .limit(Math.min(options.limit ?? 100, 500));
  return rows.map((r) => toSummary(withContact(r)));
}

/** The dealership's leads by status (the inbox's filter shows them). */
export async function countLeadsByStatus(db: Executor, dealer: Pick<DealerContext, "dealershipId">): Promise<Record<LeadStatus, number>> {
  const rows = await db.select({ status: leads.status, n: count() }).from(leads).where(eq(leads.dealershipId, dealer.dealershipId)).groupBy(leads.status);
  const counts = Object.fromEntries(LEAD_STATUSES.map((s) => [s, 0])) as Record<LeadStatus, number>;
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}

/** How many of the dealership's leads nobody has answered yet (the badge on /dealer). */
export async function countNewLeads(db: Executor, dealer: Pick<DealerContext, "dealershipId">): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(leads)
    .where(and(eq(leads.dealershipId, dealer.dealershipId), eq(leads.status, "new")));
  return Number(row?.n ?? 0);
}

/** One of the dealership's leads, or null (another dealership's, missing or malformed id alike). */
export async function getLead(db: Executor, dealer: Pick<DealerContext, "dealershipId">, id: string): Promise<Lead | null> {
  if (!UUID.test(id)) return null;
  const [row] = await db
    .select({ ...leadColumns, guestPhone: leads.phone, accountPhone: users.phone, preferredContact: leads.preferredContact, message: leads.message })
    .from(leads)
    .innerJoin(shareCodes, eq(shareCodes.code, leads.shareCode))
    .leftJoin(users, eq(users.id, leads.customerId))
    .leftJoin(quotes, eq(quotes.id, leads.quoteId))
    .where(and(eq(leads.id, id), eq(leads.dealershipId, dealer.dealershipId)));
  if (!row) return null;
  const { guestPhone, accountPhone, preferredContact, message, ...summary } = row;
  return { ...toSummary(withContact(summary)), customerId: row.customerId, phone: guestPhone ?? accountPhone, preferredContact, message };
}

const noLead = () => fail({ status: 404, code: "not-found", message: "no such lead in your dealership" });

/** Lock the lead for the rest of the transaction (a second tap waits here, then sees what the first one did). */
async function lockLead(tx: Executor, dealer: Pick<DealerContext, "dealershipId">, id: string) {
  if (!UUID.test(id)) return null;
  const [row] = await tx
    .select()
    .from(leads)
    .where(and(eq(leads.id, id), eq(leads.dealershipId, dealer.dealershipId)))
    .for("update");
  return row ?? null;
}

/** Mark a lead contacted or closed. A quoted lead stays quoted; a closed one isn't reopened as contacted. */
export async function setLeadStatus(db: Executor, dealer: Pick<DealerContext, "dealershipId">, id: string, status: ManualLeadStatus, now = new Date()): Promise<Result<LeadStatus>> {
  return db.transaction(async (tx) => {
    const lead = await lockLead(tx, dealer, id);
    if (!lead) return noLead();
    const refusal = leadStatusRefusal(lead.status, status);
    if (refusal) return fail({ status: 409, code: refusal, message: `the lead is ${lead.status} already` });
    await tx.update(leads).set({ status, updatedAt: now }).where(eq(leads.id, lead.id));
    return ok(status);
  });
}

export type StartedQuote =
  /** The quote made from (or already made from) the lead. */
  | { kind: "quote"; number: string; created: boolean }
  /** The configuration isn't complete (or no longer valid): the dealer completes it in the configurator first. */
  | { kind: "configure"; customerId: string; shareCode: string };

/**
 * "Start a quote" from a lead, once: the sender becomes (or already is) one
 * of the dealership's customers — a visitor's contact makes the account, as
 * a dealer adding a customer would — and the lead's configuration, mapped
 * onto the active catalog, becomes the quote's first version without a
 * discount; the lead is then quoted with that quote. A second tap finds the
 * quote of the first. A configuration that can't be quoted as it is goes to
 * the configurator with the customer chosen (the lead is then contacted).
 */
export async function startQuoteFromLead(db: Executor, dealer: DealerContext, id: string, now = new Date()): Promise<Result<StartedQuote>> {
  return db.transaction(async (tx) => {
    const lead = await lockLead(tx, dealer, id);
    if (!lead) return noLead();
    if (lead.quoteId) {
      const [quote] = await tx.select({ number: quotes.number }).from(quotes).where(eq(quotes.id, lead.quoteId));
      return ok({ kind: "quote" as const, number: quote!.number, created: false });
    }
    const customerId = await customerFor(tx, dealer, lead, now);
    if (!customerId.ok) return customerId;
    const shared = await getSharedConfiguration(tx, lead.shareCode);
    const nearest = shared?.reconciliation;
    if (!shared || (nearest && !nearest.lineAvailable))
      return fail({ status: 409, code: "line-gone", message: "this configuration's product line is no longer in the catalog" });
    const quote = await createQuote(
      tx,
      dealer,
      customerId.value,
      { line: shared.line, choices: nearest?.choices ?? shared.choices, texts: nearest?.texts ?? shared.texts, market: dealer.dealership.market, discount: { kind: "percent", value: 0 } },
      now,
    );
    if (!quote.ok) {
      if (quote.problem.code !== "invalid-configuration") return quote;
      if (lead.status === "new") await tx.update(leads).set({ status: "contacted", updatedAt: now }).where(eq(leads.id, lead.id));
      return ok({ kind: "configure" as const, customerId: customerId.value, shareCode: lead.shareCode });
    }
    await tx.update(leads).set({ status: "quoted", quoteId: quote.value.id, updatedAt: now }).where(eq(leads.id, lead.id));
    return ok({ kind: "quote" as const, number: quote.value.number, created: true });
  });
}

/** The lead's sender as one of the dealership's customers: the account linked (they asked to be contacted), or made from a visitor's contact. */
async function customerFor(tx: Executor, dealer: DealerContext, lead: typeof leads.$inferSelect, now: Date): Promise<Result<string>> {
  if (lead.customerId) {
    await tx
      .insert(dealershipCustomers)
      .values({ dealershipId: dealer.dealershipId, customerId: lead.customerId, consentToContact: true, consentAt: now, createdBy: dealer.userId, createdAt: now })
      .onConflictDoNothing();
    return ok(lead.customerId);
  }
  const added = await addCustomer(tx, dealer, { name: lead.name!, email: lead.email!, phone: lead.phone ?? undefined, consentToContact: true }, now);
  return added.ok ? ok(added.value.id) : added;
}

// ------------------------------------------------------------ the sender's

export interface SentLeadView {
  id: string;
  dealership: string;
  status: LeadStatus;
  shareCode: string;
  line: string;
  createdAt: Date;
}

/** The leads a customer sent, newest first (their account page). */
export async function listSentLeads(db: Executor, customerId: string, options: { limit?: number } = {}): Promise<SentLeadView[]> {
  return db
    .select({ id: leads.id, dealership: dealerships.name, status: leads.status, shareCode: leads.shareCode, line: shareCodes.lineCode, createdAt: leads.createdAt })
    .from(leads)
    .innerJoin(dealerships, eq(dealerships.id, leads.dealershipId))
    .innerJoin(shareCodes, eq(shareCodes.code, leads.shareCode))
    .where(eq(leads.customerId, customerId))
    .orderBy(desc(leads.createdAt), desc(leads.id))
    .limit(Math.min(options.limit ?? 20, 100));
}
