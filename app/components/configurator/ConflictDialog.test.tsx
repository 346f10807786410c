// @vitest-environment jsdom
/**
 * The conflict dialog with the engine's real proposals for the demo sedan:
 * what it shows, and that it behaves as an accessible modal (focus in, Tab
 * kept inside, Esc declines, focus back on close).
 */
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { compiledFor, proposeResolutions, reasonFor } from "~/domain/configurator.engine";
import { resolve } from "~/domain/engine";
import type { Conflict } from "~/domain/configurator.machine";
import { formatMoney } from "~/utils/money";
import { describeReason } from "~/domain/configuration-view";
import { sedan, withI18n } from "./configurator.testing";
import { ConflictDialog } from "./ConflictDialog";
import { signedMoney } from "./context";

afterEach(cleanup);

const money = (minor: number) => signedMoney((m) => formatMoney(m, "DE", "en"), minor);

function conflictFor(choices: string[], want: string): Conflict {
  return { want, resolutions: proposeResolutions(sedan, choices, {}, want, "DE") };
}

function renderDialog(conflict: Conflict, choices: string[], handlers = { onAccept: vi.fn(), onDecline: vi.fn() }) {
  const reason = reasonFor(sedan, choices, conflict.want);
  render(
    withI18n(
      <>
        <button type="button">Opener</button>
        <ConflictDialog
          line={sedan}
          language="en"
          conflict={conflict}
          reason={reason ? describeReason(sedan, reason, "en") : null}
          formatDelta={money}
          {...handlers}
        />
      </>,
    ),
  );
  return handlers;
}

