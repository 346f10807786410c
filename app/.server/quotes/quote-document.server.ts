/**
 * The quote as a PDF (A4), rendered on the server with pdfkit: dealership
 * with its address and contact, customer, the salesperson who made the
 * version and how to reach them, a picture of the configured product (the
 * picture rendered from the 3D view's model, as on screen, decision 050; the
 * vector silhouette `productPicture` when it can't be drawn now), the
 * estimated delivery day, the configuration with codes
 * grouped by feature, the price breakdown with the discount, the total in the
 * market's currency, the validity date, the share code as text and as a QR
 * code that reopens the configuration, the standard terms, and a signature
 * line — with the customer's signature drawn on it once they signed. A version whose discount doesn't stand (waiting for a
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
import { eq } from "drizzle-orm";
import { dealerships, users } from "#db/schema";
import { taxLabel, type Language, type ProductLine } from "~/domain/catalog";
import { visualKeysOf } from "~/domain/configuration-view";
import { dayOf } from "~/domain/orders";
import { addressLines, formatLongDay, percentOf, priceRows, quoteSheet, type DealershipContact, type PriceRowKey, type QuoteSheet, type Salesperson } from "~/domain/quote-sheet";
import { SIGNATURE_PAD } from "~/domain/quotes";
import { getT } from "~/i18n";
import { canonicalKeys } from "~/scene/picture-url";
import { productPicture, type ProductPicture } from "~/scene/product-picture";
import { formatMoney } from "~/utils/money";
import { requirePermission } from "~/.server/auth/auth.server";
import { getLine } from "~/.server/catalog/catalog.server";
import { deliveryEstimate } from "~/.server/planning/delivery.server";
import { getProductPicture } from "~/.server/picture/picture.server";
import { log } from "~/.server/platform/logger.server";
import { getPreferences } from "~/.server/platform/preferences.server";
import { dealerContext, getQuote, versionSignature, type DealerContext, type Quote, type QuoteVersion } from "./quotes.server";

/** The estimated delivery day of the configuration if it were ordered on `estimatedOn` (null: no build day free in the planning window). */
export interface DeliveryOutlook {
  day: string | null;
  estimatedOn: string;
}

