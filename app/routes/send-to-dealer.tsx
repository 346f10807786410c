/**
 * /send-to-dealer?share=<code> | ?configuration=<id> | ?line=<line>&c=…:
 * "Send to a dealer". A customer (their account says who they are) or a
 * visitor (name, email, optional phone) picks a dealership — those of their
 * market first — adds an optional message and how they'd like to be
 * contacted; the configuration arrives in that dealership's leads inbox,
 * frozen as a share code. Bad input answers 400 with the form's messages, an
 * unknown dealership, share code or saved configuration 404, a refused
 * configuration its own 4xx, too many sends 429; nothing is stored then.
 * Staff accounts get 403 (they work leads, they don't send them).
 */
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { leadSender, leadSourceFrom, leadSourceView } from "~/.server/leads/lead-pages.server";
import { listDealerships, sendLead } from "~/.server/leads/leads.server";
import { getPreferences } from "~/.server/platform/preferences.server";
import { ErrorList, Field } from "~/components/forms";
import { customerLeadSchema, visitorLeadSchema, type LeadForm, type VisitorLead } from "~/domain/forms/leads";
import { LEAD_LIMITS, PREFERRED_CONTACTS } from "~/domain/leads";
import { getDb } from "#db/client";
import { readBoundedFormData } from "~/utils/form-data.server";
import { title } from "~/utils/meta";
import stylesUrl from "~/styles/leads.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesUrl }];

export const meta: MetaFunction = ({ matches }) => title(matches, "leads.send.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const sender = await leadSender(request);
  const source = leadSourceFrom(new URL(request.url), sender);
  const { market, language } = await getPreferences(request);
  const db = await getDb();
  const [configuration, dealerships] = await Promise.all([leadSourceView(db, source, language), listDealerships(db, sender?.preferredMarket ?? market)]);
  return { configuration, dealerships, visitor: sender === null, signedInAs: sender ? { name: sender.name, email: sender.email } : null };
}

/** Which refusals land on which field (the rest are the form's own). */
const FIELDS: Record<string, string> = { "unknown-dealership": "dealership" };
const MESSAGES: Record<string, string> = {
  "unknown-dealership": "leads.errors.unknownDealership",
  "unknown-share-code": "leads.errors.unknownShareCode",
  "not-found": "leads.errors.unknownConfiguration",
  "too-many-leads": "leads.errors.tooMany",
};

export async function action({ request, context }: ActionFunctionArgs) {
  const sender = await leadSender(request);
  const source = leadSourceFrom(new URL(request.url), sender);
  // Open to anyone: a body far beyond what the form can hold is refused before it is read whole.
  const formData = await readBoundedFormData(request, LEAD_LIMITS.formBytes);
  if (formData === "too-large") return data({ result: null, sent: null, code: "too-large" }, { status: 413 });
  const submission = sender ? parseWithZod(formData, { schema: customerLeadSchema }) : parseWithZod(formData, { schema: visitorLeadSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), sent: null }, { status: 400 });
  const form = submission.value;
  const result = await sendLead(await getDb(), {
    sender: sender ? { customerId: sender.id } : { visitor: visitorOf(form) },
    source,
    form,
    clientAddress: context.clientAddress ?? "unknown",
  });
  if (!result.ok) {
    const { problem } = result;
    const message = MESSAGES[problem.code] ?? "leads.errors.configurationRefused";
    const field = FIELDS[problem.code];
    const reply = field ? submission.reply({ fieldErrors: { [field]: [message] } }) : submission.reply({ formErrors: [message] });
    return data({ result: reply, sent: null, code: problem.code }, { status: problem.status });
  }
  return { result: submission.reply({ resetForm: true }), sent: { dealership: result.value.dealership } };
}

/** The visitor's contact from their form (parsed with visitorLeadSchema, which requires both). */
function visitorOf(form: LeadForm): { name: string; email: string } {
  return "email" in form ? { name: form.name, email: form.email } : { name: "", email: "" };
}

