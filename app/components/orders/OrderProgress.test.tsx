// @vitest-environment jsdom
/**
 * The order's progress bar with the real translations: every step of the flow
 * in order, the ones reached marked done, the current one marked for
 * assistive technology; a cancelled order says so instead of a bar.
 */
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { withI18n } from "~/components/configurator/configurator.testing";
import { OrderProgress } from "./OrderProgress";

afterEach(cleanup);

const states = () => [...document.querySelectorAll(".order-progress li")].map((li) => [li.textContent, li.getAttribute("data-state")]);

describe("OrderProgress", () => {
  it("marks the steps reached and the current one", () => {
    render(withI18n(<OrderProgress status="in_production" />));
    expect(states()).toEqual([
      ["Received", "done"],
      ["Scheduled", "done"],
      ["In production", "current"],
      ["Built", "todo"],
      ["Shipped", "todo"],
      ["Delivered", "todo"],
    ]);
    expect(screen.getByRole("list").getAttribute("aria-label")).toBe("Order progress: step 3 of 6");
    expect(document.querySelector('[aria-current="step"]')!.textContent).toBe("In production");
  });

  it("starts at received and ends at delivered", () => {
    render(withI18n(<OrderProgress status="received" />));
    expect(states().map(([, s]) => s)).toEqual(["current", "todo", "todo", "todo", "todo", "todo"]);
    cleanup();
    render(withI18n(<OrderProgress status="delivered" />, "ja"));
    expect(states().map(([, s]) => s)).toEqual(["done", "done", "done", "done", "done", "current"]);
  });

  it("shows a cancelled order as cancelled, without a bar", () => {
    render(withI18n(<OrderProgress status="cancelled" />));
    expect(document.querySelector(".order-progress li")).toBeNull();
    expect(screen.getByTestId("order-progress").textContent).toBe("Cancelled");
  });
});
