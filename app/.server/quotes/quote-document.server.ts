/**
 * The quote as a PDF (A4), rendered on the server with pdfkit: dealership,
 * customer, the configuration with codes grouped by feature, the price
 * breakdown with the discount, the total in the market's currency, the
 * validity date, and the share code as text and as a QR code that reopens
 * the configuration. A version whose discount doesn't stand (waiting for a
 * sales manager, or rejected: `handOverRefusal`) prints as a draft: stamped
 * "DRAFT — not valid" under the header and in every footer, and without a
 * validity date anywhere.
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
import { formatLongDay, percentOf, priceRows, quoteSheet, type PriceRowKey, type QuoteSheet } from "~/domain/quote-sheet";
import { getT } from "~/i18n";
import { formatMoney } from "~/utils/money";
import { requirePermission } from "~/.server/auth/auth.server";
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
const STAMP = "#b3261e";

const LEFT = PAGE.margin;
const RIGHT = PAGE.width - PAGE.margin;
const WIDTH = RIGHT - LEFT;
const BOTTOM = PAGE.height - PAGE.margin;
/** Columns of the configuration table; the price block lines its amounts up with the table's. */
const CODE_X = LEFT + WIDTH * 0.62;
const AMOUNT_X = LEFT + WIDTH * 0.76;
const AMOUNT_WIDTH = RIGHT - AMOUNT_X;
const LABEL_X = LEFT + WIDTH * 0.4;
const QR_SIZE = 84;

type FontName = "regular" | "bold";
type Translate = (key: string, options?: Record<string, unknown>) => string;

interface TextOptions {
  font?: FontName;
  size?: number;
  color?: string;
  width?: number;
  align?: "left" | "right" | "center";
}

/**
 * One quote being drawn: the document, its input, the words and money of its
 * language, and the drawing helpers every section shares. Each section starts
 * at a height `y` and returns the height below what it drew.
 */
interface QuoteCanvas {
  doc: PDFKit.PDFDocument;
  input: QuoteDocumentInput;
  t: Translate;
  money: (minor: number) => string;
  /** The day the quote went out (today for a draft), "YYYY-MM-DD". */
  sentDay: string;
  write: (text: string, x: number, y: number, options?: TextOptions) => void;
  heightOf: (text: string, width: number, size?: number, font?: FontName) => number;
  /** A hairline across the text column. */
  rule: (y: number, color?: string) => void;
}

/** Render the quote; resolves with the PDF's bytes. */
export async function renderQuotePdf(input: QuoteDocumentInput): Promise<Uint8Array<ArrayBuffer>> {
  const { sheet, dealership, language } = input;
  const t = getT(language) as Translate;
  const fontFaces = faces(language);
  const show = fontFaces ? (s: string) => s : latin;
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
  const bytes = collectBytes(doc);
  registerFonts(doc, fontFaces);

  const canvas = quoteCanvas(doc, input, t, show);
  let y = drawHeader(canvas, title, PAGE.margin);
  if (!sheet.valid) y = drawDraftStamp(canvas, y);
  y = drawParties(canvas, y);
  y = drawConfiguration(canvas, y);
  await drawPricesAndShareCode(canvas, y);
  drawFooters(canvas);
  doc.end();
  return bytes;
}

/** The document's bytes, once it has ended. */
async function collectBytes(doc: PDFKit.PDFDocument): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  await new Promise<void>((resolve, reject) => {
    doc.on("end", resolve);
    doc.on("error", reject);
  });
  return new Uint8Array(Buffer.concat(chunks));
}

function registerFonts(doc: PDFKit.PDFDocument, fontFaces: ReturnType<typeof faces>): void {
  if (fontFaces) {
    doc.registerFont("regular", fontFaces.regular.file, fontFaces.regular.face);
    doc.registerFont("bold", fontFaces.bold.file, fontFaces.bold.face);
  } else {
    doc.registerFont("regular", "Helvetica");
    doc.registerFont("bold", "Helvetica-Bold");
  }
}

