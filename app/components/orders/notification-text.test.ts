import { describe, expect, it } from "vitest";
import { getT } from "~/i18n";
import { notificationText } from "./notification-text";

type T = Parameters<typeof notificationText>[1];

describe("notificationText for a published catalog's impact", () => {
  it("tells an order's customer the order keeps its configuration and price", () => {
    const text = notificationText({ kind: "order.catalog", data: { number: "AT-0000042", version: "2027.1", unbuildable: 1 } }, getT("en") as unknown as T, "en");
    expect(text).toBe("Catalog 2027.1 was published: your order AT-0000042 is built as ordered, at the price agreed.");
  });

  it("tells a quote's author both prices in the quote's market", () => {
    const data = { number: "Q-0000007", version: "2027.1", market: "DE", unbuildable: 0, priceBefore: 5533500, priceAfter: 5652500 };
    expect(notificationText({ kind: "quote.catalog", data }, getT("en") as unknown as T, "en")).toBe(
      "Catalog 2027.1 was published: quote Q-0000007 would change if quoted again (€56,525.00, was €55,335.00).",
    );
    expect(notificationText({ kind: "quote.catalog", data }, getT("ja") as unknown as T, "ja")).toContain("Q-0000007");
  });
});
