/**
 * The server's check of what a client sends: the client's recorded events,
 * sent as JSON, parsed, replayed with the pure `transition()`, and the result
 * re-checked with the engine's `validate` and re-priced. Real engine, real
 * machine, nothing mocked.
 */
import { describe, expect, it } from "vitest";
import { createActor, type InspectionEvent } from "xstate";
import { roadster } from "./configurator.fixtures";
import { configuratorMachine, type ConfiguratorEvent, type ConfiguratorInput } from "./configurator.machine";
import {
  configuratorEditEventSchema,
  configuratorEditEventsSchema,
  MAX_REPLAY_EVENTS,
  replayConfiguratorEvents,
  type ConfiguratorEditEvent,
} from "./configurator.replay";
import { selectConfiguration, selectStatus } from "./configurator.selectors";
import { price, validate } from "./engine";

const input: ConfiguratorInput = { line: roadster, catalogVersion: "2025.1", market: "DE" };

/** A browser session: the customer's events, recorded the way a route would (through `inspect`). */
function clientSession(events: ConfiguratorEvent[]) {
  const recorded: ConfiguratorEvent[] = [];
  const actor = createActor(configuratorMachine, {
    input,
    inspect: (e: InspectionEvent) => {
      if (e.type === "@xstate.event" && e.actorRef === actor && !e.event.type.startsWith("xstate.")) recorded.push(e.event as ConfiguratorEvent);
    },
  });
  actor.start();
  for (const event of events) actor.send(event);
  return { snapshot: actor.getSnapshot(), recorded };
}

describe("server replay", () => {
  it("reaches exactly the client's configuration, which validates and prices the same", () => {
    const client = clientSession([
      { type: "SELECT", code: "BASE" },
      { type: "SELECT", code: "E40" },
      { type: "GO_TO_STEP", step: "wheels" },
      { type: "SELECT", code: "W21" }, // conflict ...
      { type: "ACCEPT_RESOLUTION", index: 0 }, // ... resolved by the engine's first proposal
      { type: "SELECT", code: "SLINE" }, // (no-ops if the proposal already added them)
      { type: "SELECT", code: "E55" },
      { type: "SELECT", code: "RED" },
      { type: "SELECT", code: "WHITE" },
      { type: "UNDO" },
      { type: "SELECT", code: "INSCR" },
      { type: "SET_TEXT", feature: "inscription", text: "FOR ANNA" },
      { type: "SET_MARKET", market: "US" },
    ]);
    expect(client.recorded).toHaveLength(13);

    // What travels: JSON. What the server believes: only what it parses and replays itself.
    const wire = JSON.parse(JSON.stringify(client.recorded));
    const events = configuratorEditEventsSchema.parse(wire);
    const server = replayConfiguratorEvents(input, events);

    const configuration = selectConfiguration(server);
    expect(configuration).toEqual(selectConfiguration(client.snapshot));
    expect(configuration.choices).toEqual(expect.arrayContaining(["SLINE", "E55", "W21", "RED", "INSCR"]));
    expect(validate(roadster, configuration)).toEqual([]);
    expect(price(roadster, configuration.choices, configuration.texts, "US")).toEqual(client.snapshot.context.engine.price);
    expect(server.context.engine).toEqual(client.snapshot.context.engine);
  });

  it("a claimed configuration the events don't lead to is caught", () => {
    const client = clientSession([
      { type: "SELECT", code: "BASE" },
      { type: "SELECT", code: "E40" },
      { type: "SELECT", code: "W21" }, // opens the conflict dialog ...
      { type: "DECLINE_RESOLUTION" }, // ... and the customer declines
    ]);
    const claimed = { ...selectConfiguration(client.snapshot), choices: ["BASE", "E40", "W21", "WHITE"] };
    const server = replayConfiguratorEvents(input, configuratorEditEventsSchema.parse(client.recorded));
    expect(selectConfiguration(server).choices).toEqual(["BASE", "E40"]);
    expect(selectConfiguration(server)).not.toEqual(claimed);
    // And validate names the broken rule in the claim.
    expect(validate(roadster, claimed)).toContainEqual(expect.objectContaining({ code: "rule-violated", rule: "w21-needs-sline-not-e40" }));
  });

  it("events the machine doesn't accept change nothing on the server either", () => {
    const server = replayConfiguratorEvents(input, [
      { type: "SELECT", code: "W21" }, // unavailable? no: nothing chosen yet, so available
      { type: "SELECT", code: "BASE" }, // conflicts with W21: the dialog opens
      { type: "SELECT", code: "RED" }, // ignored while the dialog is open
      { type: "ACCEPT_RESOLUTION", index: 9 }, // no such proposal: ignored
      { type: "UNDO" }, // ignored in the dialog
    ]);
    expect(selectStatus(server)).toBe("resolving");
    expect(server.context.choices).toEqual(["W21"]);
    expect(server.context.conflict?.want).toBe("BASE");
  });

  it("refuses malformed events before they reach the machine", () => {
    const bad: unknown[] = [
      { type: "SUBMIT" }, // I/O is not replayed
      { type: "SELECT" },
      { type: "SELECT", code: 42 },
      { type: "SELECT", code: "RED", price: 0 },
      { type: "SET_TEXT", feature: "inscription", text: "x".repeat(501) },
      { type: "ACCEPT_RESOLUTION", index: -1 },
      { type: "GO_TO_STEP", step: "checkout" },
      { type: "SET_MARKET", market: "FR" },
      { type: "xstate.done.actor.submit", output: { orderNumber: "FAKE" } },
      "SELECT",
      null,
    ];
    for (const event of bad) expect(configuratorEditEventSchema.safeParse(event).success, JSON.stringify(event)).toBe(false);
    const tooMany: ConfiguratorEditEvent[] = Array.from({ length: MAX_REPLAY_EVENTS + 1 }, () => ({ type: "UNDO" }));
    expect(configuratorEditEventsSchema.safeParse(tooMany).success).toBe(false);
  });
});
