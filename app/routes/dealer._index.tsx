/**
 * /dealer: the dealership's quotes, most recently changed first; a sales
 * manager sees the discounts waiting for their approval above them.
 */
import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireDealer } from "~/.server/quotes/dealer-pages.server";
import { listQuotes, type QuoteSummary } from "~/.server/quotes/quotes.server";
import { can } from "~/domain/permissions";
import { QuoteTable } from "~/components/dealer/QuoteBits";
import dealerStyles from "~/components/dealer/dealer.css?url";
import { title } from "~/utils/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dealerStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { dealer, db } = await requireDealer(request);
  const [quotes, pending] = await Promise.all([
    listQuotes(db, dealer),
    can(dealer, "quote.decide") ? listQuotes(db, dealer, { pendingOnly: true }) : Promise.resolve(null),
  ]);
  const view = (q: QuoteSummary) => ({ ...q, updatedAt: q.updatedAt.toISOString() });
  return {
    dealership: dealer.dealership,
    role: dealer.role,
    quotes: quotes.map(view),
    pending: pending?.map(view) ?? null,
  };
}

export const meta: MetaFunction = ({ matches }) => title(matches, "dealer.title");

export default function DealerHome() {
  const { t } = useTranslation();
  const { dealership, quotes, pending } = useLoaderData<typeof loader>();
  return (
    <section className="dealer-page" aria-labelledby="dealer-title">
      <div className="dealer-page__head">
        <div>
          <h1 id="dealer-title">{t("dealer.title")}</h1>
          <p className="muted">{dealership.name}</p>
        </div>
        <div className="actions">
          <Link to="/dealer/customers" className="button button--secondary dealer-target">
            {t("dealerPages.customers")}
          </Link>
          <Link to="/dealer/customers#new-customer" className="button dealer-target">
            {t("dealerPages.newQuote")}
          </Link>
        </div>
      </div>

      {pending ? (
        <section aria-labelledby="pending-title" className="dealer-section" data-testid="pending-approvals">
          <h2 id="pending-title">{t("dealerPages.pendingTitle")}</h2>
          {pending.length === 0 ? <p className="muted">{t("dealerPages.pendingEmpty")}</p> : <QuoteTable quotes={pending} market={dealership.market} />}
        </section>
      ) : null}

      <section aria-labelledby="quotes-title" className="dealer-section">
        <h2 id="quotes-title">{t("dealerPages.quotesTitle")}</h2>
        {quotes.length === 0 ? <p className="muted">{t("dealer.empty")}</p> : <QuoteTable quotes={quotes} market={dealership.market} />}
      </section>
    </section>
  );
}
