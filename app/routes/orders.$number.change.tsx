/**
 * /orders/<number>/change?c=…: the customer confirms a new configuration for
 * an order before its frozen horizon. Shows the new configuration, the price
 * ordered, the new price (in the order's market) and the difference; the form
 * carries the order's version and the new total, so a change made by someone
 * else meanwhile, or a price that moved, is refused rather than applied
 * blindly. "Keep my order" forgets the change.
 */
import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/.server/auth/auth.server";
import { getLine } from "~/.server/catalog/catalog.server";
import { changeOrderConfiguration, previewOrderChange } from "~/.server/orders/order-changes.server";
import { orderChangeCookie, problemView } from "~/.server/orders/order-pages.server";
import { getOrder } from "~/.server/orders/orders.server";
import { conformRefusalReply } from "~/.server/platform/form-reply.server";
import configuratorStyles from "~/components/configurator/configurator.css?url";
import { ReviewTable } from "~/components/configurator/ReviewTable";
import { ConfigurationProblems } from "~/components/orders/ConfigurationProblems";
import ordersStyles from "~/components/orders/orders.css?url";
import { useLanguage } from "~/components/use-language";
import type { ProductLine } from "~/domain/catalog";
import { configureHref, parseConfigureSearch } from "~/domain/forms/configuration";
import { changeActionSchema } from "~/domain/forms/order-page";
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
  const user = await requireUser(request);
  const db = await getDb();
  const actor = { id: user.id, role: user.role };
  const order = await getOrder(db, actor, params.number ?? "");
  if (!order) throw new Response("Not found", { status: 404 });
  const loaded = await getLine(order.line, undefined, { db });
  if (!loaded) throw new Response("Not found", { status: 404 });
  const { choices, texts } = parseConfigureSearch(new URL(request.url).searchParams);
  const preview = await previewOrderChange(db, actor, { number: order.number, catalogVersion: loaded.version.id, choices, texts });
  if (!preview.ok && preview.problem.status === 404) throw new Response("Not found", { status: 404 });
  return {
    number: order.number,
    line: loaded.line,
    catalogVersion: loaded.version.id,
    choices,
    texts,
    old: { total: order.total, market: order.market, version: order.version },
    preview: preview.ok ? { price: preview.value.price, difference: preview.value.difference } : null,
    problem: preview.ok ? null : problemView(preview.problem),
    editHref: configureHref(order.line, choices, texts),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = getT(languageOf(matches));
  return [{ title: `${t("orderChange.title", { number: data?.number ?? "" })} · ${t("app.name")}` }];
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const number = params.number ?? "";
  const submission = parseWithZod(await readFormData(request), { schema: changeActionSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), problem: null }, { status: 400 });
  const clear = { "Set-Cookie": await orderChangeCookie.serialize("", { maxAge: 0 }) };
  if (submission.value.intent === "abandon") return redirect(`/orders/${number}`, { headers: clear });
  const { choices, texts } = parseConfigureSearch(new URL(request.url).searchParams);
  const { expectedVersion, expectedTotal, catalogVersion } = submission.value;
  const result = await changeOrderConfiguration(await getDb(), { id: user.id, role: user.role }, { number, catalogVersion, choices, texts, expectedVersion, expectedTotal });
  if (result.ok) return redirect(`/orders/${number}`, { headers: clear });
  if (result.problem.status === 404) throw new Response("Not found", { status: 404 });
  return conformRefusalReply(submission, result.problem, result.problem.code, { problem: problemView(result.problem) });
}

export default function ChangeOrder() {
  const { t } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const navigation = useNavigation();
  const language = useLanguage();
  const line = loaded.line as ProductLine;
  const money = (minor: number) => formatMoney(minor, loaded.old.market, language);
  // The loader's refusal (frozen, invalid…) or the one the last confirmation met (stale, price moved).
  const problem = reply?.problem ?? loaded.problem;
  const signed = (minor: number) => (minor > 0 ? `+${money(minor)}` : money(minor));

  return (
    <article className="order-page" aria-labelledby="change-title">
      <header>
        <h1 id="change-title">{t("orderChange.title", { number: loaded.number })}</h1>
        <p className="lead">{t("orderChange.lead")}</p>
      </header>

      {problem ? (
        <div className="review__check review__check--problems" role="alert" data-testid="change-refusal" data-code={problem.code}>
          <p>{t(`orderChange.refused.${refusalKey(problem.code)}`, { price: problem.total !== undefined ? money(problem.total) : "" })}</p>
          {problem.problems ? <ConfigurationProblems problems={problem.problems} line={line} language={language} /> : null}
        </div>
      ) : null}

      {loaded.preview ? (
        <>
          <section aria-labelledby="change-price">
            <h2 id="change-price">{t("orderChange.price")}</h2>
            <dl className="order-facts price-compare" data-testid="change-prices">
              <dt>{t("orderChange.oldTotal")}</dt>
              <dd data-testid="old-total">{money(loaded.old.total)}</dd>
              <dt>{t("orderChange.newTotal")}</dt>
              <dd data-testid="new-total">{money(loaded.preview.price.total)}</dd>
              <dt>{t("orderChange.difference")}</dt>
              <dd data-testid="difference">{signed(loaded.preview.difference)}</dd>
            </dl>
          </section>
          <section aria-labelledby="change-configuration">
            <h2 id="change-configuration">{t("orderChange.newConfiguration")}</h2>
            <ReviewTable line={line} language={language} choices={loaded.choices} texts={loaded.texts} breakdown={loaded.preview.price} formatMoney={money} />
          </section>
        </>
      ) : null}

      <div className="actions">
        {loaded.preview ? (
          <Form method="post">
            <input type="hidden" name="expectedVersion" value={loaded.old.version} />
            <input type="hidden" name="expectedTotal" value={loaded.preview.price.total} />
            <input type="hidden" name="catalogVersion" value={loaded.catalogVersion} />
            <button type="submit" name="intent" value="confirm" className="button" disabled={navigation.state !== "idle"} data-testid="confirm-change">
              {t("orderChange.confirm")}
            </button>
          </Form>
        ) : null}
        {problem?.code !== "frozen" && problem?.code !== "not-forward" ? (
          <Link to={loaded.editHref} className="button button--secondary">
            {t("orderChange.editAgain")}
          </Link>
        ) : null}
        <Form method="post">
          <button type="submit" name="intent" value="abandon" className="button button--secondary" disabled={navigation.state !== "idle"}>
            {t("orderChange.keep")}
          </button>
        </Form>
      </div>
    </article>
  );
}

function refusalKey(code: string) {
  switch (code) {
    case "frozen":
    case "stale":
    case "price-changed":
    case "invalid-configuration":
      return code;
    case "not-forward":
      return "cancelled";
    case "retired-version":
    case "outdated-version":
      return "version";
    default:
      return "unavailable";
  }
}
