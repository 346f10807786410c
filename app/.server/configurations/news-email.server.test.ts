import { describe, expect, it } from "vitest";
import { LANGUAGES } from "~/domain/catalog";
import { formatMoney } from "~/utils/money";
import { newsEmail, type NewsEmailFacts } from "./news-email.server";

const base: NewsEmailFacts = {
  name: "Clara Weiss",
  configuration: "Weekend car",
  version: "2027.1",
  market: "DE",
  price: { before: 6_450_000, after: 6_550_000 },
  leftOut: null,
  lineGone: false,
  delivery: null,
  link: "https://atelier.example.com/configure/sedan-a6l?c=PQD%2CVT7",
  unsubscribe: "https://atelier.example.com/unsubscribe/0b0e7c1e-0000-4000-8000-000000000000.abc.SIGNATURE",
};

const variants: Partial<NewsEmailFacts>[] = [
  {},
  { price: null, delivery: { before: "2027-03-01", after: "2027-04-12" } },
  { leftOut: ["Black Valcona leather (N5W-AF)", "inscription"] },
  { price: null, lineGone: true },
];

describe("configuration news emails", () => {
  it("leave no placeholder, carry the absolute link and the unsubscribe link, in every language and case", () => {
    for (const language of LANGUAGES) {
      for (const variant of variants) {
        const mail = newsEmail(language, { ...base, ...variant });
        const where = `${language} ${JSON.stringify(variant)}`;
        expect(mail.subject + mail.body, where).not.toMatch(/\{\{|\}\}|undefined|null|NaN|follow\.email/);
        expect(mail.subject, where).toContain("Weekend car");
        expect(mail.body, where).toContain("Clara Weiss");
        expect(mail.body, where).toContain(base.link);
        expect(mail.body, where).toContain(base.unsubscribe);
        // Each link stands on its own (no punctuation glued to it that a mail program would take into the link).
        expect(mail.body, where).toMatch(new RegExp(`${base.unsubscribe.replace(/[.?]/g, "\\$&")}(\\s|$)`));
      }
    }
  });

  it("writes money in the market's currency as the language writes it, and dates as the language writes them", () => {
    for (const language of LANGUAGES) {
      const mail = newsEmail(language, base);
      expect(mail.body).toContain(formatMoney(6_550_000, "DE", language));
      expect(mail.body).toContain(formatMoney(6_450_000, "DE", language));
    }
    expect(newsEmail("en", base).body).toContain("The price is now €65,500.00 (it was €64,500.00).");
    const moved = { price: null, delivery: { before: "2027-03-01", after: "2027-04-12" } };
    expect(newsEmail("en", { ...base, ...moved }).body).toContain("April 12, 2027");
    expect(newsEmail("zh", { ...base, ...moved }).body).toContain("2027年4月12日");
    expect(newsEmail("ja", { ...base, ...moved }).body).toContain("2027年4月12日");
    expect(newsEmail("ko", { ...base, ...moved }).body).toContain("2027년 4월 12일");
    expect(newsEmail("en", { ...base, ...moved }).body).not.toContain("price");
  });

  it("names what the nearest configuration leaves out, or that the line is gone", () => {
    const unbuildable = newsEmail("en", { ...base, price: null, leftOut: ["Black Valcona leather (N5W-AF)", "inscription"] }).body;
    expect(unbuildable).toContain("leaves out: Black Valcona leather (N5W-AF), inscription.");
    expect(newsEmail("ja", { ...base, leftOut: ["A", "B"] }).body).toContain("A、B");
    expect(newsEmail("en", { ...base, price: null, lineGone: true }).body).toContain("no longer offered");
  });
});
