/**
 * /dealer/quotes/new?customer=<id>[&configuration=<id>|&share=<code>]: where a
 * quote starts. From a saved configuration of that customer or a share code
 * it goes straight to the configurator (mapped onto the active catalog
 * version when it was made with an older one); from scratch the dealer picks
 * the product line first. A share code without a customer (typed in on
 * /dealer) first asks which of the dealership's customers the quote is for,
 * then goes on as above. A missing customer is 400 (without a share code);
 * another dealership's customer, or a configuration that isn't this
 * customer's, 403; an unknown share code 404.
 */
import { redirect, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listActiveLines } from "~/.server/catalog/catalog.server";
import { getConfiguration, getSharedConfiguration, reconcileWithActive } from "~/.server/configurations/configurations.server";
import { notYours, requireDealer } from "~/.server/quotes/dealer-pages.server";
import { getCustomer, searchCustomers, type DealerContext } from "~/.server/quotes/quotes.server";
import { CustomerSearch } from "~/components/dealer/CustomerSearch";
import dealerStyles from "~/components/dealer/dealer.css?url";
import { DealerPageHead } from "~/components/dealer/QuoteBits";
import { useLanguage } from "~/components/use-language";
import { localize, type Language } from "~/domain/catalog";
import { formatShareCode } from "~/domain/forms/configuration";
import { customerSearchSchema } from "~/domain/forms/dealer";
import type { Db } from "#db/client";
import { newQuoteHref } from "~/domain/forms/dealer";
import { title } from "~/utils/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dealerStyles }];

export const meta: MetaFunction = ({ matches }) => title(matches, "quotes.newTitle");

const problem = (status: number, message: string) => Response.json({ error: "bad-request", message }, { status });

export async function loader({ request }: LoaderFunctionArgs) {
  const { dealer, db, language } = await requireDealer(request);
  const search = new URL(request.url).searchParams;
  const customerId = search.get("customer");
  const share = search.get("share");
  if (!customerId && share !== null) return pickCustomer(db, dealer, share, search.get("q") ?? "", language);
  if (!customerId) throw problem(400, "Choose the customer the quote is for (customer=<id>).");
  const customer = await getCustomer(db, dealer, customerId);
  if (!customer) throw notYours();

  const configurationId = search.get("configuration");
  if (configurationId !== null) {
    const saved = await getConfiguration(db, customer.id, configurationId);
    if (!saved) throw notYours();
    const nearest = await reconcileWithActive(db, saved);
    if (nearest && !nearest.lineAvailable) throw problem(409, "This configuration's product line is no longer in the catalog.");
    throw redirect(newQuoteHref(customer.id, saved.line, nearest?.choices ?? saved.choices, nearest?.texts ?? saved.texts));
  }
  if (share !== null) {
    const shared = await getSharedConfiguration(db, share);
    if (!shared) throw problem(404, "No configuration has this share code.");
    const nearest = shared.reconciliation;
    if (nearest && !nearest.lineAvailable) throw problem(409, "This configuration's product line is no longer in the catalog.");
    throw redirect(newQuoteHref(customer.id, shared.line, nearest?.choices ?? shared.choices, nearest?.texts ?? shared.texts));
  }

  const active = await listActiveLines({ db });
  return {
    mode: "line" as const,
    customer: { id: customer.id, name: customer.name },
    lines: (active?.lines ?? []).map((l) => ({ code: l.code, name: l.name })),
  };
}

/** A share code without a customer: the code must open a configuration; then the dealership's customers (searchable) to choose from. */
async function pickCustomer(db: Db, dealer: DealerContext, share: string, query: string, language: Language) {
  const shared = await getSharedConfiguration(db, share);
  if (!shared) throw problem(404, "No configuration has this share code.");
  if (shared.reconciliation && !shared.reconciliation.lineAvailable) throw problem(409, "This configuration's product line is no longer in the catalog.");
  const parsed = customerSearchSchema.safeParse({ q: query });
  const q = parsed.success ? parsed.data.q : "";
  const customers = await searchCustomers(db, dealer, q);
  return {
    mode: "customer" as const,
    share: { code: shared.code, displayCode: formatShareCode(shared.code), lineName: shared.loaded ? localize(shared.loaded.line.name, language) : shared.line, choiceCount: shared.choices.length },
    q,
    customers: customers.map((c) => ({ id: c.id, name: c.name, email: c.email })),
  };
}

export default function NewQuote() {
  const loaded = useLoaderData<typeof loader>();
  return loaded.mode === "customer" ? <PickCustomer /> : <PickLine />;
}

/** Which customer a quote from a share code is for. */
function PickCustomer() {
  const { t } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  if (loaded.mode !== "customer") return null;
  const { share, q, customers } = loaded;
  return (
    <section className="dealer-page" aria-labelledby="new-quote-title">
      <DealerPageHead crumbs={<Link to="/dealer">{t("dealer.title")}</Link>} titleId="new-quote-title" title={t("quotes.newTitle")} />
      <p className="lead" data-testid="share-summary">
        {t("dealerPages.shareSummary", { code: share.displayCode, line: share.lineName, n: share.choiceCount })}
      </p>
      <h2>{t("dealerPages.pickCustomer")}</h2>
      <CustomerSearch inputId="pick-customer-q" q={q} keep={{ share: share.code }} found={customers.length > 0}>
        <ul className="dealer-list" data-testid="pick-customer">
          {customers.map((c) => (
            <li key={c.id} className="dealer-list__row">
              <div>
                <span className="dealer-list__name">{c.name}</span>
                <span className="muted">{c.email}</span>
              </div>
              <Link to={`/dealer/quotes/new?${new URLSearchParams({ customer: c.id, share: share.code })}`} className="button button--secondary dealer-target">
                {t("customers.quoteFromThis")}
              </Link>
            </li>
          ))}
        </ul>
      </CustomerSearch>
      <p>
        <Link to="/dealer/customers#new-customer">{t("dealerPages.shareNewCustomer")}</Link>
      </p>
    </section>
  );
}

function PickLine() {
  const { t } = useTranslation();
  const language = useLanguage();
  const loaded = useLoaderData<typeof loader>();
  if (loaded.mode !== "line") return null;
  const { customer, lines } = loaded;
  return (
    <section className="dealer-page" aria-labelledby="new-quote-title">
      <DealerPageHead crumbs={<Link to={`/dealer/customers/${customer.id}`}>{customer.name}</Link>} titleId="new-quote-title" title={t("quotes.newTitle")} />
      <p className="lead">{t("quotes.pickLine")}</p>
      <ul className="dealer-lines">
        {lines.map((l) => (
          <li key={l.code}>
            <Link to={newQuoteHref(customer.id, l.code, [], {})} className="card dealer-lines__link">
              {localize(l.name, language)}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
