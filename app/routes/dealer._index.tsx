/**
 * /dealer: the dealership's quotes — search by quote number or customer name
 * or email, filter by status and validity, sort, page through them, with how
 * many are in each status; a sales manager sees the discounts waiting for
 * their approval above them. A share code typed in starts a quote from it
 * (the customer is chosen next, on /dealer/quotes/new?share=<code>). Bad list
 * parameters answer 400 with the reason; a malformed share code 400, an
 * unknown one 404, one whose product line is gone 409, each with its message.
 */
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getSharedConfiguration } from "~/.server/configurations/configurations.server";
import { requireDealer } from "~/.server/quotes/dealer-pages.server";
import { searchQuotes } from "~/.server/quotes/quote-lists.server";
import { countNewLeads } from "~/.server/leads/leads.server";
import { listQuotes } from "~/.server/quotes/quotes.server";
import { ErrorList } from "~/components/forms";
import { ListFilterForm, ListProblem, ListSelect, Pager, StatusCounts } from "~/components/dealer/DealerLists";
import { QuoteTable } from "~/components/dealer/QuoteBits";
import dealerStyles from "~/components/dealer/dealer.css?url";
import { openShareCodeSchema } from "~/domain/forms/configuration";
import { listLinks, QUOTE_SORTS, QUOTE_STATUSES, QUOTE_VALIDITIES, quoteListParamsSchema } from "~/domain/forms/dealer-lists";
import { firstIssue, paramsObject } from "~/domain/forms/planning";
import { dayOf } from "~/domain/orders";
import { can } from "~/domain/permissions";
import { readFormData } from "~/utils/form-data.server";
import { title } from "~/utils/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dealerStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { dealer, db } = await requireDealer(request);
  const pending = can(dealer, "quote.decide") ? await listQuotes(db, dealer, { pendingOnly: true }) : null;
  const view = <Q extends { updatedAt: Date }>(q: Q) => ({ ...q, updatedAt: q.updatedAt.toISOString() });
  // Staff have no notifications page (notification.read is the customers'): the new leads' count is their signal.
  const newLeads = can(dealer, "lead.manage") ? await countNewLeads(db, dealer) : null;
  const head = { dealership: dealer.dealership, role: dealer.role, pending: pending?.map(view) ?? null, newLeads };
  const parsed = quoteListParamsSchema.safeParse(paramsObject(new URL(request.url).searchParams));
  if (!parsed.success) return data({ ...head, ok: false as const, problem: firstIssue(parsed.error) }, { status: 400 });
  const { rows, ...pages } = await searchQuotes(db, dealer, parsed.data, dayOf(new Date()));
  return { ...head, ok: true as const, params: parsed.data, quotes: rows.map(view), ...pages };
}

