/**
 * Actor tests of the configurator machine, with the real engine compiling the
 * small lines of ./configurator.fixtures (nothing of the engine is mocked:
 * availability, proposals, prices and problems are the engine's own answers).
 * Path coverage with xstate/graph lives in configurator.paths.test.ts.
 */
import { describe, expect, it } from "vitest";
import { createActor, fromPromise, waitFor, type AnyActorLogic } from "xstate";
import { roadster } from "./configurator.fixtures";
import { OFF_THREAD_FROM_VALUES, deriveEngineState, proposeResolutions, recomputesOffThread } from "./configurator.engine";
import {
  configuratorMachine,
  configuratorWithIo,
  type ConfiguratorInput,
  type SaveInput,
  type SubmitInput,
} from "./configurator.machine";
import {
  selectCanRedo,
  selectCanUndo,
  selectChoices,
  selectDropped,
  selectFeatureState,
  selectIsComplete,
  selectPrice,
  selectProblems,
  selectReason,
  selectStatus,
  selectStep,
  selectTextProblems,
  selectTotal,
  selectValueState,
  selectVisualKeys,
} from "./configurator.selectors";
import { validate } from "./engine";

const input = (extra: Partial<ConfiguratorInput> = {}): ConfiguratorInput => ({
  line: roadster,
  catalogVersion: "2025.1",
  market: "DE",
  ...extra,
});

function start(extra: Partial<ConfiguratorInput> = {}, logic: AnyActorLogic = configuratorMachine) {
  const actor = createActor(logic as typeof configuratorMachine, { input: input(extra) });
  actor.start();
  return actor;
}

const sorted = (codes: readonly string[]) => [...codes].sort();
const COMPLETE = ["BASE", "E40", "WHITE", "W19"];

