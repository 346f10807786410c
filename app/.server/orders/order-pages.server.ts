/**
 * What the customer's order pages show, built on the server from the order
 * repository: the order with its line (for names and grouping), a status
 * timeline that names staff only to staff, the delivery estimate, and what
 * the viewer may still do (cancel, change) or why not.
 */
import { getProfile } from "~/.server/customers/profile.server";
import { createCookie } from "@remix-run/node";
import { inArray } from "drizzle-orm";
import { getDb, type Executor } from "#db/client";
import { users } from "#db/schema";
import type { ProductLine } from "~/domain/catalog";
import type { Contact } from "~/domain/forms/order";
import { addDays, dayOf, isFrozen, TRANSIT_DAYS, type OrderStatus } from "~/domain/orders";
import type { Refusal } from "~/domain/result";
import { can } from "~/domain/permissions";
import { isStaff, type Role } from "~/domain/roles";
import { getUser, requireUser, type AuthUser } from "~/.server/auth/auth.server";
import { getLine } from "~/.server/catalog/catalog.server";
import { orderFeedbackFor, type Feedback } from "~/.server/customers/feedback.server";
import { getEnv } from "~/.server/platform/env.server";
import { deliveryEstimate } from "~/.server/planning/delivery.server";
import { getOrder, listCustomerOrders, readOrder, type OrderDetail, type OrderRefusalCode } from "./orders.server";

/** Who did something, as the viewer may see it: customers see staff by role only. */
export type TimelineActor = { kind: "you" } | { kind: "customer" } | { kind: "staff"; role: Role; name: string | null } | { kind: "system" };

export interface TimelineEntry {
  from: OrderStatus | null;
  to: OrderStatus;
  note: string | null;
  /** Why, as the one who made the change gave it (a pull ahead, a cancel by staff, a move inside the frozen horizon); absent when none was given. */
  reason?: string;
  at: string;
  actor: TimelineActor;
}

/** Why the customer can't cancel or change the order any more (an i18n key under orderPage.locked). */
export type LockReason = "cancelled" | "inProduction" | "frozen";

export interface OrderPageData {
  order: Omit<OrderDetail, "events" | "createdAt" | "updatedAt"> & { createdAt: string };
  line: ProductLine | null;
  timeline: TimelineEntry[];
  estimatedDelivery: string | null;
  /** The delivery day is an estimate from the line's queue (the order has no build date yet), not from its build date. */
  deliveryEstimated: boolean;
  /** The last day a cancel or change is possible (build date − horizon − 1), once scheduled. */
  changeableUntil: string | null;
  horizonDays: number;
  /** The customer's own order and not locked. */
  canChange: boolean;
  lock: LockReason | null;
  isOwner: boolean;
  /** The customer's rating of the delivered order (seen by them and by staff who see the order), or null. */
  feedback: Omit<Feedback, "createdAt"> & { createdAt: string } | null;
  /** The owner may rate it now: delivered and not rated yet. */
  canRate: boolean;
}

/** The order page's data, or null when there is no such order or the viewer may not see it (the route answers 404). */
export async function orderPageData(db: Executor, viewer: AuthUser, number: string, now: Date = new Date()): Promise<OrderPageData | null> {
  const detail = await getOrder(db, { id: viewer.id, role: viewer.role }, number);
  if (!detail) return null;
  const horizonDays = getEnv().ORDER_FROZEN_HORIZON_DAYS;
  const actorIds = [...new Set(detail.events.map((e) => e.actorId).filter((id): id is string => id !== null))];
  const actors = actorIds.length
    ? await db.select({ id: users.id, role: users.role, name: users.name }).from(users).where(inArray(users.id, actorIds))
    : [];
  const byId = new Map(actors.map((a) => [a.id, a]));
  const viewerSeesNames = can(viewer, "order.read.all");
  const who = (actorId: string | null): TimelineActor => {
    if (actorId === null) return { kind: "system" };
    if (actorId === viewer.id) return { kind: "you" };
    const actor = byId.get(actorId);
    if (actorId === detail.customerId || !actor || !isStaff(actor.role)) return { kind: "customer" };
    return { kind: "staff", role: actor.role, name: viewerSeesNames ? actor.name : null };
  };
  const loaded = await getLine(detail.line, detail.catalogVersion, { db });
  const { events, createdAt, updatedAt: _, ...order } = detail;
  const lock: LockReason | null =
    order.status === "cancelled" ? "cancelled" : isFrozen(order, dayOf(now), horizonDays) ? (order.status === "received" || order.status === "scheduled" ? "frozen" : "inProduction") : null;
  const isOwner = order.customerId === viewer.id;
  // Until a planner gives it a build date, the customer keeps the estimate the configurator showed, from today's queue.
  const estimate =
    !order.buildDate && order.status === "received" && loaded ? await deliveryEstimate(db, { line: loaded.line, choices: order.choices, tier: order.tier }, { now }) : null;
  const feedback = order.status === "delivered" ? await orderFeedbackFor(db, order.id) : null;
  return {
    order: { ...order, createdAt: createdAt.toISOString() },
    line: loaded?.line ?? null,
    timeline: events.map((e) => ({ from: e.from, to: e.to, note: e.note, reason: e.reason ?? undefined, at: e.at.toISOString(), actor: who(e.actorId) })),
    estimatedDelivery: order.buildDate ? addDays(order.buildDate, TRANSIT_DAYS) : (estimate?.deliveryDay ?? null),
    deliveryEstimated: !order.buildDate && estimate?.deliveryDay != null,
    changeableUntil: order.buildDate ? addDays(order.buildDate, -horizonDays - 1) : null,
    horizonDays,
    canChange: isOwner && lock === null,
    lock,
    isOwner,
    feedback: feedback ? { ...feedback, createdAt: feedback.createdAt.toISOString() } : null,
    canRate: isOwner && can(viewer, "feedback.give") && order.status === "delivered" && feedback === null,
  };
}

