/**
 * The orders API's pieces (routes app/routes/api.v1.orders*.ts; docs/api.md,
 * "Orders"): the Idempotency-Key header, an order's JSON, and the orders
 * repository's refusals in the request's terms.
 */
import { inArray } from "drizzle-orm";
import type { Executor } from "#db/client";
import { users } from "#db/schema";
import { idempotencyKeySchema } from "~/domain/forms/order";
import type { Role } from "~/domain/roles";
import type { Refusal } from "~/domain/result";
import { ApiError } from "~/.server/api/api.server";
import type { OrderDetail, OrderRefusalCode, OrderView } from "./orders.server";

export const IDEMPOTENCY_HEADER = "Idempotency-Key";

/** The request's Idempotency-Key: 400 when it is missing or not 1–200 visible ASCII characters. */
export function requireIdempotencyKey(request: Request): string {
  const raw = request.headers.get(IDEMPOTENCY_HEADER);
  if (raw === null || raw.trim() === "")
    throw new ApiError(
      400,
      "missing-idempotency-key",
      "send an Idempotency-Key header (a new UUID per order; the same key again when retrying the same order)",
      IDEMPOTENCY_HEADER,
    );
  const parsed = idempotencyKeySchema.safeParse(raw);
  if (!parsed.success)
    throw new ApiError(400, "invalid-idempotency-key", "the Idempotency-Key must be 1–200 visible ASCII characters (a UUID is a good key)", IDEMPOTENCY_HEADER);
  return parsed.data;
}

export const orderUrl = (number: string) => `/api/v1/orders/${number}`;

/** An order as the API shows it. Who placed it and internal ids stay inside. */
export function orderJson(order: OrderView) {
  return {
    number: order.number,
    status: order.status,
    version: order.version,
    line: order.line,
    catalogVersion: order.catalogVersion,
    choices: order.choices,
    texts: order.texts,
    market: order.market,
    currency: order.currency,
    total: order.total,
    price: order.price,
    delivery: order.contact,
    earliestBuildDate: order.earliestBuildDate,
    buildDate: order.buildDate,
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
    url: orderUrl(order.number),
  };
}

/**
 * Who made each change, as the API names them: by role ("customer",
 * "planner", "dealer", …), "system" for the machine. Names stay inside: the
 * customer's own timeline doesn't name staff either.
 */
export async function eventActorRoles(db: Executor, order: OrderDetail): Promise<ReadonlyMap<string, Role>> {
  const ids = [...new Set(order.events.map((e) => e.actorId).filter((id): id is string => id !== null))];
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: users.id, role: users.role }).from(users).where(inArray(users.id, ids));
  return new Map(rows.map((r) => [r.id, r.role]));
}

/** With its bill of materials and status history: each event with who (`by`, see eventActorRoles) and why (`reason`, null when none was given). */
export function orderDetailJson(order: OrderDetail, roles: ReadonlyMap<string, Role>) {
  return {
    ...orderJson(order),
    bom: order.bom,
    events: order.events.map((e) => ({
      from: e.from,
      to: e.to,
      at: e.at.toISOString(),
      by: e.actorId === null ? "system" : (roles.get(e.actorId) ?? "customer"),
      note: e.note,
      reason: e.reason,
    })),
  };
}

const STRUCTURAL = new Set(["unknown-code", "duplicate-code", "unknown-text"]);

type OrderBody = { choices: readonly string[]; texts: Readonly<Record<string, string>> };

/**
 * A refusal of placeOrder in the request's terms, for problemError: paths
 * name the body's fields and header, and codes or fields the line doesn't
 * have (input no configurator produces) are a 400 like the rest of the API.
 */
export function placeOrderRefusal(problem: Refusal<OrderRefusalCode>, body: OrderBody): Refusal {
  switch (problem.code) {
    case "unknown-version":
      return { ...problem, path: "catalogVersion" };
    case "idempotency-key-reused":
      return { ...problem, path: IDEMPOTENCY_HEADER };
    case "invalid-configuration": {
      const structural = problem.problems?.find((p) => STRUCTURAL.has(p.code));
      if (!structural) return problem;
      return { status: 400, code: structural.code, message: structural.message, path: structuralPath(structural, body), problems: problem.problems };
    }
    default:
      return problem;
  }
}

function structuralPath(problem: { code: string; target?: string }, body: OrderBody): string {
  const target = problem.target ?? "";
  if (problem.code === "unknown-code") return `choices.${body.choices.indexOf(target)}`;
  if (problem.code === "duplicate-code") return `choices.${body.choices.lastIndexOf(target)}`;
  return target in body.texts ? `texts.${target}` : "texts";
}