describe("choosing values", () => {
  it("adds an available value, prices it, and keeps editing", () => {
    const actor = start();
    const before = selectTotal(actor.getSnapshot());
    actor.send({ type: "SELECT", code: "RED" });
    const s = actor.getSnapshot();
    expect(selectChoices(s)).toEqual(["RED"]);
    expect(selectStatus(s)).toBe("editing");
    // 1,200.00 net + 19 % VAT in Germany.
    expect(selectTotal(s) - before).toBe(142_800);
    expect(selectPrice(s).lines).toContainEqual(expect.objectContaining({ kind: "value", code: "RED", amount: 120_000 }));
    expect(selectValueState("RED")(s)).toMatchObject({ chosen: true, available: true });
    expect(selectVisualKeys(s)).toContain("paint:red-metallic");
  });

  it("replaces the old value of a single-choice feature", () => {
    const actor = start();
    actor.send({ type: "SELECT", code: "WHITE" });
    actor.send({ type: "SELECT", code: "RED" });
    expect(selectChoices(actor.getSnapshot())).toEqual(["RED"]);
    actor.send({ type: "SELECT", code: "SLINE" });
    actor.send({ type: "SELECT", code: "BASE" });
    expect(sorted(selectChoices(actor.getSnapshot()))).toEqual(["BASE", "RED"]);
  });

  it("adds to a multiple-choice feature and deselects", () => {
    const actor = start();
    actor.send({ type: "SELECT", code: "NAV" });
    actor.send({ type: "SELECT", code: "SUN" });
    expect(sorted(selectChoices(actor.getSnapshot()))).toEqual(["NAV", "SUN"]);
    actor.send({ type: "DESELECT", code: "NAV" });
    expect(selectChoices(actor.getSnapshot())).toEqual(["SUN"]);
  });

  it("a package brings what it includes, charged once; removing it takes them away, a value chosen on its own stays", () => {
    const actor = start();
    actor.send({ type: "SELECT", code: "PTECH" });
    let s = actor.getSnapshot();
    expect(selectChoices(s)).toEqual(["PTECH"]);
    expect(selectValueState("NAV")(s)).toMatchObject({ chosen: false, implied: true });
    expect(selectPrice(s).lines).toContainEqual({ kind: "included", code: "NAV", includedIn: "PTECH", amount: 0 });
    expect(selectPrice(s).net).toBe(4_000_000 + 200_000);
    actor.send({ type: "DESELECT", code: "NAV" }); // not chosen, only included: nothing to remove
    expect(actor.getSnapshot().context).toBe(s.context);
    actor.send({ type: "DESELECT", code: "PTECH" });
    expect(selectValueState("NAV")(actor.getSnapshot())).toMatchObject({ chosen: false, implied: false });

    actor.send({ type: "SELECT", code: "NAV" });
    actor.send({ type: "SELECT", code: "PTECH" });
    s = actor.getSnapshot();
    expect(selectPrice(s).net).toBe(4_000_000 + 200_000); // never charged twice
    actor.send({ type: "DESELECT", code: "PTECH" });
    expect(selectChoices(actor.getSnapshot())).toEqual(["NAV"]);
  });

  it("ignores unknown codes, values already chosen and deselecting what isn't chosen", () => {
    const actor = start();
    actor.send({ type: "SELECT", code: "RED" });
    const s = actor.getSnapshot();
    actor.send({ type: "SELECT", code: "NOPE" });
    actor.send({ type: "SELECT", code: "RED" });
    actor.send({ type: "DESELECT", code: "SUN" });
    actor.send({ type: "SET_TEXT", feature: "nope", text: "X" });
    expect(actor.getSnapshot().context).toBe(s.context);
  });

  it("shows values outside the valid domain with the engine's reason, asked for when needed", () => {
    const actor = start({ choices: ["BASE"] });
    const s = actor.getSnapshot();
    expect(selectValueState("W21")(s)).toEqual({ code: "W21", available: false, chosen: false, implied: false });
    const reason = selectReason("W21")(s);
    expect(reason?.choices).toEqual(["BASE"]);
    expect(reason?.rules).toContain("w21-needs-sline-not-e40");
    expect(selectReason("W21")(s)).toBe(reason); // computed once per configuration
    expect(selectReason("W19")(s)).toBeNull();
    expect(selectFeatureState("wheels")(s)?.values.map((v) => v.code)).toEqual(["W19", "W21"]);
  });

  it("in a single-choice feature the other values are available when swapping keeps a completion", () => {
    const actor = start({ choices: ["BASE"] });
    // Another trim replaces Base: available, though the engine's strict domain has only Base.
    expect(selectValueState("SLINE")(actor.getSnapshot())).toMatchObject({ available: true, chosen: false });
    actor.send({ type: "SELECT", code: "SLINE" });
    actor.send({ type: "SELECT", code: "W21" });
    const s = actor.getSnapshot();
    // Now Base can't replace S line: 21-inch wheels need it, and the wheels are the reason.
    expect(selectValueState("BASE")(s)).toMatchObject({ available: false, chosen: false });
    expect(selectReason("BASE")(s)?.choices).toEqual(["W21"]);
    expect(selectValueState("E40")(s)?.available).toBe(false);
    expect(selectValueState("E55")(s)?.implied).toBe(true);
  });

  it("reprices in another market", () => {
    const actor = start({ choices: ["RED"] });
    actor.send({ type: "SET_MARKET", market: "US" });
    const price = selectPrice(actor.getSnapshot());
    expect(price.currency).toBe("USD");
    expect(price.total).toBe(3_800_000 + 110_000);
  });
});

