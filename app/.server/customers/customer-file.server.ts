/**
 * The customer file shared across departments: one read of everything staff
 * may know about a customer, cut by the reader's permissions (decision 030).
 *
 *   everyone with customer-file.read   name, tier and its history, orders,
 *                                      feedback, staff notes
 *   customer-file.contact (sales)      email, phone, address, contact
 *                                      channel, consents, configurations the
 *                                      customer shared with the dealership
 *   customer-file.audit (admins)       who opened the file, when
 *
 * Which customers a reader reaches is ownership, as everywhere (014): a
 * dealership's staff reach the customers of their dealership and read its
 * orders and notes; the maker's staff (planners, admins) reach every customer.
 * Every opening is logged (customer_file_access), written before anything is
 * read so a failed read still leaves the trace.
 */
import { recordAudit } from "~/.server/audit/audit.server";
import { and, desc, eq, isNull, or } from "drizzle-orm";
import type { Executor } from "#db/client";
import { customerFileAccess, customerNotes, dealershipCustomers, dealerships, leads, orders, users } from "#db/schema";
import type { Market } from "~/domain/catalog";
import type { OrderStatus } from "~/domain/orders";
import { can } from "~/domain/permissions";
import type { ContactChannel, PostalAddress } from "~/domain/profile";
import { fail, ok, type Result } from "~/domain/result";
import { isStaff, type CustomerTier, type Role } from "~/domain/roles";
import { getProfile, type Profile } from "./profile.server";
import { feedbackOnOrders, type Feedback } from "./feedback.server";
import { tierHistory, type TierEventView } from "./tiers.server";

/** Who reads a file: a dealership's staff member (dealershipId set) or the maker's staff (null). */
export interface FileReader {
  id: string;
  role: Role;
  dealershipId: string | null;
}

export interface CustomerFile {
  id: string;
  name: string;
  tier: CustomerTier;
  tierHistory: TierEventView[];
  /** Null: the reader may not see contact details (planners). */
  contact: {
    email: string;
    phone: string | null;
    address: PostalAddress | null;
    contactChannel: ContactChannel;
    consents: Profile["consents"];
  } | null;
  orders: { id: string; number: string; line: string; status: OrderStatus; total: number; market: Market; createdAt: Date }[];
  feedback: Feedback[];
  notes: { id: number; body: string; authorName: string | null; dealershipName: string | null; at: Date }[];
  /** The configurations the customer sent to the reader's dealership (null: not shown to this reader). */
  shared: { id: string; shareCode: string; status: string; createdAt: Date }[] | null;
  /** Recent openings of the file (null: not shown to this reader). */
  access: { viewerName: string; at: Date }[] | null;
}

/** Whether the reader reaches this customer: their dealership's customer, or (maker's staff) any customer. */
export async function reachesCustomer(db: Executor, reader: FileReader, customerId: string): Promise<boolean> {
  if (!can(reader, "customer-file.read") || !UUID.test(customerId)) return false;
  if (reader.dealershipId !== null) {
    const [row] = await db
      .select({ id: dealershipCustomers.customerId })
      .from(dealershipCustomers)
      .where(and(eq(dealershipCustomers.dealershipId, reader.dealershipId), eq(dealershipCustomers.customerId, customerId)));
    return row !== undefined;
  }
  if (!can(reader, "order.read.all")) return false;
  const [user] = await db.select({ role: users.role }).from(users).where(eq(users.id, customerId));
  return user !== undefined && !isStaff(user.role);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Log one opening of a file, in the file's own log and in the audit log. */
export async function logFileAccess(db: Executor, reader: { id: string }, customerId: string, now: Date = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(customerFileAccess).values({ viewerId: reader.id, customerId, at: now });
    await recordAudit(tx, { actorId: reader.id, action: "customer-file.open", subject: "customer", subjectId: customerId }, now);
  });
}

/**
 * Open a customer's file: null when the reader doesn't reach the customer
 * (nothing is logged then: there was no file to open). Logs the opening.
 */
