/**
 * /share/<code>: a shared configuration, read-only — its line, every choice
 * with name, code and price in the reader's market, and a link that copies it
 * into the reader's own configurator. When its catalog version is no longer
 * the active one, the page says which choices no longer exist and links to
 * the nearest valid configuration instead. Unknown codes are a 404 page.
 */
import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { noteView } from "~/.server/account/recently-viewed.server";
import { sharedView, type NamedCode } from "~/.server/configurations/configuration-pages.server";
import { getSharedConfiguration } from "~/.server/configurations/configurations.server";
import { getPreferences } from "~/.server/platform/preferences.server";
import { normalizeShareCode } from "~/domain/forms/configuration";
import { sendToDealerHref } from "~/domain/forms/leads";
import { useRememberView } from "~/components/recently-viewed";
import { taxLabel } from "~/domain/catalog";
import { can } from "~/domain/permissions";
import type { loader as rootLoader } from "~/root";
import { getDb } from "#db/client";
import { getT } from "~/i18n";
import { languageOf } from "~/utils/meta";
import { formatMoney } from "~/utils/money";
import stylesUrl from "~/styles/configurations.css?url";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const typed = params.code ?? "";
  // One address per code: "abcd-2345" → /share/ABCD2345.
  const code = normalizeShareCode(typed);
  if (code && code !== typed) throw redirect(`/share/${code}`);
  const shared = code ? await getSharedConfiguration(await getDb(), code) : null;
  if (!shared) throw new Response(null, { status: 404, statusText: "Not Found" });
  await noteView(request, { kind: "share", ref: shared.code, line: shared.line });
  const { market, language } = await getPreferences(request);
  return { view: sharedView(shared, market, language), language };
}

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesUrl }];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = getT(languageOf(matches));
  const name = data ? t("share.title", { name: data.view.line.name }) : t("share.heading");
  // A shared configuration is for the people it was sent to, not for search engines.
  return [{ title: `${name} · ${t("app.name")}` }, { name: "robots", content: "noindex" }];
};

export default function SharedConfiguration() {
  const { t } = useTranslation();
  const { view, language } = useLoaderData<typeof loader>();
  const root = useRouteLoaderData<typeof rootLoader>("root");
  // Visitors and customers send configurations to a dealership; staff work the leads instead.
  const canSend = !root?.user || can(root.user, "lead.send");
  useRememberView({ kind: "share", ref: view.code, line: view.line.code }, Boolean(root?.user));
  const money = (amount: number) => formatMoney(amount, view.market, language);
  const [copied, setCopied] = useState(false);

  const copyCode = async () => {
    try {
      await navigator.clipboard.writeText(view.code);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  return (
    <section aria-labelledby="share-title" className="shared">
      <p className="muted">{t("share.heading")}</p>
      <h1 id="share-title">{t("share.title", { name: view.line.name })}</h1>
      <p className="share-code">
        <span>{t("share.code")}</span> <strong data-code={view.code}>{view.displayCode}</strong>{" "}
        <button type="button" className="button button--small button--secondary" onClick={copyCode}>
          {copied ? t("share.copied") : t("share.copyCode")}
        </button>
      </p>
      <p className="muted">{t("share.version", { version: view.version.label })}</p>

      {view.nearest ? (
        <div className="saved-notice" role="note">
          <h2>{t("share.outdated.title")}</h2>
          <p>{t("share.outdated.lead", { version: view.version.label, active: view.nearest.version.label })}</p>
          {!view.nearest.lineAvailable ? <p>{t("share.outdated.lineGone")}</p> : null}
          <CodeList lead={t("share.outdated.missing")} items={view.nearest.missing} />
          <CodeList lead={t("share.outdated.dropped")} items={view.nearest.dropped} />
          {view.nearest.missingTexts.length > 0 ? (
            <p>{t("share.outdated.texts", { names: view.nearest.missingTexts.map((m) => m.name).join(", ") })}</p>
          ) : null}
          {view.nearest.missing.length === 0 && view.nearest.dropped.length === 0 && view.nearest.missingTexts.length === 0 ? (
            <p>{t("share.outdated.unchanged")}</p>
          ) : null}
        </div>
      ) : null}

      <div className="actions">
        {view.configureUrl ? (
          <Link to={view.configureUrl} className="button">
            {t("share.copyToConfigurator")}
          </Link>
        ) : null}
        {view.nearest?.configureUrl ? (
          <Link to={view.nearest.configureUrl} className="button">
            {t("share.openNearest")}
          </Link>
        ) : null}
        {canSend ? (
          <Link to={sendToDealerHref({ share: view.code })} className="button button--secondary" data-testid="send-to-dealer">
            {t("leads.send.cta")}
          </Link>
        ) : null}
      </div>

      <div className="card">
        <h2>{t("share.choices")}</h2>
        {view.groups.length === 0 ? <p className="muted">{t("share.nothingChosen")}</p> : null}
        <dl className="shared-choices">
          {view.groups.map((group) => (
            <div key={group.feature}>
              <dt>{group.feature}</dt>
              {group.values.map((v) => (
                <dd key={v.code}>
                  <span>{v.name}</span> <code>{v.code}</code>{" "}
                  <span className="muted">{v.includedIn ? t("share.includedIn", { name: v.includedIn.name }) : money(v.amount)}</span>
                </dd>
              ))}
            </div>
          ))}
          {view.texts.map((text) => (
            <div key={text.code}>
              <dt>{text.name}</dt>
              <dd>
                <q>{text.text}</q>
              </dd>
            </div>
          ))}
        </dl>
      </div>

      <div className="card">
        <h2>{t("share.price")}</h2>
        <dl className="shared-price">
          <div>
            <dt>{t("share.base")}</dt>
            <dd>{money(view.price.base)}</dd>
          </div>
          <div>
            <dt>{t("share.net")}</dt>
            <dd>{money(view.price.net)}</dd>
          </div>
          <div>
            <dt>{taxLabel(view.market, (key, values) => t(key, values))}</dt>
            <dd>{money(view.price.vat)}</dd>
          </div>
          <div>
            <dt>{t("share.total")}</dt>
            <dd>
              <strong>{money(view.price.total)}</strong>
            </dd>
          </div>
        </dl>
        <p className="muted">{t("share.priceNote", { market: t(`markets.${view.market}`) })}</p>
      </div>
    </section>
  );
}

/** Values named with their codes under a lead sentence; nothing when there are none. */
function CodeList({ lead, items }: { lead: string; items: NamedCode[] }) {
  if (items.length === 0) return null;
  return (
    <>
      <p>{lead}</p>
      <ul>
        {items.map((m) => (
          <li key={m.code}>
            {m.name} <code>{m.code}</code>
          </li>
        ))}
      </ul>
    </>
  );
}
