/**
 * /api/v1/orders (session cookie or API token; docs/api.md, "Orders"):
 * POST places an order exactly once — the Idempotency-Key header makes a
 * retry return the first order — re-checked and re-priced by the server;
 * GET lists the caller's orders, newest first.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { api, json, parseWith, problemError, readJson, requireApiSession, requireApiSessionPermission, requireMethod } from "~/.server/api/api.server";
import { orderJson, orderUrl, placeOrderRefusal, requireIdempotencyKey } from "~/.server/orders/order-api.server";
import { listCustomerOrders, placeOrder } from "~/.server/orders/orders.server";
import { orderBodySchema } from "~/domain/forms/order";
import { getDb } from "#db/client";

const listQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });

export const loader = api(async ({ request }: LoaderFunctionArgs) => {
  const db = await getDb();
  const user = await requireApiSession(request, db);
  const { limit } = parseWith(listQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
  const orders = await listCustomerOrders(db, user.id, { limit });
  return json({ orders: orders.map(orderJson) });
});

export const action = api(async ({ request }: ActionFunctionArgs) => {
  const db = await getDb();
  // Method, then credentials, then the key, then the body: a stranger learns nothing about their input.
  requireMethod(request, "POST");
  const user = await requireApiSessionPermission(
    request,
    db,
    "order.place",
    "only customer accounts order through this endpoint, for themselves; dealers will order for their customers through quotes (a later release)",
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