function quoteCanvas(doc: PDFKit.PDFDocument, input: QuoteDocumentInput, t: Translate, show: (text: string) => string): QuoteCanvas {
  const { sheet, language } = input;
  return {
    doc,
    input,
    t,
    money: (minor) => formatMoney(minor, sheet.market, language),
    sentDay: (sheet.sentAt ?? new Date().toISOString()).slice(0, 10),
    write: (text, x, y, options = {}) => {
      doc
        .font(options.font ?? "regular")
        .fontSize(options.size ?? 10)
        .fillColor(options.color ?? INK)
        .text(show(text), x, y, { width: options.width, align: options.align ?? "left", lineBreak: options.width !== undefined });
    },
    heightOf: (text, width, size = 10, font = "regular") => doc.font(font).fontSize(size).heightOfString(show(text), { width }),
    rule: (y, color = RULE) => {
      doc.moveTo(LEFT, y).lineTo(RIGHT, y).lineWidth(0.6).strokeColor(color).stroke();
    },
  };
}

/** Dealership and quote number, dealership code and version with the date, over a strong rule. */
function drawHeader({ input, t, sentDay, write, rule }: QuoteCanvas, title: string, y: number): number {
  const { sheet, dealership, language } = input;
  write(dealership.name, LEFT, y, { font: "bold", size: 16, width: WIDTH / 2 });
  write(title, LEFT + WIDTH / 2, y, { font: "bold", size: 16, width: WIDTH / 2, align: "right" });
  y += 22;
  write(t("quoteDocument.dealershipCode", { code: dealership.code }), LEFT, y, { size: 9, color: MUTED, width: WIDTH / 2 });
  write(`${t("quoteDocument.version", { version: sheet.version })} · ${formatLongDay(sentDay, language)}`, LEFT + WIDTH / 2, y, {
    size: 9,
    color: MUTED,
    width: WIDTH / 2,
    align: "right",
  });
  y += 20;
  rule(y, INK);
  return y + 12;
}

/** "DRAFT — not valid" in a box across the page, and why, for a version whose discount doesn't stand. */
function drawDraftStamp({ doc, t, write, heightOf }: QuoteCanvas, y: number): number {
  const note = t("quoteDocument.draftNote");
  const height = 30 + heightOf(note, WIDTH - 24, 9);
  doc.rect(LEFT, y, WIDTH, height).lineWidth(1.5).strokeColor(STAMP).stroke();
  write(t("quoteDocument.draftStamp"), LEFT + 12, y + 8, { font: "bold", size: 14, color: STAMP, width: WIDTH - 24 });
  write(note, LEFT + 12, y + 26, { size: 9, color: STAMP, width: WIDTH - 24 });
  return y + height + 14;
}

/** The customer (left) beside the quote's dates and catalog version (right). */
function drawParties({ doc, input, t, sentDay, write }: QuoteCanvas, y: number): number {
  const { sheet, customer, language } = input;
  const col = WIDTH / 2;
  write(t("quoteDocument.customer"), LEFT, y, { font: "bold", size: 9, color: MUTED });
  write(t("quoteDocument.details"), LEFT + col, y, { font: "bold", size: 9, color: MUTED });
  y += 14;
  const customerLines = [customer.name, customer.email, ...(customer.phone ? [customer.phone] : [])];
  const detailLines = [
    `${t("quoteDocument.date")}: ${formatLongDay(sentDay, language)}`,
    ...(sheet.valid ? [`${t("quoteDocument.validUntilLabel")}: ${formatLongDay(sheet.validUntil, language)}`] : []),
    `${t("quoteDocument.catalogVersion")}: ${sheet.catalogVersion}`,
  ];
  let yl = y;
  customerLines.forEach((text, i) => {
    write(text, LEFT, yl, { font: i === 0 ? "bold" : "regular", size: i === 0 ? 11 : 10, width: col - 12 });
    yl = doc.y + 2;
  });
  let yr = y;
  for (const text of detailLines) {
    write(text, LEFT + col, yr, { size: 10, width: col });
    yr = doc.y + 2;
  }
  return Math.max(yl, yr) + 14;
}

