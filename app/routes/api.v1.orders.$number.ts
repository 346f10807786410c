/**
 * GET /api/v1/orders/<number> (session cookie or API token): one order with
 * its bill of materials and status history (who and why for each change), for its customer, whoever placed
 * it, the staff of its dealership, planners and admins. Anyone else gets the
 * same 404 as for a number that doesn't exist: the answer never tells that an
 * order exists.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { api, ApiError, json, methodNotAllowed, requireApiSession } from "~/.server/api/api.server";
import { eventActorRoles, orderDetailJson } from "~/.server/orders/order-api.server";
import { getOrder } from "~/.server/orders/orders.server";
import { getDb } from "#db/client";

export const loader = api(async ({ request, params }: LoaderFunctionArgs) => {
  const db = await getDb();
  const user = await requireApiSession(request, db);
  const number = (params.number ?? "").toUpperCase();
  const order = await getOrder(db, { id: user.id, role: user.role }, number);
  if (!order) throw new ApiError(404, "not-found", `no order ${number.slice(0, 20)} for this account`);
  return json({ order: orderDetailJson(order, await eventActorRoles(db, order)) });
});

export const action = api(methodNotAllowed("GET"));
