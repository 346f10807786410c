/**
 * POST /api/v1/quotes/<number>/send (dealers and sales managers of the quote's
 * dealership; docs/api.md, "Dealers"): hand the newest version over to the
 * customer, as the quote page's "Hand over to the customer" does. The version
 * is frozen and gets its share code and PDF; sending it again answers the same
 * quote. Only a version whose discount stands is handed over (within the cap,
 * or approved: `handOverRefusal`): waiting for approval is `409
 * awaiting-approval`, rejected `409 rejected`, and nothing is written. Body
 * `{ "expectedLock": <lockVersion> }`; a change meanwhile is `409 stale`.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { api, json, parseWith, readJson, requireMethod } from "~/.server/api/api.server";
import { notYoursError, quoteJson, quoteProblemError, requireApiDealer } from "~/.server/quotes/dealer-api.server";
import { getQuote, sendQuote } from "~/.server/quotes/quotes.server";
import { sendQuoteBodySchema } from "~/domain/forms/dealer-api";
import { getDb } from "#db/client";

export const action = api(async ({ request, params }: ActionFunctionArgs) => {
  const db = await getDb();
  requireMethod(request, "POST");
  const { dealer } = await requireApiDealer(request, db);
  // Whose quote first: another dealership's number is refused before anything about the body is said.
  const quote = await getQuote(db, dealer, (params.number ?? "").toUpperCase());
  if (!quote) throw notYoursError();
  const { expectedLock } = parseWith(sendQuoteBodySchema, await readJson(request));
  const sent = await sendQuote(db, dealer, quote.number, expectedLock);
  if (!sent.ok) throw quoteProblemError(sent.problem);
  return json({ quote: quoteJson(sent.value) });
});