/**
 * The line's name and a table of the base price and every chosen value,
 * grouped by feature; the table's head repeats on each new page.
 */
function drawConfiguration({ doc, input, t, money, write, heightOf, rule }: QuoteCanvas, y: number): number {
  const { sheet } = input;
  const nameWidth = CODE_X - LEFT - 12;
  doc.y = y;
  if (doc.y + 60 > BOTTOM) doc.addPage();
  y = doc.y;
  write(sheet.lineName, LEFT, y, { font: "bold", size: 13, width: WIDTH });
  y = doc.y + 6;
  const tableHead = () => {
    write(t("quoteDocument.item"), LEFT, y, { font: "bold", size: 8.5, color: MUTED });
    write(t("quoteDocument.code"), CODE_X, y, { font: "bold", size: 8.5, color: MUTED });
    write(t("quoteDocument.amount"), AMOUNT_X, y, { font: "bold", size: 8.5, color: MUTED, width: AMOUNT_WIDTH, align: "right" });
    y += 13;
    rule(y);
    y += 4;
  };
  /** A new page with the table's head when `height` points no longer fit. */
  const keepOnPage = (height: number) => {
    if (y + height <= BOTTOM) return;
    doc.addPage();
    y = PAGE.margin;
    tableHead();
  };
  const row = (name: string, code: string, amount: string) => {
    const h = Math.max(heightOf(name, nameWidth, 9.5), 12) + 3;
    doc.y = y;
    keepOnPage(h);
    write(name, LEFT, y, { size: 9.5, width: nameWidth });
    write(code, CODE_X, y, { size: 9, color: MUTED });
    write(amount, AMOUNT_X, y, { size: 9.5, width: AMOUNT_WIDTH, align: "right" });
    y += h;
  };

  tableHead();
  row(t("quoteDocument.basePrice", { name: sheet.lineName }), "", money(sheet.base));
  for (const group of sheet.groups) {
    // A group's band never ends a page on its own.
    keepOnPage(32);
    if (group.name) {
      doc.rect(LEFT, y - 1, WIDTH, 15).fill(BAND);
      write(group.name, LEFT + 4, y + 2, { font: "bold", size: 9, color: MUTED });
      y += 18;
    }
    for (const item of group.items)
      row(item.name, item.code, item.includedIn ? t("quoteDocument.includedIn", { code: item.includedIn }) : money(item.amount ?? 0));
  }
  rule(y + 2);
  return y + 10;
}

/** The price block's lines above the total (`priceRows`): list net, the discount and net after it (if any), VAT. */
function priceLines({ input, t, money }: QuoteCanvas): { label: string; amount: string }[] {
  const { sheet, language } = input;
  const label = (key: PriceRowKey): string => {
    switch (key) {
      case "listNet":
        return t("quoteDocument.listNet");
      case "discount":
        return sheet.discount.kind === "percent" ? t("quoteDocument.discountPercent", { percent: percentOf(sheet.discount.value, language) }) : t("quoteDocument.discountAmount");
      case "net":
        return t("quoteDocument.net");
      case "vat":
        return t("quoteDocument.vat", { rate: sheet.vatRate });
      case "total":
        return t("quoteDocument.total");
    }
  };
  return priceRows(sheet)
    .filter((row) => row.key !== "total")
    .map((row) => ({ label: label(row.key), amount: money(row.amount) }));
}

/**
 * The price breakdown (right) beside the share code (left), then the validity
 * line under both (for a draft: that it is not valid); all of it stays on one page.
 */
async function drawPricesAndShareCode(canvas: QuoteCanvas, y: number): Promise<void> {
  const { doc, input, t, write } = canvas;
  const lines = priceLines(canvas);
  const blockHeight = Math.max(lines.length * 16 + 48, QR_SIZE + 60) + 36;
  if (y + blockHeight > BOTTOM) {
    doc.addPage();
    y = PAGE.margin;
  }
  const yPrices = drawPrices(canvas, lines, y);
  const yShare = await drawShareCode(canvas, y);
  const closing = input.sheet.valid ? t("quoteDocument.validUntil", { date: formatLongDay(input.sheet.validUntil, input.language) }) : t("quoteDocument.draftStamp");
  write(closing, LEFT, Math.max(yPrices, yShare) + 14, { font: "bold", size: 12, width: WIDTH, color: input.sheet.valid ? INK : STAMP });
}

