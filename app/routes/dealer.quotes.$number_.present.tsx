/**
 * /dealer/quotes/<number>/present: the quote for the customer's eyes, when
 * the dealer turns the tablet round — large type, a picture of the product,
 * the configuration, the price with the discount, total and validity, the
 * estimated delivery, who to contact (the salesperson, the dealership's
 * address) and the standard terms: what the PDF hands over. Nothing only the dealer should
 * see: no cap, no approval comments, no lock. A version whose discount
 * doesn't stand (waiting for approval, or rejected) is shown as a draft that
 * is not valid, with no validity date (`sheet.valid`, from `handOverRefusal`). Covers the whole viewport (the
 * site's header stays underneath) and offers the browser's full screen where
 * there is one. `?version=N` shows an earlier version; the newest otherwise.
 *
 * Not nested in the quote page (`$number_`): it replaces it on screen.
 */
import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { taxLabel } from "~/domain/catalog";
import { getLine } from "~/.server/catalog/catalog.server";
import { quoteHandover, requireDealerQuote } from "~/.server/quotes/quote-document.server";
import presentStyles from "~/components/dealer/present.css?url";
import { QuoteMarketNote } from "~/components/dealer/QuotePriceTable";
import { addressLines, formatLongDay, percentOf, priceRows, quoteSheet, type PriceRowKey } from "~/domain/quote-sheet";
import { SceneStill } from "~/scene/SceneStill";
import { getT } from "~/i18n";
import type { loader as rootLoader } from "~/root";
import { languageOf } from "~/utils/meta";
import { formatMoney } from "~/utils/money";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: presentStyles }];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = getT(languageOf(matches));
  return [{ title: `${t("present.title", { number: data?.sheet.number ?? "" })} \u00b7 ${t("app.name")}` }];
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, language, quote } = await requireDealerQuote(request, params.number);
  const asked = new URL(request.url).searchParams.get("version");
  const version = asked === null ? quote.versions.at(-1)! : quote.versions.find((v) => String(v.version) === asked);
  if (!version) throw new Response("Not found", { status: 404 });
  const loaded = await getLine(version.line, version.catalogVersion, { db });
  const handover = await quoteHandover(db, { quote, version, line: loaded?.line ?? null });
  return {
    sheet: quoteSheet({ number: quote.number, version }, loaded?.line ?? null, language),
    customerName: quote.customer.name,
    dealershipName: handover.dealership.name,
    handover,
    signedAt: version.signedAt?.toISOString() ?? null,
    // What the customer may know about the discount: whether it still needs the dealership's word.
    notice: version.approval === "pending" ? ("pending" as const) : version.approval === "rejected" ? ("rejected" as const) : null,
  };
}

type FullscreenDocument = Document & { webkitFullscreenElement?: Element | null; webkitExitFullscreen?: () => void };
type FullscreenElement = HTMLElement & { webkitRequestFullscreen?: () => void };

/** The Fullscreen API where the browser has it (prefixed on older Safari); a hint where it doesn't. */
function useFullscreen(target: React.RefObject<HTMLElement | null>) {
  const [active, setActive] = useState(false);
  const [unavailable, setUnavailable] = useState(false);
  useEffect(() => {
    const doc = document as FullscreenDocument;
    const update = () => setActive(Boolean(doc.fullscreenElement ?? doc.webkitFullscreenElement));
    document.addEventListener("fullscreenchange", update);
    document.addEventListener("webkitfullscreenchange", update);
    return () => {
      document.removeEventListener("fullscreenchange", update);
      document.removeEventListener("webkitfullscreenchange", update);
    };
  }, []);
  const toggle = useCallback(async () => {
    const doc = document as FullscreenDocument;
    const element = target.current as FullscreenElement | null;
    try {
      if (doc.fullscreenElement) await doc.exitFullscreen();
      else if (doc.webkitFullscreenElement) doc.webkitExitFullscreen?.();
      else if (element?.requestFullscreen && document.fullscreenEnabled !== false) await element.requestFullscreen();
      else if (element?.webkitRequestFullscreen) element.webkitRequestFullscreen();
      else setUnavailable(true);
    } catch {
      // Refused (an iframe without permission, a policy): the view already covers the page.
      setUnavailable(true);
    }
  }, [target]);
  return { active, unavailable, toggle };
}