export interface QuoteDocumentInput {
  sheet: QuoteSheet;
  dealership: DealershipContact;
  salesperson: Salesperson;
  customer: { name: string; email: string; phone: string | null };
  /** The configured product's vector silhouette (null: nothing to draw, e.g. the catalog version is gone). */
  picture: ProductPicture | null;
  /** The configured product's rendered picture (PNG, 16:9), printed instead of the silhouette when there is one. */
  photo?: Uint8Array | null;
  delivery: DeliveryOutlook;
  /** The customer's signature (path data in `SIGNATURE_PAD` coordinates) once they signed this version. */
  signature: { path: string; signedAt: string } | null;
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
const SIGNATURE_INK = "#1b2a6b";

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
  y = drawProduct(canvas, y);
  y = drawConfiguration(canvas, y);
  y = await drawPricesAndShareCode(canvas, y);
  y = drawTerms(canvas, y);
  drawSignatures(canvas, y);
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

/**
 * Dealership and quote number, dealership code and version with the date,
 * the dealership's address and contact (what it has of them), over a strong rule.
 */
function drawHeader({ doc, input, t, sentDay, write, rule }: QuoteCanvas, title: string, y: number): number {
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
  y += 14;
  const address = addressLines(dealership, language).join(" \u00b7 ");
  const contact = contactLine(t, dealership);
  for (const line of [address, contact]) {
    if (!line) continue;
    write(line, LEFT, y, { size: 9, color: MUTED, width: WIDTH });
    y = doc.y + 1;
  }
  y += 5;
  rule(y, INK);
  return y + 12;
}

/** "Phone … · Email …" with what there is of the two (empty when neither). */
function contactLine(t: Translate, contact: { phone: string | null; email: string | null }): string {
  return [contact.phone ? t("quoteDocument.phone", { phone: contact.phone }) : null, contact.email ? t("quoteDocument.email", { email: contact.email }) : null]
    .filter(Boolean)
    .join(" \u00b7 ");
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

/** Three columns: the customer, the salesperson who made the version and how to reach them, the quote's dates and catalog version. */
function drawParties({ doc, input, t, sentDay, write }: QuoteCanvas, y: number): number {
  const { sheet, customer, salesperson, language } = input;
  const col = WIDTH / 3;
  const columns: { heading: string; lines: string[]; named: boolean }[] = [
    { heading: t("quoteDocument.customer"), lines: [customer.name, customer.email, ...(customer.phone ? [customer.phone] : [])], named: true },
    {
      heading: t("quoteDocument.salesperson"),
      lines: [salesperson.name, t("quoteDocument.email", { email: salesperson.email }), ...(salesperson.phone ? [t("quoteDocument.phone", { phone: salesperson.phone })] : [])],
      named: true,
    },
    {
      heading: t("quoteDocument.details"),
      lines: [
        `${t("quoteDocument.date")}: ${formatLongDay(sentDay, language)}`,
        ...(sheet.valid ? [`${t("quoteDocument.validUntilLabel")}: ${formatLongDay(sheet.validUntil, language)}`] : []),
        `${t("quoteDocument.catalogVersion")}: ${sheet.catalogVersion}`,
      ],
      named: false,
    },
  ];
  let bottom = y;
  columns.forEach(({ heading, lines, named }, c) => {
    const x = LEFT + c * col;
    write(heading, x, y, { font: "bold", size: 9, color: MUTED, width: col - 12 });
    let yc = y + 14;
    lines.forEach((text, i) => {
      const first = named && i === 0;
      write(text, x, yc, { font: first ? "bold" : "regular", size: first ? 11 : 9.5, width: col - 12 });
      yc = doc.y + 2;
    });
    bottom = Math.max(bottom, yc);
  });
  return bottom + 12;
}

/** Height of the band with the product's picture and the delivery estimate. */
const PRODUCT_BAND = 104;

/** The configured product's picture (left) beside the estimated delivery day (right). */
function drawProduct({ doc, input, t, write }: QuoteCanvas, y: number): number {
  const { picture, photo, delivery, language } = input;
  if (y + PRODUCT_BAND > BOTTOM) {
    doc.addPage();
    y = PAGE.margin;
  }
  doc.rect(LEFT, y, WIDTH, PRODUCT_BAND).fill(BAND);
  const pictureWidth = WIDTH * 0.55;
  const box = { x: LEFT + 8, y: y + 6, width: pictureWidth - 16, height: PRODUCT_BAND - 12 };
  if (photo) doc.image(Buffer.from(photo.buffer, photo.byteOffset, photo.byteLength), box.x, box.y, { fit: [box.width, box.height], align: "center", valign: "center" });
  else if (picture) drawPicture(doc, picture, box);
  const x = LEFT + pictureWidth + 8;
  const width = RIGHT - x - 12;
  write(t("quoteDocument.delivery.heading"), x, y + 14, { font: "bold", size: 9, color: MUTED, width });
  const day = delivery.day ? formatLongDay(delivery.day, language) : t("quoteDocument.delivery.unknown");
  write(day, x, doc.y + 3, { font: "bold", size: delivery.day ? 14 : 10, width });
  write(t("quoteDocument.delivery.note", { date: formatLongDay(delivery.estimatedOn, language) }), x, doc.y + 4, { size: 8, color: MUTED, width });
  return y + PRODUCT_BAND + 14;
}

/**
 * A picture's filled paths, scaled into a box and centred in it. pdfkit
 * draws SVG path data (arcs included) with `doc.path`, so the PDF gets the
 * same vector drawing as the screen, not a bitmap.
 */
export function drawPicture(doc: PDFKit.PDFDocument, picture: ProductPicture, box: { x: number; y: number; width: number; height: number }): void {
  const [vx, vy, vw, vh] = picture.viewBox;
  const scale = Math.min(box.width / vw, box.height / vh);
  doc.save();
  doc.translate(box.x + (box.width - vw * scale) / 2, box.y + (box.height - vh * scale) / 2);
  doc.scale(scale);
  doc.translate(-vx, -vy);
  for (const shape of picture.shapes) {
    doc.path(shape.d).fillColor(shape.fill, shape.opacity ?? 1);
    if (shape.stroke) doc.strokeColor(shape.stroke.color, shape.stroke.opacity ?? 1).lineWidth(shape.stroke.width).fillAndStroke();
    else doc.fill();
  }
  doc.restore();
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
        return taxLabel(sheet.market, (key, values) => t(key, values));
      case "total":
        return t("quoteDocument.total");
    }
  };
  return priceRows(sheet)
    .filter((row) => row.key !== "total")
    .map((row) => ({ label: label(row.key), amount: money(row.amount) }));
}

