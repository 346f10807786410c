// @vitest-environment jsdom
/**
 * The price summary and breakdown, fed by the engine's real price of demo
 * sedan configurations in several markets.
 */
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { Market } from "~/domain/catalog";
import { price } from "~/domain/engine";
import { formatMoney } from "~/utils/money";
import { sedan, withI18n } from "./configurator.testing";
import { PriceBreakdownList, PriceSummary } from "./PriceSummary";

afterEach(cleanup);

const money = (market: Market) => (minor: number) => formatMoney(minor, market, "en");
const rows = () => [...document.querySelectorAll<HTMLTableRowElement>("tr")];
const row = (kind: string, code?: string) => rows().find((r) => r.dataset.kind === kind && (code === undefined || r.dataset.code === code));

describe("PriceSummary", () => {
  it("itemises base, values, package contents at no charge, VAT and the total", () => {
    const breakdown = price(sedan, ["LA1", "45F", "Y1Y1", "WB6"], {}, "DE");
    render(withI18n(<PriceSummary line={sedan} language="en" breakdown={breakdown} formatMoney={money("DE")} complete={false} missing={3} />));
    expect(row("base")!.textContent).toContain("Base price: A6 L Executive Sedan");
    expect(row("base")!.textContent).toContain("€46,500.00");
    expect(row("value", "Y1Y1")!.textContent).toContain("Tango Red, metallic");
    expect(row("value", "Y1Y1")!.textContent).toContain("€1,090.00");
    expect(row("included", "9VS")!.textContent).toContain("Included in Bang & Olufsen package");
    expect(row("included", "9VS")!.textContent).toContain("€0.00");
    expect(row("vat")!.textContent).toBe(`VAT (19 %)${formatMoney(breakdown.vat, "DE", "en")}`);
    expect(screen.getByTestId("price-total").textContent).toBe(formatMoney(breakdown.total, "DE", "en"));
    expect(screen.getByTestId("price-total-cell").textContent).toBe(formatMoney(breakdown.total, "DE", "en"));
    // The rows add up to the total the engine gives.
    const net = breakdown.lines.filter((l) => l.kind !== "vat" && l.kind !== "total").reduce((s, l) => s + l.amount, 0);
    expect(net + breakdown.vat).toBe(breakdown.total);
    expect(screen.getByTestId("completeness").textContent).toBe("Choices still needed: 3");
  });

  it("calls the total the gross list price when a discount follows (a dealer's quote), what is paid otherwise", () => {
    const breakdown = price(sedan, ["LB0"], {}, "DE");
    const total = formatMoney(breakdown.total, "DE", "en");
    render(withI18n(<PriceSummary line={sedan} language="en" breakdown={breakdown} formatMoney={money("DE")} complete missing={0} listPrice />));
    expect(screen.getByRole("heading", { level: 2 }).textContent).toBe("List price");
    expect(row("total")!.textContent).toBe(`List price (gross)${total}`);
    cleanup();
    render(withI18n(<PriceSummary line={sedan} language="en" breakdown={breakdown} formatMoney={money("DE")} complete missing={0} />));
    expect(screen.getByRole("heading", { level: 2 }).textContent).toBe("Your price");
    expect(row("total")!.textContent).toBe(`Total${total}`);
  });

  it("shows the market's currency and tax as the market names it: sales tax added at delivery in the US, consumption tax in Japan, yen without decimals", () => {
    const us = price(sedan, ["LB0"], {}, "US");
    const { unmount } = render(withI18n(<PriceBreakdownList line={sedan} language="en" breakdown={us} formatMoney={money("US")} />));
    expect(row("vat")!.textContent).toBe("Sales tax (estimated, added at delivery)$0.00");
    expect(row("total")!.textContent).toContain("$55,900.00");
    unmount();
    const jp = price(sedan, ["LB0"], {}, "JP");
    render(withI18n(<PriceBreakdownList line={sedan} language="en" breakdown={jp} formatMoney={money("JP")} showCodes />));
    expect(row("total")!.textContent).toMatch(/¥[\d,]+$/);
    expect(row("vat")!.textContent).toMatch(/^Consumption tax \(10 %\)¥[\d,]+$/);
    expect(row("value", "LB0")!.textContent).toContain("LB0");
  });

  it("folds the breakdown behind a toggle that says whether it is open", () => {
    const breakdown = price(sedan, [], {}, "DE");
    render(withI18n(<PriceSummary line={sedan} language="ja" breakdown={breakdown} formatMoney={money("DE")} complete missing={0} />, "ja"));
    const aside = screen.getByRole("complementary");
    const toggle = within(aside).getByRole("button", { name: "価格の内訳を表示" });
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    expect(aside.dataset.expanded).toBe("false");
    fireEvent.click(toggle);
    expect(toggle.getAttribute("aria-expanded")).toBe("true");
    expect(aside.dataset.expanded).toBe("true");
    expect(screen.getByTestId("completeness").textContent).toBe("構成が完了しました。");
  });
});
