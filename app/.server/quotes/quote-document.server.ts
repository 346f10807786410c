/**
 * The quote as a PDF (A4), rendered on the server with pdfkit: dealership,
 * customer, the configuration with codes grouped by feature, the price
 * breakdown with the discount, the total in the market's currency, the
 * validity date, and the share code as text and as a QR code that reopens
 * the configuration.
 *
 * Fonts: the PDF embeds (a subset of) Noto Sans CJK from the system — one
 * font that has Latin, Chinese, Japanese and Korean glyphs, so a customer's
 * name and the catalog's names print in any of our languages. pdfkit reads
 * the TrueType/OpenType collection (.ttc) by the face's PostScript name; the
 * face follows the language (SC for Chinese, JP for Japanese, KR for Korean)
 * so shared ideographs take their local forms. Without the font on the
 * machine (Debian: fonts-noto-cjk) the PDF falls back to pdfkit's built-in
 * Helvetica, in English, with characters outside Latin-1 replaced by "?".
 */
import { existsSync } from "node:fs";
import PDFDocument from "pdfkit";
import QRCode from "qrcode";
import { getDb, type Db, type Executor } from "#db/client";
import type { Language } from "~/domain/catalog";
import { formatLongDay, percentOf, quoteSheet, type QuoteSheet } from "~/domain/quote-sheet";
import { getT } from "~/i18n";
import { formatMoney } from "~/utils/money";
import { requireRole } from "~/.server/auth/auth.server";
import { getLine } from "~/.server/catalog/catalog.server";
import { getPreferences } from "~/.server/platform/preferences.server";
import { dealerContext, getQuote, type DealerContext, type Quote, type QuoteVersion } from "./quotes.server";

export interface QuoteDocumentInput {
  sheet: QuoteSheet;
  dealership: { name: string; code: string };
  customer: { name: string; email: string; phone: string | null };
  /** The language the sheet was built in (see `documentLanguage`). */
  language: Language;
  /** Absolute URL of the share page the QR code opens (null before the version has a share code). */
  shareUrl: string | null;
}

interface FontFace {
  file: string;
  face?: string;
}

const FONT_DIRS = ["/usr/share/fonts/opentype/noto", "/usr/share/fonts/noto-cjk", "/usr/share/fonts/google-noto-cjk"];
const FACE: Record<Language, string> = { en: "sc", zh: "sc", ja: "jp", ko: "kr" };

/** Noto Sans CJK's regular and bold collections, or null when the machine has none. */
function cjkFiles(): { regular: string; bold: string } | null {
  for (const dir of FONT_DIRS) {
    const regular = `${dir}/NotoSansCJK-Regular.ttc`;
    if (!existsSync(regular)) continue;
    const bold = `${dir}/NotoSansCJK-Bold.ttc`;
    return { regular, bold: existsSync(bold) ? bold : regular };
  }
  return null;
}

let fonts: { regular: string; bold: string } | null | undefined;
function unicodeFonts() {
  if (fonts === undefined) fonts = cjkFiles();
  return fonts;
}

/** Whether the PDF can print every language's text (a Unicode font is installed). */
export function hasUnicodeFont(): boolean {
  return unicodeFonts() !== null;
}

/** The language the PDF is printed in: the one asked for, or English when only the built-in Latin font is available. */
export function documentLanguage(requested: Language): Language {
  return hasUnicodeFont() ? requested : "en";
}

function faces(language: Language): { regular: FontFace; bold: FontFace } | null {
  const files = unicodeFonts();
  if (!files) return null;
  const regular = { file: files.regular, face: `NotoSansCJK${FACE[language]}-Regular` };
  const bold = files.bold === files.regular ? regular : { file: files.bold, face: `NotoSansCJK${FACE[language]}-Bold` };
  return { regular, bold };
}

/** Latin-1 (and the euro sign) only: what Helvetica's WinAnsi encoding can show. */
const latin = (text: string) => text.replace(/[^\u0020-\u00ff\u20ac\u2013\u2014\u2212]/gu, "?");