describe("conflicts", () => {
  it("proposes the engine's resolutions; accepting one applies it and the price moves by its delta", () => {
    const actor = start();
    for (const code of ["BASE", "E40", "RED"]) actor.send({ type: "SELECT", code });
    actor.send({ type: "GO_TO_STEP", step: "wheels" });
    const before = actor.getSnapshot();

    actor.send({ type: "SELECT", code: "W21" });
    const resolving = actor.getSnapshot();
    expect(selectStatus(resolving)).toBe("resolving");
    const conflict = resolving.context.conflict!;
    expect(conflict.want).toBe("W21");
    expect(conflict.resolutions).toEqual(
      proposeResolutions(roadster, before.context.choices, before.context.texts, "W21", "DE"),
    );
    expect(conflict.resolutions.length).toBeGreaterThan(0);
    // While the dialog is open, nothing else changes the configuration.
    actor.send({ type: "SELECT", code: "SUN" });
    expect(actor.getSnapshot().context.choices).toEqual(before.context.choices);

    const proposal = conflict.resolutions[0];
    expect(proposal.remove).toEqual(expect.arrayContaining(["BASE", "E40"]));
    actor.send({ type: "ACCEPT_RESOLUTION", index: 0 });
    const after = actor.getSnapshot();
    expect(selectStep(after)).toBe("wheels");
    expect(sorted(selectChoices(after))).toEqual(sorted(proposal.choices));
    expect(selectChoices(after)).toContain("W21");
    expect(selectTotal(after) - selectTotal(before)).toBe(proposal.priceDelta);
    expect(after.context.conflict).toBeNull();
  });

  it("accepting keeps a package's contents implied, so removing the package later removes them", () => {
    const actor = start({ choices: ["PTECH", "BASE", "E40"] });
    actor.send({ type: "SELECT", code: "W21" });
    const [proposal] = actor.getSnapshot().context.conflict!.resolutions;
    expect(proposal.add).not.toContain("NAV"); // the engine proposes only what the wanted value pulls in ...
    actor.send({ type: "ACCEPT_RESOLUTION", index: 0 });
    const s = actor.getSnapshot();
    expect(selectChoices(s)).not.toContain("NAV"); // ... but the package still brings it
    expect(selectValueState("NAV")(s)).toMatchObject({ chosen: false, implied: true });
    expect(selectChoices(s)).toEqual(expect.arrayContaining(["PTECH", "W21", "SLINE", "E55"]));
    actor.send({ type: "DESELECT", code: "PTECH" });
    expect(selectValueState("NAV")(actor.getSnapshot())).toMatchObject({ chosen: false, implied: false });
  });

  it("declining leaves the choices unchanged and returns to the step", () => {
    const actor = start({ choices: ["BASE", "E40"] });
    actor.send({ type: "GO_TO_STEP", step: "wheels" });
    const before = actor.getSnapshot().context;
    actor.send({ type: "SELECT", code: "W21" });
    actor.send({ type: "ACCEPT_RESOLUTION", index: 99 });
    expect(selectStatus(actor.getSnapshot())).toBe("resolving");
    actor.send({ type: "DECLINE_RESOLUTION" });
    const s = actor.getSnapshot();
    expect(selectStep(s)).toBe("wheels");
    expect(s.context.choices).toEqual(before.choices);
    expect(s.context.engine).toEqual(before.engine);
    expect(s.context.conflict).toBeNull();
    expect(selectCanUndo(s)).toBe(false);
  });

  it("a full options feature asks which option to give up", () => {
    const actor = start({ choices: ["NAV", "SUN"] });
    actor.send({ type: "SELECT", code: "INSCR" });
    const { resolutions } = actor.getSnapshot().context.conflict!;
    expect(selectStatus(actor.getSnapshot())).toBe("resolving");
    // Fewest removals first: give up the navigation or the sunroof.
    expect(resolutions.slice(0, 2).map((r) => r.remove)).toEqual(expect.arrayContaining([["NAV"], ["SUN"]]));
    for (const r of resolutions) expect(r.choices).toContain("INSCR");
  });
});

