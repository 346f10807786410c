/**
 * The configurator as a state machine: what a customer can do at each moment
 * while configuring a product line, from the first click to a submitted order.
 *
 * Pure: every decision (is this value available? what would make it
 * possible? is the configuration complete? what does it cost?) is a call into
 * the engine through `./configurator.engine`; I/O happens only in the
 * `saveConfiguration` and `submitOrder` actors, which routes inject with
 * `configuratorMachine.provide({ actors })`. The same machine runs in the
 * browser (instant feedback) and on the server, which can replay a client's
 * events with `transition()` and then re-check the result with `validate`.
 */
import { assign, enqueueActions, fromCallback, fromPromise, setup } from "xstate";
import { STEPS, type Configuration, type Market, type ProductLine, type Step } from "./catalog";
import {
  choicesAfter,
  deriveEngineState,
  featureOfValue,
  isAvailable,
  proposeResolutions,
  provisionalEngineState,
  textFeature,
  withChoice,
  type EngineState,
} from "./configurator.engine";
import type { PriceBreakdown, Resolution } from "./engine/types";

/** The steps a customer walks, in the BRIEF's order, free to jump between. */
export const CONFIGURATOR_STEPS = [...STEPS, "summary"] as const satisfies readonly (Step | "summary")[];
export type ConfiguratorStep = (typeof CONFIGURATOR_STEPS)[number];

/** Undo/redo keep whole edits: choices and texts together. */
export interface Edit {
  choices: string[];
  texts: Record<string, string>;
}

/** A wanted value outside the valid domain, and the engine's ways to make it possible. */
export interface Conflict {
  want: string;
  /** Best first; empty when no configuration at all has the value. */
  resolutions: Resolution[];
}

export interface SaveInput {
  name: string;
  configuration: Configuration;
  /** The saved configuration this one was opened from or last saved as: update it rather than add another. */
  id?: string;
}
export interface SaveResult {
  id: string;
  shareCode?: string;
}

export interface SubmitInput {
  configuration: Configuration;
  /** The price the customer saw; the server re-prices and refuses a mismatch. */
  price: PriceBreakdown;
  /** Same key on every retry of one order, so a retry never makes a second order. */
  idempotencyKey?: string;
}
export interface SubmitResult {
  orderNumber: string;
}

export interface ConfiguratorInput {
  line: ProductLine;
  catalogVersion: string;
  market: Market;
  /** A starting configuration (a saved one, a share code, the URL); empty by default. */
  choices?: string[];
  texts?: Record<string, string>;
  /** Passed to `submitOrder`; the route makes one per order attempt (e.g. `crypto.randomUUID()`). */
  idempotencyKey?: string;
  /** The saved configuration being reopened, if any; saving again updates it. */
  saved?: SaveResult;
  /**
   * Recompute the engine's answer off the main thread, through the `engine` actor (in the
   * browser a Web Worker, see Configurator): for lines whose recompute can take longer than a
   * frame. Each change then shows its price at once and its availability when the answer comes
   * (`pending` meanwhile, and choices wait for it). Off by default: small lines answer within a frame.
   */
  offThread?: boolean;
  /** The engine's answer for the starting configuration when the page has it already (the server computed it). */
  engine?: EngineState;
}

/** What the `engine` actor is asked after a change (off the main thread); `seq` tells answers apart. */
export interface EngineQuestion {
  type: "COMPUTE";
  seq: number;
  choices: string[];
  texts: Record<string, string>;
  market: Market;
}

export interface ConfiguratorContext {
  line: ProductLine;
  catalogVersion: string;
  market: Market;
  choices: string[];
  texts: Record<string, string>;
  /** Earlier edits, oldest first; the last one is what UNDO returns to. */
  past: Edit[];
  /** Undone edits, the next REDO last. */
  future: Edit[];
  /**
   * The text feature being typed into: consecutive SET_TEXTs on it form one
   * undo step instead of one per keystroke.
   */
  typing: string | null;
  /** Availability, price, completeness and problems of `choices` + `texts`. */
  engine: EngineState;
  /** See ConfiguratorInput.offThread. */
  offThread: boolean;
  /** Off the main thread: `engine` is provisional (the new price, the previous availability) until answer `engineSeq` comes. */
  pending: boolean;
  engineSeq: number;
  conflict: Conflict | null;
  /** Set when REVIEW was refused, so the UI lists what is missing. */
  showProblems: boolean;
  saveName: string | null;
  saved: SaveResult | null;
  order: SubmitResult | null;
  idempotencyKey?: string;
  /**
   * Codes of the starting configuration this line doesn't know (e.g. a shared
   * configuration of a retired catalog version), left out so the customer
   * can be told; the engine never sees them.
   */
  dropped: string[];
  error: string | null;
  /**
   * Whether trying the failed save or order again can help: a network or server failure can, a
   * refusal of the request (4xx: e.g. a rule it breaks, a changed price) can't, and says why.
   */
  errorRetryable: boolean;
}