const PAGE = { margin: 48, width: 595.28, height: 841.89 };
const INK = "#1a1a1a";
const MUTED = "#5f6368";
const RULE = "#d0d4d9";
const BAND = "#f1f3f5";

/** Render the quote; resolves with the PDF's bytes. */
export async function renderQuotePdf(input: QuoteDocumentInput): Promise<Uint8Array<ArrayBuffer>> {
  const { sheet, dealership, customer, language } = input;
  const t = getT(language) as (key: string, options?: Record<string, unknown>) => string;
  const money = (minor: number) => formatMoney(minor, sheet.market, language);
  const fontFaces = faces(language);
  const show = fontFaces ? (s: string) => s : latin;
  const sentDay = (sheet.sentAt ?? new Date().toISOString()).slice(0, 10);

  const title = t("quoteDocument.heading", { number: sheet.number });
  const doc = new PDFDocument({
    size: "A4",
    margin: PAGE.margin,
    lang: language,
    info: {
      Title: show(`${title} · ${t("quoteDocument.version", { version: sheet.version })}`),
      Author: show(dealership.name),
      Subject: show(sheet.lineName),
      CreationDate: sheet.sentAt ? new Date(sheet.sentAt) : new Date(),
    },
    bufferPages: true,
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on("end", resolve);
    doc.on("error", reject);
  });

  if (fontFaces) {
    doc.registerFont("regular", fontFaces.regular.file, fontFaces.regular.face);
    doc.registerFont("bold", fontFaces.bold.file, fontFaces.bold.face);
  } else {
    doc.registerFont("regular", "Helvetica");
    doc.registerFont("bold", "Helvetica-Bold");
  }

  const left = PAGE.margin;
  const right = PAGE.width - PAGE.margin;
  const width = right - left;
  const bottom = PAGE.height - PAGE.margin;

  /** Start a new page unless `height` points still fit on this one. */
  const need = (height: number) => {
    if (doc.y + height > bottom) doc.addPage();
  };
  const write = (text: string, x: number, y: number, options: { font?: "regular" | "bold"; size?: number; color?: string; width?: number; align?: "left" | "right" | "center" } = {}) => {
    doc
      .font(options.font ?? "regular")
      .fontSize(options.size ?? 10)
      .fillColor(options.color ?? INK)
      .text(show(text), x, y, { width: options.width, align: options.align ?? "left", lineBreak: options.width !== undefined });
  };
  const heightOf = (text: string, w: number, size = 10, font: "regular" | "bold" = "regular") => doc.font(font).fontSize(size).heightOfString(show(text), { width: w });
  const rule = (y: number, color = RULE) => {
    doc.moveTo(left, y).lineTo(right, y).lineWidth(0.6).strokeColor(color).stroke();
  };

  // ------------------------------------------------------------ header
  let y = PAGE.margin;
  write(dealership.name, left, y, { font: "bold", size: 16, width: width / 2 });
  write(title, left + width / 2, y, { font: "bold", size: 16, width: width / 2, align: "right" });
  y += 22;
  write(t("quoteDocument.dealershipCode", { code: dealership.code }), left, y, { size: 9, color: MUTED, width: width / 2 });
  write(`${t("quoteDocument.version", { version: sheet.version })} · ${formatLongDay(sentDay, language)}`, left + width / 2, y, {
    size: 9,
    color: MUTED,
    width: width / 2,
    align: "right",
  });
  y += 20;
  rule(y, INK);
  y += 12;

  // ------------------------------------------------------------ customer and quote details
  const col = width / 2;
  write(t("quoteDocument.customer"), left, y, { font: "bold", size: 9, color: MUTED });
  write(t("quoteDocument.details"), left + col, y, { font: "bold", size: 9, color: MUTED });
  y += 14;
  const customerLines = [customer.name, customer.email, ...(customer.phone ? [customer.phone] : [])];
  const detailLines = [
    `${t("quoteDocument.date")}: ${formatLongDay(sentDay, language)}`,
    `${t("quoteDocument.validUntilLabel")}: ${formatLongDay(sheet.validUntil, language)}`,
    `${t("quoteDocument.catalogVersion")}: ${sheet.catalogVersion}`,
  ];
  let yl = y;
  customerLines.forEach((text, i) => {
    write(text, left, yl, { font: i === 0 ? "bold" : "regular", size: i === 0 ? 11 : 10, width: col - 12 });
    yl = doc.y + 2;
  });
  let yr = y;
  for (const text of detailLines) {
    write(text, left + col, yr, { size: 10, width: col });
    yr = doc.y + 2;
  }
  y = Math.max(yl, yr) + 14;

  // ------------------------------------------------------------ configuration
  const codeX = left + width * 0.62;
  const amountX = left + width * 0.76;
  const nameWidth = codeX - left - 12;
  const amountWidth = right - amountX;
  doc.y = y;
  need(60);
  y = doc.y;
  write(sheet.lineName, left, y, { font: "bold", size: 13, width });
  y = doc.y + 6;
  const tableHead = () => {
    write(t("quoteDocument.item"), left, y, { font: "bold", size: 8.5, color: MUTED });
    write(t("quoteDocument.code"), codeX, y, { font: "bold", size: 8.5, color: MUTED });
    write(t("quoteDocument.amount"), amountX, y, { font: "bold", size: 8.5, color: MUTED, width: amountWidth, align: "right" });
    y += 13;
    rule(y);
    y += 4;
  };
  tableHead();
  const row = (name: string, code: string, amount: string, options: { bold?: boolean } = {}) => {
    const h = Math.max(heightOf(name, nameWidth, 9.5, options.bold ? "bold" : "regular"), 12) + 3;
    doc.y = y;
    if (y + h > bottom) {
      doc.addPage();
      y = PAGE.margin;
      tableHead();
    }
    write(name, left, y, { font: options.bold ? "bold" : "regular", size: 9.5, width: nameWidth });
    write(code, codeX, y, { size: 9, color: MUTED });
    write(amount, amountX, y, { size: 9.5, width: amountWidth, align: "right" });
    y += h;
  };
  row(t("quoteDocument.basePrice", { name: sheet.lineName }), "", money(sheet.base));
  for (const group of sheet.groups) {
    if (y + 32 > bottom) {
      doc.addPage();
      y = PAGE.margin;
      tableHead();
    }
    if (group.name) {
      doc.rect(left, y - 1, width, 15).fill(BAND);
      write(group.name, left + 4, y + 2, { font: "bold", size: 9, color: MUTED });
      y += 18;
    }
    for (const item of group.items)
      row(item.name, item.code, item.includedIn ? t("quoteDocument.includedIn", { code: item.includedIn }) : money(item.amount ?? 0));
  }
  rule(y + 2);
  y += 10;

  // ------------------------------------------------------------ price breakdown (right) beside the share code (left)
  // Both blocks, and the validity line under them, stay on one page.
  const labelX = left + width * 0.4;
  const labelWidth = amountX - labelX - 8;
  const sums: { label: string; amount: string }[] = [{ label: t("quoteDocument.listNet"), amount: money(sheet.listNet) }];
  if (sheet.discountAmount > 0) {
    const label =
      sheet.discount.kind === "percent" ? t("quoteDocument.discountPercent", { percent: percentOf(sheet.discount.value, language) }) : t("quoteDocument.discountAmount");
    sums.push({ label, amount: money(-sheet.discountAmount) }, { label: t("quoteDocument.net"), amount: money(sheet.net) });
  }
  sums.push({ label: t("quoteDocument.vat", { rate: sheet.vatRate }), amount: money(sheet.vat) });
  const qrSize = 84;
  const blockHeight = Math.max(sums.length * 16 + 48, qrSize + 60) + 36;
  if (y + blockHeight > bottom) {
    doc.addPage();
    y = PAGE.margin;
  }
  const top = y;
  for (const { label, amount } of sums) {
    write(label, labelX, y, { size: 10, width: labelWidth, align: "right" });
    write(amount, amountX, y, { size: 10, width: amountWidth, align: "right" });
    y += 16;
  }
  y += 2;
  doc.moveTo(labelX, y).lineTo(right, y).lineWidth(0.8).strokeColor(INK).stroke();
  y += 6;
  write(t("quoteDocument.total"), labelX, y, { font: "bold", size: 13, width: labelWidth, align: "right" });
  write(money(sheet.total), amountX, y, { font: "bold", size: 13, width: amountWidth, align: "right" });
  y += 19;
  write(t("quoteDocument.currencyNote", { currency: sheet.currency }), labelX, y, { size: 8, color: MUTED, width: right - labelX, align: "right" });
  y = doc.y;

  let yShare = top;
  if (sheet.shareCodeDisplay && input.shareUrl) {
    const png = await QRCode.toBuffer(input.shareUrl, { type: "png", errorCorrectionLevel: "M", margin: 1, width: 336 });
    doc.image(png, left, top, { width: qrSize, height: qrSize });
    const textX = left + qrSize + 10;
    const textWidth = labelX - textX - 12;
    write(t("quoteDocument.shareCode"), textX, top + 2, { font: "bold", size: 8.5, color: MUTED, width: textWidth });
    // Never wrapped: the code is read (and extracted) as one line.
    write(sheet.shareCodeDisplay, textX, doc.y + 1, { font: "bold", size: 15 });
    const noteWidth = labelX - left - 16;
    write(input.shareUrl, left, top + qrSize + 4, { size: 8, color: MUTED, width: noteWidth });
    write(t("quoteDocument.reopen"), left, doc.y + 2, { size: 8, width: noteWidth });
    yShare = doc.y;
  }
  y = Math.max(y, yShare) + 14;
  write(t("quoteDocument.validUntil", { date: formatLongDay(sheet.validUntil, language) }), left, y, { font: "bold", size: 12, width });
  y = doc.y;

  // ------------------------------------------------------------ footer on every page
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const footer = t("quoteDocument.footer", { number: sheet.number, version: sheet.version, page: i + 1, pages: range.count });
    // Below the bottom margin: lift it for the write, or pdfkit would open a new page.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    write(footer, left, PAGE.height - PAGE.margin + 16, { size: 7.5, color: MUTED, width, align: "center" });
    doc.page.margins.bottom = margin;
  }
  doc.end();
  await finished;
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * The PDF of one version of a dealer's quote: the sheet built from the
 * version's own catalog version (its names and frozen prices) in the PDF's
 * language, the QR code pointing at `<origin>/share/<code>`.
 */
