/**
 * GET /api/v1/delivery-estimate?line=<line>&c=<code>,<code>,…: when the
 * configuration would be delivered if ordered now, from the line's queue,
 * capacity and the chosen values' lead times (docs/api.md). Signed out the
 * standard tier is assumed; a signed-in customer's own tier is used.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { api, json, loadCheckedLine, methodNotAllowed, parseWith } from "~/.server/api/api.server";
import { getUser } from "~/.server/auth/auth.server";
import { deliveryEstimate } from "~/.server/planning/delivery.server";
import { can } from "~/domain/permissions";
import { deliveryQueryInput, deliveryQuerySchema } from "~/domain/forms/delivery";
import { getDb } from "#db/client";

export const loader = api(async ({ request }: LoaderFunctionArgs) => {
  const query = parseWith(deliveryQuerySchema, deliveryQueryInput(new URL(request.url).searchParams));
  const db = await getDb();
  const loaded = await loadCheckedLine(db, { line: query.line, choices: query.c, texts: {} });
  const user = await getUser(request, { db });
  // Only someone who orders for themselves has a tier of their own to deliver by.
  const tier = user && can(user, "order.place") ? user.tier : "standard";
  const quote = await deliveryEstimate(db, { line: loaded.line, choices: query.c, tier });
  return json({ estimate: quote });
});

export const action = methodNotAllowed("GET");
