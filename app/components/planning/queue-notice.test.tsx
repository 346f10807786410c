// @vitest-environment jsdom
/**
 * The notices after an action on the queue or an order, with the real
 * translations: they say how many orders were done and which were refused and
 * why, and they stay — through the page's refreshes, which forget the action's
 * answer — until the planner closes them (issue 12: the result vanished after
 * about two seconds).
 */
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { createMemoryRouter, RouterProvider } from "react-router-dom";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { withI18n } from "~/components/configurator/configurator.testing";
import { QueueNotice, type QueueActionResult } from "./autoschedule";
import { OrderNotice } from "./order-notice";

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "setInterval", "Date"] });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const bulk: QueueActionResult = {
  ok: true,
  intent: "bulk-schedule",
  done: 1,
  results: [
    { number: "AT-0000042", ok: true, status: "scheduled", buildDate: "2026-12-14" },
    { number: "AT-0000043", ok: false, code: "over-capacity", message: "queue.detail.problems.overCapacity", values: { day: "2026-12-14" } },
  ],
};

/** The page as Remix drives it: an answer arrives, then a revalidation drops it (`answer(undefined)`). */
let answer: (result: QueueActionResult | undefined) => void = () => {};
function QueuePage({ first }: { first: QueueActionResult }) {
  const [result, setResult] = useState<QueueActionResult | undefined>(first);
  answer = setResult;
  return <QueueNotice result={result} language="en" />;
}

function renderAt(element: React.ReactNode) {
  const router = createMemoryRouter([{ path: "/planning", element }], { initialEntries: ["/planning"] });
  return render(withI18n(<RouterProvider router={router} />));
}

describe("QueueNotice", () => {
  it("says how many of the selection were done and, per order, what happened or why not", () => {
    renderAt(<QueuePage first={bulk} />);
    const notice = screen.getByRole("status");
    expect(notice.textContent).toContain("Build date set for 1 of 2 selected orders.");
    const items = [...notice.querySelectorAll("li")].map((li) => li.textContent);
    expect(items).toEqual([
      "AT-0000042 scheduled for Dec 14, 2026.",
      "AT-0000043 Dec 14, 2026 is full for this product line: choose another day or raise that day's capacity.",
    ]);
    expect(screen.getByRole("link", { name: "AT-0000043" }).getAttribute("href")).toBe("/planning/orders/AT-0000043");
  });

  it("stays after 3 s and after the page's refresh forgets the answer, until it is dismissed; a new answer shows again", () => {
    renderAt(<QueuePage first={{ ok: true, intent: "autoschedule", scheduled: [{ number: "AT-0000042", buildDate: "2026-12-14" }], unplaced: ["AT-0000044"], changed: [] }} />);
    act(() => {
      vi.advanceTimersByTime(3000);
    });
    act(() => answer(undefined));
    const notice = screen.getByRole("status");
    expect(notice.textContent).toContain("Scheduled 1 orders");
    expect(notice.textContent).toContain("No free day found for: AT-0000044.");
    fireEvent.click(screen.getByRole("button", { name: "Dismiss" }));
    expect(screen.queryByRole("status")).toBeNull();
    act(() => answer(bulk));
    expect(screen.getByRole("status").textContent).toContain("Build date set for 1 of 2 selected orders.");
  });

  it("shows a refused post as an alert that also stays until dismissed", () => {
    renderAt(<QueuePage first={{ ok: false, message: "queue.bulk.problems.noneSelected", field: "orders" }} />);
    act(() => answer(undefined));
    expect(screen.getByRole("alert").textContent).toContain("Select at least one order first.");
    fireEvent.click(screen.getByRole("button", { name: "Dismiss" }));
    expect(screen.queryByRole("alert")).toBeNull();
  });
});

describe("OrderNotice", () => {
  it("keeps the order's last answer through a refresh until dismissed", () => {
    let setAnswer: (r: { ok: true; message: string; values: Record<string, string> } | undefined) => void = () => {};
    function OrderPage() {
      const [result, setResult] = useState<{ ok: true; message: string; values: Record<string, string> } | undefined>({ ok: true, message: "queue.detail.done.schedule", values: { day: "2026-12-14" } });
      setAnswer = setResult;
      return <OrderNotice result={result} number="AT-0000042" language="en" />;
    }
    renderAt(<OrderPage />);
    act(() => {
      vi.advanceTimersByTime(3000);
    });
    act(() => setAnswer(undefined));
    expect(screen.getByRole("status").querySelector("p")!.textContent).toBe("Build date set to Dec 14, 2026.");
    fireEvent.click(screen.getByRole("button", { name: "Dismiss" }));
    expect(screen.queryByRole("status")).toBeNull();
  });
});
