/**
 * /dealer/customers: find one of the dealership's customers by name, email or
 * phone, or add one (name, email, phone, consent to be contacted). The form
 * and the action parse with the same schema; bad input answers 400 with the
 * form's messages and writes nothing.
 */
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireDealer } from "~/.server/quotes/dealer-pages.server";
import { addCustomer, searchCustomers } from "~/.server/quotes/quotes.server";
import { ErrorList, Field } from "~/components/forms";
import { CustomerSearch } from "~/components/dealer/CustomerSearch";
import dealerStyles from "~/components/dealer/dealer.css?url";
import { customerSearchSchema, newCustomerSchema } from "~/domain/forms/dealer";
import { readFormData } from "~/utils/form-data.server";
import { title } from "~/utils/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dealerStyles }];

export const meta: MetaFunction = ({ matches }) => title(matches, "customers.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { dealer, db } = await requireDealer(request);
  const parsed = customerSearchSchema.safeParse({ q: new URL(request.url).searchParams.get("q") ?? undefined });
  const q = parsed.success ? parsed.data.q : "";
  const customers = await searchCustomers(db, dealer, q);
  return { q, customers: customers.map((c) => ({ ...c, since: c.since.toISOString() })) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { dealer, db } = await requireDealer(request);
  const submission = parseWithZod(await readFormData(request), { schema: newCustomerSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { name, email, phone, consent } = submission.value;
  const added = await addCustomer(db, dealer, { name, email, phone: phone || undefined, consentToContact: consent });
  if (!added.ok) return data(submission.reply({ fieldErrors: { email: ["customers.errors.staffEmail"] } }), { status: added.problem.status });
  return redirect(`/dealer/customers/${added.value.id}`);
}

export default function DealerCustomers() {
  const { t } = useTranslation();
  const { q, customers } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "new-customer-form",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: newCustomerSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const { key: consentKey, ...consentProps } = getInputProps(fields.consent, { type: "checkbox" });

  return (
    <section className="dealer-page" aria-labelledby="customers-title">
      <div className="dealer-page__head">
        <h1 id="customers-title">{t("customers.title")}</h1>
        <Link to="/dealer" className="button button--secondary dealer-target">
          {t("dealerPages.backToQuotes")}
        </Link>
      </div>

      <div className="dealer-columns">
        <section aria-labelledby="search-title" className="card">
          <h2 id="search-title">{t("customers.searchTitle")}</h2>
          <CustomerSearch inputId="customer-q" q={q} found={customers.length > 0}>
            <ul className="dealer-list" data-testid="customer-results">
              {customers.map((c) => (
                <li key={c.id}>
                  <Link to={`/dealer/customers/${c.id}`} className="dealer-list__link">
                    <span className="dealer-list__name">{c.name}</span>
                    <span className="muted">
                      {c.email}
                      {c.phone ? ` \u00b7 ${c.phone}` : ""}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          </CustomerSearch>
        </section>

        <section aria-labelledby="new-customer-title" className="card" id="new-customer">
          <h2 id="new-customer-title">{t("customers.newTitle")}</h2>
          <Form method="post" className="form" {...getFormProps(form)}>
            <ErrorList id={form.errorId} errors={form.errors} className="form-error" />
            <Field field={fields.name} label={t("customers.name")} type="text" autoComplete="off" />
            <Field field={fields.email} label={t("customers.email")} type="email" autoComplete="off" />
            <Field field={fields.phone} label={t("customers.phone")} type="text" autoComplete="off" hint={t("customers.phoneHint")} />
            <div className="field field--checkbox">
              <label htmlFor={fields.consent.id} className="dealer-check">
                <input key={consentKey} {...consentProps} />
                <span>{t("customers.consent")}</span>
              </label>
              <ErrorList id={fields.consent.errorId} errors={fields.consent.errors} />
            </div>
            <button type="submit" className="button dealer-target" disabled={navigation.state === "submitting"}>
              {t("customers.create")}
            </button>
          </Form>
        </section>
      </div>
    </section>
  );
}
