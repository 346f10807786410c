/**
 * /dealer/quotes/<number>/edit: change a quote's configuration or discount in
 * the configurator. Saving revises the quote: its newest version in place
 * while it is an unsent draft, otherwise a new version (earlier ones stay as
 * they were). The page's lock travels with the form: if someone changed the
 * quote meanwhile, the save answers 409 and nothing is written.
 */
import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData, type ClientActionFunctionArgs, type ShouldRevalidateFunction } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getLine, shippedPairTable } from "~/.server/catalog/catalog.server";
import { reply } from "~/.server/platform/form-reply.server";
import { notYours, parseQuoteForm, problemReply, quoteOnServer, requireDealer, staleReply } from "~/.server/quotes/dealer-pages.server";
import { getQuote, reviseQuote } from "~/.server/quotes/quotes.server";
import configuratorStyles from "~/components/configurator/configurator.css?url";
import dealerStyles from "~/components/dealer/dealer.css?url";
import { useLanguage } from "~/components/use-language";
import { QuoteEditor } from "~/components/dealer/QuoteEditor";
import { browserDraftStore, draftKey, submitOrKeep } from "~/components/dealer/quote-drafts";
import { recomputesOffThread, rememberCompiled, rememberPairTable } from "~/domain/configurator.engine";
import { startingEngine } from "~/domain/configurator.machine";
import { parseConfigureSearch } from "~/domain/forms/configuration";
import { editQuoteHref } from "~/domain/forms/dealer";
import { readFormData } from "~/utils/form-data.server";
import { revalidateUnlessOffline } from "~/utils/connection";
import { title } from "~/utils/meta";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: configuratorStyles },
  { rel: "stylesheet", href: dealerStyles },
];

export const meta: MetaFunction = ({ matches }) => title(matches, "quotes.editTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { dealer, db } = await requireDealer(request);
  const quote = await getQuote(db, dealer, params.number ?? "");
  if (!quote) throw notYours();
  if (quote.orderId) throw redirect(`/dealer/quotes/${quote.number}`);
  const latest = quote.versions.at(-1)!;
  const saved = await quoteOnServer(db, quote);
  if (!saved.lineAvailable) throw Response.json({ error: "conflict", message: "This product line is no longer in the catalog." }, { status: 409 });
  const loaded = await getLine(latest.line, undefined, { db });
  if (!loaded) throw new Response("Not found", { status: 404 });
  rememberCompiled(loaded.line, loaded.compiled);
  const search = parseConfigureSearch(new URL(request.url).searchParams);
  const fromAddress = search.choices.length > 0 || Object.keys(search.texts).length > 0;
  const initial = fromAddress ? search : { choices: saved.choices, texts: saved.texts };
  return {
    number: quote.number,
    customer: quote.customer.name,
    lockVersion: quote.lockVersion,
    latestVersion: latest.version,
    // As reviseQuote decides: an unsent, unsigned, undecided version changes in place, anything else gets a new version.
    sent: !(latest.sentAt === null && !latest.signed && (latest.approval === "not_needed" || latest.approval === "pending")),
    line: loaded.line,
    // Built once per compiled line on the server (lines with tables), as for /configure (decision 033).
    pairTable: shippedPairTable(loaded),
    version: loaded.version.id,
    market: latest.market,
    capBasisPoints: dealer.capBasisPoints,
    initial,
    // Large lines recompute in a Web Worker, from this first answer (see Configurator).
    engine: recomputesOffThread(loaded.line) ? startingEngine({ line: loaded.line, catalogVersion: loaded.version.id, market: latest.market, ...initial }) : null,
    openedWith: fromAddress ? ("address" as const) : ("quote" as const),
    discount: { kind: saved.discountKind, value: saved.discountValue },
    justification: latest.approvalJustification ?? "",
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { dealer, db } = await requireDealer(request);
  const quote = await getQuote(db, dealer, params.number ?? "");
  if (!quote) throw notYours();
  const market = quote.versions.at(-1)!.market;
  const parsed = parseQuoteForm(await readFormData(request), market);
  if (!parsed.ok) return parsed.response;
  const { form, discount } = parsed;
  if (form.expectedLock === undefined) return reply(400, { expectedLock: ["validation.required"] }, { code: "invalid-input", message: "the form lacks the quote's lock: reload the page" });
  const revised = await reviseQuote(db, dealer, quote.number, { line: form.line, choices: form.choices, texts: form.texts, market, discount, justification: form.justification, expectedLock: form.expectedLock });
  if (!revised.ok) {
    if (revised.problem.code !== "stale") return problemReply(revised.problem);
    // Changed meanwhile: the quote as it is now goes with the refusal, for the dealer to compare.
    const now = await getQuote(db, dealer, quote.number);
    return staleReply(revised.problem, now ? await quoteOnServer(db, now) : null);
  }
  return redirect(`/dealer/quotes/${revised.value.number}`);
}

/** In the browser: a save that can't reach the server keeps the draft on the device (see QuoteEditor). */
export async function clientAction({ request, params, serverAction }: ClientActionFunctionArgs) {
  const key = draftKey({ quote: params.number ?? "" });
  const store = browserDraftStore();
  return submitOrKeep(serverAction, { online: () => navigator.onLine, onOffline: () => store.setPending(key, true), onSaved: () => store.clear(key), signal: request.signal });
}

/** A save kept on the device (offline) reloads nothing: the reload would fail too and replace the editor with an error page. */
export const shouldRevalidate: ShouldRevalidateFunction = revalidateUnlessOffline;

export default function EditQuote() {
  const data = useLoaderData<typeof loader>();
  // Before anything compiles the line in the browser.
  rememberPairTable(data.line, data.pairTable);
  const language = useLanguage();
  const { t } = useTranslation();
  return (
    <QuoteEditor
      subtitle={t(data.sent ? "quotes.editSent" : "quotes.editDraft", { number: data.number, name: data.customer, version: data.latestVersion })}
      line={data.line}
      version={data.version}
      market={data.market}
      language={language}
      initial={data.initial}
      offThread={data.engine ? { engine: data.engine, pairTable: data.pairTable } : undefined}
      openedWith={data.openedWith}
      initialDiscount={data.discount}
      initialJustification={data.justification}
      capBasisPoints={data.capBasisPoints}
      draftKey={draftKey({ quote: data.number })}
      expectedLock={data.lockVersion}
      address={(choices, texts) => editQuoteHref(data.number, data.line.code, choices, texts)}
      backHref={`/dealer/quotes/${data.number}`}
    />
  );
}