export async function quotePdf(
  db: Executor,
  input: { quote: Quote; version: QuoteVersion; dealership: { name: string; code: string }; language: Language; origin: string },
): Promise<Uint8Array<ArrayBuffer>> {
  const language = documentLanguage(input.language);
  const loaded = await getLine(input.version.line, input.version.catalogVersion, { db });
  const sheet = quoteSheet({ number: input.quote.number, version: input.version }, loaded?.line ?? null, language);
  return renderQuotePdf({
    sheet,
    dealership: input.dealership,
    customer: input.quote.customer,
    language,
    shareUrl: sheet.shareCode ? `${input.origin}/share/${sheet.shareCode}` : null,
  });
}

/** The 403 for a quote outside the dealer's dealership, or one that doesn't exist: the same answer either way. */
export function notYoursResponse(): Response {
  return Response.json({ error: "forbidden", message: "This belongs to another dealership, or doesn't exist." }, { status: 403 });
}

/**
 * The quote a document route shows: a signed-in dealer or sales manager of a
 * dealership (signed out: redirect to sign in; other roles or no dealership:
 * 403), and a quote of that dealership by the address's number (else 403).
 */
export async function requireDealerQuote(
  request: Request,
  number: string | undefined,
): Promise<{ db: Db; dealer: DealerContext; language: Language; quote: Quote }> {
  const user = await requireRole(request, "dealer", "sales_manager");
  const db = await getDb();
  const dealer = await dealerContext(db, user.id);
  if (!dealer) throw Response.json({ error: "forbidden", message: "You are not a member of a dealership." }, { status: 403 });
  const quote = await getQuote(db, dealer, (number ?? "").toUpperCase());
  if (!quote) throw notYoursResponse();
  const { language } = await getPreferences(request);
  return { db, dealer, language, quote };
}