describe("undo, redo, reset", () => {
  it("undoes and redoes across a resolution", () => {
    const actor = start();
    actor.send({ type: "SELECT", code: "BASE" });
    actor.send({ type: "SELECT", code: "E40" });
    actor.send({ type: "SELECT", code: "W21" });
    actor.send({ type: "ACCEPT_RESOLUTION", index: 0 });
    const resolved = actor.getSnapshot().context;
    expect(resolved.choices).toContain("W21");

    actor.send({ type: "UNDO" });
    expect(sorted(actor.getSnapshot().context.choices)).toEqual(["BASE", "E40"]);
    expect(selectCanRedo(actor.getSnapshot())).toBe(true);
    actor.send({ type: "REDO" });
    expect(actor.getSnapshot().context.choices).toEqual(resolved.choices);
    expect(actor.getSnapshot().context.engine).toEqual(resolved.engine);
    expect(selectCanRedo(actor.getSnapshot())).toBe(false);

    actor.send({ type: "UNDO" });
    actor.send({ type: "UNDO" });
    actor.send({ type: "UNDO" });
    expect(actor.getSnapshot().context.choices).toEqual([]);
    expect(selectCanUndo(actor.getSnapshot())).toBe(false);
    actor.send({ type: "UNDO" }); // nothing left: ignored
    expect(actor.getSnapshot().context.future).toHaveLength(3);

    // A new edit forgets the redo stack.
    actor.send({ type: "SELECT", code: "RED" });
    expect(selectCanRedo(actor.getSnapshot())).toBe(false);
  });

  it("resets to an empty configuration at the first step, undoably", () => {
    const actor = start({ choices: ["SLINE", "RED"], texts: {} });
    actor.send({ type: "GO_TO_STEP", step: "options" });
    actor.send({ type: "REVIEW" });
    actor.send({ type: "RESET" });
    const s = actor.getSnapshot();
    expect(s.context.choices).toEqual([]);
    expect(selectStep(s)).toBe("trim");
    expect(s.context.showProblems).toBe(false);
    actor.send({ type: "UNDO" });
    expect(sorted(actor.getSnapshot().context.choices)).toEqual(["RED", "SLINE"]);
  });
});

describe("personalization text", () => {
  it("validates live: needs its option, then its pattern", () => {
    const actor = start();
    actor.send({ type: "SET_TEXT", feature: "inscription", text: "ANNA" });
    expect(selectTextProblems("inscription")(actor.getSnapshot()).map((p) => p.code)).toEqual(["text-not-allowed"]);
    actor.send({ type: "SELECT", code: "INSCR" });
    expect(selectTextProblems("inscription")(actor.getSnapshot())).toEqual([]);
    actor.send({ type: "SET_TEXT", feature: "inscription", text: "anna!" });
    expect(selectTextProblems("inscription")(actor.getSnapshot()).map((p) => p.code)).toEqual(["text-invalid"]);
    actor.send({ type: "SET_TEXT", feature: "inscription", text: "MUCH TOO LONG TEXT" });
    expect(selectTextProblems("inscription")(actor.getSnapshot()).map((p) => p.code)).toEqual(["text-invalid"]);
    actor.send({ type: "SET_TEXT", feature: "inscription", text: "" });
    expect(actor.getSnapshot().context.texts).toEqual({});
  });

  it("typing into one field is one undo step", () => {
    const actor = start({ choices: ["INSCR"] });
    for (const text of ["A", "AN", "ANN", "ANNA"]) actor.send({ type: "SET_TEXT", feature: "inscription", text });
    actor.send({ type: "SELECT", code: "RED" });
    actor.send({ type: "SET_TEXT", feature: "inscription", text: "ANNA B" });
    actor.send({ type: "UNDO" });
    expect(actor.getSnapshot().context.texts).toEqual({ inscription: "ANNA" });
    actor.send({ type: "UNDO" });
    actor.send({ type: "UNDO" });
    expect(actor.getSnapshot().context.texts).toEqual({});
    expect(selectCanUndo(actor.getSnapshot())).toBe(false);
  });
});

describe("review", () => {
  it("is refused while incomplete: the machine stays on the step and shows what is missing", () => {
    const actor = start({ choices: ["BASE", "E40"] });
    actor.send({ type: "GO_TO_STEP", step: "summary" });
    actor.send({ type: "REVIEW" });
    const s = actor.getSnapshot();
    expect(selectStep(s)).toBe("summary");
    expect(s.context.showProblems).toBe(true);
    expect(selectIsComplete(s)).toBe(false);
    expect(selectProblems(s).filter((p) => p.code === "missing-required").map((p) => p.target).sort()).toEqual([
      "paint",
      "wheels",
    ]);
  });

  it("opens when complete, and GO_TO_STEP returns to editing", () => {
    const actor = start({ choices: COMPLETE });
    actor.send({ type: "REVIEW" });
    expect(selectStatus(actor.getSnapshot())).toBe("reviewing");
    actor.send({ type: "SELECT", code: "RED" }); // no editing while reviewing
    expect(actor.getSnapshot().context.choices).toEqual(COMPLETE);
    actor.send({ type: "GO_TO_STEP", step: "exterior" });
    expect(selectStep(actor.getSnapshot())).toBe("exterior");
  });

  it("an invalid text keeps the configuration incomplete", () => {
    const actor = start({ choices: [...COMPLETE, "INSCR"], texts: { inscription: "nope" } });
    actor.send({ type: "REVIEW" });
    expect(selectStatus(actor.getSnapshot())).toBe("editing");
    actor.send({ type: "SET_TEXT", feature: "inscription", text: "YES" });
    actor.send({ type: "REVIEW" });
    expect(selectStatus(actor.getSnapshot())).toBe("reviewing");
  });
});

