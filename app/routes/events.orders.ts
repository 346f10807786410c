/**
 * GET /events/orders: server-sent events of order changes for open pages
 * (docs/api.md). Signed-in users only; each hears the orders they may see
 * (planners and admins all, customers their own, dealers their dealership's).
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { errorResponse } from "~/.server/api/api.server";
import { getUser } from "~/.server/auth/auth.server";
import { orderAudience, orderEventStream } from "~/.server/orders/order-events.server";
import { getDb } from "#db/client";

export async function loader({ request }: LoaderFunctionArgs) {
  const db = await getDb();
  const user = await getUser(request, { db });
  if (!user) return errorResponse(401, "unauthorized", "sign in first: live order events need a session");
  return orderEventStream(request, await orderAudience(db, user));
}
