/**
 * What the route walks (route-permissions.test.ts, input-fuzz.test.ts) call the dealers' routes
 * with: a customer of München, a sent quote for them and a lead to München, made the way the
 * product makes them.
 */
import type { Db } from "#db/client";
import { getLine } from "~/.server/catalog/catalog.server";
import { userId } from "~/.server/configurations/configurations.testing";
import { sendLead } from "~/.server/leads/leads.server";
import {
  addCustomer,
  createQuote,
  dealerContext,
  sendQuote,
} from "~/.server/quotes/quotes.server";
import { complete } from "~/domain/engine";

export const SEDAN = "sedan-a6l";

export async function seedDealerRecords(
  db: Db,
  accounts: { dealer: string; customer: string }
) {
  const munich = (await dealerContext(db, await userId(db, accounts.dealer)))!;
  const loaded = (await getLine(SEDAN, undefined, { db }))!;
  const choices = complete(loaded.compiled, { choices: [] }, { market: "DE" })!;
  const customer = await addCustomer(db, munich, {
    name: "Rita Walk",
    email: "rita.walk@example.test",
    consentToContact: false,
  });
  if (!customer.ok) throw new Error(customer.problem.message);
  const quote = await createQuote(db, munich, customer.value.id, {
    line: SEDAN,
    choices,
    texts: {},
    market: "DE",
    discount: { kind: "percent", value: 0 },
  });
  if (!quote.ok) throw new Error(quote.problem.message);
  const sent = await sendQuote(
    db,
    munich,
    quote.value.number,
    quote.value.lockVersion
  );
  if (!sent.ok) throw new Error(sent.problem.message);
  const lead = await sendLead(db, {
    sender: { customerId: await userId(db, accounts.customer) },
    source: { line: SEDAN, choices, texts: {} },
    form: { dealership: munich.dealership.code, preferredContact: "email" },
    clientAddress: "192.0.2.1",
  });
  if (!lead.ok) throw new Error(lead.problem.message);
  return {
    customer: customer.value.id,
    number: quote.value.number,
    lead: lead.value.id,
    dealershipCode: munich.dealership.code,
  };
}