export default function SendToDealer() {
  const { t } = useTranslation();
  const { configuration, dealerships, visitor, signedInAs } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const schema = visitor ? visitorLeadSchema : customerLeadSchema;
  // One shape for the fields (the visitor's, the fuller one); the customer's form just doesn't render name and email.
  const [form, fields] = useForm<VisitorLead>({
    id: "send-to-dealer",
    lastResult: answer?.sent ? null : (answer?.result ?? null),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: schema as typeof visitorLeadSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: { preferredContact: "email" },
  });
  const busy = navigation.state !== "idle";

  if (answer?.sent) {
    return (
      <section className="narrow" aria-labelledby="lead-sent-title">
        <div className="card" role="status" data-testid="lead-sent">
          <h1 id="lead-sent-title">{t("leads.send.sentTitle")}</h1>
          <p>{t("leads.send.sent", { dealership: answer.sent.dealership })}</p>
          <p>{visitor ? <Link to="/">{t("account.browse")}</Link> : <Link to="/account#sent-leads">{t("leads.send.seeSent")}</Link>}</p>
        </div>
      </section>
    );
  }

  const { key: dealershipKey, ...dealershipProps } = getSelectProps(fields.dealership);
  const { key: messageKey, ...messageProps } = getTextareaProps(fields.message);
  return (
    <section className="narrow" aria-labelledby="send-title">
      <div className="card">
        <h1 id="send-title">{t("leads.send.title")}</h1>
        <p className="muted" data-testid="lead-configuration">
          {configuration.name ? `${configuration.name} · ` : ""}
          {t("leads.send.what", { line: configuration.lineName, n: configuration.choiceCount })}
          {configuration.displayCode ? ` · ${t("share.code")} ${configuration.displayCode}` : ""}
        </p>
        <p className="muted">{signedInAs ? t("leads.send.asCustomer", { name: signedInAs.name, email: signedInAs.email }) : t("leads.send.asVisitor")}</p>
        <Form method="post" className="form" {...getFormProps(form)}>
          <ErrorList id={form.errorId} errors={form.errors} className="form-error" />
          <div className="field">
            <label htmlFor={fields.dealership.id}>{t("leads.send.dealership")}</label>
            <select key={dealershipKey} {...dealershipProps} data-testid="lead-dealership">
              <option value="">{t("leads.send.chooseDealership")}</option>
              {dealerships.map((d) => (
                <option key={d.code} value={d.code}>
                  {d.name}
                </option>
              ))}
            </select>
            <ErrorList id={fields.dealership.errorId} errors={fields.dealership.errors} />
          </div>
          {visitor ? (
            <>
              <Field field={fields.name} label={t("leads.send.name")} type="text" autoComplete="name" />
              <Field field={fields.email} label={t("leads.send.email")} type="email" autoComplete="email" />
            </>
          ) : null}
          <Field field={fields.phone} label={t("leads.send.phone")} type="text" autoComplete="tel" hint={t("leads.send.phoneHint")} />
          <fieldset className="field lead-contact">
            <legend>{t("leads.send.preferredContact")}</legend>
            {PREFERRED_CONTACTS.map((c) => {
              const { key, ...radio } = getInputProps(fields.preferredContact, { type: "radio", value: c });
              return (
                <label key={key}>
                  <input {...radio} /> {t(`leads.contact.${c}`)}
                </label>
              );
            })}
            <ErrorList id={fields.preferredContact.errorId} errors={fields.preferredContact.errors} />
          </fieldset>
          <div className="field">
            <label htmlFor={fields.message.id}>{t("leads.send.message")}</label>
            <textarea key={messageKey} {...messageProps} maxLength={LEAD_LIMITS.messageLength} />
            <ErrorList id={fields.message.errorId} errors={fields.message.errors} />
          </div>
          <button type="submit" className="button button--block" disabled={busy} data-testid="send-lead">
            {t("leads.send.submit")}
          </button>
        </Form>
      </div>
    </section>
  );
}