export type ConfiguratorEvent =
  | { type: "SELECT"; code: string }
  | { type: "DESELECT"; code: string }
  | { type: "SET_TEXT"; feature: string; text: string }
  | { type: "ACCEPT_RESOLUTION"; index: number }
  | { type: "DECLINE_RESOLUTION" }
  /** Take the nearest valid configuration the engine offers for a configuration that breaks rules. */
  | { type: "REPAIR" }
  | { type: "UNDO" }
  | { type: "REDO" }
  | { type: "RESET" }
  | { type: "GO_TO_STEP"; step: ConfiguratorStep }
  | { type: "SET_MARKET"; market: Market }
  | { type: "SAVE"; name: string }
  | { type: "REVIEW" }
  | { type: "SUBMIT" }
  | { type: "RETRY" }
  /** The engine's answer to question `seq` (off the main thread). */
  | { type: "ENGINE.READY"; seq: number; engine: EngineState };

/** Enough undo for any session; keeps a long session's snapshot small. */
const HISTORY_LIMIT = 100;

function configurationOf(context: ConfiguratorContext): Configuration {
  return {
    line: context.line.code,
    catalogVersion: context.catalogVersion,
    choices: context.choices,
    texts: context.texts,
  };
}

/** A change to the configuration: remember the old one for UNDO, drop REDO, ask the engine again. */
function commit(context: ConfiguratorContext, next: Edit, typing: string | null = null): Partial<ConfiguratorContext> {
  const coalesce = typing !== null && context.typing === typing;
  const past = coalesce
    ? context.past
    : [...context.past, { choices: context.choices, texts: context.texts }].slice(-HISTORY_LIMIT);
  return {
    ...next,
    past,
    future: [],
    typing,
    ...engineFor(context, next, context.market),
    conflict: null,
    error: null,
  };
}

/**
 * The engine's answer for a configuration: computed here, or (off the main thread) a
 * provisional one, with the answer asked for by `askEngine` right after.
 */
function engineFor(context: ConfiguratorContext, next: Edit, market: Market): Pick<ConfiguratorContext, "engine" | "pending" | "engineSeq"> {
  if (!context.offThread) return { engine: deriveEngineState(context.line, next.choices, next.texts, market), pending: false, engineSeq: context.engineSeq };
  return {
    engine: provisionalEngineState(context.line, context.engine, next.choices, next.texts, market),
    pending: true,
    engineSeq: context.engineSeq + 1,
  };
}