/** The price breakdown (right) beside the share code (left); all of it stays on one page. */
async function drawPricesAndShareCode(canvas: QuoteCanvas, y: number): Promise<number> {
  const { doc } = canvas;
  const lines = priceLines(canvas);
  const blockHeight = Math.max(lines.length * 16 + 48, QR_SIZE + 60);
  if (y + blockHeight > BOTTOM) {
    doc.addPage();
    y = PAGE.margin;
  }
  const yPrices = drawPrices(canvas, lines, y);
  const yShare = await drawShareCode(canvas, y);
  return Math.max(yPrices, yShare) + 16;
}

/**
 * The standard terms in the document's language, closed by the validity line
 * (for a draft: that it is not valid, and no date).
 */
function drawTerms({ doc, input, t, write, heightOf }: QuoteCanvas, y: number): number {
  const { sheet, language } = input;
  const terms = t("quoteDocument.terms.body");
  const closing = sheet.valid ? t("quoteDocument.validUntil", { date: formatLongDay(sheet.validUntil, language) }) : t("quoteDocument.draftStamp");
  const height = 14 + heightOf(terms, WIDTH, 8.5) + 8 + heightOf(closing, WIDTH, 12, "bold");
  if (y + height > BOTTOM) {
    doc.addPage();
    y = PAGE.margin;
  }
  write(t("quoteDocument.terms.heading"), LEFT, y, { font: "bold", size: 9, color: MUTED, width: WIDTH });
  write(terms, LEFT, y + 14, { size: 8.5, width: WIDTH });
  write(closing, LEFT, doc.y + 8, { font: "bold", size: 12, width: WIDTH, color: sheet.valid ? INK : STAMP });
  return doc.y + 18;
}

/** Room for a signature above its line. */
const SIGNATURE_HEIGHT = 56;

/**
 * Two signature lines: the customer's (left) — with their signature drawn on
 * it once they signed this version, and when — and the salesperson's for the
 * dealership (right).
 */
function drawSignatures({ doc, input, t, write }: QuoteCanvas, y: number): void {
  const { signature, customer, salesperson, dealership, language } = input;
  const blockHeight = SIGNATURE_HEIGHT + 40;
  if (y + blockHeight > BOTTOM) {
    doc.addPage();
    y = PAGE.margin;
  }
  const lineWidth = WIDTH * 0.42;
  const lineY = y + SIGNATURE_HEIGHT;
  const right = RIGHT - lineWidth;
  // An erased customer's signature is empty (decision 046): the signed date stays, no drawing.
  if (signature?.path) drawSignature(doc, signature.path, { x: LEFT, y, width: lineWidth, height: SIGNATURE_HEIGHT - 4 });
  for (const x of [LEFT, right]) doc.moveTo(x, lineY).lineTo(x + lineWidth, lineY).lineWidth(0.8).strokeColor(INK).stroke();
  write(t("quoteDocument.signature.customer", { name: customer.name }), LEFT, lineY + 5, { size: 9, width: lineWidth });
  write(
    signature ? t("quoteDocument.signature.signedOn", { date: formatLongDay(dayOf(new Date(signature.signedAt)), language) }) : t("quoteDocument.signature.placeDate"),
    LEFT,
    doc.y + 1,
    { size: 8, color: MUTED, width: lineWidth },
  );
  write(t("quoteDocument.signature.dealership", { dealership: dealership.name, name: salesperson.name }), right, lineY + 5, { size: 9, width: lineWidth });
  write(t("quoteDocument.signature.placeDate"), right, doc.y + 1, { size: 8, color: MUTED, width: lineWidth });
}

