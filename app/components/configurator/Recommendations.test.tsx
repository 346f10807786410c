// @vitest-environment jsdom
/**
 * The recommendations in a step, against a real configurator actor on the
 * demo sedan: each with its reason and percentage, never a value the engine
 * rules out, at most three, and "Add" chooses the value as a click would.
 */
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { customerDomains } from "~/domain/configurator.engine";
import { valueName } from "~/domain/configuration-view";
import type { AssociationRule } from "~/domain/recommend";
import { stepsOf } from "./configurator-model";
import { sedan, startConfigurator, withI18n } from "./configurator.testing";
import { ConfiguratorProvider } from "./context";
import { StepPanel } from "./StepPanel";

afterEach(cleanup);

const rule = (x: string, y: string, confidence: number): AssociationRule => ({ if: x, then: y, customers: 12, support: 0.1, confidence, lift: 1.8 });
const stepWith = (feature: string) => stepsOf(sedan).find((s) => s.features.some((f) => f.code === feature))!;
const box = () => screen.queryByRole("region", { name: "Often added" });

function show(choices: string[], rules: AssociationRule[], feature = "packages", language: "en" | "ja" = "en") {
  const actor = startConfigurator(sedan, { choices });
  render(withI18n(<ConfiguratorProvider value={{ actor, line: sedan, language, rules }}>{<StepPanel view={stepWith(feature)} />}</ConfiguratorProvider>, language));
  return actor;
}

describe("Recommendations", () => {
  it("shows what customers who chose the same often add, with the percentage, and Add chooses it", () => {
    const actor = show(["PQD"], [rule("PQD", "WQS", 0.62)]);
    const item = within(box()!).getByText(`Customers who chose ${valueName(sedan, "PQD", "en")} often add ${valueName(sedan, "WQS", "en")} (62 %)`).closest("li")!;
    act(() => fireEvent.click(within(item).getByRole("button", { name: `Add ${valueName(sedan, "WQS", "en")}` })));
    expect(actor.getSnapshot().context.choices).toEqual(["PQD", "WQS"]);
    expect(actor.getSnapshot().matches("resolving")).toBe(false);
    // Added: nothing left to recommend.
    expect(box()).toBeNull();
  });

  it("never shows a value the engine rules out or one already implied, and at most three", () => {
    const domains = customerDomains(sedan, ["LB0"]);
    const step = stepWith("options");
    const inStep = domains.features.filter((f) => step.features.some((s) => s.code === f.code)).flatMap((f) => f.values);
    const ruledOut = inStep.filter((v) => !v.available).map((v) => v.code);
    const open = inStep.filter((v) => v.available && !v.chosen && !v.implied).map((v) => v.code);
    expect(ruledOut.length).toBeGreaterThan(0);
    expect(open.length).toBeGreaterThan(3);
    // The ruled-out values have the strongest rules; the open ones weaker, decreasing.
    show(["LB0"], [...ruledOut.map((c) => rule("LB0", c, 0.99)), ...open.map((c, i) => rule("LB0", c, 0.9 - i / 100))], "options");
    const shown = within(box()!)
      .getAllByRole("listitem")
      .map((li) => li.dataset.recommended);
    expect(shown).toEqual(open.slice(0, 3));
  });

  it("shows nothing without rules, or when the customer has none of their antecedents", () => {
    show(["PQD"], []);
    expect(box()).toBeNull();
    cleanup();
    show(["LB0"], [rule("PQD", "WQS", 0.8)]);
    expect(box()).toBeNull();
  });

  it("speaks the customer's language", () => {
    show(["PQD"], [rule("PQD", "WQS", 0.5)], "packages", "ja");
    expect(screen.getByText(`${valueName(sedan, "PQD", "ja")}を選んだお客様は、よく${valueName(sedan, "WQS", "ja")}を追加しています（50%）`)).toBeTruthy();
  });
});
