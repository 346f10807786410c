import { describe, expect, it } from "vitest";
import { LANGUAGES } from "~/domain/catalog";
import { ORDER_STATUSES } from "~/domain/orders";
import { absoluteUrl, getEnv } from "~/.server/platform/env.server";
import { orderEmail, type OrderEmailFacts } from "./order-email.server";

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

  it("links the configuration's picture in the received email only, in every language (decision 050)", () => {
    const picture = "https://atelier.example.com/picture/sedan-a6l.png?k=paint%3Atango-red%3Ametallic&w=640&v=1";
    for (const language of LANGUAGES) {
      const received = orderEmail(language, { ...base, kind: "order.received", status: "received", picture });
      expect(received.body, language).toContain(`\n\n`);
      expect(received.body, language).toContain(picture);
      expect(orderEmail(language, { ...base, kind: "order.received", status: "received" }).body, language).not.toContain("/picture/");
      expect(orderEmail(language, { ...base, kind: "order.status", picture }).body, language).not.toContain(picture);
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
