/**
 * /api/v1/customers (dealers and sales managers; session cookie or API token;
 * docs/api.md, "Dealers"): GET searches the dealership's customers by name,
 * email or phone (`?q=`), POST adds one — linking an existing customer
 * account with that email, or creating one without a password — with their
 * consent to be contacted: 201 when new to the dealership, 200 when already
 * its customer (the consent is updated).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { api, json, parseWith, readJson, requireMethod } from "~/.server/api/api.server";
import { customerJson, quoteProblemError, requireApiDealer } from "~/.server/quotes/dealer-api.server";
import { addCustomer, searchCustomers } from "~/.server/quotes/quotes.server";
import { customerBodySchema, customerListQuerySchema } from "~/domain/forms/dealer-api";
import { getDb } from "#db/client";

export const loader = api(async ({ request }: LoaderFunctionArgs) => {
  const db = await getDb();
  const { dealer } = await requireApiDealer(request, db);
  const { q, limit } = parseWith(customerListQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
  const customers = await searchCustomers(db, dealer, q, { limit });
  return json({ customers: customers.map(customerJson) });
});

export const action = api(async ({ request }: ActionFunctionArgs) => {
  const db = await getDb();
  // Method, then credentials, then the body: a stranger learns nothing about their input.
  requireMethod(request, "POST");
  const { dealer } = await requireApiDealer(request, db);
  const body = parseWith(customerBodySchema, await readJson(request));
  const known = (await searchCustomers(db, dealer, body.email, { limit: 200 })).some((c) => c.email === body.email);
  const result = await addCustomer(db, dealer, body);
  if (!result.ok) throw quoteProblemError(result.problem);
  return json({ customer: customerJson(result.value) }, { status: known ? 200 : 201 });
});