describe("ConflictDialog", () => {
  const choices = ["LB0", "40F"];

  it("shows each proposed change: what goes, what comes, and the price difference", () => {
    const conflict = conflictFor(choices, "C9X");
    expect(conflict.resolutions.length).toBeGreaterThan(0);
    renderDialog(conflict, choices);
    const dialog = screen.getByRole("dialog", { name: "Change needed for 21-inch forged wheels, 5-arm trapezoid design, 255/30 R21" });
    expect(dialog.getAttribute("aria-modal")).toBe("true");
    const first = conflict.resolutions[0];
    const option = within(dialog).getAllByTestId("resolution")[0];
    const removes = option.querySelector(".changes--remove")!.textContent!;
    const adds = option.querySelector(".changes--add")!.textContent!;
    for (const code of first.remove) expect(removes).toContain(code);
    expect(removes).toContain("Base");
    expect(adds).toContain("C9X");
    for (const code of first.add) expect(adds).toContain(code);
    expect(adds).toContain("S line");
    expect(option.querySelector(".resolution__price")!.textContent).toContain(money(first.priceDelta));
    expect(money(first.priceDelta)).toMatch(/^\+€/);
    // Why it was unavailable, with the rule's own words.
    expect(dialog.textContent).toContain("Not with:");
  });

  it("shows the alternatives side by side: each a whole car, with its price and delivery change, and applies the one picked", () => {
    // A complete Base 40 TFSI wanting the plug-in hybrid: Advanced and other wheels come, the delivery takes longer.
    const complete = ["LB0", "40F", "T9T9", "C4T", "1BA", "N4M-AF"];
    const conflict = conflictFor(complete, "55E");
    expect(conflict.resolutions.length).toBe(2);
    const handlers = renderDialog(conflict, complete);
    const dialog = screen.getByRole("dialog");
    expect(dialog.className).toContain("conflict-dialog--alternatives");
    const cards = within(dialog).getAllByTestId("resolution");
    expect(cards).toHaveLength(2);
    cards.forEach((card, i) => {
      const resolution = conflict.resolutions[i];
      expect(within(card).getByRole("heading", { level: 3 }).textContent).toBe(`Change ${i + 1}`);
      const removes = card.querySelector(".changes--remove")!.textContent!;
      for (const code of ["LB0", "40F", "C4T"]) expect(removes).toContain(code);
      const adds = card.querySelector(".changes--add")!.textContent!;
      for (const code of ["55E", ...resolution.add]) expect(adds).toContain(code);
      expect(adds).toContain("Advanced");
      expect(card.querySelector(".resolution__price")!.textContent).toContain(money(resolution.priceDelta));
      expect(card.querySelector(".resolution__delivery")!.textContent).toBe("Delivery: 7 days later");
    });
    // The two differ in the wheels that replace the 17-inch ones.
    expect(cards[0].querySelector(".changes--add")!.textContent).not.toBe(cards[1].querySelector(".changes--add")!.textContent);
    expect(screen.queryByTestId("conflict-not-minimal")).toBeNull();
    fireEvent.click(within(cards[1]).getByRole("button", { name: "Apply change 2" }));
    expect(handlers.onAccept).toHaveBeenCalledWith(1);
  });

  it("says when the delivery gets sooner, and shows no delivery line where it doesn't move", () => {
    const choices = ["LA1", "55E", "T9T9", "CH1", "1BA", "N4M-AF"];
    const conflict = conflictFor(choices, "40F");
    renderDialog(conflict, choices);
    expect(screen.getByTestId("resolution").querySelector(".resolution__delivery")!.textContent).toBe("Delivery: 7 days sooner");
    cleanup();
    renderDialog(conflictFor(["LB0", "40F"], "C9X"), ["LB0", "40F"]);
    for (const card of screen.getAllByTestId("resolution")) expect(card.querySelector(".resolution__delivery")).toBeNull();
  });

  it("says a smaller change may exist when the engine ran out of time before proving its fix the smallest", () => {
    const choices = ["LB0", "40F", "T9T9", "C4T", "1BA", "N4M-AF"];
    const resolutions = resolve(compiledFor(sedan), { choices }, "55Q", { market: "DE", timeBudgetMs: 0 });
    expect(resolutions.length).toBeGreaterThan(0);
    renderDialog({ want: "55Q", resolutions }, choices);
    expect(screen.getByTestId("conflict-not-minimal").textContent).toBe("Looking for a smaller change took too long: one may exist.");
  });

  it("moves focus in, keeps Tab inside, and gives focus back when it closes", () => {
    const conflict = conflictFor(choices, "C9X");
    const opener = document.createElement("button");
    document.body.appendChild(opener);
    opener.focus();
    const { unmount } = render(
      withI18n(
        <ConflictDialog line={sedan} language="en" conflict={conflict} reason={null} formatDelta={money} onAccept={() => {}} onDecline={() => {}} />,
      ),
    );
    const dialog = screen.getByRole("dialog");
    const buttons = within(dialog).getAllByRole("button");
    expect(document.activeElement).toBe(buttons[0]);
    const last = buttons[buttons.length - 1];
    last.focus();
    fireEvent.keyDown(last, { key: "Tab" });
    expect(document.activeElement).toBe(buttons[0]);
    fireEvent.keyDown(buttons[0], { key: "Tab", shiftKey: true });
    expect(document.activeElement).toBe(last);
    unmount();
    expect(document.activeElement).toBe(opener);
    opener.remove();
  });

  it("accepts the chosen proposal, declines with the button, with Esc and with a click outside", () => {
    const conflict = conflictFor(choices, "C9X");
    const handlers = renderDialog(conflict, choices);
    fireEvent.click(screen.getByRole("button", { name: conflict.resolutions.length > 1 ? "Apply change 1" : "Apply this change" }));
    expect(handlers.onAccept).toHaveBeenCalledWith(0);
    fireEvent.keyDown(screen.getByRole("dialog"), { key: "Escape" });
    expect(handlers.onDecline).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByRole("button", { name: "Keep my configuration" }));
    expect(handlers.onDecline).toHaveBeenCalledTimes(2);
    fireEvent.mouseDown(document.querySelector(".dialog-backdrop")!);
    expect(handlers.onDecline).toHaveBeenCalledTimes(3);
    // A click inside the dialog is not a click outside.
    fireEvent.mouseDown(screen.getByRole("dialog"));
    expect(handlers.onDecline).toHaveBeenCalledTimes(3);
  });

  it("says so when no configuration can have the value, and offers only to decline", () => {
    renderDialog({ want: "C9X", resolutions: [] }, choices);
    expect(screen.getByText("No configuration of this product can include it.")).toBeTruthy();
    expect(screen.queryAllByTestId("resolution")).toHaveLength(0);
    expect(within(screen.getByRole("dialog")).getAllByRole("button").map((b) => b.textContent)).toEqual(["Keep my configuration"]);
  });
});
