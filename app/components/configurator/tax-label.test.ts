/**
 * Each market's tax row is named as the market knows it, in every language,
 * with the real translations: VAT in Germany, China and Korea, consumption tax
 * in Japan, and in the US a sales tax that is estimated and added at delivery
 * (never "VAT (0 %)").
 */
import { describe, expect, it } from "vitest";
import { LANGUAGES, MARKET_CODES, taxLabel } from "~/domain/catalog";
import { getT } from "~/i18n";

const label = (market: (typeof MARKET_CODES)[number], language: (typeof LANGUAGES)[number]) => {
  const t = getT(language);
  return taxLabel(market, (key, values) => t(key, values));
};

describe("taxLabel", () => {
  it("names each market's tax in English", () => {
    expect(Object.fromEntries(MARKET_CODES.map((m) => [m, label(m, "en")]))).toEqual({
      DE: "VAT (19 %)",
      US: "Sales tax (estimated, added at delivery)",
      CN: "VAT (13 %)",
      JP: "Consumption tax (10 %)",
      KR: "VAT (10 %)",
    });
  });

  it("names them in the reader's language, after the market", () => {
    expect(label("JP", "ja")).toBe("消費税（10 %）");
    expect(label("DE", "ja")).toBe("付加価値税（19 %）");
    expect(label("CN", "zh")).toBe("增值税（13 %）");
    expect(label("KR", "ko")).toBe("부가가치세(10 %)");
    for (const language of LANGUAGES) expect(label("US", language)).not.toMatch(/0 %|VAT/);
  });
});
