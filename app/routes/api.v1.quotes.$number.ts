/**
 * GET /api/v1/quotes/<number> (dealers and sales managers of the quote's
 * dealership): the quote with every version, oldest first — configuration,
 * list and discounted price, validity, approval, whether it is signed, its
 * share code and PDF address once sent, and its order number once ordered.
 * Any other number (another dealership's or none) answers 403 `not-yours`.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { api, json, methodNotAllowed } from "~/.server/api/api.server";
import { notYoursError, quoteJson, requireApiDealer } from "~/.server/quotes/dealer-api.server";
import { getQuote } from "~/.server/quotes/quotes.server";
import { getDb } from "#db/client";

export const loader = api(async ({ request, params }: LoaderFunctionArgs) => {
  const db = await getDb();
  const { dealer } = await requireApiDealer(request, db);
  const quote = await getQuote(db, dealer, (params.number ?? "").toUpperCase());
  if (!quote) throw notYoursError();
  return json({ quote: quoteJson(quote) });
});

export const action = api(methodNotAllowed("GET"));
