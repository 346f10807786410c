/**
 * The machine on the demo catalog's executive sedan, as a customer meets it:
 * a wish that needs other changes, a walk through every step to a complete
 * configuration, and review. Real catalog, real engine.
 */
import { describe, expect, it } from "vitest";
import { createActor } from "xstate";
// The seed data lives under db/; tests read it, domain code never does.
// eslint-disable-next-line no-restricted-imports
import demoJson from "../../db/catalog/demo.json";
import { parseCatalog, type ProductLine } from "./catalog";
import { CONFIGURATOR_STEPS, configuratorMachine } from "./configurator.machine";
import {
  selectChoices,
  selectFeatureState,
  selectIsComplete,
  selectReason,
  selectStatus,
  selectStep,
  selectTotal,
  selectValueState,
} from "./configurator.selectors";
import { validate } from "./engine";

const catalog = parseCatalog(demoJson);
const sedan = catalog.productLines.find((l) => l.code === "sedan-a6l")!;

function start(line: ProductLine = sedan) {
  return createActor(configuratorMachine, { input: { line, catalogVersion: "demo", market: "DE" } }).start();
}

describe("the demo sedan in the configurator", () => {
  it("every feature of every demo line sits on one of the machine's steps", () => {
    for (const line of catalog.productLines)
      for (const f of line.features) expect(CONFIGURATOR_STEPS, `${line.code}.${f.code}`).toContain(f.step);
  });

  it("21-inch wheels on a Base 40 TFSI: the conflict dialog offers S line, accepting it moves the price by the delta", () => {
    const actor = start();
    for (const code of ["LB0", "40F", "N4M-AF"]) actor.send({ type: "SELECT", code });
    actor.send({ type: "GO_TO_STEP", step: "wheels" });
    const before = actor.getSnapshot();
    const wanted = selectValueState("C9X")(before);
    expect(wanted?.available).toBe(false);
    expect(selectReason("C9X")(before)?.rules).toContain("R-21IN-SLINE");

    actor.send({ type: "SELECT", code: "C9X" });
    expect(selectStatus(actor.getSnapshot())).toBe("resolving");
    const [best] = actor.getSnapshot().context.conflict!.resolutions;
    expect(best.remove).toEqual(expect.arrayContaining(["LB0", "40F"]));

    actor.send({ type: "ACCEPT_RESOLUTION", index: 0 });
    const after = actor.getSnapshot();
    expect(selectStep(after)).toBe("wheels");
    expect(selectChoices(after)).toContain("C9X");
    expect(selectChoices(after)).not.toContain("LB0");
    expect(selectTotal(after) - selectTotal(before)).toBe(best.priceDelta);
    expect(after.context.engine.domains.consistent).toBe(true);

    actor.send({ type: "UNDO" });
    expect(selectChoices(actor.getSnapshot())).toEqual(selectChoices(before));
  });

  it("walking the steps and taking the first available value of each required feature ends complete and reviewable", () => {
    const actor = start();
    for (const step of CONFIGURATOR_STEPS) {
      actor.send({ type: "GO_TO_STEP", step });
      for (const f of sedan.features.filter((x) => x.step === step && x.kind !== "text" && x.required)) {
        const state = selectFeatureState(f.code)(actor.getSnapshot())!;
        if (state.values.some((v) => v.chosen)) continue;
        const pick = state.values.find((v) => v.available)!;
        actor.send({ type: "SELECT", code: pick.code });
        expect(selectStatus(actor.getSnapshot())).toBe("editing");
      }
    }
    const s = actor.getSnapshot();
    expect(selectIsComplete(s)).toBe(true);
    expect(validate(sedan, { line: sedan.code, choices: s.context.choices, texts: s.context.texts })).toEqual([]);
    actor.send({ type: "REVIEW" });
    expect(selectStatus(actor.getSnapshot())).toBe("reviewing");
  });
});