/** The price lines, the total under a rule, and the currency note. */
function drawPrices({ doc, input, t, money, write }: QuoteCanvas, lines: { label: string; amount: string }[], y: number): number {
  const { sheet } = input;
  const labelWidth = AMOUNT_X - LABEL_X - 8;
  for (const { label, amount } of lines) {
    write(label, LABEL_X, y, { size: 10, width: labelWidth, align: "right" });
    write(amount, AMOUNT_X, y, { size: 10, width: AMOUNT_WIDTH, align: "right" });
    y += 16;
  }
  y += 2;
  doc.moveTo(LABEL_X, y).lineTo(RIGHT, y).lineWidth(0.8).strokeColor(INK).stroke();
  y += 6;
  write(t("quoteDocument.total"), LABEL_X, y, { font: "bold", size: 13, width: labelWidth, align: "right" });
  write(money(sheet.total), AMOUNT_X, y, { font: "bold", size: 13, width: AMOUNT_WIDTH, align: "right" });
  y += 19;
  write(t("quoteDocument.currencyNote", { currency: sheet.currency }), LABEL_X, y, { size: 8, color: MUTED, width: RIGHT - LABEL_X, align: "right" });
  return doc.y;
}

/** The QR code that reopens the configuration, the share code beside it and its address under it; nothing before the version has a code. */
async function drawShareCode({ doc, input, t, write }: QuoteCanvas, top: number): Promise<number> {
  const { sheet, shareUrl } = input;
  if (!sheet.shareCodeDisplay || !shareUrl) return top;
  const png = await QRCode.toBuffer(shareUrl, { type: "png", errorCorrectionLevel: "M", margin: 1, width: 336 });
  doc.image(png, LEFT, top, { width: QR_SIZE, height: QR_SIZE });
  const textX = LEFT + QR_SIZE + 10;
  const textWidth = LABEL_X - textX - 12;
  write(t("quoteDocument.shareCode"), textX, top + 2, { font: "bold", size: 8.5, color: MUTED, width: textWidth });
  // Never wrapped: the code is read (and extracted) as one line.
  write(sheet.shareCodeDisplay, textX, doc.y + 1, { font: "bold", size: 15 });
  const noteWidth = LABEL_X - LEFT - 16;
  write(shareUrl, LEFT, top + QR_SIZE + 4, { size: 8, color: MUTED, width: noteWidth });
  write(t("quoteDocument.reopen"), LEFT, doc.y + 2, { size: 8, width: noteWidth });
  return doc.y;
}

/** "Quote … · page i of n" under the bottom margin of every page. */
function drawFooters({ doc, input, t, write }: QuoteCanvas): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const page = t("quoteDocument.footer", { number: input.sheet.number, version: input.sheet.version, page: i + 1, pages: range.count });
    const footer = input.sheet.valid ? page : `${t("quoteDocument.draftStamp")} \u00b7 ${page}`;
    // Below the bottom margin: lift it for the write, or pdfkit would open a new page.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    write(footer, LEFT, PAGE.height - PAGE.margin + 16, { size: 7.5, color: MUTED, width: WIDTH, align: "center" });
    doc.page.margins.bottom = margin;
  }
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
  const user = await requirePermission(request, "quote.manage");
  const db = await getDb();
  const dealer = await dealerContext(db, user.id);
  if (!dealer) throw Response.json({ error: "forbidden", message: "You are not a member of a dealership." }, { status: 403 });
  const quote = await getQuote(db, dealer, (number ?? "").toUpperCase());
  if (!quote) throw notYoursResponse();
  const { language } = await getPreferences(request);
  return { db, dealer, language, quote };
}
