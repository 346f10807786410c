/**
 * A configuration that breaks rules reaches the configurator (a link, a share
 * code, a saved configuration, a quote, an order change): the machine names
 * what breaks which rule and offers the nearest valid configuration; saving
 * waits for the repair; a refused save isn't offered again as "try again".
 */
import { describe, expect, it } from "vitest";
import { createActor, fromPromise, waitFor } from "xstate";
// The seed data lives under db/; tests read it, domain code never does.
// eslint-disable-next-line no-restricted-imports
import demoJson from "../../db/catalog/demo.json";
import { parseCatalog } from "./catalog";
import { brokenRules } from "./configuration-view";
import { configuratorMachine, type SaveInput, type SaveResult } from "./configurator.machine";
import { validate } from "./engine";

const sedan = parseCatalog(demoJson).productLines.find((l) => l.code === "sedan-a6l")!;
/** The link of issue 11: S line with Valcona leather (Advanced or Premium only) and an inscription without its option. */
const BROKEN = ["PQD", "45Q", "Y1Y1", "C3U", "N5W-AF", "1BE", "PCZ", "PW1"];

function start(choices: string[], texts: Record<string, string> = {}, save?: (input: SaveInput) => Promise<SaveResult>) {
  const machine = save ? configuratorMachine.provide({ actors: { saveConfiguration: fromPromise(({ input }) => save(input)) } }) : configuratorMachine;
  const actor = createActor(machine, { input: { line: sedan, catalogVersion: "demo-2026.1", market: "DE", choices, texts } });
  actor.start();
  return actor;
}

describe("a configuration that breaks rules", () => {
  it("opens with the broken rules named and the nearest valid configuration one REPAIR away, which can be reviewed", () => {
    const actor = start(BROKEN, { inscription: "ERIKA" });
    const { engine } = actor.getSnapshot().context;
    expect(engine.complete).toBe(false);
    expect(engine.repair).not.toBeNull();
    expect(engine.repair!.dropped.map((d) => d.code)).toEqual(["N5W-AF"]);
    expect(engine.repair!.dropped[0].reason).toEqual({ choices: ["PQD"], rules: ["feature:trim", "R-VALCONA-TRIM"] });
    expect(brokenRules(sedan, engine.repair!.dropped, "en")).toEqual(["Black Valcona leather requires Advanced or Premium."]);
    expect(engine.repair!.droppedTexts).toEqual([{ field: "inscription", problem: "text-not-allowed" }]);

    actor.send({ type: "REVIEW" });
    expect(actor.getSnapshot().matches("reviewing")).toBe(false);

    actor.send({ type: "REPAIR" });
    const repaired = actor.getSnapshot().context;
    expect(repaired.engine.repair).toBeNull();
    expect(repaired.choices.slice(0, 7)).toEqual(["PQD", "45Q", "Y1Y1", "C3U", "1BE", "PCZ", "PW1"]);
    expect(repaired.texts).toEqual({});
    expect(validate(sedan, { line: sedan.code, choices: repaired.choices, texts: repaired.texts })).toEqual([]);
    actor.send({ type: "REVIEW" });
    expect(actor.getSnapshot().matches("reviewing")).toBe(true);
    // The repair is one undoable edit.
    actor.send({ type: "GO_TO_STEP", step: "trim" });
    actor.send({ type: "UNDO" });
    expect(actor.getSnapshot().context.choices).toEqual(BROKEN);
  });

  it("is not saved while it breaks rules; after the repair it is", async () => {
    const saved: SaveInput[] = [];
    const actor = start(BROKEN, {}, async (input) => {
      saved.push(input);
      return { id: "cfg-1" };
    });
    actor.send({ type: "SAVE", name: "Mine" });
    expect(actor.getSnapshot().matches("saving")).toBe(false);
    actor.send({ type: "REPAIR" });
    actor.send({ type: "SAVE", name: "Mine" });
    await waitFor(actor, (s) => s.context.saved !== null);
    expect(saved).toHaveLength(1);
    expect(saved[0].configuration.choices).not.toContain("N5W-AF");
  });

  it("a working configuration carries no repair, and an unknown code is named, not repaired", () => {
    const actor = start(["PQD", "NOPE"]);
    expect(actor.getSnapshot().context.engine.repair).toBeNull();
    expect(actor.getSnapshot().context.dropped).toEqual(["NOPE"]);
    expect(actor.getSnapshot().can({ type: "REPAIR" })).toBe(false);
  });
});

describe("a failed save", () => {
  it("is worth retrying after a network failure, not after a refusal (4xx), which says why", async () => {
    const offline = start([], {}, async () => {
      throw new TypeError("Failed to fetch");
    });
    offline.send({ type: "SAVE", name: "Mine" });
    await waitFor(offline, (s) => s.context.error !== null);
    expect(offline.getSnapshot().context.errorRetryable).toBe(true);

    const refused = start([], {}, async () => {
      throw Object.assign(new Error("the catalog version demo-2026.1 is retired"), { status: 400, code: "retired-version" });
    });
    refused.send({ type: "SAVE", name: "Mine" });
    await waitFor(refused, (s) => s.context.error !== null);
    expect(refused.getSnapshot().context).toMatchObject({ error: "the catalog version demo-2026.1 is retired", errorRetryable: false });
  });
});
