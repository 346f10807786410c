/**
 * /dealer/quotes/<number>: a quote of the dealership with every version
 * (newest first, earlier ones stay readable) and what can be done next:
 * send it to the customer, edit it (a new version once sent), approve or
 * reject its discount (sales managers, who see the dealer's justification and
 * what the discount costs; a rejection says why, and the dealer reads it),
 * let the customer sign, and turn it into an order. Only a version whose
 * discount stands (`handOverRefusal`) is offered for hand-over, signing and
 * ordering, as the server accepts it. Every form carries the quote's lock; a change meanwhile
 * answers 409 and nothing is written. Another dealership's quote is 403.
 */
import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { FormReply } from "~/.server/platform/form-reply.server";
import { notYours, parseQuoteAction, problemReply, quoteVersionViews, requireDealer, type QuoteVersionView } from "~/.server/quotes/dealer-pages.server";
import { checkoutPrefill } from "~/.server/orders/order-pages.server";
import { decideDiscount, getQuote, orderFromQuote, sendQuote, signQuote } from "~/.server/quotes/quotes.server";
import { ConfigurationList } from "~/components/configurator/ConfigurationList";
import dealerStyles from "~/components/dealer/dealer.css?url";
import { ApprovalBadge, DealerPageHead, formatDay, formatTime } from "~/components/dealer/QuoteBits";
import { useLanguage } from "~/components/use-language";
import { QuoteDocumentLinks } from "~/components/dealer/QuoteDocumentLinks";
import { QuoteMarketNote, QuotePriceTable } from "~/components/dealer/QuotePriceTable";
import { SignaturePad } from "~/components/dealer/SignaturePad";
import { ErrorList, useErrorText } from "~/components/forms";
import { formatShareCode } from "~/domain/forms/configuration";
import { percentOf } from "~/domain/quote-sheet";
import { can } from "~/domain/permissions";
import { dayOf } from "~/domain/orders";
import { handOverRefusal, marginEffect, orderRefusal } from "~/domain/quotes";
import { readFormData } from "~/utils/form-data.server";
import { getT } from "~/i18n";
import { languageOf } from "~/utils/meta";
import { formatMoney } from "~/utils/money";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dealerStyles }];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = getT(languageOf(matches));
  return [{ title: `${t("quotes.title", { number: data?.number ?? "" })} \u00b7 ${t("app.name")}` }];
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { dealer, db, language } = await requireDealer(request);
  const quote = await getQuote(db, dealer, params.number ?? "");
  if (!quote) throw notYours();
  const latest = quote.versions.at(-1)!;
  const today = dayOf(new Date());
  const state = { ...latest, latestVersion: quote.latestVersion, ordered: quote.orderId !== null };
  const toOrder = orderRefusal(state, today);
  const toSign = latest.signed ? null : orderRefusal({ ...state, signed: true }, today);
  return {
    number: quote.number,
    lockVersion: quote.lockVersion,
    latestVersion: quote.latestVersion,
    orderNumber: quote.orderNumber,
    customer: quote.customer,
    /** The order form's contact fields, from the customer's profile (then their last order). */
    contact: await checkoutPrefill(db, quote.customer, latest.market),
    market: latest.market,
    today,
    role: dealer.role,
    versions: await quoteVersionViews(db, quote, language),
    can: {
      send: !quote.orderId && latest.sentAt === null && handOverRefusal(latest) === null,
      edit: !quote.orderId,
      decide: can(dealer, "quote.decide") && latest.approval === "pending" && !quote.orderId,
      sign: !quote.orderId && !latest.signed && toSign === null,
      order: toOrder === null,
    },
    /** The sales manager's reason for rejecting the newest version's discount. */
    rejection: latest.approval === "rejected" ? { comment: latest.approvalComment } : null,
    /** What a sales manager weighs: the dealer's justification and the discount's margin effect. */
    approvalRequest: latest.approval === "pending" ? { justification: latest.approvalJustification, ...marginEffect(latest.price) } : null,
    /** Why the newest version can't be ordered yet (a message key), if it can't. */
    orderBlocked: toOrder && toOrder.code !== "already-ordered" ? `quotes.errors.${camel(toOrder.code)}` : null,
  };
}

