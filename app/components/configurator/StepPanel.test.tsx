// @vitest-environment jsdom
/**
 * The steps, rendered against a real configurator actor on the demo sedan:
 * values with price differences and states, unavailable values with their
 * reason on hover, focus and tap, clicks that choose or open the conflict,
 * and the personalization field's live validation.
 */
import { act, cleanup, fireEvent, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { selectStatus } from "~/domain/configurator.selectors";
import en from "~/locales/en.json";
import { stepsOf } from "./configurator-model";
import { renderWithConfigurator, sedan, startConfigurator } from "./configurator.testing";
import { StepPanel } from "./StepPanel";
import { parseCatalog } from "~/domain/catalog";

afterEach(cleanup);

const step = (name: string) => stepsOf(sedan).find((s) => s.step === name)!;
const valueItem = (code: string) => document.querySelector<HTMLLIElement>(`li[data-code="${code}"]`)!;
const chooseButton = (code: string) => valueItem(code).querySelector<HTMLButtonElement>(".value__choose")!;

describe("StepPanel", () => {
  it("lists every wheel, marking what the Base trim rules out, with price differences", () => {
    const actor = startConfigurator(sedan, { choices: ["LB0"] });
    renderWithConfigurator(<StepPanel view={step("wheels")} />, actor, sedan);
    expect(screen.getByRole("heading", { name: "Wheels and tyres" })).toBeTruthy();
    for (const code of ["C4T", "CH1", "C3U", "CN7", "C9X"]) expect(valueItem(code)).toBeTruthy();
    expect(valueItem("CH1").dataset.state).toBe("available");
    expect(valueItem("C9X").dataset.state).toBe("unavailable");
    expect(within(valueItem("C9X")).getByText(en.configurator.value.unavailable)).toBeTruthy();
    // 18-inch wheels cost 650.00 € net in Germany: +773.50 € with 19 % VAT.
    expect(within(valueItem("CH1")).getByText("+€773.50")).toBeTruthy();
    expect(chooseButton("CH1").getAttribute("aria-pressed")).toBe("false");
  });

  it("chooses an available value on click, and the panel follows the machine", () => {
    const actor = startConfigurator(sedan, { choices: ["LB0"] });
    renderWithConfigurator(<StepPanel view={step("wheels")} />, actor, sedan);
    fireEvent.click(chooseButton("CH1"));
    expect(actor.getSnapshot().context.choices).toContain("CH1");
    expect(chooseButton("CH1").getAttribute("aria-pressed")).toBe("true");
    expect(valueItem("CH1").dataset.state).toBe("chosen");
  });

  it("shows the reason of an unavailable value on hover, on focus and on a tap of its button", () => {
    const actor = startConfigurator(sedan, { choices: ["LB0"] });
    renderWithConfigurator(<StepPanel view={step("wheels")} />, actor, sedan);
    const item = valueItem("C9X");
    const reasonText = () => item.querySelector(".value__reason")?.textContent ?? null;
    expect(reasonText()).toBeNull();

    fireEvent.mouseEnter(item);
    expect(reasonText()).toContain("Not with: Base.");
    fireEvent.mouseLeave(item);
    expect(reasonText()).toBeNull();

    fireEvent.focus(chooseButton("C9X"));
    expect(reasonText()).toContain("Not with: Base.");
    // The reason is part of the button's description for screen readers.
    const describedBy = chooseButton("C9X").getAttribute("aria-describedby")!.split(" ");
    expect(describedBy).toContain(item.querySelector(".value__reason")!.id);
    fireEvent.blur(chooseButton("C9X"));

    const why = within(item).getByRole("button", { name: "Why is 21-inch forged wheels, 5-arm trapezoid design, 255/30 R21 not available?" });
    fireEvent.click(why);
    expect(why.getAttribute("aria-expanded")).toBe("true");
    expect(reasonText()).toMatch(/Not with: Base\./);
    // ...and the catalog's description of the rule that bites.
    expect(sedan.rules.some((r) => r.description && reasonText()!.includes(r.description.en))).toBe(true);
    fireEvent.click(why);
    expect(reasonText()).toBeNull();
  });

  it("opens the conflict (the machine resolves) when an unavailable value is chosen", () => {
    const actor = startConfigurator(sedan, { choices: ["LB0", "40F"] });
    renderWithConfigurator(<StepPanel view={step("wheels")} />, actor, sedan);
    fireEvent.click(chooseButton("C9X"));
    expect(selectStatus(actor.getSnapshot())).toBe("resolving");
    expect(actor.getSnapshot().context.conflict?.want).toBe("C9X");
    expect(actor.getSnapshot().context.choices).toEqual(["LB0", "40F"]);
  });

  it("marks package contents as included, naming the package, and lists what a package brings", () => {
    const actor = startConfigurator(sedan, { choices: ["WB6"] });
    renderWithConfigurator(
      <>
        <StepPanel view={step("packages")} />
        <StepPanel view={step("options")} />
      </>,
      actor,
      sedan,
    );
    expect(within(valueItem("9VS")).getByText("Included in Bang & Olufsen package")).toBeTruthy();
    expect(valueItem("9VS").dataset.state).toBe("implied");
    expect(within(valueItem("WB6")).getByText(/Includes: Bang & Olufsen Premium 3D Sound System, Acoustic glazing/)).toBeTruthy();
    // Clicking a chosen multiple-choice value takes it back.
    fireEvent.click(chooseButton("WB6"));
    expect(actor.getSnapshot().context.choices).toEqual([]);
    expect(valueItem("9VS").dataset.state).toBe("available");
  });

  it("validates the inscription as it is typed, and offers the option it needs", () => {
    const actor = startConfigurator(sedan, { choices: ["PQD"] });
    renderWithConfigurator(<StepPanel view={step("personalization")} />, actor, sedan);
    const input = screen.getByLabelText(en.configurator.text.label) as HTMLInputElement;
    expect(input.disabled).toBe(true);
    fireEvent.click(screen.getByRole("button", { name: "Add Illuminated door sills with personal inscription" }));
    expect(actor.getSnapshot().context.choices).toContain("VT7");
    expect(input.disabled).toBe(false);

    fireEvent.change(input, { target: { value: "Anna & Ben" } });
    expect(actor.getSnapshot().context.texts.inscription).toBe("Anna & Ben");
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByRole("alert").textContent).toBe(en.configurator.text.invalid);

    fireEvent.change(input, { target: { value: "A".repeat(21) } });
    expect(screen.getByRole("alert").textContent).toBe("This text is too long: at most 20 characters.");

    fireEvent.change(input, { target: { value: "Anna and Ben" } });
    expect(input.getAttribute("aria-invalid")).toBe("false");
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.getByText(/^12 of 20 characters/)).toBeTruthy();
  });

  it("follows undo from outside (the panel only reads the machine)", () => {
    const actor = startConfigurator(sedan);
    renderWithConfigurator(<StepPanel view={step("trim")} />, actor, sedan);
    fireEvent.click(chooseButton("LA1"));
    expect(valueItem("LA1").dataset.state).toBe("chosen");
    act(() => {
      actor.send({ type: "UNDO" });
    });
    expect(valueItem("LA1").dataset.state).toBe("available");
  });
});

