/**
 * /api/v1/quotes (dealers and sales managers; session cookie or API token;
 * docs/api.md, "Dealers"): GET lists the dealership's quotes, most recently
 * changed first (`?pending=true`: discounts waiting for approval;
 * `?customer=<id>`: one customer's); POST starts a quote for one of the
 * dealership's customers — checked and priced by the server, the discount
 * within the price; over the dealer's cap it waits for a sales manager.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { api, json, loadCheckedLine, parseWith, readJson, requireMethod } from "~/.server/api/api.server";
import { notYoursError, quoteJson, quoteProblemError, quoteSummaryJson, quoteUrl, requireApiDealer } from "~/.server/quotes/dealer-api.server";
import { createQuote, getCustomer, listQuotes } from "~/.server/quotes/quotes.server";
import { quoteBodySchema, quoteListQuerySchema } from "~/domain/forms/dealer-api";
import { getDb } from "#db/client";

export const loader = api(async ({ request }: LoaderFunctionArgs) => {
  const db = await getDb();
  const { dealer } = await requireApiDealer(request, db);
  const query = parseWith(quoteListQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
  if (query.customer !== undefined && !(await getCustomer(db, dealer, query.customer))) throw notYoursError("customer");
  const quotes = await listQuotes(db, dealer, { pendingOnly: query.pending, customerId: query.customer, limit: query.limit });
  return json({ quotes: quotes.map(quoteSummaryJson) });
});

export const action = api(async ({ request }: ActionFunctionArgs) => {
  const db = await getDb();
  requireMethod(request, "POST");
  const { dealer } = await requireApiDealer(request, db);
  const body = parseWith(quoteBodySchema, await readJson(request));
  // Whose customer first: another dealership's id is refused before anything about the configuration is said.
  if (!(await getCustomer(db, dealer, body.customer))) throw notYoursError("customer");
  await loadCheckedLine(db, body);
  const result = await createQuote(db, dealer, body.customer, {
    line: body.line,
    choices: body.choices,
    texts: body.texts,
    market: body.market ?? dealer.dealership.market,
    discount: body.discount,
    justification: body.justification,
  });
  if (!result.ok) throw quoteProblemError(result.problem);
  return json({ quote: quoteJson(result.value) }, { status: 201, headers: { Location: quoteUrl(result.value.number) } });
});
