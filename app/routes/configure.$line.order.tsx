/**
 * /configure/<line>/order?c=…: checkout. The customer confirms contact and
 * delivery details (pre-filled from the account and the last order), the
 * terms and the price the server computed; the form carries that total, the
 * catalog version and an idempotency key made when the form was rendered, so
 * a double click, a refresh that resubmits or a retry makes one order.
 *
 * The action re-checks everything through placeOrder (the browser is never
 * trusted) and answers a refusal with the way forward: a new price to
 * confirm, the configurator for a retired catalog, the engine's problems.
 */
import { randomUUID } from "node:crypto";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/.server/auth/auth.server";
import { configurationReview } from "~/.server/configurations/configuration-pages.server";
import { checkoutPrefill, problemView, type ProblemView } from "~/.server/orders/order-pages.server";
import { placeOrder } from "~/.server/orders/orders.server";
import { conformRefusalReply } from "~/.server/platform/form-reply.server";
import { getPreferences } from "~/.server/platform/preferences.server";
import { countryOptions } from "~/domain/countries";
import configuratorStyles from "~/components/configurator/configurator.css?url";
import { reviewHref } from "~/components/configurator/configurator-model";
import { ReviewTable } from "~/components/configurator/ReviewTable";
import { ErrorList } from "~/components/forms";
import { ConfigurationProblems } from "~/components/orders/ConfigurationProblems";
import { ContactFields } from "~/components/orders/ContactFields";
import ordersStyles from "~/components/orders/orders.css?url";
import { useLanguage } from "~/components/use-language";
import { localize, type ProductLine } from "~/domain/catalog";
import { configureHref, parseConfigureSearch } from "~/domain/forms/configuration";
import { checkoutFormSchema, type CheckoutForm } from "~/domain/forms/order";
import { getT } from "~/i18n";
import { readFormData } from "~/utils/form-data.server";
import { languageOf } from "~/utils/meta";
import { formatMoney } from "~/utils/money";
import { getDb } from "#db/client";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: configuratorStyles },
  { rel: "stylesheet", href: ordersStyles },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "order.place");
  const db = await getDb();
  const review = await configurationReview(request, params.line ?? "", { db });
  const { language } = await getPreferences(request);
  return {
    ...review,
    contact: await checkoutPrefill(db, user, review.breakdown.market),
    // Named by the server: the browser's own country names (its ICU) may differ, and the page must hydrate as rendered.
    countries: countryOptions(language),
    // Made once per rendered form: every submission of this form (double click, refresh, retry) carries it.
    idempotencyKey: randomUUID(),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const language = languageOf(matches);
  const t = getT(language);
  return [{ title: `${t("checkout.title", { name: data ? localize(data.line.name, language) : "" })} · ${t("app.name")}` }];
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "order.place");
  const submission = parseWithZod(await readFormData(request), { schema: checkoutFormSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), problem: null }, { status: 400 });
  const { choices, texts } = parseConfigureSearch(new URL(request.url).searchParams);
  const { market } = await getPreferences(request);
  const { terms: _, expectedTotal, catalogVersion, idempotencyKey, ...contact } = submission.value;
  const placed = await placeOrder(
    await getDb(),
    { id: user.id, role: user.role },
    { line: params.line ?? "", catalogVersion, choices, texts, market, expectedTotal, contact, idempotencyKey },
  );
  if (placed.ok) return redirect(`/orders/${placed.value.order.number}/confirmed`);
  const { problem } = placed;
  return conformRefusalReply(submission, problem, `checkout.refused.${refusalKey(problem.code)}`, { problem: problemView(problem) });
}

/** The message a refusal shows (checkout.refused.*). */
function refusalKey(code: ProblemView["code"]) {
  switch (code) {
    case "price-changed":
    case "invalid-configuration":
    case "idempotency-key-reused":
      return code;
    case "retired-version":
    case "outdated-version":
      return "version";
    default:
      return "unavailable";
  }
}

