import { describe, expect, it } from "vitest";
import { MARKET_CODES, LANGUAGES } from "~/domain/catalog";
import { currencyName, formatMoney } from "./money";

/** Intl may use narrow no-break spaces; compare with plain spaces. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("formatMoney", () => {
  it("writes cents as euros with two decimals", () => {
    expect(plain(formatMoney(123456, "DE", "en"))).toBe("€1,234.56");
  });

  it("has no decimals for yen and won", () => {
    expect(plain(formatMoney(1234567, "JP", "ja"))).toMatch(/^[￥¥]1,234,567$/);
    expect(plain(formatMoney(1234567, "KR", "ko"))).toBe("₩1,234,567");
  });

  it("writes US dollars and Chinese yuan", () => {
    expect(plain(formatMoney(99, "US", "en"))).toBe("$0.99");
    expect(plain(formatMoney(500000, "CN", "zh"))).toBe("¥5,000.00");
  });

  it("handles negative amounts (discounts)", () => {
    expect(plain(formatMoney(-1050, "US", "en"))).toBe("-$10.50");
  });

  it("formats every market in every language without throwing", () => {
    for (const market of MARKET_CODES) for (const language of LANGUAGES) expect(formatMoney(100, market, language)).not.toBe("");
  });

  it("refuses fractional minor units", () => {
    expect(() => formatMoney(1.5, "DE", "en")).toThrow(RangeError);
  });
});

describe("currencyName", () => {
  it("names the currency in the reader's language", () => {
    expect(currencyName("DE", "en").toLowerCase()).toContain("euro");
    expect(currencyName("DE", "zh")).toBe("欧元");
  });
});
