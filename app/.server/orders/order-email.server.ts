/**
 * The email an order change sends, in the customer's language: the build date
 * written as people read dates there, an absolute link (mail is read outside
 * the app), and no build-date line where none applies (a cancelled or not yet
 * scheduled order has none).
 *
 * Each comes as plain text and as HTML made from the same localised text.
 * The "received" and "changed" emails show the configuration's picture
 * (decision 050): the HTML as an inline image (`cid:`, attached by the mailer
 * when it sends, so no remote image a mail client would block), the text as
 * the picture's address.
 */
import type { Language } from "~/domain/catalog";
import type { OrderStatus } from "~/domain/orders";
import { getT } from "~/i18n";
import { pictureHeight } from "~/scene/picture-url";
import type { OrderChangeKind } from "./order-messages.server";

export interface OrderEmailFacts {
  kind: OrderChangeKind;
  number: string;
  status: OrderStatus;
  name: string;
  buildDate: string | null;
  /** Absolute URL of the order's page. */
  link: string;
  /**
   * The configuration's picture (decision 050), for the "received" and "changed" emails: its absolute address
   * (the text version links it) and the Content-ID of the inline image the HTML version shows.
   */
  picture?: { href: string; cid: string } | null;
}

export interface Email {
  subject: string;
  /** The plain-text version (multipart/alternative's first part). */
  body: string;
  /** The same message as an HTML document (every interpolated value escaped), for mail sent as multipart/alternative. */
  html?: string;
}

type Template = "received" | "status" | "scheduled" | "changed" | "cancelled";

export function orderEmail(language: Language, facts: OrderEmailFacts): Email & { html: string } {
  const t = getT(language);
  const template = templateOf(facts);
  const buildDate = facts.buildDate === null ? null : formatLongDay(facts.buildDate, language);
  const values = {
    number: facts.number,
    name: facts.name,
    status: t(`orders.status.${facts.status}`),
    buildDate: buildDate ?? "",
    href: facts.link,
    buildDateSentence: buildDate !== null && showsBuildDate(facts.status) ? t("orders.email.buildDateSentence", { buildDate }) : "",
    pictureSentence: facts.picture ? t("orders.email.pictureSentence", { picture: facts.picture.href }) : "",
  };
  const subject = t(`orders.email.${template}.subject`, values);
  const body = t(`orders.email.${template}.body`, values);

  // The HTML: the template rendered with placeholders for the values, escaped whole, then each placeholder
  // replaced by its escaped value (or its link, or the picture). So no value is ever read as markup.
  const marks = {
    number: mark("number"),
    name: mark("name"),
    status: mark("status"),
    buildDate: mark("buildDate"),
    href: mark("href"),
    buildDateSentence: values.buildDateSentence ? t("orders.email.buildDateSentence", { buildDate: mark("buildDate") }) : "",
    // The picture stands as a paragraph of its own where the text has its sentence.
    pictureSentence: facts.picture ? `\n\n${mark("picture")}` : "",
  };
  const fragments: Record<string, string> = {
    number: escapeHtml(values.number),
    name: escapeHtml(values.name),
    status: escapeHtml(values.status),
    buildDate: escapeHtml(values.buildDate),
    href: `<a href="${escapeHtml(facts.link)}" style="color:#1f4e8c">${escapeHtml(facts.link)}</a>`,
    picture: facts.picture
      ? `<img src="cid:${escapeHtml(facts.picture.cid)}" alt="${escapeHtml(t("orders.email.pictureAlt"))}" width="${PICTURE_SHOWN_WIDTH}" height="${pictureHeight(PICTURE_SHOWN_WIDTH)}" style="display:block;width:100%;max-width:${PICTURE_SHOWN_WIDTH}px;height:auto;border:0">`
      : "",
  };
  const paragraphs = escapeHtml(t(`orders.email.${template}.body`, marks))
    .split(/\n{2,}/)
    .filter((p) => p.trim().length > 0)
    .map((p) => {
      const inner = p.replace(/\n/g, "<br>").replace(MARK, (_, name: string) => fragments[name] ?? "");
      return `<p style="margin:0 0 16px">${inner}</p>`;
    });
  const html = [
    "<!doctype html>",
    `<html lang="${language}">`,
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="margin:0;padding:0;background:#f5f4f1">',
    `<div style="max-width:${PICTURE_SHOWN_WIDTH + 32}px;margin:0 auto;padding:24px 16px;background:#ffffff;color:#1d1d1b;font-family:-apple-system,'Segoe UI',Roboto,'Noto Sans','Noto Sans CJK SC','Hiragino Sans','Malgun Gothic',sans-serif;font-size:16px;line-height:1.5">`,
    ...paragraphs,
    "</div>",
    "</body>",
    "</html>",
  ].join("\n");
  return { subject, body, html };
}

/** How wide the picture shows in the HTML email (it is drawn at 640, crisper on dense screens). */
const PICTURE_SHOWN_WIDTH = 560;

/** A placeholder (private-use characters) no translation contains and escaping leaves alone. */
const mark = (name: string) => `\uE000${name}\uE001`;
const MARK = /\uE000(\w+)\uE001/g;

/** Text as HTML text or attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

function templateOf(facts: OrderEmailFacts): Template {
  if (facts.status === "cancelled") return "cancelled";
  if (facts.kind === "order.received") return "received";
  // A "scheduled" message without a date would read "scheduled for ": say the status instead.
  if (facts.kind === "order.scheduled") return facts.buildDate === null ? "status" : "scheduled";
  return facts.kind === "order.changed" ? "changed" : "status";
}

/** Once built, the build date is history the customer no longer needs in every message. */
function showsBuildDate(status: OrderStatus): boolean {
  return status === "received" || status === "scheduled" || status === "in_production";
}

function formatLongDay(day: string, language: Language): string {
  return new Intl.DateTimeFormat(language, { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
}
