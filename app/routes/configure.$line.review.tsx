/**
 * /configure/<line>/review?c=…: everything chosen, grouped by feature, with
 * codes and the full price breakdown; prints as a clean one-page summary.
 * The server checks the configuration again with the engine's `validate` and
 * prices it itself: what the browser showed is never taken on trust.
 * "Print design sheet" posts here: the configuration becomes a share code and
 * the browser goes to its design sheet (/share/<code>/sheet).
 */
import { type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction, data as answer, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { configurationReview } from "~/.server/configurations/configuration-pages.server";
import { changingOrderFor } from "~/.server/orders/order-pages.server";
import { getUser } from "~/.server/auth/auth.server";
import { createShareCode } from "~/.server/configurations/configurations.server";
import { getDb } from "#db/client";
import { shareConfiguration } from "~/components/configurator/api-client";
import configuratorStyles from "~/components/configurator/configurator.css?url";
import { reviewHref } from "~/components/configurator/configurator-model";
import { ReviewTable } from "~/components/configurator/ReviewTable";
import { SaveSharePanel } from "~/components/configurator/SaveSharePanel";
import { problemText } from "~/components/orders/ConfigurationProblems";
import { changeOrderHref, checkoutHref } from "~/components/orders/links";
import { useSaveConfiguration } from "~/components/configurator/use-save-configuration";
import { localize, type ProductLine } from "~/domain/catalog";
import { configureHref, parseConfigureSearch } from "~/domain/forms/configuration";
import { sendToDealerHref } from "~/domain/forms/leads";
import { can } from "~/domain/permissions";
import { getT } from "~/i18n";
import type { loader as rootLoader } from "~/root";
import { languageOf } from "~/utils/meta";
import { formatMoney } from "~/utils/money";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: configuratorStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const review = await configurationReview(request, params.line ?? "");
  return {
    ...review,
    // The print's date, from the server so the browser's hydration renders the same text.
    today: new Date().toISOString().slice(0, 10),
    // The customer's order this configuration may replace (they came from its "change configuration").
    changingOrder: await changingOrderFor(request, review.line.code),
  };
}

/** Makes a share code of the configuration in the address and opens its design sheet; one that can't be shared is a 400 with the reason. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { choices, texts } = parseConfigureSearch(new URL(request.url).searchParams);
  const user = await getUser(request);
  const shared = await createShareCode(await getDb(), { line: params.line ?? "", choices, texts }, { createdBy: user?.id ?? null });
  if (!shared.ok) return answer({ error: shared.problem.message }, { status: shared.problem.status === 404 ? 404 : 400 });
  return redirect(`/share/${shared.value.code}/sheet`);
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const language = languageOf(matches);
  const t = getT(language);
  const name = data ? localize(data.line.name, language) : "";
  return [{ title: `${t("review.title", { name })} · ${t("app.name")}` }];
};

export default function Review() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const root = useRouteLoaderData<typeof rootLoader>("root");
  const language = root?.language ?? "en";
  const market = data.breakdown.market;
  const line = data.line as ProductLine;
  const money = (minor: number) => formatMoney(minor, market, language);
  const href = configureHref(line.code, data.choices, data.texts);
  const configuration = { line: line.code, catalogVersion: data.version.id, choices: data.choices, texts: data.texts };
  const save = useSaveConfiguration(configuration);
  const name = localize(line.name, language);
  const location = useLocation();

  return (
    <article className="review" aria-labelledby="review-title" data-testid="review">
      <header className="review__head">
        <h1 id="review-title">{t("review.title", { name })}</h1>
        <p className="lead">{t("review.lead")}</p>
        <p className="review__meta muted">
          {t("review.version", { version: data.version.id })} · {t("review.market", { market: t(`markets.${market}`) })}
        </p>
        <p className="review__printed">{t("review.printedOn", { date: data.today })}</p>
      </header>

      {data.problems.length === 0 ? (
        <p className="review__check review__check--ok" data-testid="review-valid">
          {t("review.valid")}
        </p>
      ) : (
        <div className="review__check review__check--problems" role="alert" data-testid="review-problems">
          <p>{t("review.invalid")}</p>
          <ul>
            {data.problems.map((p, i) => (
              <li key={`${p.code}-${p.target ?? ""}-${i}`}>{problemText(p, line, language, t)}</li>
            ))}
          </ul>
        </div>
      )}

      <section aria-labelledby="review-chosen" className="review__section">
        <h2 id="review-chosen">{t("review.chosen")}</h2>
        <ReviewTable line={line} language={language} choices={data.choices} texts={data.texts} breakdown={data.breakdown} formatMoney={money} />
      </section>

      {data.problems.length === 0 && (!root?.user || can(root.user, "order.place")) ? (
        <div className="actions review__order">
          {data.changingOrder ? (
            <Link to={changeOrderHref(data.changingOrder, href)} className="button" data-testid="apply-to-order">
              {t("orderChange.apply", { number: data.changingOrder })}
            </Link>
          ) : null}
          <Link to={checkoutHref(href)} className={data.changingOrder ? "button button--secondary" : "button"} data-testid="order-configuration">
            {data.changingOrder ? t("checkout.ctaNew") : t("checkout.cta")}
          </Link>
        </div>
      ) : null}

      <div className="actions review__actions">
        <Link to={href} className="button button--secondary" data-testid="edit-configuration">
          {t("review.edit")}
        </Link>
        <button type="button" className="button button--secondary" onClick={() => window.print()}>
          {t("review.print")}
        </button>
        {data.problems.length === 0 ? (
          <Form method="post" action={`${location.pathname}${location.search}`}>
            <button type="submit" className="button button--secondary" data-testid="design-sheet">
              {t("sheet.cta")}
            </button>
          </Form>
        ) : null}
        {!root?.user || can(root.user, "lead.send") ? (
          <Link to={sendToDealerHref({ line: line.code, choices: data.choices, texts: data.texts })} className="button button--secondary" data-testid="send-to-dealer">
            {t("leads.send.cta")}
          </Link>
        ) : null}
      </div>

      <div className="review__save">
        <SaveSharePanel
          signedIn={Boolean(root?.user)}
          loginHref={`/login?${new URLSearchParams({ redirectTo: reviewHref(href) })}`}
          saving={save.saving}
          savedName={save.savedName}
          saveError={save.error}
          saveRetryable={save.retryable}
          onSave={save.save}
          onShare={() => shareConfiguration(configuration)}
          defaultName={name}
        />
      </div>
    </article>
  );
}
