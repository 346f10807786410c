// @vitest-environment jsdom
/**
 * The planner's forms on an order and the notice after one is sent, with the
 * real translations: every form carries the version the page showed, the
 * cancel button gives way to the frozen-horizon note, and a refusal offers
 * its way out (reload, or the capacity page) with the day written the
 * reader's way.
 */
import { cleanup, render, screen } from "@testing-library/react";
import type { ReactNode } from "react";
import { createMemoryRouter, RouterProvider } from "react-router-dom";
import { afterEach, describe, expect, it } from "vitest";
import { withI18n } from "~/components/configurator/configurator.testing";
import { OrderActions } from "./order-actions";
import { OrderNotice } from "./order-notice";
import { OrderTimeline } from "./order-people";

afterEach(cleanup);

function renderPage(element: ReactNode) {
  const router = createMemoryRouter([{ path: "/planning/orders/:number", element }], { initialEntries: ["/planning/orders/AT-0000042"] });
  return render(withI18n(<RouterProvider router={router} />));
}

const scheduled = { status: "scheduled" as const, version: 3, buildDate: "2026-12-14" };

describe("OrderActions", () => {
  it("offers moving the build date, the next status and cancelling, each form with the page's version", () => {
    renderPage(<OrderActions order={scheduled} can={{ schedule: true, advance: "in_production", cancel: true }} firstDay="2026-12-02" horizon={5} language="en" />);
    expect(screen.getByLabelText(/date/i).getAttribute("min")).toBe("2026-12-02");
    expect(screen.getByRole("button", { name: "Move to “In production”" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Cancel order" })).toBeTruthy();
    const versions = [...document.querySelectorAll<HTMLInputElement>('input[name="version"]')].map((i) => i.value);
    expect(versions).toEqual(["3", "3", "3"]);
  });

  it("says why an order can't be cancelled within the horizon, and says nothing once it is cancelled", () => {
    renderPage(<OrderActions order={scheduled} can={{ schedule: false, advance: null, cancel: false }} firstDay="2026-12-02" horizon={5} language="en" />);
    expect(screen.getByText(/Within 5 days of its build date/)).toBeTruthy();
    expect(screen.queryByRole("button")).toBeNull();
    cleanup();
    renderPage(<OrderActions order={{ ...scheduled, status: "cancelled" }} can={{ schedule: false, advance: null, cancel: false }} firstDay="2026-12-02" horizon={5} language="en" />);
    expect(screen.queryByText(/Within 5 days/)).toBeNull();
  });
});

describe("OrderActions on exceptional moves (issue 12)", () => {
  it("asks why for a cancel, a pull ahead and a move inside the frozen horizon; a step takes a reason if given", () => {
    renderPage(
      <OrderActions
        order={scheduled}
        can={{ schedule: true, advance: null, cancel: true }}
        exceptions={{ pullAhead: true, rescheduleNeedsReason: true }}
        firstDay="2026-12-02"
        horizon={5}
        language="en"
      />,
    );
    expect(screen.getByRole("button", { name: "Pull ahead: start production today" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: /Move to/ })).toBeNull();
    const reasons = [...document.querySelectorAll<HTMLInputElement>('input[name="reason"]')];
    expect(reasons.map((r) => [r.closest("form")!.querySelector<HTMLInputElement>('input[name="intent"]')!.value, r.required])).toEqual([
      ["schedule", true],
      ["pull-ahead", true],
      ["cancel", true],
    ]);
    expect(screen.getByText(/within 5 days and the line is being prepared/)).toBeTruthy();
    cleanup();
    renderPage(<OrderActions order={{ ...scheduled, status: "in_production" }} can={{ schedule: false, advance: "built", cancel: false }} firstDay="2026-12-02" horizon={5} language="en" />);
    expect(screen.getByLabelText("Reason (optional)")).toBeTruthy();
    expect(screen.queryByRole("button", { name: /Pull ahead/ })).toBeNull();
  });
});

describe("OrderTimeline", () => {
  it("shows who made each change and why", () => {
    const at = "2026-12-06T09:00:00.000Z";
    renderPage(
      <OrderTimeline
        events={[
          { to: "received", actor: "Clara Becker", note: null, reason: null, at },
          { to: "in_production", actor: "Paul Planner", note: "build date 2026-12-06 (pulled ahead from 2026-12-26)", reason: "line 2 idle", at },
        ]}
        language="en"
      />,
    );
    const items = screen.getAllByRole("listitem").map((li) => li.textContent);
    expect(items[0]).not.toMatch(/Reason/);
    expect(items[1]).toMatch(/Paul Planner/);
    expect(items[1]).toMatch(/Reason: line 2 idle/);
  });
});

describe("OrderNotice", () => {
  it("writes a refused day the reader's way and links to the capacity page", () => {
    const result = { ok: false as const, code: "over-capacity", message: "queue.detail.problems.overCapacity", values: { day: "2026-12-14" } };
    renderPage(<OrderNotice result={result} number="AT-0000042" language="en" />);
    expect(screen.getByRole("alert").textContent).toMatch(/^Dec 14, 2026 is full for this product line/);
    expect(screen.getByRole("link", { name: "Open capacity planning" }).getAttribute("href")).toBe("/planning/capacity");
  });

  it("asks to reload when someone else changed the order", () => {
    const result = { ok: false as const, code: "stale", message: "queue.detail.problems.stale", values: { number: "AT-0000042" } };
    renderPage(<OrderNotice result={result} number="AT-0000042" language="en" />);
    expect(screen.getByRole("link", { name: "Reload the order" }).getAttribute("href")).toBe("/planning/orders/AT-0000042");
  });
});