/** "Quote from a share code": check the code, then choose the customer the quote is for. */
export async function action({ request }: ActionFunctionArgs) {
  const { db } = await requireDealer(request);
  const submission = parseWithZod(await readFormData(request), { schema: openShareCodeSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const shared = await getSharedConfiguration(db, submission.value.code);
  if (!shared) return data(submission.reply({ fieldErrors: { code: ["dealerPages.shareUnknown"] } }), { status: 404 });
  if (shared.reconciliation && !shared.reconciliation.lineAvailable) return data(submission.reply({ fieldErrors: { code: ["dealerPages.shareLineGone"] } }), { status: 409 });
  return redirect(`/dealer/quotes/new?${new URLSearchParams({ share: shared.code })}`);
}

export const meta: MetaFunction = ({ matches }) => title(matches, "dealer.title");

export default function DealerHome() {
  const { t } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  const { dealership, pending, newLeads } = loaded;
  return (
    <section className="dealer-page" aria-labelledby="dealer-title">
      <div className="dealer-page__head">
        <div>
          <h1 id="dealer-title">{t("dealer.title")}</h1>
          <p className="muted">{dealership.name}</p>
        </div>
        <div className="actions">
          {newLeads !== null ? (
            <Link to="/dealer/leads" className="button button--secondary dealer-target" data-testid="leads-link" aria-label={t("leads.inbox.badge", { count: newLeads })}>
              {t("leads.inbox.title")}
              {newLeads > 0 ? (
                <span className="badge" data-testid="new-leads">
                  {newLeads}
                </span>
              ) : null}
            </Link>
          ) : null}
          <Link to="/dealer/orders" className="button button--secondary dealer-target">
            {t("dealerLists.ordersTitle")}
          </Link>
          <Link to="/dealer/customers" className="button button--secondary dealer-target">
            {t("dealerPages.customers")}
          </Link>
          <Link to="/dealer/customers#new-customer" className="button dealer-target">
            {t("dealerPages.newQuote")}
          </Link>
        </div>
      </div>

      <ShareCodeForm />

      {pending ? (
        <section aria-labelledby="pending-title" className="dealer-section" data-testid="pending-approvals">
          <h2 id="pending-title">{t("dealerPages.pendingTitle")}</h2>
          {pending.length === 0 ? <p className="muted">{t("dealerPages.pendingEmpty")}</p> : <QuoteTable quotes={pending} />}
        </section>
      ) : null}

      <section aria-labelledby="quotes-title" className="dealer-section">
        <h2 id="quotes-title">{t("dealerPages.quotesTitle")}</h2>
        {loaded.ok ? <QuoteList /> : <ListProblem message={loaded.problem.message} resetHref="/dealer" />}
      </section>
    </section>
  );
}

/** A share code typed in (the customer's phone, a printed quote) → a new quote from it. */
function ShareCodeForm() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "quote-from-share-code",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: openShareCodeSchema }),
    shouldValidate: "onBlur",
  });
  const { key, ...inputProps } = getInputProps(fields.code, { type: "text" });
  return (
    <section aria-labelledby="share-code-title" className="card dealer-section">
      <h2 id="share-code-title">{t("dealerPages.shareTitle")}</h2>
      <Form method="post" className="dealer-search" {...getFormProps(form)}>
        <label htmlFor={fields.code.id} className="visually-hidden">
          {t("share.code")}
        </label>
        <input key={key} {...inputProps} autoComplete="off" autoCapitalize="characters" spellCheck={false} maxLength={40} className="dealer-input" placeholder={t("dealerPages.sharePlaceholder")} />
        <button type="submit" className="button dealer-target" disabled={navigation.state !== "idle"} data-testid="quote-from-share">
          {t("dealerPages.shareSubmit")}
        </button>
      </Form>
      <ErrorList id={fields.code.errorId} errors={fields.code.errors} />
    </section>
  );
}

function QuoteList() {
  const { t } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  if (!loaded.ok) return null;
  const { params, quotes, counts, total, page, pageSize } = loaded;
  const href = listLinks("/dealer", params);
  return (
    <>
      <ListFilterForm search sorts={QUOTE_SORTS} sort={params.sort} dir={params.dir} sortLabel={(s) => t(`dealerLists.quoteSorts.${s}`)}>
        <label htmlFor="quote-q" className="visually-hidden">
          {t("dealerLists.searchLabel")}
        </label>
        <input id="quote-q" name="q" type="search" defaultValue={params.q} maxLength={100} placeholder={t("dealerLists.searchPlaceholder")} className="dealer-input" />
        <ListSelect all label={t("dealerLists.status")} name="status" values={QUOTE_STATUSES} value={params.status} optionLabel={(s) => t(`dealerLists.quoteStatus.${s}`)} />
        <ListSelect all label={t("dealerLists.validity")} name="validity" values={QUOTE_VALIDITIES} value={params.validity} optionLabel={(v) => t(`dealerLists.validities.${v}`)} />
      </ListFilterForm>
      <StatusCounts statuses={QUOTE_STATUSES} counts={counts} current={params.status} label={(s) => t(`dealerLists.quoteStatus.${s}`)} href={(status) => href({ status })} />
      {quotes.length === 0 ? <p className="muted">{params.q || params.status || params.validity ? t("dealerLists.noMatch") : t("dealer.empty")}</p> : <QuoteTable quotes={quotes} />}
      <Pager page={page} pageSize={pageSize} total={total} href={(p) => href({ page: p })} />
    </>
  );
}