/** A promise whose settling the test controls, to look at the machine while I/O is under way. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe("saving", () => {
  it("hands name and configuration to the injected actor and returns to the step", async () => {
    const calls: SaveInput[] = [];
    const pending = deferred<{ id: string }>();
    const machine = configuratorMachine.provide({
      actors: {
        saveConfiguration: fromPromise(async ({ input }: { input: SaveInput }) => {
          calls.push(input);
          return pending.promise;
        }),
      },
    });
    const actor = start({ choices: ["RED"] }, machine);
    actor.send({ type: "GO_TO_STEP", step: "exterior" });
    actor.send({ type: "SAVE", name: "   " }); // a name is required
    expect(selectStatus(actor.getSnapshot())).toBe("editing");
    actor.send({ type: "SAVE", name: " My roadster " });
    expect(selectStatus(actor.getSnapshot())).toBe("saving");
    actor.send({ type: "SELECT", code: "SUN" }); // not while saving
    pending.resolve({ id: "cfg-1" });
    const s = await waitFor(actor, (x) => !x.matches("saving"));
    expect(selectStep(s)).toBe("exterior");
    expect(s.context.saved).toEqual({ id: "cfg-1" });
    expect(s.context.choices).toEqual(["RED"]);
    expect(calls).toEqual([
      { name: "My roadster", configuration: { line: "roadster", catalogVersion: "2025.1", choices: ["RED"], texts: {} } },
    ]);
  });

  it("saving again updates the saved configuration (plain async functions injected with configuratorWithIo)", async () => {
    const calls: SaveInput[] = [];
    const machine = configuratorWithIo({
      saveConfiguration: async (input) => {
        calls.push(input);
        return { id: input.id ?? "cfg-7", shareCode: "K7M2P9QX" };
      },
    });
    const actor = start({ choices: ["RED"] }, machine);
    actor.send({ type: "SAVE", name: "first" });
    await waitFor(actor, (x) => x.matches("editing"));
    actor.send({ type: "SELECT", code: "SUN" });
    actor.send({ type: "SAVE", name: "second" });
    const s = await waitFor(actor, (x) => x.matches("editing"));
    expect(calls.map((c) => [c.name, c.id, c.configuration.choices])).toEqual([
      ["first", undefined, ["RED"]],
      ["second", "cfg-7", ["RED", "SUN"]],
    ]);
    expect(s.context.saved).toEqual({ id: "cfg-7", shareCode: "K7M2P9QX" });
    // A reopened saved configuration is updated, not copied.
    const reopened = start({ choices: ["RED"], saved: { id: "cfg-3" } }, machine);
    reopened.send({ type: "SAVE", name: "again" });
    await waitFor(reopened, (x) => x.matches("editing"));
    expect(calls[2].id).toBe("cfg-3");
  });

  it("keeps the configuration and reports the error when saving fails", async () => {
    const actor = start({ choices: ["RED"] }); // no actor provided: the default fails loudly
    actor.send({ type: "SAVE", name: "x" });
    const s = await waitFor(actor, (x) => !x.matches("saving"));
    expect(selectStatus(s)).toBe("editing");
    expect(s.context.error).toMatch(/saveConfiguration was not provided/);
    expect(s.context.choices).toEqual(["RED"]);
    actor.send({ type: "SELECT", code: "SUN" });
    expect(actor.getSnapshot().context.error).toBeNull();
  });
});

describe("submitting", () => {
  it("submits the reviewed configuration; a failure can be retried with the same idempotency key", async () => {
    const calls: SubmitInput[] = [];
    let fail = true;
    const machine = configuratorMachine.provide({
      actors: {
        submitOrder: fromPromise(async ({ input }: { input: SubmitInput }) => {
          calls.push(input);
          if (fail) throw new Error("server unavailable");
          return { orderNumber: "A-000042" };
        }),
      },
    });
    const actor = start({ choices: COMPLETE, idempotencyKey: "key-1" }, machine);
    actor.send({ type: "SUBMIT" }); // not before review
    expect(selectStatus(actor.getSnapshot())).toBe("editing");
    actor.send({ type: "REVIEW" });
    actor.send({ type: "SUBMIT" });
    expect(selectStatus(actor.getSnapshot())).toBe("submitting");
    let s = await waitFor(actor, (x) => !x.matches("submitting"));
    expect(selectStatus(s)).toBe("failed");
    expect(s.context.error).toBe("server unavailable");

    actor.send({ type: "RETRY" });
    expect(selectStatus(actor.getSnapshot())).toBe("reviewing");
    expect(actor.getSnapshot().context.error).toBeNull();
    fail = false;
    actor.send({ type: "SUBMIT" });
    s = await waitFor(actor, (x) => x.status === "done");
    expect(selectStatus(s)).toBe("submitted");
    expect(s.output).toEqual({ orderNumber: "A-000042" });

    expect(calls).toHaveLength(2);
    expect(calls[0]).toEqual(calls[1]);
    expect(calls[1].idempotencyKey).toBe("key-1");
    expect(calls[1].configuration.choices).toEqual(COMPLETE);
    expect(calls[1].price).toEqual(selectPrice(s));
    expect(validate(roadster, calls[1].configuration)).toEqual([]);
  });

  it("from a failure the customer can go back to editing", async () => {
    const actor = start({ choices: COMPLETE });
    actor.send({ type: "REVIEW" });
    actor.send({ type: "SUBMIT" });
    await waitFor(actor, (x) => x.matches("failed"));
    actor.send({ type: "GO_TO_STEP", step: "wheels" });
    expect(selectStep(actor.getSnapshot())).toBe("wheels");
    expect(actor.getSnapshot().context.error).toBeNull();
  });
});

describe("starting configuration", () => {
  it("leaves out codes the line doesn't know and says so", () => {
    const actor = start({ choices: ["RED", "XX9", "RED"], texts: { inscription: "HI", motto: "carpe diem" } });
    const s = actor.getSnapshot();
    expect(s.context.choices).toEqual(["RED"]);
    expect(s.context.texts).toEqual({ inscription: "HI" });
    expect(selectDropped(s)).toEqual(["XX9", "motto"]);
  });
});

describe("persistence", () => {
  it("a persisted snapshot is plain JSON and restores to the same place", () => {
    const actor = start();
    actor.send({ type: "SELECT", code: "SLINE" });
    actor.send({ type: "SELECT", code: "W21" });
    actor.send({ type: "GO_TO_STEP", step: "wheels" });
    actor.send({ type: "UNDO" });
    const json = JSON.stringify(actor.getPersistedSnapshot());
    const restored = createActor(configuratorMachine, { snapshot: JSON.parse(json), input: input() });
    restored.start();
    const s = restored.getSnapshot();
    expect(selectStep(s)).toBe("wheels");
    expect(s.context.choices).toEqual(["SLINE"]);
    restored.send({ type: "REDO" });
    expect(sorted(restored.getSnapshot().context.choices)).toEqual(["SLINE", "W21"]);
    expect(selectValueState("W21")(restored.getSnapshot())?.chosen).toBe(true);
  });
});

describe("the engine off the main thread (offThread)", () => {
  /** An engine channel whose answers the test releases by hand, as a slow Web Worker would. */
  function heldEngine() {
    const asked: { seq: number; choices: string[]; texts: Record<string, string>; market: string }[] = [];
    let answer: (seq: number, engine: ReturnType<typeof deriveEngineState>) => void = () => {};
    const logic = configuratorWithIo({
      engine: (give) => {
        answer = give;
        return { ask: (q) => asked.push(q), close: () => {} };
      },
    });
    const reply = (seq: number) => {
      const q = asked.find((a) => a.seq === seq)!;
      answer(seq, deriveEngineState(roadster, q.choices, q.texts, q.market as "DE"));
    };
    return { logic, asked, reply };
  }

  it("answers exactly like the engine on this thread, event after event (the default actor answers here)", () => {
    const here = start();
    const away = start({ offThread: true });
    const events = [
      { type: "SELECT", code: "SLINE" },
      { type: "SELECT", code: "PTECH" },
      { type: "SELECT", code: "E55" },
      { type: "UNDO" },
      { type: "REDO" },
      { type: "DESELECT", code: "PTECH" },
      { type: "SET_MARKET", market: "US" },
      { type: "RESET" },
    ] as const;
    for (const e of events) {
      here.send(e);
      away.send(e);
      expect(away.getSnapshot().context.pending).toBe(false);
      expect(away.getSnapshot().context.engine).toEqual(here.getSnapshot().context.engine);
      expect(away.getSnapshot().context.choices).toEqual(here.getSnapshot().context.choices);
    }
  });

  it("shows the new price at once, waits for the answer before the next choice, and ignores a stale answer", () => {
    const { logic, asked, reply } = heldEngine();
    const actor = start({ offThread: true }, logic);
    const before = actor.getSnapshot().context.engine;
    actor.send({ type: "SELECT", code: "SLINE" });
    let ctx = actor.getSnapshot().context;
    expect(ctx.pending).toBe(true);
    expect(ctx.choices).toEqual(["SLINE"]);
    expect(ctx.engine.price).toEqual(deriveEngineState(roadster, ["SLINE"], {}, "DE").price);
    expect(ctx.engine.domains).toBe(before.domains);
    expect(asked.map((q) => q.choices)).toEqual([["SLINE"]]);
    // Pending: a choice or a review waits (availability is the previous configuration's).
    actor.send({ type: "SELECT", code: "RED" });
    actor.send({ type: "REVIEW" });
    expect(actor.getSnapshot().context.choices).toEqual(["SLINE"]);
    expect(selectStatus(actor.getSnapshot())).not.toBe("reviewing");
    // Undo while pending asks again; the first answer is then stale and ignored.
    actor.send({ type: "UNDO" });
    expect(asked.map((q) => q.seq)).toEqual([1, 2]);
    reply(1);
    expect(actor.getSnapshot().context.pending).toBe(true);
    reply(2);
    ctx = actor.getSnapshot().context;
    expect(ctx.pending).toBe(false);
    expect(ctx.choices).toEqual([]);
    expect(ctx.engine).toEqual(deriveEngineState(roadster, [], {}, "DE"));
    actor.send({ type: "SELECT", code: "RED" });
    reply(3);
    expect(actor.getSnapshot().context.engine).toEqual(deriveEngineState(roadster, ["RED"], {}, "DE"));
  });

  it("starts from the answer the page already has instead of computing it", () => {
    const given = deriveEngineState(roadster, ["SLINE"], {}, "DE");
    const actor = start({ offThread: true, choices: ["SLINE"], engine: given });
    expect(actor.getSnapshot().context.engine).toBe(given);
  });
});

describe("which lines recompute off the main thread", () => {
  const wide = (values: number): typeof roadster => ({
    ...roadster,
    features: [{ kind: "multiple", code: "many", name: { en: "Many" }, step: "options", min: 0, values: Array.from({ length: values }, (_, i) => ({ code: `V${i}`, name: { en: `V${i}` }, includes: [], modules: [] })) }],
  }) as unknown as typeof roadster;

  it("lines from OFF_THREAD_FROM_VALUES values on; the small ones answer on the page", () => {
    expect(recomputesOffThread(roadster)).toBe(false);
    expect(recomputesOffThread(wide(OFF_THREAD_FROM_VALUES - 1))).toBe(false);
    expect(recomputesOffThread(wide(OFF_THREAD_FROM_VALUES))).toBe(true);
  });
});
