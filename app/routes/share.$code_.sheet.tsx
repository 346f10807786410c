/**
 * /share/<code>/sheet: the design sheet — one printed page that says
 * everything about a configuration: its picture as configured, every choice
 * with its code, the price breakdown in the reader's market (the tax named as
 * the market knows it), the delivery estimate from today's queue, and the
 * share code with a QR code that reopens it. Built on a share code so what is
 * printed is a snapshot that stays valid; the review page's "Print design
 * sheet" makes the code (POST) and comes here. The buttons don't print.
 */
import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import QRCode from "qrcode";
import { useTranslation } from "react-i18next";
import { getUser } from "~/.server/auth/auth.server";
import { getSharedConfiguration } from "~/.server/configurations/configurations.server";
import { deliveryEstimate } from "~/.server/planning/delivery.server";
import { absoluteUrl } from "~/.server/platform/env.server";
import { getPreferences } from "~/.server/platform/preferences.server";
import configuratorStyles from "~/components/configurator/configurator.css?url";
import { ReviewTable } from "~/components/configurator/ReviewTable";
import { formatDay } from "~/components/delivery/DeliveryEstimate";
import { useLanguage } from "~/components/use-language";
import { localize, type ProductLine } from "~/domain/catalog";
import { visualKeysOf } from "~/domain/configuration-view";
import { price } from "~/domain/engine";
import { configureHref, formatShareCode, normalizeShareCode } from "~/domain/forms/configuration";
import { can } from "~/domain/permissions";
import { getT } from "~/i18n";
import { SceneStill } from "~/scene/SceneStill";
import { languageOf } from "~/utils/meta";
import { formatMoney } from "~/utils/money";
import sheetStyles from "~/styles/design-sheet.css?url";
import { getDb } from "#db/client";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: configuratorStyles },
  { rel: "stylesheet", href: sheetStyles },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const typed = params.code ?? "";
  const code = normalizeShareCode(typed);
  if (code && code !== typed) throw redirect(`/share/${code}/sheet`);
  const db = await getDb();
  const shared = code ? await getSharedConfiguration(db, code) : null;
  if (!shared?.loaded) throw new Response(null, { status: 404, statusText: "Not Found" });
  const { market } = await getPreferences(request);
  const line = shared.loaded.line;
  const user = await getUser(request);
  // As the configurator's estimate: a customer's own tier, anyone else the standard one.
  const tier = user && can(user, "order.place") ? user.tier : "standard";
  const estimate = await deliveryEstimate(db, { line, choices: shared.choices, tier });
  const shareUrl = absoluteUrl(`/share/${shared.code}`);
  return {
    code: shared.code,
    displayCode: formatShareCode(shared.code),
    shareUrl,
    // An SVG made here: it prints sharp at any size and needs no script in the browser.
    qr: await QRCode.toString(shareUrl, { type: "svg", errorCorrectionLevel: "M", margin: 0 }),
    line,
    version: { id: shared.version.id, label: shared.version.label },
    model: line.visualModel ?? line.code,
    visualKeys: visualKeysOf(line, shared.choices),
    choices: shared.choices,
    texts: shared.texts,
    breakdown: price(line, shared.choices, shared.texts, market),
    deliveryDay: estimate.deliveryDay,
    today: new Date().toISOString().slice(0, 10),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const language = languageOf(matches);
  const t = getT(language);
  const name = data ? localize(data.line.name, language) : "";
  return [{ title: `${t("sheet.title", { name })} · ${t("app.name")}` }, { name: "robots", content: "noindex" }];
};

export default function DesignSheet() {
  const { t } = useTranslation();
  const language = useLanguage();
  const data = useLoaderData<typeof loader>();
  const line = data.line as ProductLine;
  const name = localize(line.name, language);
  const money = (minor: number) => formatMoney(minor, data.breakdown.market, language);

  return (
    <article className="design-sheet" aria-labelledby="sheet-title" data-testid="design-sheet" data-code={data.code}>
      <header className="design-sheet__head">
        <div>
          <p className="muted">{t("sheet.heading")}</p>
          <h1 id="sheet-title">{name}</h1>
          <p className="muted">
            {t("review.version", { version: data.version.label })} · {t("review.market", { market: t(`markets.${data.breakdown.market}`) })} · {t("sheet.printedOn", { date: formatDay(data.today, language) })}
          </p>
        </div>
        <figure className="design-sheet__code" data-testid="sheet-code">
          <div className="design-sheet__qr" data-testid="sheet-qr" role="img" aria-label={t("sheet.qr", { code: data.displayCode })} dangerouslySetInnerHTML={{ __html: data.qr }} />
          <figcaption>
            {t("share.code")} <strong>{data.displayCode}</strong>
            <br />
            <span className="design-sheet__url">{data.shareUrl}</span>
          </figcaption>
        </figure>
      </header>

      <div className="design-sheet__picture">
        <SceneStill line={data.line.code} model={data.model} visualKeys={data.visualKeys} label={name} placeholder={false} />
      </div>

      <p className="design-sheet__delivery" data-testid="sheet-delivery">
        {data.deliveryDay ? t("sheet.delivery", { date: formatDay(data.deliveryDay, language) }) : t("sheet.noDelivery")}
      </p>

      <section aria-labelledby="sheet-chosen" className="design-sheet__choices">
        <h2 id="sheet-chosen">{t("review.chosen")}</h2>
        <ReviewTable line={line} language={language} choices={data.choices} texts={data.texts} breakdown={data.breakdown} formatMoney={money} />
      </section>

      <div className="actions design-sheet__actions">
        <button type="button" className="button" onClick={() => window.print()}>
          {t("review.print")}
        </button>
        <Link to={configureHref(line.code, data.choices, data.texts)} className="button button--secondary">
          {t("review.edit")}
        </Link>
        <Link to={`/share/${data.code}`} className="button button--secondary">
          {t("sheet.openShare")}
        </Link>
      </div>
    </article>
  );
}