/** The engine actor's default: answers on this thread (the server, tests). Routes give a Web Worker. */
const engineHere = fromCallback<EngineQuestion, { line: ProductLine }>(({ sendBack, receive, input }) => {
  receive((q) => sendBack({ type: "ENGINE.READY", seq: q.seq, engine: deriveEngineState(input.line, q.choices, q.texts, q.market) }));
});

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A refusal carries its HTTP status (the route's API client sets it); anything else may pass on a retry. */
function isRetryable(error: unknown): boolean {
  const status = typeof error === "object" && error !== null && "status" in error ? (error as { status: unknown }).status : undefined;
  return !(typeof status === "number" && status >= 400 && status < 500);
}

/** Routes inject the real I/O; until then an actor fails loudly rather than pretending to save. */
function notProvided<TOutput, TInput>(name: string) {
  return fromPromise<TOutput, TInput>(async () => {
    throw new Error(`${name} was not provided: inject it with configuratorMachine.provide({ actors })`);
  });
}

export const configuratorMachine = setup({
  types: {
    context: {} as ConfiguratorContext,
    events: {} as ConfiguratorEvent,
    input: {} as ConfiguratorInput,
    output: {} as SubmitResult,
  },
  actors: {
    engine: engineHere,
    saveConfiguration: notProvided<SaveResult, SaveInput>("saveConfiguration"),
    submitOrder: notProvided<SubmitResult, SubmitInput>("submitOrder"),
  },
  guards: {
    // While an answer is pending, availability is the previous configuration's: a choice waits.
    canChoose: ({ context }, { code }: { code: string }) =>
      !context.pending && !context.choices.includes(code) && isAvailable(context.line, context.engine.domains, code),
    isUnavailable: ({ context }, { code }: { code: string }) =>
      !context.pending && featureOfValue(context.line, code) !== undefined && !isAvailable(context.line, context.engine.domains, code),
    isChosen: ({ context }, { code }: { code: string }) => context.choices.includes(code),
    isTextFeature: ({ context }, { feature }: { feature: string }) => textFeature(context.line, feature) !== undefined,
    hasResolution: ({ context }, { index }: { index: number }) => context.conflict?.resolutions[index] !== undefined,
    canUndo: ({ context }) => context.past.length > 0,
    canRedo: ({ context }) => context.future.length > 0,
    isTouched: ({ context }) => context.choices.length > 0 || Object.keys(context.texts).length > 0,
    isComplete: ({ context }) => !context.pending && context.engine.complete,
    isStep: (_, { step, target }: { step: ConfiguratorStep; target: ConfiguratorStep }) => step === target,
    // A configuration that breaks rules can't be saved (the server refuses it): the repair comes first.
    canSave: ({ context }, { name }: { name: string }) => !context.pending && name.trim().length > 0 && context.engine.repair === null,
    hasRepair: ({ context }) => !context.pending && context.engine.repair !== null,
    isCurrentAnswer: ({ context }, { seq }: { seq: number }) => context.pending && seq === context.engineSeq,
    isOtherMarket: ({ context }, { market }: { market: Market }) => market !== context.market,
  },
  actions: {
    choose: assign(({ context }, { code }: { code: string }) =>
      commit(context, { choices: withChoice(context.line, context.choices, code), texts: context.texts }),
    ),
    deselect: assign(({ context }, { code }: { code: string }) =>
      commit(context, { choices: context.choices.filter((c) => c !== code), texts: context.texts }),
    ),
    setText: assign(({ context }, { feature, text }: { feature: string; text: string }) => {
      const texts = { ...context.texts };
      // An empty field means "no inscription", not an inscription of "".
      if (text === "") delete texts[feature];
      else texts[feature] = text;
      return commit(context, { choices: context.choices, texts }, feature);
    }),
    proposeResolutions: assign(({ context }, { code }: { code: string }) => ({
      conflict: {
        want: code,
        resolutions: proposeResolutions(context.line, context.choices, context.texts, code, context.market),
      },
    })),
    acceptResolution: assign(({ context }, { index }: { index: number }) =>
      commit(context, { choices: choicesAfter(context.line, context.conflict!.resolutions[index]), texts: context.texts }),
    ),
    clearConflict: assign({ conflict: null }),
    repair: assign(({ context }) => ({
      ...commit(context, { choices: context.engine.repair!.choices, texts: context.engine.repair!.texts }),
      dropped: [],
    })),
    undo: assign(({ context }) => {
      const previous = context.past[context.past.length - 1];
      return {
        ...previous,
        past: context.past.slice(0, -1),
        future: [...context.future, { choices: context.choices, texts: context.texts }],
        typing: null,
        ...engineFor(context, previous, context.market),
        error: null,
      };
    }),
    redo: assign(({ context }) => {
      const next = context.future[context.future.length - 1];
      return {
        ...next,
        past: [...context.past, { choices: context.choices, texts: context.texts }],
        future: context.future.slice(0, -1),
        typing: null,
        ...engineFor(context, next, context.market),
        error: null,
      };
    }),
    // Undoable: "start over" is easy to hit by mistake.
    reset: assign(({ context }) => ({ ...commit(context, { choices: [], texts: {} }), showProblems: false })),
    setMarket: assign(({ context }, { market }: { market: Market }) => ({
      market,
      ...engineFor(context, context, market),
    })),
    askEngine: enqueueActions(({ context, enqueue }) => {
      if (!context.pending) return;
      const question: EngineQuestion = { type: "COMPUTE", seq: context.engineSeq, choices: context.choices, texts: context.texts, market: context.market };
      enqueue.sendTo("engine", question);
    }),
    takeAnswer: assign((_, { engine }: { engine: EngineState }) => ({ engine, pending: false })),
    showProblems: assign({ showProblems: true }),
    rememberSaveName: assign((_, { name }: { name: string }) => ({ saveName: name.trim(), error: null })),
    rememberSaved: assign((_, { saved }: { saved: SaveResult }) => ({ saved })),
    rememberOrder: assign((_, { order }: { order: SubmitResult }) => ({ order, error: null })),
    setError: assign((_, { error }: { error: unknown }) => ({ error: errorMessage(error), errorRetryable: isRetryable(error) })),
    clearError: assign({ error: null }),
  },
}).createMachine({
  id: "configurator",
  context: ({ input }) => {
    const { choices, texts, dropped } = knownParts(input);
    return {
      line: input.line,
      catalogVersion: input.catalogVersion,
      market: input.market,
      choices,
      texts,
      past: [],
      future: [],
      typing: null,
      engine: input.engine ?? deriveEngineState(input.line, choices, texts, input.market),
      offThread: input.offThread ?? false,
      pending: false,
      engineSeq: 0,
      conflict: null,
      showProblems: false,
      saveName: null,
      saved: input.saved ?? null,
      order: null,
      idempotencyKey: input.idempotencyKey,
      dropped,
      error: null,
      errorRetryable: true,
    };
  },
  invoke: { id: "engine", src: "engine", input: ({ context }) => ({ line: context.line }) },
  on: {
    "ENGINE.READY": {
      guard: { type: "isCurrentAnswer", params: ({ event }) => event },
      actions: { type: "takeAnswer", params: ({ event }) => event },
    },
  },
  initial: "editing",
  states: {
    editing: {
      initial: "trim",
      states: {
        ...stepStates(),
        /** Where a conflict dialog or a save returns to: the step the customer was on. */
        hist: { type: "history" },
      },
      on: {
        SELECT: [
          { guard: { type: "canChoose", params: ({ event }) => event }, actions: [{ type: "choose", params: ({ event }) => event }, "askEngine"] },
          {
            guard: { type: "isUnavailable", params: ({ event }) => event },
            target: "resolving",
            actions: { type: "proposeResolutions", params: ({ event }) => event },
          },
        ],
        DESELECT: {
          guard: { type: "isChosen", params: ({ event }) => event },
          actions: [{ type: "deselect", params: ({ event }) => event }, "askEngine"],
        },
        SET_TEXT: {
          guard: { type: "isTextFeature", params: ({ event }) => event },
          actions: [{ type: "setText", params: ({ event }) => event }, "askEngine"],
        },
        UNDO: { guard: "canUndo", actions: ["undo", "askEngine"] },
        REDO: { guard: "canRedo", actions: ["redo", "askEngine"] },
        RESET: { guard: "isTouched", target: ".trim", actions: ["reset", "askEngine"] },
        GO_TO_STEP: CONFIGURATOR_STEPS.map((target) => ({
          guard: { type: "isStep" as const, params: ({ event }: { event: { step: ConfiguratorStep } }) => ({ step: event.step, target }) },
          target: `.${target}`,
        })),
        SET_MARKET: {
          guard: { type: "isOtherMarket", params: ({ event }) => event },
          actions: [{ type: "setMarket", params: ({ event }) => event }, "askEngine"],
        },
        REPAIR: { guard: "hasRepair", actions: ["repair", "askEngine"] },
        SAVE: {
          guard: { type: "canSave", params: ({ event }) => event },
          target: "saving",
          actions: { type: "rememberSaveName", params: ({ event }) => event },
        },
        REVIEW: [{ guard: "isComplete", target: "reviewing" }, { actions: "showProblems" }],
      },
    },
    resolving: {
      on: {
        ACCEPT_RESOLUTION: {
          guard: { type: "hasResolution", params: ({ event }) => event },
          target: "editing.hist",
          actions: [{ type: "acceptResolution", params: ({ event }) => event }, "askEngine"],
        },
        DECLINE_RESOLUTION: { target: "editing.hist", actions: "clearConflict" },
      },
    },
    saving: {
      invoke: {
        id: "save",
        src: "saveConfiguration",
        input: ({ context }) => ({
          name: context.saveName ?? "",
          configuration: configurationOf(context),
          id: context.saved?.id,
        }),
        onDone: { target: "editing.hist", actions: { type: "rememberSaved", params: ({ event }) => ({ saved: event.output }) } },
        onError: { target: "editing.hist", actions: { type: "setError", params: ({ event }) => event } },
      },
    },
    reviewing: {
      on: {
        SUBMIT: { guard: "isComplete", target: "submitting" },
        GO_TO_STEP: goToStepFromOutside(),
        SET_MARKET: {
          guard: { type: "isOtherMarket", params: ({ event }) => event },
          actions: [{ type: "setMarket", params: ({ event }) => event }, "askEngine"],
        },
      },
    },
    submitting: {
      invoke: {
        id: "submit",
        src: "submitOrder",
        input: ({ context }) => ({
          configuration: configurationOf(context),
          price: context.engine.price,
          idempotencyKey: context.idempotencyKey,
        }),
        onDone: { target: "submitted", actions: { type: "rememberOrder", params: ({ event }) => ({ order: event.output }) } },
        onError: { target: "failed", actions: { type: "setError", params: ({ event }) => event } },
      },
    },
    failed: {
      on: {
        RETRY: { target: "reviewing", actions: "clearError" },
        GO_TO_STEP: goToStepFromOutside(),
      },
    },
    submitted: {
      type: "final",
    },
  },
  output: ({ context }) => context.order!,
});

/** The engine's answer for a machine's starting configuration (what a loader sends for `engine`). */
export function startingEngine(input: ConfiguratorInput): EngineState {
  const { choices, texts } = knownParts(input);
  return deriveEngineState(input.line, choices, texts, input.market);
}

/** The input's choices and texts that exist in the line; the rest is reported as dropped. */
function knownParts(input: ConfiguratorInput): Edit & { dropped: string[] } {
  const dropped: string[] = [];
  const choices: string[] = [];
  for (const code of input.choices ?? []) {
    if (featureOfValue(input.line, code) === undefined) dropped.push(code);
    else if (!choices.includes(code)) choices.push(code);
  }
  const texts: Record<string, string> = {};
  for (const [feature, text] of Object.entries(input.texts ?? {})) {
    if (textFeature(input.line, feature) === undefined) dropped.push(feature);
    else texts[feature] = text;
  }
  return { choices, texts, dropped };
}

function stepStates(): Record<ConfiguratorStep, object> {
  return Object.fromEntries(CONFIGURATOR_STEPS.map((s) => [s, {}])) as Record<ConfiguratorStep, object>;
}

function goToStepFromOutside() {
  return CONFIGURATOR_STEPS.map((target) => ({
    guard: { type: "isStep" as const, params: ({ event }: { event: { step: ConfiguratorStep } }) => ({ step: event.step, target }) },
    target: `#configurator.editing.${target}`,
    actions: "clearError" as const,
  }));
}

export type ConfiguratorMachine = typeof configuratorMachine;

/** The I/O a route gives the machine, as plain async functions (the signal aborts when the machine stops waiting). */
export interface ConfiguratorIo {
  saveConfiguration?: (input: SaveInput, signal: AbortSignal) => Promise<SaveResult>;
  submitOrder?: (input: SubmitInput, signal: AbortSignal) => Promise<SubmitResult>;
  /** An engine off the main thread (for `offThread`): opened once per actor, told every answer it gives. */
  engine?: (answer: (seq: number, engine: EngineState) => void) => EngineChannel;
}

/** A connection to an engine running elsewhere (a Web Worker). */
export interface EngineChannel {
  ask(question: EngineQuestion): void;
  close(): void;
}

/**
 * The machine with a route's I/O injected, e.g. in the browser:
 * `useActorRef(configuratorWithIo({ saveConfiguration: (input) => postJson("/api/...", input) }), { input })`.
 * What isn't given keeps its default, which fails with "not provided".
 */
export function configuratorWithIo(io: ConfiguratorIo): ConfiguratorMachine {
  const { saveConfiguration, submitOrder, engine } = io;
  return configuratorMachine.provide({
    actors: {
      ...(engine && {
        engine: fromCallback<EngineQuestion, { line: ProductLine }>(({ sendBack, receive }) => {
          const channel = engine((seq, answer) => sendBack({ type: "ENGINE.READY", seq, engine: answer }));
          receive((question) => channel.ask(question));
          return () => channel.close();
        }),
      }),
      ...(saveConfiguration && {
        saveConfiguration: fromPromise<SaveResult, SaveInput>(({ input, signal }) => saveConfiguration(input, signal)),
      }),
      ...(submitOrder && {
        submitOrder: fromPromise<SubmitResult, SubmitInput>(({ input, signal }) => submitOrder(input, signal)),
      }),
    },
  });
}
