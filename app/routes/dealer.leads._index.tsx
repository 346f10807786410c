/**
 * /dealer/leads[?status=new|contacted|quoted|closed]: the dealership's leads
 * inbox — configurations customers and visitors sent to it, newest first,
 * with how many are in each status. Only the dealership's own leads; an
 * unknown status is 400 with the reason.
 */
import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { countLeadsByStatus, listLeads } from "~/.server/leads/leads.server";
import { requireDealer } from "~/.server/quotes/dealer-pages.server";
import { ListProblem, StatusCounts } from "~/components/dealer/DealerLists";
import { DealerPageHead, formatTime } from "~/components/dealer/QuoteBits";
import dealerStyles from "~/components/dealer/dealer.css?url";
import { useLanguage } from "~/components/use-language";
import { leadListSchema } from "~/domain/forms/leads";
import { firstIssue, paramsObject } from "~/domain/forms/planning";
import { LEAD_STATUSES, type LeadStatus } from "~/domain/leads";
import { title } from "~/utils/meta";
import leadStyles from "~/styles/leads.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: dealerStyles },
  { rel: "stylesheet", href: leadStyles },
];

export const meta: MetaFunction = ({ matches }) => title(matches, "leads.inbox.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { dealer, db } = await requireDealer(request, "lead.manage");
  const counts = await countLeadsByStatus(db, dealer);
  const parsed = leadListSchema.safeParse(paramsObject(new URL(request.url).searchParams));
  if (!parsed.success) return data({ ok: false as const, dealership: dealer.dealership.name, counts, problem: firstIssue(parsed.error) }, { status: 400 });
  const rows = await listLeads(db, dealer, { status: parsed.data.status });
  return {
    ok: true as const,
    dealership: dealer.dealership.name,
    counts,
    status: parsed.data.status,
    leads: rows.map((l) => ({ ...l, createdAt: l.createdAt.toISOString() })),
  };
}

const inboxHref = (status: LeadStatus | undefined) => (status ? `/dealer/leads?status=${status}` : "/dealer/leads");

export default function LeadsInbox() {
  const { t } = useTranslation();
  const language = useLanguage();
  const loaded = useLoaderData<typeof loader>();
  return (
    <section className="dealer-page" aria-labelledby="leads-title">
      <DealerPageHead crumbs={<Link to="/dealer">{t("dealer.title")}</Link>} titleId="leads-title" title={t("leads.inbox.title")} />
      <p className="muted">{loaded.dealership}</p>
      <StatusCounts statuses={LEAD_STATUSES} counts={loaded.counts} current={loaded.ok ? loaded.status : undefined} label={(s) => t(`leads.status.${s}`)} href={inboxHref} />
      {!loaded.ok ? (
        <ListProblem message={loaded.problem.message} resetHref="/dealer/leads" />
      ) : loaded.leads.length === 0 ? (
        <p className="muted">{t("leads.inbox.empty")}</p>
      ) : (
        <div className="dealer-table-wrap">
          <table className="dealer-table" data-testid="lead-table">
            <thead>
              <tr>
                <th scope="col">{t("leads.inbox.received")}</th>
                <th scope="col">{t("leads.inbox.from")}</th>
                <th scope="col">{t("leads.inbox.configuration")}</th>
                <th scope="col">{t("leads.inbox.status")}</th>
                <th scope="col">{t("quotes.number")}</th>
              </tr>
            </thead>
            <tbody>
              {loaded.leads.map((l) => (
                <tr key={l.id} data-lead={l.id}>
                  <th scope="row">
                    <Link to={`/dealer/leads/${l.id}`} className="dealer-row-link">
                      {formatTime(l.createdAt, language)}
                    </Link>
                  </th>
                  <td>
                    {l.name} <span className="muted">{l.email}</span> {l.guest ? <span className="muted">({t("leads.guest")})</span> : null}
                  </td>
                  <td>
                    {l.line} <code>{l.shareCode}</code>
                  </td>
                  <td>
                    <span className={`lead-status lead-status--${l.status}`}>{t(`leads.status.${l.status}`)}</span>
                  </td>
                  <td>{l.quoteNumber ? <Link to={`/dealer/quotes/${l.quoteNumber}`}>{l.quoteNumber}</Link> : "\u2014"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
