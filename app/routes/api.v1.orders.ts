/**
 * /api/v1/orders (session cookie or API token; docs/api.md, "Orders"):
 * POST places an order for the calling customer exactly once — the
 * Idempotency-Key header makes a retry return the first order — re-checked
 * and re-priced by the server. Staff accounts are refused: dealers order for
 * their customers by turning a signed quote into an order (decision 014).
 * GET lists the orders of which the caller is the customer, newest first.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { api, json, parseWith, problemError, readJson, requireApiSession, requireApiSessionPermission, requireMethod } from "~/.server/api/api.server";
import { orderJson, orderUrl, placeOrderRefusal, requireIdempotencyKey } from "~/.server/orders/order-api.server";
import { listCustomerOrders, placeOrder } from "~/.server/orders/orders.server";
import { orderBodySchema, orderListQuerySchema } from "~/domain/forms/order";
import { getDb } from "#db/client";

export const loader = api(async ({ request }: LoaderFunctionArgs) => {
  const db = await getDb();
  const user = await requireApiSession(request, db);
  const { limit } = parseWith(orderListQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
  const orders = await listCustomerOrders(db, user.id, { limit });
  return json({ orders: orders.map(orderJson) });
});

export const action = api(async ({ request }: ActionFunctionArgs) => {
  const db = await getDb();
  // Method, then credentials and role, then the key, then the body: a stranger learns nothing about their input.
  requireMethod(request, "POST");
  const user = await requireApiSessionPermission(
    request,
    db,
    "order.place",
    "only customer accounts order through this endpoint, for themselves; dealers order for their customers through quotes",
  );
  const idempotencyKey = requireIdempotencyKey(request);
  const body = parseWith(orderBodySchema, await readJson(request));
  const { delivery, ...rest } = body;
  const result = await placeOrder(db, { id: user.id, role: user.role }, { ...rest, contact: delivery, idempotencyKey });
  if (!result.ok) throw problemError(placeOrderRefusal(result.problem, body));
  const { order, created } = result.value;
  return json(
    { order: orderJson(order) },
    { status: created ? 201 : 200, headers: { Location: orderUrl(order.number), ...(created ? {} : { "Idempotent-Replayed": "true" }) } },
  );
});