/** The order page's data for the signed-in viewer (/orders/<number> and its confirmation); a thrown 404 when they may not see it. */
export async function requireOrderPage(request: Request, number: string): Promise<OrderPageData> {
  const user = await requireUser(request);
  const page = await orderPageData(await getDb(), user, number);
  if (!page) throw new Response("Not found", { status: 404 });
  return page;
}

/**
 * The contact fields of a customer's order, pre-filled: the profile first,
 * then their last order, then the account's name; the email is the
 * account's. Checkout uses it for the signed-in customer, the quote page for
 * the quote's customer when the dealer turns it into an order.
 */
export async function checkoutPrefill(db: Executor, user: Pick<AuthUser, "id" | "name" | "email">, fallbackCountry: string): Promise<Contact> {
  // The profile first (what the customer says is current), then the last order's details.
  const [profile, [last]] = await Promise.all([getProfile(db, user.id), listCustomerOrders(db, user.id, { limit: 1 })]);
  const contact = last?.contact;
  const address = profile?.address;
  return {
    name: profile?.name || user.name || contact?.name || "",
    email: user.email,
    phone: profile?.phone ?? contact?.phone ?? "",
    street: address?.street ?? contact?.street ?? "",
    postalCode: address?.postalCode ?? contact?.postalCode ?? "",
    city: address?.city ?? contact?.city ?? "",
    country: address?.country ?? contact?.country ?? fallbackCountry,
  };
}

/** The refusal as pages show it: a code the page translates, and the facts it needs. */
export interface ProblemView {
  code: OrderRefusalCode;
  total?: number;
  problems?: Refusal["problems"];
}

export function problemView(problem: Refusal<OrderRefusalCode>): ProblemView {
  return { code: problem.code, ...(problem.total !== undefined ? { total: problem.total } : {}), ...(problem.problems ? { problems: problem.problems } : {}) };
}

/**
 * Which order the customer is changing in the configurator: set by the order
 * page's "change configuration", read by the review page (which then offers
 * "apply to order …"), cleared when the change is confirmed or abandoned.
 */
export const orderChangeCookie = createCookie("atelier_order_change", {
  path: "/",
  httpOnly: true,
  sameSite: "lax",
  maxAge: 60 * 60 * 24,
});

const ORDER_NUMBER = /^AT-\d{7,}$/;

export async function readChangingOrder(request: Request): Promise<string | null> {
  const value: unknown = await orderChangeCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && ORDER_NUMBER.test(value) ? value : null;
}

/**
 * The order the signed-in customer is changing, if it is theirs, of this
 * product line and still open to change; null otherwise (so a stale cookie
 * offers nothing).
 */
export async function changingOrderFor(request: Request, lineCode: string, now: Date = new Date()): Promise<string | null> {
  const number = await readChangingOrder(request);
  if (!number) return null;
  const user = await getUser(request);
  if (!user || !can(user, "order.place")) return null;
  const db = await getDb();
  const order = await readOrder(db, { number });
  if (!order || order.customerId !== user.id || order.line !== lineCode || order.status === "cancelled") return null;
  return isFrozen(order, dayOf(now), getEnv().ORDER_FROZEN_HORIZON_DAYS) ? null : order.number;
}