export async function openCustomerFile(db: Executor, reader: FileReader, customerId: string, now: Date = new Date()): Promise<CustomerFile | null> {
  if (!(await reachesCustomer(db, reader, customerId))) return null;
  await logFileAccess(db, reader, customerId, now);
  const [user] = await db.select({ id: users.id, name: users.name, tier: users.tier }).from(users).where(eq(users.id, customerId));
  if (!user) return null;
  const atDealership = reader.dealershipId;
  const seesContact = can(reader, "customer-file.contact");

  const customerOrders = await db
    .select({ id: orders.id, number: orders.number, line: orders.lineCode, status: orders.status, total: orders.total, market: orders.market, createdAt: orders.createdAt })
    .from(orders)
    .where(and(eq(orders.customerId, customerId), atDealership !== null ? eq(orders.dealershipId, atDealership) : undefined))
    .orderBy(desc(orders.createdAt))
    .limit(100);

  const [history, feedback, notes, profile] = await Promise.all([
    tierHistory(db, customerId),
    feedbackOnOrders(
      db,
      customerOrders.map((o) => o.id),
    ),
    listNotes(db, reader, customerId),
    seesContact ? getProfile(db, customerId) : Promise.resolve(null),
  ]);

  const shared =
    seesContact && atDealership !== null
      ? await db
          .select({ id: leads.id, shareCode: leads.shareCode, status: leads.status, createdAt: leads.createdAt })
          .from(leads)
          .where(and(eq(leads.dealershipId, atDealership), eq(leads.customerId, customerId)))
          .orderBy(desc(leads.createdAt))
          .limit(50)
      : null;

  const access = can(reader, "customer-file.audit") ? await listFileAccess(db, customerId, { limit: 20 }) : null;

  return {
    ...user,
    tierHistory: history,
    contact: profile
      ? { email: profile.email, phone: profile.phone, address: profile.address, contactChannel: profile.contactChannel, consents: profile.consents }
      : null,
    orders: customerOrders,
    feedback,
    notes,
    shared,
    access,
  };
}

/** The notes the reader may read: their dealership's and the maker's (dealership's staff), all (maker's staff); newest first. */
async function listNotes(db: Executor, reader: FileReader, customerId: string): Promise<CustomerFile["notes"]> {
  return db
    .select({ id: customerNotes.id, body: customerNotes.body, authorName: users.name, dealershipName: dealerships.name, at: customerNotes.at })
    .from(customerNotes)
    .leftJoin(users, eq(users.id, customerNotes.authorId))
    .leftJoin(dealerships, eq(dealerships.id, customerNotes.dealershipId))
    .where(
      and(
        eq(customerNotes.customerId, customerId),
        reader.dealershipId !== null ? or(eq(customerNotes.dealershipId, reader.dealershipId), isNull(customerNotes.dealershipId)) : undefined,
      ),
    )
    .orderBy(desc(customerNotes.id))
    .limit(200);
}

/**
 * Add a staff note (body already checked by the form's schema). Refused:
 * without customer-file.note (403), a customer the reader doesn't reach (404).
 * The note belongs to the author's dealership (null for the maker's staff).
 */
export async function addNote(db: Executor, reader: FileReader, customerId: string, body: string, now: Date = new Date()): Promise<Result<{ id: number }>> {
  if (!can(reader, "customer-file.note")) return fail({ status: 403, code: "forbidden", message: "you may not add notes to customer files" });
  if (!(await reachesCustomer(db, reader, customerId))) return fail({ status: 404, code: "not-found", message: "no such customer" });
  const [row] = await db
    .insert(customerNotes)
    .values({ customerId, authorId: reader.id, dealershipId: reader.dealershipId, body, at: now })
    .returning({ id: customerNotes.id });
  return ok(row!);
}

/** Who opened this customer's file, newest first. */
export async function listFileAccess(db: Executor, customerId: string, options: { limit?: number } = {}): Promise<{ viewerName: string; at: Date }[]> {
  return db
    .select({ viewerName: users.name, at: customerFileAccess.at })
    .from(customerFileAccess)
    .innerJoin(users, eq(users.id, customerFileAccess.viewerId))
    .where(eq(customerFileAccess.customerId, customerId))
    .orderBy(desc(customerFileAccess.id))
    .limit(Math.min(options.limit ?? 100, 500));
}