export default function PresentQuote() {
  const { t } = useTranslation();
  const language = useRouteLoaderData<typeof rootLoader>("root")?.language ?? "en";
  const { sheet, customerName, dealershipName, notice, handover, signedAt } = useLoaderData<typeof loader>();
  const { dealership, salesperson, delivery } = handover;
  const root = useRef<HTMLDivElement>(null);
  const fullscreen = useFullscreen(root);
  // The quote's market, not the reader's preference: the sheet is priced in it.
  const money = (minor: number) => formatMoney(minor, sheet.market, language);
  const priceLabel = (key: PriceRowKey): string => {
    switch (key) {
      case "listNet":
        return t("present.listNet");
      case "discount":
        return sheet.discount.kind === "percent" ? t("present.discountPercent", { percent: percentOf(sheet.discount.value, language) }) : t("present.discountAmount");
      case "net":
        return t("present.net");
      case "vat":
        return taxLabel(sheet.market, (key, values) => t(key, values));
      case "total":
        return t("present.total");
    }
  };

  return (
    <div className="present" ref={root} data-testid="present">
      <div className="present__bar">
        <Link to={`/dealer/quotes/${sheet.number}`} className="present__button present__button--quiet" data-testid="present-back">
          {t("present.back")}
        </Link>
        <button type="button" className="present__button" onClick={fullscreen.toggle} aria-pressed={fullscreen.active} data-testid="present-fullscreen">
          {fullscreen.active ? t("present.exitFullscreen") : t("present.fullscreen")}
        </button>
      </div>
      {fullscreen.unavailable ? (
        <p className="present__hint" role="status">
          {t("present.fullscreenUnavailable")}
        </p>
      ) : null}

      <header className="present__head">
        <p className="present__eyebrow">{t("present.quoteVersion", { number: sheet.number, version: sheet.version })}</p>
        <h1>{t("present.heading", { line: sheet.lineName })}</h1>
        <p className="present__for">{t("present.preparedFor", { name: customerName, dealership: dealershipName })}</p>
      </header>

      <div className="present__picture" data-testid="present-picture">
        <SceneStill line={handover.product.line} model={handover.product.model} visualKeys={handover.product.visualKeys} label={sheet.lineName} />
      </div>

      <div className="present__columns">
        <section className="present__configuration" aria-labelledby="present-configuration">
          <h2 id="present-configuration">{t("present.configuration")}</h2>
          <dl className="present__groups">
            <div className="present__group" data-feature="base">
              <dt>{sheet.lineName}</dt>
              <dd>
                <span className="present__name">{t("present.basePrice", { name: sheet.lineName })}</span>
                <span className="present__code" />
                <span className="present__amount">{money(sheet.base)}</span>
              </dd>
            </div>
            {sheet.groups.map((group) => (
              <div key={group.feature} className="present__group" data-feature={group.feature}>
                <dt>{group.name}</dt>
                {group.items.map((item) => (
                  <dd key={item.code} data-code={item.code}>
                    <span className="present__name">{item.name}</span>
                    <span className="present__code">{item.code}</span>
                    <span className="present__amount">{item.includedIn ? t("present.includedIn", { code: item.includedIn }) : money(item.amount ?? 0)}</span>
                  </dd>
                ))}
              </div>
            ))}
          </dl>
        </section>

        <section className="present__price" aria-labelledby="present-price">
          <h2 id="present-price">{t("present.price")}</h2>
          <dl className="present__sums">
            {priceRows(sheet)
              .filter((row) => row.key !== "total")
              .map((row) => (
                <div key={row.key} className={row.key === "discount" ? "present__discount" : undefined} data-row={row.key}>
                  <dt>{priceLabel(row.key)}</dt>
                  <dd data-testid={row.key === "listNet" ? "present-list" : row.key === "discount" ? "present-discount" : undefined}>{money(row.amount)}</dd>
                </div>
              ))}
          </dl>
          <p className="present__total" data-row="total">
            <span>{priceLabel("total")}</span>
            <strong data-testid="present-total">{money(sheet.total)}</strong>
          </p>
          <QuoteMarketNote market={sheet.market} />
          {notice ? <p className="present__notice">{t(`present.${notice}`)}</p> : null}
          {sheet.valid ? (
            <p className="present__valid" data-testid="present-valid">
              {t("present.validUntil", { date: formatLongDay(sheet.validUntil, language) })}
            </p>
          ) : (
            <p className="present__draft" data-testid="present-draft">
              {t("present.draft")}
            </p>
          )}
          <p className="present__delivery" data-testid="present-delivery">
            <span>{t("quoteDocument.delivery.heading")}</span>
            <strong>{delivery.day ? formatLongDay(delivery.day, language) : t("quoteDocument.delivery.unknown")}</strong>
            <small>{t("quoteDocument.delivery.note", { date: formatLongDay(delivery.estimatedOn, language) })}</small>
          </p>
          {signedAt ? (
            <p className="present__signed" data-testid="present-signed">
              {t("quoteDocument.signature.signedOn", { date: formatLongDay(signedAt.slice(0, 10), language) })}
            </p>
          ) : null}
          {sheet.shareCodeDisplay ? (
            <p className="present__share">
              <span>{t("present.shareCode")}</span>
              <strong className="present__share-code" data-testid="present-share-code">
                {sheet.shareCodeDisplay}
              </strong>
            </p>
          ) : null}
        </section>
      </div>

      <footer className="present__contact" data-testid="present-contact">
        <section aria-labelledby="present-salesperson">
          <h2 id="present-salesperson">{t("quoteDocument.salesperson")}</h2>
          <p>
            <strong>{salesperson.name}</strong>
            <br />
            {t("quoteDocument.email", { email: salesperson.email })}
            {salesperson.phone ? (
              <>
                <br />
                {t("quoteDocument.phone", { phone: salesperson.phone })}
              </>
            ) : null}
          </p>
        </section>
        <section aria-labelledby="present-dealership">
          <h2 id="present-dealership">{dealership.name}</h2>
          <address>
            {[...addressLines(dealership, language), ...(dealership.phone ? [t("quoteDocument.phone", { phone: dealership.phone })] : []), ...(dealership.email ? [t("quoteDocument.email", { email: dealership.email })] : [])].map((line) => (
              <span key={line} className="present__address-line">
                {line}
              </span>
            ))}
          </address>
        </section>
        <section aria-labelledby="present-terms" className="present__terms">
          <h2 id="present-terms">{t("quoteDocument.terms.heading")}</h2>
          <p>{t("quoteDocument.terms.body")}</p>
        </section>
      </footer>
    </div>
  );
}
