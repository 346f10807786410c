/**
 * The orders API's pieces (routes app/routes/api.v1.orders*.ts; docs/api.md,
 * "Orders"): the Idempotency-Key header, an order's JSON, and the orders
 * repository's refusals as API errors.
 */
import { idempotencyKeySchema } from "~/domain/forms/order";
import { ApiError } from "~/.server/api/api.server";
import type { OrderDetail, OrderProblem, OrderView } from "./orders.server";

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

/** With its bill of materials and status history. */
export function orderDetailJson(order: OrderDetail) {
  return {
    ...orderJson(order),
    bom: order.bom,
    events: order.events.map((e) => ({ from: e.from, to: e.to, at: e.at.toISOString(), note: e.note })),
  };
}

const STRUCTURAL = new Set(["unknown-code", "duplicate-code", "unknown-text"]);

/** A refusal of placeOrder as an API error, with what the client needs to recover. */
export function orderProblemError(problem: OrderProblem, body: { choices: readonly string[]; texts: Readonly<Record<string, string>> }): ApiError {
  const problems = problem.problems?.map((p) => ({ code: p.code, message: p.message, ...(p.target ? { target: p.target } : {}), ...(p.rule ? { rule: p.rule } : {}) }));
  switch (problem.code) {
    case "unknown-version":
      return new ApiError(400, problem.code, problem.message, "catalogVersion");
    case "unknown-line":
      return new ApiError(400, problem.code, problem.message, "line");
    case "idempotency-key-reused":
      return new ApiError(422, problem.code, problem.message, IDEMPOTENCY_HEADER);
    case "price-changed":
      return new ApiError(409, problem.code, problem.message, "expectedTotal", undefined, { total: problem.total });
    case "invalid-configuration": {
      // Codes or fields the line doesn't have: input no configurator produces, a 400 like the rest of the API.
      const structural = problem.problems?.find((p) => STRUCTURAL.has(p.code));
      if (structural) return new ApiError(400, structural.code, structural.message, structuralPath(structural, body), undefined, { problems });
      return new ApiError(422, problem.code, problem.message, problem.path, undefined, { problems });
    }
    default:
      return new ApiError(problem.status, problem.code, problem.message, problem.path);
  }
}

function structuralPath(problem: { code: string; target?: string }, body: { choices: readonly string[]; texts: Readonly<Record<string, string>> }): string {
  const target = problem.target ?? "";
  if (problem.code === "unknown-code") return `choices.${body.choices.indexOf(target)}`;
  if (problem.code === "duplicate-code") return `choices.${body.choices.lastIndexOf(target)}`;
  return target in body.texts ? `texts.${target}` : "texts";
}
