// @vitest-environment jsdom
/**
 * The configurator's delivery estimate: one request a moment after the
 * choices stop changing, for the latest choices only; the date in the
 * reader's language; the pending, unavailable and error states. fetch is
 * replaced by a stand-in that answers as GET /api/v1/delivery-estimate does
 * (that route is tested against a real database in its own test).
 */
import { act, cleanup, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { withI18n } from "~/components/configurator/configurator.testing";
import { DeliveryEstimate, formatDay, type DeliveryQuoteJson } from "./DeliveryEstimate";

const quote = (deliveryDay: string | null): DeliveryQuoteJson => ({ line: "sedan-a6l", leadTimeDays: 21, tier: "standard", buildDay: deliveryDay, deliveryDay });
let calls: string[];
let answer: (url: string) => Response;

beforeEach(() => {
  calls = [];
  answer = () => Response.json({ estimate: quote("2026-12-30") });
  vi.stubGlobal("fetch", async (url: string) => {
    calls.push(url);
    return answer(url);
  });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const settle = () => act(async () => new Promise((resolve) => setTimeout(resolve, 60)));
const shown = () => screen.getByTestId("delivery-estimate");

describe("DeliveryEstimate", () => {
  it("shows a pending state, then the estimated date", async () => {
    render(withI18n(<DeliveryEstimate line="sedan-a6l" choices={["55E"]} language="en" debounceMs={10} />));
    expect(shown().textContent).toBe("Estimating the delivery date…");
    expect(shown().getAttribute("aria-busy")).toBe("true");
    await settle();
    expect(calls).toEqual(["/api/v1/delivery-estimate?line=sedan-a6l&c=55E"]);
    expect(shown().textContent).toBe("Estimated delivery: December 30, 2026");
    expect(shown().getAttribute("aria-busy")).toBe("false");
  });

  it("asks once for the latest choices after a burst of changes, keeping the last date meanwhile", async () => {
    const ui = (choices: string[]) => withI18n(<DeliveryEstimate line="sedan-a6l" choices={choices} language="en" debounceMs={40} />);
    const view = render(ui([]));
    await settle();
    expect(calls).toHaveLength(1);
    answer = (url) => Response.json({ estimate: quote(url.includes("55E") ? "2027-01-06" : "2026-12-30") });
    view.rerender(ui(["55Q"]));
    view.rerender(ui(["55Q", "WB6"]));
    view.rerender(ui(["55E", "WB6"]));
    expect(shown().textContent).toBe("Estimated delivery: December 30, 2026");
    expect(shown().dataset.status).toBe("pending");
    await settle();
    expect(calls).toEqual(["/api/v1/delivery-estimate?line=sedan-a6l", "/api/v1/delivery-estimate?line=sedan-a6l&c=55E%2CWB6"]);
    expect(shown().textContent).toBe("Estimated delivery: January 6, 2027");
    // The same choices again (a new array) ask nothing.
    view.rerender(ui(["55E", "WB6"]));
    await settle();
    expect(calls).toHaveLength(2);
  });

  it("writes the date the reader's way", async () => {
    render(withI18n(<DeliveryEstimate line="sedan-a6l" choices={[]} language="ja" debounceMs={0} />, "ja"));
    await settle();
    expect(shown().textContent).toBe(`お届け予定日：${formatDay("2026-12-30", "ja")}`);
    expect(formatDay("2026-12-30", "ja")).toBe("2026年12月30日");
  });

  it("says when no date is available, and when the estimate failed", async () => {
    answer = () => Response.json({ estimate: quote(null) });
    const view = render(withI18n(<DeliveryEstimate line="sedan-a6l" choices={[]} language="en" debounceMs={0} />));
    await settle();
    expect(shown().textContent).toBe("No delivery date is available within the next year");
    answer = () => Response.json({ error: { code: "unknown-code", message: "x" } }, { status: 400 });
    view.rerender(withI18n(<DeliveryEstimate line="sedan-a6l" choices={["NOPE"]} language="en" debounceMs={0} />));
    await settle();
    expect(shown().textContent).toBe("The delivery date can't be estimated right now");
    expect(shown().dataset.status).toBe("error");
  });
});
