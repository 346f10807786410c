/**
 * The server's side of the machine: take the events a client says it sent,
 * check their shape, replay them with the pure `transition()` (no actors run,
 * nothing is saved or ordered) and hand back the configuration they lead to.
 * The caller then re-checks that configuration with the engine's `validate`
 * and re-prices it: the client's own view of the price is never trusted.
 */
import { initialTransition, transition } from "xstate";
import { z } from "zod";
import { MARKET_CODES, type Market } from "./catalog";
import {
  CONFIGURATOR_STEPS,
  configuratorMachine,
  type ConfiguratorEvent,
  type ConfiguratorInput,
} from "./configurator.machine";
import type { ConfiguratorSnapshot } from "./configurator.selectors";

const code = z.string().min(1).max(64);

/**
 * The editing events, as data: what a client sends to say how it reached a
 * configuration. SAVE, REVIEW, SUBMIT and RETRY are left out on purpose: they
 * start I/O, which on the server is the route's own business, not a replay's.
 */
export type ConfiguratorEditEvent = Exclude<ConfiguratorEvent, { type: "SAVE" | "REVIEW" | "SUBMIT" | "RETRY" }>;

export const configuratorEditEventSchema: z.ZodType<ConfiguratorEditEvent> = z.discriminatedUnion("type", [
  z.object({ type: z.literal("SELECT"), code }).strict(),
  z.object({ type: z.literal("DESELECT"), code }).strict(),
  z.object({ type: z.literal("SET_TEXT"), feature: code, text: z.string().max(500) }).strict(),
  z.object({ type: z.literal("ACCEPT_RESOLUTION"), index: z.number().int().min(0).max(10) }).strict(),
  z.object({ type: z.literal("DECLINE_RESOLUTION") }).strict(),
  z.object({ type: z.literal("UNDO") }).strict(),
  z.object({ type: z.literal("REDO") }).strict(),
  z.object({ type: z.literal("RESET") }).strict(),
  z.object({ type: z.literal("GO_TO_STEP"), step: z.enum(CONFIGURATOR_STEPS) }).strict(),
  z.object({ type: z.literal("SET_MARKET"), market: z.enum(MARKET_CODES as [Market, ...Market[]]) }).strict(),
]);

/** A bound on replay work per request. */
export const MAX_REPLAY_EVENTS = 2_000;
export const configuratorEditEventsSchema = z.array(configuratorEditEventSchema).max(MAX_REPLAY_EVENTS);

/**
 * Replays events from the machine's start with `input`. Events the machine
 * doesn't accept in its current state change nothing, exactly as in the
 * browser. The result's context holds the choices, texts and engine state.
 */
export function replayConfiguratorEvents(
  input: ConfiguratorInput,
  events: readonly ConfiguratorEditEvent[],
): ConfiguratorSnapshot {
  let [snapshot] = initialTransition(configuratorMachine, input);
  for (const event of events) [snapshot] = transition(configuratorMachine, snapshot, event);
  return snapshot;
}
