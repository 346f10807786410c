/**
 * Interpolated values are text, whatever they contain: i18next replaces a
 * placeholder's first occurrence, so without the guard in getI18n a value
 * reading `{{number}}` swapped places with the real order number.
 */
import { describe, expect, it } from "vitest";
import { LANGUAGES } from "~/domain/catalog";
import { getI18n, getT } from "~/i18n";

const values = { number: "AT-0001234", status: "received", buildDate: "", href: "https://atelier.example.com/orders/AT-0001234", buildDateSentence: "", pictureSentence: "" };

describe("interpolated values", () => {
  it.each([["{{number}}"], ["{{href}} and {{number}}"], ["{{name}}"], ["{{- number}}"], ["{{ number }}"], ["\uE0020\uE003 {{number}}"]])(
    "a value reading %j stays as typed and takes no other value's place, in every language",
    (name) => {
      for (const language of LANGUAGES) {
        for (const t of [getT(language), getI18n(language).getFixedT(language)]) {
          // The text made with a plain name, the name then put in by hand: what the customer must read.
          const expected = t("orders.email.received.body", { ...values, name: "NAME" }).split("NAME").join(name);
          expect(t("orders.email.received.body", { ...values, name }), language).toBe(expected);
        }
      }
    },
  );

  it("leaves plurals, contexts and plain values as i18next makes them", () => {
    const t = getT("en");
    expect(t("orders.email.received.body", { ...values, name: "Ada" })).toContain("Ada");
    expect(t("orders.email.received.subject", { ...values, name: "Ada" })).toBe(getI18n("en").getFixedT("en")("orders.email.received.subject", { ...values, name: "Ada" }));
  });
});