export default function Checkout() {
  const { t } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const navigation = useNavigation();
  const language = useLanguage();
  const line = loaded.line as ProductLine;
  const market = loaded.breakdown.market;
  const money = (minor: number) => formatMoney(minor, market, language);
  const editHref = configureHref(line.code, loaded.choices, loaded.texts);
  const name = localize(line.name, language);
  const problem = reply?.problem ?? null;

  const [form, fields] = useForm<CheckoutForm>({
    id: "checkout",
    lastResult: reply?.result,
    defaultValue: loaded.contact,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: checkoutFormSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });

  if (loaded.problems.length > 0) {
    return (
      <article className="checkout" aria-labelledby="checkout-title">
        <h1 id="checkout-title">{t("checkout.title", { name })}</h1>
        <div className="review__check review__check--problems" role="alert" data-testid="checkout-problems">
          <p>{t("checkout.invalid")}</p>
          <ConfigurationProblems problems={loaded.problems} line={line} language={language} />
        </div>
        <Link to={editHref} className="button">
          {t("checkout.edit")}
        </Link>
      </article>
    );
  }

  return (
    <article className="checkout" aria-labelledby="checkout-title">
      <header>
        <h1 id="checkout-title">{t("checkout.title", { name })}</h1>
        <p className="lead">{t("checkout.lead")}</p>
        <p className="muted">
          {t("review.version", { version: loaded.version.id })} · {t("review.market", { market: t(`markets.${market}`) })}
        </p>
      </header>

      {problem ? <Refusal problem={problem} line={line} editHref={editHref} money={money} /> : null}

      <section aria-labelledby="checkout-price" className="checkout__price">
        <h2 id="checkout-price">{t("checkout.price")}</h2>
        <ReviewTable line={line} language={language} choices={loaded.choices} texts={loaded.texts} breakdown={loaded.breakdown} formatMoney={money} />
        <p className="actions">
          <Link to={reviewHref(editHref)} className="button button--secondary">
            {t("checkout.backToReview")}
          </Link>
          <Link to={editHref} className="button button--secondary">
            {t("checkout.edit")}
          </Link>
        </p>
      </section>

      <Form method="post" className="form checkout__form" {...getFormProps(form)}>
        <h2>{t("checkout.contact")}</h2>
        <ErrorList id={form.errorId} errors={problem ? undefined : form.errors} className="form-error" />
        <input type="hidden" name="expectedTotal" value={loaded.breakdown.total} />
        <input type="hidden" name="catalogVersion" value={loaded.version.id} />
        <input type="hidden" name="idempotencyKey" value={loaded.idempotencyKey} />
        <ContactFields fields={fields} countries={loaded.countries} />
        <div className="field field--checkbox">
          <label>
            <input type="checkbox" name="terms" value="on" aria-invalid={fields.terms.errors ? true : undefined} aria-describedby={fields.terms.errors ? fields.terms.errorId : undefined} />{" "}
            {t("checkout.terms")}
          </label>
          <ErrorList id={fields.terms.errorId} errors={fields.terms.errors} />
        </div>
        <p className="checkout__total" data-testid="checkout-total">
          {t("checkout.total", { price: money(loaded.breakdown.total) })}
        </p>
        <button type="submit" className="button" disabled={navigation.state === "submitting"} data-testid="place-order">
          {navigation.state === "submitting" ? t("checkout.submitting") : t("checkout.submit")}
        </button>
      </Form>
    </article>
  );
}

function Refusal({ problem, line, editHref, money }: { problem: ProblemView; line: ProductLine; editHref: string; money: (minor: number) => string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <div className="review__check review__check--problems checkout__refusal" role="alert" data-testid="checkout-refusal" data-code={problem.code}>
      {problem.code === "price-changed" ? (
        <p>{t("checkout.refused.price-changed", { price: problem.total !== undefined ? money(problem.total) : "" })}</p>
      ) : problem.code === "invalid-configuration" ? (
        <>
          <p>{t("checkout.refused.invalid-configuration")}</p>
          {problem.problems ? <ConfigurationProblems problems={problem.problems} line={line} language={language} /> : null}
          <Link to={editHref} className="button">
            {t("checkout.edit")}
          </Link>
        </>
      ) : problem.code === "retired-version" || problem.code === "outdated-version" ? (
        <>
          <p>{t("checkout.refused.version")}</p>
          <Link to={editHref} className="button">
            {t("checkout.openConfigurator")}
          </Link>
        </>
      ) : problem.code === "idempotency-key-reused" ? (
        <p>{t("checkout.refused.idempotency-key-reused")}</p>
      ) : (
        <p>{t("checkout.refused.unavailable")}</p>
      )}
    </div>
  );
}
