// @vitest-environment jsdom
/**
 * Step names come from the product line where it names them: the demo
 * refrigerator's steps read "Size", "Doors and finish", "Features" (in the
 * reader's language), not the car's "Trim" and "Exterior"; a line that names
 * none (the sedan) keeps the general names.
 */
import { cleanup, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { stepName } from "~/domain/catalog";
import { stepsOf } from "./configurator-model";
import { fridge, renderWithConfigurator, sedan, startConfigurator } from "./configurator.testing";
import { StepTabs } from "./StepTabs";

afterEach(cleanup);

const tabs = () => screen.getAllByRole("tab").map((tab) => tab.querySelector(".step-tab__label")!.textContent);

function renderTabs(line: typeof sedan, language: "en" | "ja" = "en") {
  const steps = stepsOf(line).map((s) => ({ step: s.step, done: false }));
  renderWithConfigurator(<StepTabs steps={steps} current={steps[0]!.step} onSelect={() => {}} panelId="panel" />, startConfigurator(line, { choices: [] }), line, language);
}

describe("step names", () => {
  it("are the refrigerator's own", () => {
    renderTabs(fridge);
    expect(tabs()).toEqual(["Size", "Doors and finish", "Features", "Summary"]);
    cleanup();
    renderTabs(fridge, "ja");
    expect(tabs().slice(0, 3)).toEqual(["サイズ", "ドアと仕上げ", "機能"]);
  });

  it("are the general ones for a line that names none", () => {
    renderTabs(sedan);
    expect(tabs()[0]).toBe("Trim");
    expect(tabs()).toContain("Exterior");
    expect(stepName(sedan, "trim", "en")).toBeNull();
    expect(stepName(fridge, "exterior", "ko")).toBe("도어와 마감");
  });
});
