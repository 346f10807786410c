/**
 * Path coverage of the configurator machine with xstate/graph: a traversal of
 * the machine over the tiny "kart" line (compiled and answered by the real
 * engine) from a fixed sample of events must reach every state node and use
 * every event type; then each shortest path is replayed on a live actor, with
 * the injected I/O actors settled by the test, and must end where the
 * traversal said it would.
 */
import { describe, expect, it } from "vitest";
import { createActor, fromPromise, waitFor, type AnyStateNode, type EventObject } from "xstate";
import { getAdjacencyMap, getShortestPaths } from "xstate/graph";
import { kart } from "./configurator.fixtures";
import {
  CONFIGURATOR_STEPS,
  configuratorMachine,
  type ConfiguratorEvent,
  type ConfiguratorInput,
  type SaveResult,
  type SubmitResult,
} from "./configurator.machine";
import type { ConfiguratorSnapshot } from "./configurator.selectors";
import { validate } from "./engine";

const input: ConfiguratorInput = { line: kart, catalogVersion: "1", market: "DE", idempotencyKey: "k" };

type SampleEvent = ConfiguratorEvent | { type: `xstate.${"done" | "error"}.actor.${"save" | "submit"}`; output?: unknown; error?: unknown };

/** The fixed sample: every event type, with payloads that hit each branch (available, unavailable, unknown, ...). */
const SAMPLE: SampleEvent[] = [
  ...["BASE", "SLINE", "W19", "W21", "INSCR", "NOPE"].map((code) => ({ type: "SELECT" as const, code })),
  ...["BASE", "W19", "INSCR"].map((code) => ({ type: "DESELECT" as const, code })),
  { type: "SET_TEXT", feature: "inscription", text: "ANNA" },
  { type: "SET_TEXT", feature: "inscription", text: "anna!" },
  { type: "ACCEPT_RESOLUTION", index: 0 },
  { type: "ACCEPT_RESOLUTION", index: 7 },
  { type: "DECLINE_RESOLUTION" },
  { type: "REPAIR" },
  { type: "UNDO" },
  { type: "REDO" },
  { type: "RESET" },
  ...CONFIGURATOR_STEPS.map((step) => ({ type: "GO_TO_STEP" as const, step })),
  { type: "SET_MARKET", market: "US" },
  { type: "SAVE", name: "mine" },
  { type: "REVIEW" },
  { type: "SUBMIT" },
  { type: "RETRY" },
  { type: "xstate.done.actor.save", output: { id: "cfg-1" } },
  { type: "xstate.error.actor.save", error: new Error("disk full") },
  { type: "xstate.done.actor.submit", output: { orderNumber: "K-1" } },
  { type: "xstate.error.actor.submit", error: new Error("offline") },
];

/**
 * States as the traversal tells them apart: the machine state and the
 * configuration, whether undo/redo are possible, the open conflict. The step
 * counts only for an untouched configuration, so each step is reached once
 * without multiplying the state space by nine; market and error are left out
 * (no transition depends on them).
 */
function serializeState(s: ConfiguratorSnapshot): string {
  const c = s.context;
  const untouched = c.choices.length === 0 && Object.keys(c.texts).length === 0 && c.past.length === 0 && c.future.length === 0;
  const value = s.matches("editing") && !untouched ? "editing" : s.value;
  return JSON.stringify([value, [...c.choices].sort(), c.texts, c.conflict?.want ?? null, c.past.length > 0, c.future.length > 0]);
}

const serializeEvent = (e: EventObject) => JSON.stringify(e, (_, v) => (v instanceof Error ? v.message : v));

const traversal = {
  input,
  events: SAMPLE as ConfiguratorEvent[],
  serializeState,
  serializeEvent,
  limit: 20_000,
};

function allStateNodes(node: AnyStateNode): AnyStateNode[] {
  return [node, ...Object.values(node.states).flatMap((child) => allStateNodes(child))];
}

/** State node ids a snapshot is in, e.g. configurator.editing and configurator.editing.wheels. */
function activeIds(s: ConfiguratorSnapshot): string[] {
  return s._nodes.map((n) => n.id);
}

