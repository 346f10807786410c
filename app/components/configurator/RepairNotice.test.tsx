// @vitest-environment jsdom
/**
 * A configuration that breaks rules, rendered against a real configurator
 * actor on the demo sedan: the notice names each broken rule in the reader's
 * language and repairs in one click; the summary names rules still to meet;
 * save and share are refused with the rules named, and a refusal is never
 * worded as "try again".
 */
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import en from "~/locales/en.json";
import ja from "~/locales/ja.json";
import { RepairNotice } from "./RepairNotice";
import { SaveSharePanel } from "./SaveSharePanel";
import { stepsOf } from "./configurator-model";
import { SummaryStep } from "./SummaryStep";
import { renderWithConfigurator, sedan, startConfigurator, withI18n } from "./configurator.testing";

afterEach(cleanup);

const BROKEN = ["PQD", "45Q", "Y1Y1", "C3U", "N5W-AF", "1BE", "PCZ", "PW1"];
const VALCONA_RULE = "Black Valcona leather requires Advanced or Premium.";

describe("RepairNotice", () => {
  it("names the broken rule and the text that isn't allowed, and repairs in one click", () => {
    const actor = startConfigurator(sedan, { choices: BROKEN, texts: { inscription: "ERIKA" } });
    renderWithConfigurator(<RepairNotice />, actor, sedan);
    const notice = screen.getByTestId("repair-notice");
    expect(notice.textContent).toContain(en.configurator.repair.title);
    expect(notice.querySelector('li[data-code="N5W-AF"]')!.textContent).toContain(VALCONA_RULE);
    expect(notice.querySelector('li[data-code="N5W-AF"]')!.textContent).toContain("S line");
    expect(notice.querySelector('li[data-field="inscription"]')!.textContent).toMatch(/only with/);
    act(() => fireEvent.click(screen.getByRole("button", { name: en.configurator.repair.accept })));
    expect(screen.queryByTestId("repair-notice")).toBeNull();
    expect(actor.getSnapshot().context.engine.complete).toBe(true);
  });

  it("speaks the reader's language", () => {
    const actor = startConfigurator(sedan, { choices: BROKEN });
    renderWithConfigurator(<RepairNotice />, actor, sedan, "ja");
    expect(screen.getByTestId("repair-notice").textContent).toContain(ja.configurator.repair.title);
    expect(screen.getByRole("button", { name: ja.configurator.repair.accept })).toBeTruthy();
  });

  it("shows nothing for a configuration that only needs finishing", () => {
    const actor = startConfigurator(sedan, { choices: ["PQD"] });
    renderWithConfigurator(<RepairNotice />, actor, sedan);
    expect(screen.queryByTestId("repair-notice")).toBeNull();
  });
});

describe("SummaryStep", () => {
  it("never shows 'still to choose' over an empty list: the rules not met are named", () => {
    const actor = startConfigurator(sedan, { choices: BROKEN });
    const missing = actor.getSnapshot().context.engine.problems.filter((p) => p.code === "missing-required" || p.code === "too-few");
    expect(missing).toEqual([]);
    renderWithConfigurator(
      <SummaryStep steps={stepsOf(sedan)} missing={missing} goTo={() => {}} customerActions={false} href="/configure/sedan-a6l" version="demo" signedIn={false} />,
      actor,
      sedan,
    );
    expect(screen.getByTestId("rules-to-meet").textContent).toContain(VALCONA_RULE);
  });
});

describe("SaveSharePanel", () => {
  const base = { signedIn: true, loginHref: "/login", saving: false, savedName: null, defaultName: "Mine", onSave: () => {} };

  it("refuses to save and share a configuration that breaks rules, naming them", async () => {
    let shared = 0;
    render(
      withI18n(
        <SaveSharePanel
          {...base}
          saveError={null}
          brokenRules={[VALCONA_RULE]}
          onShare={async () => {
            shared++;
            return { code: "X", url: "/share/X" };
          }}
        />,
      ),
    );
    fireEvent.click(screen.getByRole("button", { name: en.configurator.save.submit }));
    expect(screen.getByText(en.configurator.save.broken.replace("{{rules}}", VALCONA_RULE))).toBeTruthy();
    await act(async () => fireEvent.click(screen.getByRole("button", { name: en.configurator.share.submit })));
    expect(screen.getByText(en.configurator.share.broken.replace("{{rules}}", VALCONA_RULE))).toBeTruthy();
    expect(shared).toBe(0);
  });

  it("says 'try again' only when trying again can help", async () => {
    const refusal = Object.assign(new Error("the catalog version is retired"), { status: 400 });
    const { rerender } = render(withI18n(<SaveSharePanel {...base} saveError="the catalog version is retired" saveRetryable={false} onShare={() => Promise.reject(refusal)} />));
    expect(screen.getByText(en.configurator.save.refused.replace("{{message}}", "the catalog version is retired"))).toBeTruthy();
    expect(screen.queryByText(en.configurator.save.failed)).toBeNull();
    await act(async () => fireEvent.click(screen.getByRole("button", { name: en.configurator.share.submit })));
    expect(screen.getByText(en.configurator.share.refused.replace("{{message}}", "the catalog version is retired"))).toBeTruthy();

    rerender(withI18n(<SaveSharePanel {...base} saveError="Failed to fetch" saveRetryable onShare={() => Promise.reject(new TypeError("Failed to fetch"))} />));
    expect(screen.getByText(en.configurator.save.failed)).toBeTruthy();
    await act(async () => fireEvent.click(screen.getByRole("button", { name: en.configurator.share.submit })));
    expect(screen.getByText(en.configurator.share.failed)).toBeTruthy();
  });
});
