// @vitest-environment jsdom
/**
 * The queue's table as planners read it, with the real translations: each
 * sortable header links to its sort (the current one turned round, the
 * others in their default direction), and an empty page says so.
 */
import { cleanup, render, screen } from "@testing-library/react";
import { createMemoryRouter, RouterProvider } from "react-router-dom";
import { afterEach, describe, expect, it } from "vitest";
import { withI18n } from "~/components/configurator/configurator.testing";
import { QueueTable, type QueueTableRow } from "./queue-table";

afterEach(cleanup);

const row: QueueTableRow = {
  number: "AT-0000042",
  version: 3,
  tier: "gold",
  line: "A6 L Executive Sedan",
  status: "scheduled",
  buildDate: null,
  orderedAt: "2026-11-30T09:15:00.000Z",
  dealership: null,
  total: 7836150,
  market: "DE",
};

function renderAt(url: string, rows: QueueTableRow[]) {
  const router = createMemoryRouter([{ path: "/planning", element: <QueueTable rows={rows} sorting={{ sort: "number", dir: "asc" }} language="en" /> }], { initialEntries: [url] });
  return render(withI18n(<RouterProvider router={router} />));
}

describe("QueueTable", () => {
  it("links each sortable header to its sort, keeping the filters and dropping the cursor", () => {
    renderAt("/planning?line=fridge-fs&after=abc&sort=number&dir=asc", [row]);
    const number = screen.getByRole("columnheader", { name: "Order" });
    expect(number.getAttribute("aria-sort")).toBe("ascending");
    expect(number.querySelector("a")!.getAttribute("href")).toBe("/planning?line=fridge-fs&sort=number&dir=desc");
    const ordered = screen.getByRole("columnheader", { name: "Ordered at" });
    expect(ordered.getAttribute("aria-sort")).toBeNull();
    expect(ordered.querySelector("a")!.getAttribute("href")).toBe("/planning?line=fridge-fs&sort=ordered&dir=desc");
    expect(screen.getByRole("columnheader", { name: "Product line" }).querySelector("a")).toBeNull();
  });

  it("shows an unscheduled, direct order as such, linked to its page", () => {
    renderAt("/planning", [row]);
    expect(screen.getByRole("link", { name: "AT-0000042" }).getAttribute("href")).toBe("/planning/orders/AT-0000042");
    expect(screen.getByRole("row", { name: /AT-0000042/ }).textContent).toMatch(/Gold.*A6 L Executive Sedan.*Scheduled.*Not scheduled.*Direct.*€78,361\.50/);
  });

  it("says so when nothing matches", () => {
    renderAt("/planning", []);
    expect(screen.queryByRole("table")).toBeNull();
    expect(screen.getByText(/no orders/i)).toBeTruthy();
  });
});