describe("path coverage (xstate/graph)", () => {
  const adjacency = getAdjacencyMap(configuratorMachine, traversal);
  const reached = Object.values(adjacency).map((a) => a.state as ConfiguratorSnapshot);

  it("reaches every state node of the machine", () => {
    const expected = allStateNodes(configuratorMachine.root)
      .filter((n) => n.type !== "history")
      .map((n) => n.id)
      .sort();
    const seen = new Set(reached.flatMap(activeIds));
    expect([...seen].sort()).toEqual(expected);
    expect(expected).toHaveLength(1 + 1 + CONFIGURATOR_STEPS.length + 6);
  });

  /** For each event type, one transition where it changed the state or the context. */
  const effective = new Map<string, { from: string; event: EventObject; to: ConfiguratorSnapshot }>();
  for (const [from, { state, transitions }] of Object.entries(adjacency)) {
    for (const { event, state: next } of Object.values(transitions) as { event: EventObject; state: ConfiguratorSnapshot }[]) {
      const changed = JSON.stringify(next.value) !== JSON.stringify(state.value) || next.context !== state.context;
      if (changed && !effective.has(event.type)) effective.set(event.type, { from, event, to: next });
    }
  }

  it("exercises every event type with an effect", () => {
    expect([...effective.keys()].sort()).toEqual([...new Set(SAMPLE.map((e) => e.type))].sort());
  });

  it("keeps its invariants in every reached state", () => {
    for (const s of reached) {
      const c = s.context;
      // Reviewing and beyond only with a configuration the server would accept.
      if ((["reviewing", "submitting", "submitted", "failed"] as const).some((v) => s.matches(v))) {
        expect(c.engine.complete).toBe(true);
        expect(validate(kart, { line: kart.code, choices: c.choices, texts: c.texts })).toEqual([]);
      }
      // The conflict dialog has a conflict and nothing else does.
      expect(c.conflict !== null).toBe(s.matches("resolving"));
      // What the machine shows is the engine's answer for what is chosen.
      expect(c.engine.domains.features.flatMap((f) => f.values.filter((v) => v.chosen).map((v) => v.code)).sort()).toEqual(
        [...c.choices].sort(),
      );
      expect(c.engine.domains.consistent).toBe(true);
    }
  });

  const paths = getShortestPaths(configuratorMachine, traversal);

  /** Runs events on a live actor whose I/O the test settles; returns where it ends. */
  async function live(events: readonly EventObject[]) {
    const io = controlledIo();
    const actor = createActor(io.machine, { input }).start();
    for (const event of events) await io.send(actor, event as SampleEvent);
    const snapshot = actor.getSnapshot();
    actor.stop();
    return snapshot;
  }

  function expectSame(actual: ConfiguratorSnapshot, expected: ConfiguratorSnapshot, where: string) {
    // Equal as the traversal tells states apart (a path's end stands for every snapshot serialized alike) ...
    expect(serializeState(actual), where).toBe(serializeState(expected));
    // ... and the engine's view of the configuration is the same.
    expect(actual.context.conflict, where).toEqual(expected.context.conflict);
    expect(actual.context.engine, where).toEqual(expected.context.engine);
  }

  it("replays every shortest path on a live actor to the same state", async () => {
    expect(paths.length).toBe(reached.length);
    for (const path of paths) {
      const events = path.steps.map((s) => s.event);
      expectSame(await live(events), path.state as ConfiguratorSnapshot, events.map(serializeEvent).join(" → "));
    }
  });

  it("replays one effective transition of every event type on a live actor", async () => {
    const pathTo = new Map(paths.map((p) => [serializeState(p.state as ConfiguratorSnapshot), p]));
    for (const { from, event, to } of effective.values()) {
      const events = [...pathTo.get(from)!.steps.map((s) => s.event), event];
      expectSame(await live(events), to, events.map(serializeEvent).join(" → "));
    }
  });
});

/**
 * Provides save/submit actors that wait for the test: a sampled
 * `xstate.done.actor.*` event resolves the pending call, `xstate.error.actor.*`
 * rejects it; every other event is sent as is.
 */
function controlledIo() {
  type Pending = { resolve: (v: never) => void; reject: (e: unknown) => void };
  let pending: Pending | null = null;
  const wait = <T,>() =>
    new Promise<T>((resolve, reject) => {
      pending = { resolve: resolve as (v: never) => void, reject };
    });
  const machine = configuratorMachine.provide({
    actors: {
      saveConfiguration: fromPromise(() => wait<SaveResult>()),
      submitOrder: fromPromise(() => wait<SubmitResult>()),
    },
  });
  async function send(actor: ReturnType<typeof createActor<typeof machine>>, event: SampleEvent) {
    const io = /^xstate\.(done|error)\.actor\.(save|submit)$/.exec(event.type);
    if (!io) return actor.send(event as ConfiguratorEvent);
    const busy = io[2] === "save" ? "saving" : "submitting";
    if (!actor.getSnapshot().matches(busy)) return; // as in the traversal: nobody is listening
    const p = pending!;
    pending = null;
    if (io[1] === "done") p.resolve(("output" in event ? event.output : undefined) as never);
    else p.reject("error" in event ? event.error : undefined);
    await waitFor(actor, (s) => !s.matches(busy));
  }
  return { machine, send };
}
