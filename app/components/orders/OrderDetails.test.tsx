// @vitest-environment jsdom
/**
 * The order as its customer reads it, rendered with the real translations and
 * the engine's price of a demo sedan configuration: number, status, dates,
 * configuration with codes, and a timeline that names staff by role only.
 */
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { withI18n, sedan } from "~/components/configurator/configurator.testing";
import { price } from "~/domain/engine";
import { formatMoney } from "~/utils/money";
import { OrderDetails, type OrderDetailsData } from "./OrderDetails";

afterEach(cleanup);

const choices = ["LA1", "45F", "Y1Y1", "WB6"];
const breakdown = price(sedan, choices, {}, "DE");

function data(over: Partial<OrderDetailsData["order"]> = {}, timeline: OrderDetailsData["timeline"] = []): OrderDetailsData {
  return {
    order: {
      number: "AT-0000042",
      status: "scheduled",
      line: sedan.code,
      catalogVersion: "demo-2026.1",
      choices,
      texts: {},
      price: breakdown,
      contact: { name: "Clara Becker", email: "clara@example.test", phone: "+49 89 1234567", street: "Leopoldstraße 1", postalCode: "80802", city: "München", country: "DE" },
      buildDate: "2026-12-14",
      createdAt: "2026-11-30T09:15:00.000Z",
      ...over,
    },
    line: sedan,
    timeline,
    estimatedDelivery: over.buildDate === null ? null : "2026-12-24",
  };
}

describe("OrderDetails", () => {
  it("keeps the queue's delivery estimate until the order is scheduled, and shows its progress", () => {
    render(withI18n(<OrderDetails data={{ ...data({ status: "received", buildDate: null }), estimatedDelivery: "2026-12-28", deliveryEstimated: true }} language="en" />));
    expect(screen.queryByTestId("build-date")).toBeNull();
    expect(screen.getByTestId("estimated-delivery").textContent).toBe("about Dec 28, 2026 (estimated from today's queue; confirmed once the build date is set)");
    expect(screen.getByTestId("order-progress").querySelector('[aria-current="step"]')!.textContent).toBe("Received");
  });

  it("shows number, status, build date, delivery estimate, the priced configuration and the contact", () => {
    render(withI18n(<OrderDetails data={data()} language="en" />));
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Order AT-0000042");
    expect(screen.getByTestId("order-status").textContent).toBe("Scheduled");
    expect(screen.getByTestId("build-date").textContent).toBe("Dec 14, 2026");
    expect(screen.getByTestId("estimated-delivery").textContent).toBe("Dec 24, 2026");
    expect(screen.getByTestId("price-total-cell").textContent).toBe(formatMoney(breakdown.total, "DE", "en"));
    expect(document.querySelector('[data-code="Y1Y1"]')!.textContent).toContain("Y1Y1");
    expect(document.querySelector("address")!.textContent).toContain("80802 München");
  });

  it("says when an order isn't scheduled yet, and names staff by role unless a name is given", () => {
    const timeline: OrderDetailsData["timeline"] = [
      { from: null, to: "received", note: null, at: "2026-11-30T09:15:00.000Z", actor: { kind: "you" } },
      { from: "received", to: "received", note: "configuration changed", at: "2026-11-30T10:00:00.000Z", actor: { kind: "you" } },
      { from: "received", to: "cancelled", note: null, at: "2026-12-01T08:00:00.000Z", actor: { kind: "staff", role: "planner", name: null } },
    ];
    render(withI18n(<OrderDetails data={data({ status: "received", buildDate: null }, timeline)} language="en" />));
    expect(screen.queryByTestId("build-date")).toBeNull();
    expect(screen.getByText(/Not scheduled yet/)).toBeTruthy();
    const items = [...screen.getByTestId("order-timeline").querySelectorAll("li")].map((li) => li.textContent);
    expect(items[0]).toMatch(/^Received by you/);
    expect(items[1]).toMatch(/^Configuration changed by you/);
    expect(items[2]).toMatch(/^Cancelled by Production planner/);
  });

  it("renders in the reader's language", () => {
    render(withI18n(<OrderDetails data={data()} language="ja" />, "ja"));
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("注文 AT-0000042");
    expect(screen.getByTestId("order-status").textContent).not.toBe("Scheduled");
  });
});
