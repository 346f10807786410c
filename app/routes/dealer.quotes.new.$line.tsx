/**
 * /dealer/quotes/new/<line>?customer=<id>[&c=…]: a new quote for one of the
 * dealership's customers, configured in the customers' configurator with the
 * dealer's discount beside the price. "Save quote" creates the quote (in the
 * dealership's market) and opens it. A missing customer is 400, another
 * dealership's 403; bad input 4xx with the form's messages, nothing written.
 */
import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData, type ClientActionFunctionArgs, type ShouldRevalidateFunction } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getLine, shippedPairTable } from "~/.server/catalog/catalog.server";
import { reply } from "~/.server/platform/form-reply.server";
import { notYours, parseQuoteForm, problemReply, requireDealer } from "~/.server/quotes/dealer-pages.server";
import { createQuote, getCustomer } from "~/.server/quotes/quotes.server";
import configuratorStyles from "~/components/configurator/configurator.css?url";
import dealerStyles from "~/components/dealer/dealer.css?url";
import { useLanguage } from "~/components/use-language";
import { QuoteEditor } from "~/components/dealer/QuoteEditor";
import { browserDraftStore, draftKey, submitOrKeep } from "~/components/dealer/quote-drafts";
import { recomputesOffThread, rememberCompiled, rememberPairTable } from "~/domain/configurator.engine";
import { startingEngine } from "~/domain/configurator.machine";
import { parseConfigureSearch } from "~/domain/forms/configuration";
import { newQuoteHref } from "~/domain/forms/dealer";
import { readFormData } from "~/utils/form-data.server";
import { revalidateUnlessOffline } from "~/utils/connection";
import { title } from "~/utils/meta";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: configuratorStyles },
  { rel: "stylesheet", href: dealerStyles },
];

export const meta: MetaFunction = ({ matches }) => title(matches, "quotes.newTitle");

const missingCustomer = () => Response.json({ error: "bad-request", message: "Choose the customer the quote is for (customer=<id>)." }, { status: 400 });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { dealer, db } = await requireDealer(request);
  const search = new URL(request.url).searchParams;
  const customerId = search.get("customer");
  if (!customerId) throw missingCustomer();
  const customer = await getCustomer(db, dealer, customerId);
  if (!customer) throw notYours();
  const loaded = await getLine(params.line ?? "", undefined, { db });
  if (!loaded || loaded.version.status !== "published") throw new Response("Not found", { status: 404 });
  rememberCompiled(loaded.line, loaded.compiled);
  const initial = parseConfigureSearch(search);
  return {
    customer: { id: customer.id, name: customer.name },
    line: loaded.line,
    // Built once per compiled line on the server (lines with tables), as for /configure (decision 033).
    pairTable: shippedPairTable(loaded),
    version: loaded.version.id,
    market: dealer.dealership.market,
    capBasisPoints: dealer.capBasisPoints,
    initial,
    // Large lines recompute in a Web Worker, from this first answer (see Configurator).
    engine: recomputesOffThread(loaded.line)
      ? startingEngine({ line: loaded.line, catalogVersion: loaded.version.id, market: dealer.dealership.market, ...initial })
      : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { dealer, db } = await requireDealer(request);
  const formData = await readFormData(request);
  const customerId = formData.get("customer");
  if (typeof customerId !== "string" || customerId === "") return reply(400, { customer: ["quotes.errors.missingCustomer"] }, { code: "missing-customer", message: "the quote needs a customer" });
  const parsed = parseQuoteForm(formData, dealer.dealership.market);
  if (!parsed.ok) return parsed.response;
  const { form, discount } = parsed;
  const created = await createQuote(db, dealer, customerId, { line: form.line, choices: form.choices, texts: form.texts, market: dealer.dealership.market, discount, justification: form.justification });
  if (!created.ok) return problemReply(created.problem);
  return redirect(`/dealer/quotes/${created.value.number}`);
}

/** In the browser: a save that can't reach the server keeps the draft on the device (see QuoteEditor). */
export async function clientAction({ request, params, serverAction }: ClientActionFunctionArgs) {
  const customer = (await request.clone().formData()).get("customer");
  const key = draftKey({ customer: typeof customer === "string" ? customer : "", line: params.line ?? "" });
  const store = browserDraftStore();
  return submitOrKeep(serverAction, { online: () => navigator.onLine, onOffline: () => store.setPending(key, true), onSaved: () => store.clear(key), signal: request.signal });
}

/** A save kept on the device (offline) reloads nothing: the reload would fail too and replace the editor with an error page. */
export const shouldRevalidate: ShouldRevalidateFunction = revalidateUnlessOffline;

export default function NewQuoteInConfigurator() {
  const data = useLoaderData<typeof loader>();
  // Before anything compiles the line in the browser.
  rememberPairTable(data.line, data.pairTable);
  const language = useLanguage();
  const { t } = useTranslation();
  return (
    <QuoteEditor
      subtitle={t("quotes.newFor", { name: data.customer.name })}
      line={data.line}
      version={data.version}
      market={data.market}
      language={language}
      initial={data.initial}
      offThread={data.engine ? { engine: data.engine, pairTable: data.pairTable } : undefined}
      openedWith="address"
      initialDiscount={{ kind: "percent", value: "" }}
      capBasisPoints={data.capBasisPoints}
      draftKey={draftKey({ customer: data.customer.id, line: data.line.code })}
      customerId={data.customer.id}
      address={(choices, texts) => newQuoteHref(data.customer.id, data.line.code, choices, texts)}
      backHref={`/dealer/customers/${data.customer.id}`}
    />
  );
}
