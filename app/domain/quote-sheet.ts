/**
 * One quote version as the customer reads it — on the printed PDF and on the
 * tablet turned towards them: the configuration grouped by feature with codes
 * and amounts, the list price, the discount, net, VAT and total. Built from
 * the version's frozen price (never re-priced) and its catalog version's
 * names, so the PDF and the customer view print the same figures.
 *
 * Plain data (no React, no I/O): the server builds it, the PDF renderer draws
 * it, the customer view's loader sends it as is. Dealer-only data (the cap,
 * approval comments, who approved) is not part of it; only whether the
 * version stands as a quote at all (`valid`): a version whose discount waits
 * for approval or was rejected is printed as a draft, without a validity date.
 */
import { localize, MARKETS, type Language, type Market, type ProductLine } from "./catalog";
import { groupConfiguration } from "./configuration-view";
import { formatShareCode } from "./forms/configuration";
import { handOverRefusal, type ApprovalState, type Discount, type QuotePrice } from "./quotes";

export interface QuoteSheetItem {
  code: string;
  name: string;
  /** Net amount in minor units; null when a package includes the value. */
  amount: number | null;
  /** Code of the package that includes it. */
  includedIn: string | null;
}

export interface QuoteSheetGroup {
  feature: string;
  name: string;
  items: QuoteSheetItem[];
}

export interface QuoteSheet {
  number: string;
  version: number;
  lineName: string;
  catalogVersion: string;
  market: Market;
  currency: string;
  /** The line's base price (net). */
  base: number;
  groups: QuoteSheetGroup[];
  /** List net (before the discount). */
  listNet: number;
  discount: Discount;
  /** The discount in minor units (0 for none). */
  discountAmount: number;
  net: number;
  /** VAT rate in percent (19 for 19 %). */
  vatRate: number;
  vat: number;
  total: number;
  /** "YYYY-MM-DD": the last day the quote is valid (not shown unless `valid`). */
  validUntil: string;
  /** Whether the version stands as a quote (`handOverRefusal`); otherwise it is a draft: stamped, no validity date. */
  valid: boolean;
  /** When the version was handed to the customer (ISO), or null while it is a draft. */
  sentAt: string | null;
  /** The share code as stored ("ABCD2345") and as printed ("ABCD 2345"), or null before it was sent. */
  shareCode: string | null;
  shareCodeDisplay: string | null;
}

export interface QuoteSheetSource {
  number: string;
  version: {
    version: number;
    line: string;
    catalogVersion: string;
    choices: readonly string[];
    texts: Readonly<Record<string, string>>;
    market: Market;
    currency: string;
    price: QuotePrice;
    validUntil: string;
    sentAt: Date | null;
    shareCode: string | null;
    approval: ApprovalState;
  };
}

/**
 * The sheet for a version. `line` is the version's own catalog version of the
 * product line; without it (a catalog deleted since) the codes stand in for names.
 */
export function quoteSheet({ number, version: v }: QuoteSheetSource, line: ProductLine | null, language: Language): QuoteSheet {
  const amounts = new Map<string, number>();
  for (const l of v.price.list.lines) if (l.code && (l.kind === "value" || l.kind === "text")) amounts.set(l.code, l.amount);
  const base = v.price.list.lines.find((l) => l.kind === "base")?.amount ?? 0;
  const groups: QuoteSheetGroup[] = line
    ? groupConfiguration(line, v.choices, v.texts, language).map((g) => ({
        feature: g.feature,
        name: g.name,
        items: g.items.map((i) => ({ code: i.code, name: i.name, amount: i.includedInCode ? null : (amounts.get(i.code) ?? 0), includedIn: i.includedInCode ?? null })),
      }))
    : [{ feature: "choices", name: "", items: v.choices.map((code) => ({ code, name: code, amount: amounts.get(code) ?? 0, includedIn: null })) }];
  return {
    number,
    version: v.version,
    lineName: line ? localize(line.name, language) : v.line,
    catalogVersion: v.catalogVersion,
    market: v.market,
    currency: v.currency,
    base,
    groups,
    listNet: v.price.list.net,
    discount: v.price.discount,
    discountAmount: v.price.discountAmount,
    net: v.price.net,
    vatRate: vatRateOf(v.market),
    vat: v.price.vat,
    total: v.price.total,
    validUntil: v.validUntil,
    valid: handOverRefusal(v) === null,
    sentAt: v.sentAt?.toISOString() ?? null,
    shareCode: v.shareCode,
    shareCodeDisplay: v.shareCode ? formatShareCode(v.shareCode) : null,
  };
}

