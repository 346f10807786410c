import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/.server/auth/auth.server";
import { listSentLeads } from "~/.server/leads/leads.server";
import { formatTime } from "~/components/dealer/QuoteBits";
import { PlaceholderHome } from "~/components/placeholder-home";
import { useLanguage } from "~/components/use-language";
import { getDb } from "#db/client";
import { title } from "~/utils/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "order.read.own");
  const sent = await listSentLeads(await getDb(), user.id);
  return { sent: sent.map((l) => ({ ...l, createdAt: l.createdAt.toISOString() })) };
}

export const meta: MetaFunction = ({ matches }) => title(matches, "account.title");

export default function AccountHome() {
  const { t } = useTranslation();
  return (
    <PlaceholderHome section="account">
      <Link to="/" className="button">
        {t("account.browse")}
      </Link>{" "}
      <Link to="/account/profile" className="button button--secondary">
        {t("profile.title")}
      </Link>{" "}
      <Link to="/account/orders" className="button button--secondary">
        {t("accountOrders.title")}
      </Link>{" "}
      <Link to="/account/notifications" className="button button--secondary">
        {t("notifications.title")}
      </Link>{" "}
      <Link to="/account/api-tokens" className="button button--secondary">
        {t("apiTokens.manage")}
      </Link>
      <SentLeads />
    </PlaceholderHome>
  );
}

/** The configurations the customer sent to dealerships, and how far each got. */
function SentLeads() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { sent } = useLoaderData<typeof loader>();
  if (sent.length === 0) return null;
  return (
    <section id="sent-leads" aria-labelledby="sent-leads-title" className="card" data-testid="sent-leads">
      <h2 id="sent-leads-title">{t("leads.sent.title")}</h2>
      <ul>
        {sent.map((l) => (
          <li key={l.id}>
            {t("leads.sent.item", { dealership: l.dealership, when: formatTime(l.createdAt, language) })} <Link to={`/share/${l.shareCode}`}>{l.line}</Link> ·{" "}
            <span className={`lead-status lead-status--${l.status}`}>{t(`leads.status.${l.status}`)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