/** The customer's strokes (`SIGNATURE_PAD` coordinates) scaled into a box, as ink lines. */
function drawSignature(doc: PDFKit.PDFDocument, path: string, box: { x: number; y: number; width: number; height: number }): void {
  const scale = Math.min(box.width / SIGNATURE_PAD.width, box.height / SIGNATURE_PAD.height);
  doc.save();
  doc.translate(box.x, box.y);
  doc.scale(scale);
  doc.path(path).lineWidth(4).lineCap("round").lineJoin("round").strokeColor(SIGNATURE_INK).stroke();
  doc.restore();
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

/** What a quote hands over besides its sheet: who offers it and how to reach them, what the product looks like, when it could be delivered. */
export interface QuoteHandover {
  dealership: DealershipContact;
  salesperson: Salesperson;
  /** What the product's still picture is drawn from (`productPicture`). */
  product: { line: string; model: string; visualKeys: string[] };
  delivery: DeliveryOutlook;
}

/**
 * The hand-over facts of a quote version: its dealership's address and
 * contact, the salesperson who made the version, the configured product's
 * model and visual keys (from the version's own catalog version), and the
 * delivery day the planning would give it if it were ordered now (the
 * customer's tier included) — an estimate of today, not frozen with the version.
 */
export async function quoteHandover(db: Executor, input: { quote: Quote; version: QuoteVersion; line: ProductLine | null; now?: Date }): Promise<QuoteHandover> {
  const { quote, version, line } = input;
  const now = input.now ?? new Date();
  const [[dealership], [salesperson], [customer]] = await Promise.all([
    db
      .select({
        name: dealerships.name,
        code: dealerships.code,
        street: dealerships.street,
        postalCode: dealerships.postalCode,
        city: dealerships.city,
        country: dealerships.country,
        phone: dealerships.phone,
        email: dealerships.email,
      })
      .from(dealerships)
      .where(eq(dealerships.id, quote.dealershipId)),
    db.select({ name: users.name, email: users.email, phone: users.phone }).from(users).where(eq(users.id, version.createdBy)),
    db.select({ tier: users.tier }).from(users).where(eq(users.id, quote.customer.id)),
  ]);
  if (!dealership || !salesperson || !customer) throw new Error(`quote ${quote.number} lost its dealership, salesperson or customer`);
  const product = {
    line: version.line,
    model: line?.visualModel ?? line?.code ?? version.line,
    visualKeys: line ? visualKeysOf(line, version.choices) : [],
  };
  const estimate = line ? await deliveryEstimate(db, { line, choices: version.choices, tier: customer.tier }, { now }) : null;
  return { dealership, salesperson, product, delivery: { day: estimate?.deliveryDay ?? null, estimatedOn: dayOf(now) } };
}

/** The product's rendered picture for the PDF, or null when it can't be drawn now (the silhouette prints instead). */
async function renderedPicture(product: { model: string; visualKeys: string[] }): Promise<Uint8Array | null> {
  try {
    return (await getProductPicture({ model: product.model, keys: canonicalKeys(product.visualKeys), view: "front", width: 640 })).png;
  } catch (error) {
    log.warn("quote picture not drawn", { error });
    return null;
  }
}

/**
 * The PDF of one version of a dealer's quote: the sheet built from the
 * version's own catalog version (its names and frozen prices) in the PDF's
 * language, the hand-over facts, the signature once signed, the QR code
 * pointing at `<origin>/share/<code>`.
 */
export async function quotePdf(
  db: Executor,
  input: { quote: Quote; version: QuoteVersion; language: Language; origin: string; now?: Date },
): Promise<Uint8Array<ArrayBuffer>> {
  const language = documentLanguage(input.language);
  const loaded = await getLine(input.version.line, input.version.catalogVersion, { db });
  const line = loaded?.line ?? null;
  const sheet = quoteSheet({ number: input.quote.number, version: input.version }, line, language);
  const [handover, signature] = await Promise.all([
    quoteHandover(db, { quote: input.quote, version: input.version, line, now: input.now }),
    input.version.signed ? versionSignature(db, input.quote.id, input.version.version) : null,
  ]);
  return renderQuotePdf({
    sheet,
    dealership: handover.dealership,
    salesperson: handover.salesperson,
    customer: input.quote.customer,
    picture: line ? productPicture(handover.product.model, handover.product.visualKeys) : null,
    photo: line ? await renderedPicture(handover.product) : null,
    delivery: handover.delivery,
    signature: signature ? { path: signature.path, signedAt: signature.signedAt.toISOString() } : null,
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
