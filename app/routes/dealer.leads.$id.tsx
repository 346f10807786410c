/**
 * /dealer/leads/<id>: one lead of the dealership — who sent it, how they'd
 * like to be contacted, their message and the configuration as sent — with
 * one tap to "Start a quote": the sender becomes one of the dealership's
 * customers (made from a visitor's contact) and the quote editor opens with
 * the lead's configuration; the lead is then quoted with that quote. A second
 * tap opens the same quote. A configuration that can't be quoted as it is
 * opens in the dealers' configurator first (/dealer/quotes/new?share=…).
 * Another dealership's lead (or a missing one) is 403, like every dealer id.
 */
import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { leadConfigurationView } from "~/.server/leads/lead-pages.server";
import { getLead, setLeadStatus, startQuoteFromLead } from "~/.server/leads/leads.server";
import { notYours, problemReply, requireDealer } from "~/.server/quotes/dealer-pages.server";
import { reply } from "~/.server/platform/form-reply.server";
import { ConfigurationList } from "~/components/configurator/ConfigurationList";
import { ErrorList } from "~/components/forms";
import { DealerPageHead, formatTime } from "~/components/dealer/QuoteBits";
import dealerStyles from "~/components/dealer/dealer.css?url";
import { useLanguage } from "~/components/use-language";
import { leadActionSchema } from "~/domain/forms/leads";
import { readFormData } from "~/utils/form-data.server";
import { title } from "~/utils/meta";
import leadStyles from "~/styles/leads.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: dealerStyles },
  { rel: "stylesheet", href: leadStyles },
];

export const meta: MetaFunction = ({ matches }) => title(matches, "leads.lead.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { dealer, db, language } = await requireDealer(request, "lead.manage");
  const lead = await getLead(db, dealer, params.id ?? "");
  if (!lead) throw notYours();
  return { lead: { ...lead, createdAt: lead.createdAt.toISOString() }, configuration: await leadConfigurationView(db, lead.shareCode, language) };
}

const STATUS_MESSAGES: Record<string, string> = { "already-quoted": "leads.errors.alreadyQuoted", "already-closed": "leads.errors.alreadyClosed" };

export async function action({ request, params }: ActionFunctionArgs) {
  const { dealer, db } = await requireDealer(request, "lead.manage");
  const id = params.id ?? "";
  // Whose lead it is comes before the form: another dealership's id is 403 whatever is posted.
  if (!(await getLead(db, dealer, id))) throw notYours();
  const parsed = leadActionSchema.safeParse(Object.fromEntries(await readFormData(request)));
  if (!parsed.success) return reply(400, { "": ["validation.invalid"] }, { code: "invalid-input", message: "unknown action" });
  if (parsed.data.intent === "status") {
    const moved = await setLeadStatus(db, dealer, id, parsed.data.status);
    if (!moved.ok) return moved.problem.status === 404 ? problemReply(moved.problem) : reply(moved.problem.status, { "": [STATUS_MESSAGES[moved.problem.code] ?? moved.problem.message] }, moved.problem);
    return redirect(`/dealer/leads/${id}`);
  }
  const started = await startQuoteFromLead(db, dealer, id);
  if (!started.ok) return problemReply(started.problem);
  if (started.value.kind === "configure") throw redirect(`/dealer/quotes/new?${new URLSearchParams({ customer: started.value.customerId, share: started.value.shareCode })}`);
  return redirect(`/dealer/quotes/${started.value.number}/edit`);
}

export default function LeadPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { lead, configuration } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const settled = lead.status === "quoted" || lead.status === "closed";
  return (
    <section className="dealer-page" aria-labelledby="lead-title">
      <DealerPageHead crumbs={<Link to="/dealer/leads">{t("leads.inbox.title")}</Link>} titleId="lead-title" title={t("leads.lead.heading", { name: lead.name })}>
        <div className="actions">
          {lead.quoteNumber ? (
            <Link to={`/dealer/quotes/${lead.quoteNumber}`} className="button dealer-target">
              {t("leads.lead.openQuote", { number: lead.quoteNumber })}
            </Link>
          ) : (
            <Form method="post">
              <button type="submit" name="intent" value="start-quote" className="button dealer-target" disabled={busy} data-testid="start-quote">
                {t("leads.lead.startQuote")}
              </button>
            </Form>
          )}
        </div>
      </DealerPageHead>
      {answer ? <ErrorList errors={Object.values(answer.error).flat()} className="form-error" /> : null}

      <dl className="dealer-facts card">
        <div>
          <dt>{t("leads.inbox.status")}</dt>
          <dd>
            <span className={`lead-status lead-status--${lead.status}`} data-testid="lead-status">
              {t(`leads.status.${lead.status}`)}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t("leads.inbox.received")}</dt>
          <dd>{formatTime(lead.createdAt, language)}</dd>
        </div>
        <div>
          <dt>{t("leads.inbox.from")}</dt>
          <dd>
            {lead.name} {lead.guest ? <span className="muted">({t("leads.guest")})</span> : null}
          </dd>
        </div>
        <div>
          <dt>{t("leads.send.email")}</dt>
          <dd>
            <a href={`mailto:${lead.email}`}>{lead.email}</a>
          </dd>
        </div>
        <div>
          <dt>{t("leads.send.phone")}</dt>
          <dd>{lead.phone ? <a href={`tel:${lead.phone}`}>{lead.phone}</a> : "\u2014"}</dd>
        </div>
        <div>
          <dt>{t("leads.send.preferredContact")}</dt>
          <dd>{t(`leads.contact.${lead.preferredContact}`)}</dd>
        </div>
      </dl>

      {lead.message ? (
        <section className="dealer-section" aria-labelledby="lead-message-title">
          <h2 id="lead-message-title">{t("leads.send.message")}</h2>
          <p className="lead-message card" data-testid="lead-message">
            {lead.message}
          </p>
        </section>
      ) : null}

      <section className="dealer-section" aria-labelledby="lead-configuration-title">
        <h2 id="lead-configuration-title">{configuration.lineName}</h2>
        <p className="muted">
          {t("share.code")} <Link to={`/share/${lead.shareCode}`}>{configuration.displayCode}</Link>
        </p>
        <ConfigurationList groups={configuration.groups} />
      </section>

      {settled ? null : (
        <Form method="post" className="actions dealer-section">
          <input type="hidden" name="intent" value="status" />
          {lead.status === "new" ? (
            <button type="submit" name="status" value="contacted" className="button button--secondary dealer-target" disabled={busy}>
              {t("leads.lead.markContacted")}
            </button>
          ) : null}
          <button type="submit" name="status" value="closed" className="button button--secondary dealer-target" disabled={busy}>
            {t("leads.lead.close")}
          </button>
        </Form>
      )}
    </section>
  );
}
