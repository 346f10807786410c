/**
 * /dealer/quotes/new?customer=<id>[&configuration=<id>|&share=<code>]: where a
 * quote starts. From a saved configuration of that customer or a share code
 * it goes straight to the configurator (mapped onto the active catalog
 * version when it was made with an older one); from scratch the dealer picks
 * the product line first. A missing customer is 400; another dealership's
 * customer, or a configuration that isn't this customer's, 403.
 */
import { redirect, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listActiveLines } from "~/.server/catalog/catalog.server";
import { getConfiguration, getSharedConfiguration, reconcileWithActive } from "~/.server/configurations/configurations.server";
import { notYours, requireDealer } from "~/.server/quotes/dealer-pages.server";
import { getCustomer } from "~/.server/quotes/quotes.server";
import dealerStyles from "~/components/dealer/dealer.css?url";
import { DealerPageHead } from "~/components/dealer/QuoteBits";
import { useLanguage } from "~/components/use-language";
import { localize } from "~/domain/catalog";
import { newQuoteHref } from "~/domain/forms/dealer";
import { title } from "~/utils/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dealerStyles }];

export const meta: MetaFunction = ({ matches }) => title(matches, "quotes.newTitle");

const problem = (status: number, message: string) => Response.json({ error: "bad-request", message }, { status });

export async function loader({ request }: LoaderFunctionArgs) {
  const { dealer, db } = await requireDealer(request);
  const search = new URL(request.url).searchParams;
  const customerId = search.get("customer");
  if (!customerId) throw problem(400, "Choose the customer the quote is for (customer=<id>).");
  const customer = await getCustomer(db, dealer, customerId);
  if (!customer) throw notYours();

  const configurationId = search.get("configuration");
  const share = search.get("share");
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
    customer: { id: customer.id, name: customer.name },
    lines: (active?.lines ?? []).map((l) => ({ code: l.code, name: l.name })),
  };
}

export default function NewQuote() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { customer, lines } = useLoaderData<typeof loader>();
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
