/**
 * /dealer/customers/<id>: the customer file as the dealership's staff read
 * it — details, tier and its history (a sales manager overrides it with a
 * reason), orders here, feedback, staff notes (add one), configurations sent
 * here — plus their quotes here, the configurations they saved and the share
 * codes they made, each with "start a quote from this". Each opening is
 * logged. Another dealership's customer (or an id that isn't one) is 403.
 */
import { type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { customerFileAction, customerFilePage } from "~/.server/customers/customer-file-pages.server";
import { savedItemView } from "~/.server/configurations/configuration-pages.server";
import { listConfigurations } from "~/.server/configurations/configurations.server";
import { customerShareCodes, notYours, requireDealer } from "~/.server/quotes/dealer-pages.server";
import { getCustomer, listQuotes } from "~/.server/quotes/quotes.server";
import { CustomerFileSections } from "~/components/customers/CustomerFile";
import { DealerPageHead, formatTime, QuoteTable } from "~/components/dealer/QuoteBits";
import { useLanguage } from "~/components/use-language";
import dealerStyles from "~/components/dealer/dealer.css?url";
import { title } from "~/utils/meta";
import { formatMoney } from "~/utils/money";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dealerStyles }];

export const meta: MetaFunction = ({ matches }) => title(matches, "customers.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, dealer, db, language } = await requireDealer(request);
  const customer = await getCustomer(db, dealer, params.id ?? "");
  if (!customer) throw notYours();
  const market = dealer.dealership.market;
  const page = await customerFilePage(db, { id: user.id, role: user.role, dealershipId: dealer.dealershipId }, customer.id);
  if (!page) throw notYours();
  const [quotes, saved, shares] = await Promise.all([
    listQuotes(db, dealer, { customerId: customer.id }),
    listConfigurations(db, customer.id, { limit: 50 }),
    customerShareCodes(db, customer.id, language),
  ]);
  const configurations = await Promise.all(saved.map((s) => savedItemView(db, s, market, language)));
  return {
    market,
    customer: { ...customer, since: customer.since.toISOString() },
    quotes,
    configurations: configurations.map((c) => ({ id: c.id, name: c.name, lineName: c.lineName, choiceCount: c.choiceCount, total: c.total, updatedAt: c.updatedAt })),
    shares,
    ...page,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, dealer, db } = await requireDealer(request);
  // Another dealership's customer is 403 before the form is read.
  const customer = await getCustomer(db, dealer, params.id ?? "");
  if (!customer) throw notYours();
  const reader = { id: user.id, role: user.role, dealershipId: dealer.dealershipId };
  return customerFileAction(request, db, reader, customer.id, notYours);
}

export default function DealerCustomer() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { customer, quotes, configurations, shares, market, file, canNote, canOverride } = useLoaderData<typeof loader>();
  const newQuote = (extra: Record<string, string> = {}) => `/dealer/quotes/new?${new URLSearchParams({ customer: customer.id, ...extra })}`;

  return (
    <section className="dealer-page" aria-labelledby="customer-title">
      <DealerPageHead crumbs={<Link to="/dealer/customers">{t("customers.title")}</Link>} titleId="customer-title" title={customer.name}>
        <Link to={newQuote()} className="button dealer-target" data-testid="new-quote">
          {t("dealerPages.newQuote")}
        </Link>
      </DealerPageHead>

      <dl className="dealer-facts card">
        <div>
          <dt>{t("customers.email")}</dt>
          <dd>{customer.email}</dd>
        </div>
        <div>
          <dt>{t("customers.phone")}</dt>
          <dd>{customer.phone ?? "\u2014"}</dd>
        </div>
        <div>
          <dt>{t("customers.consentShort")}</dt>
          <dd>{customer.consentToContact ? t("quotes.yes") : t("quotes.no")}</dd>
        </div>
        <div>
          <dt>{t("customers.tier")}</dt>
          <dd>{t(`customers.tiers.${customer.tier}`)}</dd>
        </div>
      </dl>

      <CustomerFileSections file={file} canNote={canNote} canOverride={canOverride} />

      <section aria-labelledby="customer-quotes" className="dealer-section">
        <h2 id="customer-quotes">{t("dealerPages.quotesTitle")}</h2>
        {quotes.length === 0 ? <p className="muted">{t("customers.noQuotes")}</p> : <QuoteTable quotes={quotes} />}
      </section>

      <div className="dealer-columns">
        <QuoteSources
          id="customer-configurations"
          title={t("customers.configurations")}
          empty={t("customers.noConfigurations")}
          items={configurations.map((c) => ({
            key: c.id,
            name: c.name,
            summary: (
              <>
                {t("customers.configurationSummary", { line: c.lineName, n: c.choiceCount, date: formatTime(c.updatedAt, language) })}
                {c.total !== null ? ` \u00b7 ${formatMoney(c.total, market, language)}` : ""}
              </>
            ),
            href: newQuote({ configuration: c.id }),
          }))}
        />

        <QuoteSources
          id="customer-shares"
          title={t("customers.shareCodes")}
          empty={t("customers.noShareCodes")}
          namesAreCodes
          items={shares.map((s) => ({
            key: s.code,
            name: s.displayCode,
            summary: t("customers.configurationSummary", { line: s.lineName, n: s.choiceCount, date: formatTime(s.createdAt, language) }),
            href: newQuote({ share: s.code }),
          }))}
        />
      </div>
    </section>
  );
}

interface QuoteSource {
  key: string;
  name: string;
  summary: ReactNode;
  /** The new quote started from it. */
  href: string;
}

/** What the dealer can start a quote from (saved configurations, share codes), each with its "quote from this". */
function QuoteSources({ id, title, empty, namesAreCodes = false, items }: { id: string; title: string; empty: string; namesAreCodes?: boolean; items: QuoteSource[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby={id} className="dealer-section">
      <h2 id={id}>{title}</h2>
      {items.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="dealer-list" data-testid={id}>
          {items.map((item) => (
            <li key={item.key} className="dealer-list__row">
              <div>
                <span className={namesAreCodes ? "dealer-list__name code" : "dealer-list__name"}>{item.name}</span>
                <span className="muted">{item.summary}</span>
              </div>
              <Link to={item.href} className="button button--secondary dealer-target">
                {t("customers.quoteFromThis")}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