describe("StepPanel hints", () => {
  it("says an optional feature with a minimum may be left empty, and a required one needs its minimum", () => {
    const values = (...codes: string[]) => codes.map((code) => ({ code, name: { en: code } }));
    const line = parseCatalog({
      productLines: [
        {
          code: "L",
          name: { en: "L" },
          basePrice: {},
          baseModules: [],
          features: [
            { kind: "multiple", code: "extras", name: { en: "Extras" }, step: "options", required: false, min: 2, max: 3, values: values("a", "b", "c", "d") },
            { kind: "multiple", code: "kit", name: { en: "Kit" }, step: "options", required: true, min: 2, values: values("k1", "k2", "k3") },
          ],
        },
      ],
    }).productLines[0];
    const actor = startConfigurator(line);
    renderWithConfigurator(<StepPanel view={stepsOf(line).find((s) => s.step === "options")!} />, actor, line);
    const hint = (feature: string) => document.querySelector(`[data-feature="${feature}"] .feature__hint`)!.textContent;
    expect(hint("extras")).toBe("None, or 2 to 3.");
    expect(hint("kit")).toBe("Choose 2 to 3.");
    // Left empty, the optional one is not among the problems; the required one is.
    expect(actor.getSnapshot().context.engine.problems.map((p) => p.target)).toEqual(["kit"]);
  });
});