export type PriceRowKey = "listNet" | "discount" | "net" | "vat" | "total";

export interface PriceRow {
  key: PriceRowKey;
  /** Minor units of the quote's currency; the discount is negative (it is taken off). */
  amount: number;
}

/**
 * The price block every view of a quote prints, top to bottom: list price
 * (net), the discount off it, net after the discount, VAT on that net, total
 * (gross). Every row is in the quote's own market and each follows from the
 * rows above it (list net + discount = net, net + VAT = total), so the reader
 * can add them up: no row may show a gross figure among the nets (the quote
 * page once printed the gross list price above a discount taken off the net).
 * Without a discount the discount and net rows are left out — the list net
 * is then the net — unless `always` asks for every row (the editor, whose
 * rows must not jump while the dealer types a discount).
 */
export function priceRows(p: Pick<QuoteSheet, "listNet" | "discountAmount" | "net" | "vat" | "total">, options: { always?: boolean } = {}): PriceRow[] {
  const discounted = p.discountAmount > 0 || options.always === true;
  return [
    { key: "listNet", amount: p.listNet },
    ...(discounted
      ? ([
          // Never −0: Intl would print "−€0.00" for no discount.
          { key: "discount", amount: p.discountAmount === 0 ? 0 : -p.discountAmount },
          { key: "net", amount: p.net },
        ] as const)
      : []),
    { key: "vat", amount: p.vat },
    { key: "total", amount: p.total },
  ];
}

/** VAT rate of a market in percent, as the price rows label it (19 for Germany's 19 %). */
export const vatRateOf = (market: Market): number => MARKETS[market].vatBasisPoints / 100;

/** The dealership as its quotes present it: where customers find and reach it (every contact field may be missing). */
export interface DealershipContact {
  name: string;
  code: string;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string | null;
  phone: string | null;
  email: string | null;
}

/** Who made the quote version, as the customer reaches them. */
export interface Salesperson {
  name: string;
  email: string;
  phone: string | null;
}

/**
 * The dealership's address as lines: street, postal code and city, country
 * (named in the reader's language); missing parts are left out.
 */
export function addressLines(d: Pick<DealershipContact, "street" | "postalCode" | "city" | "country">, language: Language): string[] {
  const place = [d.postalCode, d.city].filter(Boolean).join(" ");
  const country = d.country ? (new Intl.DisplayNames([language], { type: "region" }).of(d.country) ?? d.country) : null;
  return [d.street, place, country].filter((line): line is string => Boolean(line));
}

/** The PDF of a quote version (app/routes/dealer.quotes.$number_.v.$version[.pdf].ts). */
export const quotePdfHref = (number: string, version: number) => `/dealer/quotes/${number}/v/${version}.pdf`;

/** The full-screen customer view of a quote (app/routes/dealer.quotes.$number_.present.tsx). */
export const presentHref = (number: string, version?: number) => `/dealer/quotes/${number}/present${version ? `?version=${version}` : ""}`;

/** A percentage discount as people read it: 850 basis points → "8.5". */
export function percentOf(basisPoints: number, language: Language): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(basisPoints / 100);
}

/** "2026-05-01" written out the reader's way, the day itself (no time zone shift). */
export function formatLongDay(day: string, language: Language): string {
  return new Intl.DateTimeFormat(language, { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
}