const camel = (code: string) => code.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

export async function action({ request, params }: ActionFunctionArgs) {
  const { dealer, db } = await requireDealer(request);
  // Scope first: another dealership's number is 403 whatever the form says.
  const quote = await getQuote(db, dealer, params.number ?? "");
  if (!quote) throw notYours();
  const parsed = parseQuoteAction(await readFormData(request));
  if (!parsed.ok) return parsed.response;
  const input = parsed.value;
  const back = `/dealer/quotes/${quote.number}`;
  switch (input.intent) {
    case "send": {
      const r = await sendQuote(db, dealer, quote.number, input.expectedLock);
      return r.ok ? redirect(back) : problemReply(r.problem);
    }
    case "approve":
    case "reject": {
      const r = await decideDiscount(db, dealer, quote.number, { approve: input.intent === "approve", comment: input.comment, expectedLock: input.expectedLock });
      if (!r.ok && r.problem.code === "forbidden") throw Response.json({ error: "forbidden", message: r.problem.message }, { status: 403 });
      return r.ok ? redirect(back) : problemReply(r.problem);
    }
    case "sign": {
      const r = await signQuote(db, dealer, quote.number, { signature: input.signature, expectedLock: input.expectedLock });
      return r.ok ? redirect(back) : problemReply(r.problem);
    }
    case "order": {
      const { intent: _intent, version, ...contact } = input;
      const r = await orderFromQuote(db, dealer, quote.number, { version, contact });
      return r.ok ? redirect(back) : problemReply(r.problem);
    }
  }
}

