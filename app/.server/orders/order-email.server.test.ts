// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { LANGUAGES } from "~/domain/catalog";
import { ORDER_STATUSES } from "~/domain/orders";
import { absoluteUrl, getEnv } from "~/.server/platform/env.server";
import { getT } from "~/i18n";
import { orderEmail, type OrderEmailFacts } from "./order-email.server";

/** The HTML as a browser (or a mail client's HTML view) reads it. */
const parse = (html: string) => new DOMParser().parseFromString(html, "text/html");

const base: OrderEmailFacts = {
  kind: "order.status",
  number: "AT-0001234",
  status: "scheduled",
  name: "Clara Weiss",
  buildDate: "2026-12-28",
  link: "https://atelier.example.com/orders/AT-0001234",
};

const kinds = ["order.received", "order.status", "order.scheduled", "order.changed"] as const;

describe("order emails", () => {
  it("leave no placeholder, name the order and carry the absolute link, in every language, kind and status", () => {
    for (const language of LANGUAGES) {
      for (const kind of kinds) {
        for (const status of ORDER_STATUSES) {
          for (const buildDate of ["2026-12-28", null]) {
            const mail = orderEmail(language, { ...base, kind, status, buildDate });
            const where = `${language} ${kind} ${status} ${buildDate}`;
            expect(mail.subject + mail.body, where).not.toMatch(/\{\{|\}\}|undefined|null|—/);
            expect(mail.subject, where).toContain("AT-0001234");
            expect(mail.body, where).toContain("Clara Weiss");
            expect(mail.body, where).toContain("https://atelier.example.com/orders/AT-0001234");
            expect(mail.body, where).not.toContain("2026-12-28");
          }
        }
      }
    }
  });

  const picture = { href: "https://atelier.example.com/picture/sedan-a6l.png?k=paint%3Atango-red%3Ametallic&w=640&v=2", cid: "configuration-picture@atelier" };

  it("links the configuration's picture in the text of the received and changed emails only, in every language (decision 050)", () => {
    for (const language of LANGUAGES) {
      const received = orderEmail(language, { ...base, kind: "order.received", status: "received", picture });
      expect(received.body, language).toContain(`\n\n`);
      expect(received.body, language).toContain(picture.href);
      expect(received.body, language).not.toContain("cid:");
      expect(orderEmail(language, { ...base, kind: "order.changed", picture }).body, language).toContain(picture.href);
      expect(orderEmail(language, { ...base, kind: "order.received", status: "received" }).body, language).not.toContain("/picture/");
      expect(orderEmail(language, { ...base, kind: "order.status", picture }).body, language).not.toContain(picture.href);
      expect(orderEmail(language, { ...base, kind: "order.scheduled", picture }).body, language).not.toContain(picture.href);
    }
  });

  it("shows the picture in the HTML of the received and changed emails as an inline image with a localised alt text", () => {
    for (const language of LANGUAGES) {
      for (const kind of ["order.received", "order.changed"] as const) {
        const mail = orderEmail(language, { ...base, kind, status: kind === "order.received" ? "received" : "scheduled", picture });
        const document = parse(mail.html);
        const images = [...document.querySelectorAll("img")];
        expect(images.map((i) => i.getAttribute("src")), `${language} ${kind}`).toEqual(["cid:configuration-picture@atelier"]);
        expect(images[0]!.getAttribute("alt"), language).toBe(getT(language)("orders.email.pictureAlt"));
        expect(images[0]!.getAttribute("alt"), language).not.toBe("");
        expect(mail.html, language).not.toContain(picture.href);
      }
      // No picture where there is none to show, nor in status moves and cancellations.
      expect(orderEmail(language, { ...base, kind: "order.received", status: "received" }).html, language).not.toMatch(/<img|cid:/);
      for (const kind of ["order.status", "order.scheduled"] as const) expect(orderEmail(language, { ...base, kind, picture }).html, `${language} ${kind}`).not.toMatch(/<img|cid:/);
      expect(orderEmail(language, { ...base, kind: "order.received", status: "cancelled", picture }).html, language).not.toMatch(/<img|cid:/);
    }
    expect(new Set(LANGUAGES.map((l) => getT(l)("orders.email.pictureAlt"))).size).toBe(LANGUAGES.length);
  });

  it("escapes every value in the HTML: a hostile name, number or link stays text, in every language", () => {
    const name = `<script>alert("x")</script> O'Brien & <b>Sons</b>`;
    const link = `https://atelier.example.com/orders/AT-0001234?x="><script>alert(1)</script>`;
    for (const language of LANGUAGES) {
      for (const kind of kinds) {
        const mail = orderEmail(language, { ...base, kind, name, number: "AT-<i>1</i>", link, picture });
        const where = `${language} ${kind}`;
        expect(mail.html, where).not.toMatch(/<script|<b>|<i>/);
        expect(mail.html, where).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; O&#39;Brien &amp; &lt;b&gt;Sons&lt;/b&gt;");
        const document = parse(mail.html);
        expect(document.querySelectorAll("script, b, i")).toHaveLength(0);
        expect(document.body.textContent, where).toContain(name);
        expect(document.body.textContent, where).toContain("AT-<i>1</i>");
        expect([...document.querySelectorAll("a")].map((a) => a.getAttribute("href")), where).toEqual([link]);
        expect(document.documentElement.getAttribute("lang"), where).toBe(language);
        expect(document.title, where).toBe(mail.subject);
      }
    }
  });

  it("says in the HTML what the text says, paragraph by paragraph, in every language, kind and status", () => {
    const paragraphs = (text: string) => text.split(/\n{2,}/).map((p) => p.replace(/\s+/g, " ").trim());
    for (const language of LANGUAGES) {
      for (const kind of kinds) {
        for (const status of ORDER_STATUSES) {
          const mail = orderEmail(language, { ...base, kind, status, picture });
          const where = `${language} ${kind} ${status}`;
          expect(mail.html, where).not.toMatch(/\{\{|\}\}|undefined|null|\uE000|\uE001/);
          const document = parse(mail.html);
          const html = [...document.querySelectorAll("p")].map((p) => p.textContent!.replace(/\s+/g, " ").trim()).filter((p) => p !== "");
          // The text's picture sentence (its address) is the HTML's image.
          expect(html, where).toEqual(paragraphs(mail.body).filter((p) => !p.includes(picture.href)));
        }
      }
    }
  });

  it("puts the build date in the scheduled subject, written as the language writes dates", () => {
    const en = orderEmail("en", { ...base, kind: "order.scheduled" });
    expect(en.subject).toBe("Order AT-0001234 scheduled for December 28, 2026");
    expect(orderEmail("zh", { ...base, kind: "order.scheduled" }).subject).toContain("2026年12月28日");
    expect(orderEmail("ja", { ...base, kind: "order.scheduled" }).subject).toContain("2026年12月28日");
    expect(orderEmail("ko", { ...base, kind: "order.scheduled" }).subject).toContain("2026년 12월 28일");
  });

  it("says a cancelled order is cancelled, without a build date", () => {
    for (const language of LANGUAGES) {
      const mail = orderEmail(language, { ...base, status: "cancelled" });
      const scheduled = orderEmail(language, { ...base, status: "scheduled" });
      expect(mail.subject).not.toBe(scheduled.subject);
      expect(mail.body).not.toMatch(/28/);
    }
    expect(orderEmail("en", { ...base, status: "cancelled" })).toMatchObject({
      subject: "Order AT-0001234 cancelled",
      body: expect.not.stringContaining("Build date"),
    });
  });

  it("mentions the build date while it matters and not once the unit is built", () => {
    expect(orderEmail("en", { ...base, status: "in_production" }).body).toContain("Build date: December 28, 2026.");
    expect(orderEmail("en", { ...base, status: "shipped" }).body).not.toContain("Build date");
    expect(orderEmail("en", { ...base, status: "scheduled", buildDate: null }).body).not.toContain("Build date");
  });
});

describe("absoluteUrl", () => {
  it("uses PUBLIC_URL, or localhost and the port", () => {
    expect(absoluteUrl("/orders/AT-1", getEnv({ PUBLIC_URL: "https://cars.example.com/" }))).toBe("https://cars.example.com/orders/AT-1");
    expect(absoluteUrl("/orders/AT-1", getEnv({ PORT: "4100" }))).toBe("http://localhost:4100/orders/AT-1");
  });

  it("refuses a PUBLIC_URL that isn't an http(s) URL", () => {
    expect(() => getEnv({ PUBLIC_URL: "atelier.example.com" })).toThrow(/PUBLIC_URL/);
    expect(() => getEnv({ PUBLIC_URL: "ftp://atelier.example.com" })).toThrow(/PUBLIC_URL/);
  });
});