export default function QuotePage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as FormReply | undefined;
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const errorText = useErrorText();
  const latest = data.versions[0];
  const money = (minor: number) => formatMoney(minor, data.market, language);
  const formErrors = reply ? Object.entries(reply.error).filter(([k]) => !["signature", "comment", ...CONTACT_FIELDS].includes(k)).flatMap(([, v]) => v) : [];
  const stale = reply?.code === "stale";

  return (
    <section className="dealer-page quote-page" aria-labelledby="quote-title">
      <DealerPageHead
        crumbs={
          <>
            <Link to="/dealer">{t("dealerPages.quotesTitle")}</Link>
            {" \u203a "}
            <Link to={`/dealer/customers/${data.customer.id}`}>{data.customer.name}</Link>
          </>
        }
        titleId="quote-title"
        title={t("quotes.title", { number: data.number })}
      >
        <QuoteMarketNote market={data.market} />
        <div className="actions">
          {data.can.edit ? (
            <Link to={`/dealer/quotes/${data.number}/edit`} className="button button--secondary dealer-target" data-testid="edit-quote">
              {latest.sentAt || latest.signed || latest.approval === "approved" || latest.approval === "rejected" ? t("quotes.newVersion") : t("quotes.edit")}
            </Link>
          ) : null}
          {data.can.send ? (
            <Form method="post">
              <input type="hidden" name="expectedLock" value={data.lockVersion} />
              <button type="submit" name="intent" value="send" className="button dealer-target" disabled={busy} data-testid="send-quote">
                {t("quotes.send")}
              </button>
            </Form>
          ) : null}
        </div>
      </DealerPageHead>

      {formErrors.length > 0 ? (
        <div className="form-error" role="alert" data-testid="quote-error">
          {formErrors.map((m) => (
            <p key={m}>{errorText(m)}</p>
          ))}
          {stale ? (
            <p>
              <a href={`/dealer/quotes/${data.number}`}>{t("quotes.errors.reload")}</a>
            </p>
          ) : null}
        </div>
      ) : null}

      {data.orderNumber ? (
        <p className="dealer-success" data-testid="quote-order">
          {t("quotes.orderedAs")} <Link to={`/orders/${data.orderNumber}`}>{data.orderNumber}</Link>
        </p>
      ) : null}

      {data.rejection ? (
        <div className="notice dealer-notice" role="status" data-testid="rejection">
          <p>{t("quotes.rejection.lead")}</p>
          {data.rejection.comment ? <blockquote className="quote-version__comment">{data.rejection.comment}</blockquote> : null}
          {data.can.edit ? <p>{t("quotes.rejection.next")}</p> : null}
        </div>
      ) : null}

      {data.can.decide && data.approvalRequest ? (
        <section className="card dealer-section" aria-labelledby="decide-title" data-testid="decide">
          <h2 id="decide-title">{t("quotes.decide.title")}</h2>
          <p>{t("quotes.decide.lead", { percent: latest.price.discountBasisPoints / 100, amount: money(latest.price.discountAmount) })}</p>
          <dl className="dealer-facts" data-testid="margin-effect">
            <div>
              <dt>{t("quotes.decide.listNet")}</dt>
              <dd>{money(data.approvalRequest.listNet)}</dd>
            </div>
            <div>
              <dt>{t("quotes.decide.discount")}</dt>
              <dd>
                {t("quotes.decide.discountOfNet", { amount: money(data.approvalRequest.discountAmount), percent: percentOf(data.approvalRequest.discountBasisPoints, language) })}
              </dd>
            </div>
            <div>
              <dt>{t("quotes.decide.netAfter")}</dt>
              <dd>
                <strong>{money(data.approvalRequest.netAfter)}</strong>
              </dd>
            </div>
            <div>
              <dt>{t("quotes.decide.justification")}</dt>
              <dd data-testid="justification">{data.approvalRequest.justification ? <q>{data.approvalRequest.justification}</q> : t("quotes.decide.noJustification")}</dd>
            </div>
          </dl>
          <Form method="post" className="form">
            <input type="hidden" name="expectedLock" value={data.lockVersion} />
            <div className="field">
              <label htmlFor="decide-comment">{t("quotes.decide.comment")}</label>
              <textarea
                id="decide-comment"
                name="comment"
                rows={2}
                maxLength={1000}
                className="dealer-input"
                aria-describedby="decide-comment-hint"
                aria-invalid={reply?.error.comment ? true : undefined}
              />
              <p id="decide-comment-hint" className="field__hint">
                {t("quotes.decide.commentHint")}
              </p>
              <ErrorList errors={reply?.error.comment} />
            </div>
            <div className="actions">
              <button type="submit" name="intent" value="approve" className="button dealer-target" disabled={busy} data-testid="approve">
                {t("quotes.decide.approve")}
              </button>
              <button type="submit" name="intent" value="reject" className="button button--secondary dealer-target" disabled={busy} data-testid="reject">
                {t("quotes.decide.reject")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}

      {data.can.sign ? (
        <section className="card dealer-section" aria-labelledby="sign-title" data-testid="sign">
          <h2 id="sign-title">{t("signature.title")}</h2>
          <p className="muted">{t("signature.lead", { name: data.customer.name, total: money(latest.total) })}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="sign" />
            <input type="hidden" name="expectedLock" value={data.lockVersion} />
            <SignaturePad name="signature" label={t("signature.area")} acceptLabel={t("signature.accept")} busy={busy} />
            <ErrorList errors={reply?.error.signature} />
          </Form>
        </section>
      ) : null}

      {data.can.order ? (
        <OrderForm version={latest.version} contact={data.contact} busy={busy} errors={reply?.error ?? {}} />
      ) : data.orderBlocked && !data.can.sign && !data.can.decide ? (
        <p className="muted" data-testid="order-blocked">
          {errorText(data.orderBlocked)}
        </p>
      ) : null}

      <section aria-labelledby="versions-title" className="dealer-section">
        <h2 id="versions-title">{t("quotes.versions")}</h2>
        {data.versions.map((v, i) => (
          <VersionCard key={v.version} v={v} open={i === 0} latestVersion={data.latestVersion} number={data.number} today={data.today} />
        ))}
      </section>
    </section>
  );
}

const CONTACT_FIELDS = ["name", "email", "phone", "street", "postalCode", "city", "country"] as const;

function OrderForm({
  version,
  contact,
  busy,
  errors,
}: {
  version: number;
  contact: Record<(typeof CONTACT_FIELDS)[number], string>;
  busy: boolean;
  errors: Record<string, string[]>;
}) {
  const { t } = useTranslation();
  return (
    <section className="card dealer-section" aria-labelledby="order-title" data-testid="order">
      <h2 id="order-title">{t("quotes.orderForm.title")}</h2>
      <p className="muted">{t("quotes.orderForm.lead")}</p>
      <Form method="post" className="form dealer-order-form">
        <input type="hidden" name="intent" value="order" />
        <input type="hidden" name="version" value={version} />
        <div className="dealer-grid">
          {CONTACT_FIELDS.map((f) => (
            <div className="field" key={f}>
              <label htmlFor={`order-${f}`}>{t(`quotes.orderForm.${f}`)}</label>
              <input
                id={`order-${f}`}
                name={f}
                type={f === "email" ? "email" : "text"}
                defaultValue={contact[f]}
                autoComplete="off"
                className="dealer-input"
                aria-invalid={errors[f] ? true : undefined}
                aria-describedby={errors[f] ? `order-${f}-error` : undefined}
              />
              <ErrorList id={`order-${f}-error`} errors={errors[f]} />
            </div>
          ))}
        </div>
        <button type="submit" className="button dealer-target" disabled={busy} data-testid="place-order">
          {t("quotes.orderForm.submit")}
        </button>
      </Form>
    </section>
  );
}

function VersionCard({ v, open, latestVersion, number, today }: { v: QuoteVersionView; open: boolean; latestVersion: number; number: string; today: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  // Each version in its own market (the quote's, not the reader's preference).
  const money = (minor: number) => formatMoney(minor, v.market, language);
  const expired = today > v.validUntil;
  return (
    <details className="card quote-version" open={open} data-version={v.version} data-testid={`version-${v.version}`}>
      <summary className="quote-version__summary dealer-target">
        <span className="quote-version__title">{t("quotes.versionTitle", { version: v.version })}</span>
        <span>{money(v.total)}</span>
        <ApprovalBadge state={v.approval} />
        {v.version < latestVersion ? <span className="muted">{t("quotes.superseded")}</span> : null}
      </summary>
      <div className="quote-version__body">
        <div className="quote-version__config">
          <h3>{v.lineName}</h3>
          <ConfigurationList groups={v.groups} />
        </div>
        <div className="quote-version__facts">
          <QuotePriceTable price={v.price} language={language} />
          <dl className="dealer-facts">
            <div>
              <dt>{t("quotes.validUntil")}</dt>
              <dd>
                {formatDay(v.validUntil, language)}
                {expired ? ` (${t("quotes.expired")})` : ""}
              </dd>
            </div>
            <div>
              <dt>{t("quotes.approval")}</dt>
              <dd>
                <ApprovalBadge state={v.approval} />
                {v.approvalComment ? <q className="quote-version__comment">{v.approvalComment}</q> : null}
                {v.approvalAt ? <span className="muted"> {formatTime(v.approvalAt, language)}</span> : null}
              </dd>
            </div>
            {v.approvalJustification ? (
              <div>
                <dt>{t("quotes.justification")}</dt>
                <dd>
                  <q className="quote-version__comment">{v.approvalJustification}</q>
                </dd>
              </div>
            ) : null}
            <div>
              <dt>{t("quotes.sent")}</dt>
              <dd>{v.sentAt ? formatTime(v.sentAt, language) : t("quotes.notSent")}</dd>
            </div>
            <div>
              <dt>{t("quotes.signed")}</dt>
              <dd data-testid="version-signed">{v.signedAt ? formatTime(v.signedAt, language) : t("quotes.no")}</dd>
            </div>
            {v.shareCode ? (
              <div>
                <dt>{t("quotes.shareCode")}</dt>
                <dd className="code">{formatShareCode(v.shareCode)}</dd>
              </div>
            ) : null}
          </dl>
        </div>
        <QuoteDocumentLinks number={number} version={v.version} latestVersion={latestVersion} shareCode={v.shareCode} />
      </div>
    </details>
  );
}
