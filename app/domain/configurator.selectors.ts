/**
 * What the UI, the 3D scene and the server read from a configurator snapshot.
 * Plain functions of the snapshot, for `useSelector(actor, selectX)` in React
 * and for direct calls on the server. Selectors that build a new array cache
 * it per engine state, so `useSelector`'s default `===` comparison re-renders
 * a component only when its answer really changed.
 */
import type { SnapshotFrom } from "xstate";
import type { Configuration, Value } from "./catalog";
import { featureOfValue, reasonFor } from "./configurator.engine";
import { CONFIGURATOR_STEPS, type ConfiguratorMachine, type ConfiguratorStep } from "./configurator.machine";
import type { FeatureState, PriceBreakdown, Problem, Reason, ValueState } from "./engine/types";

export type ConfiguratorSnapshot = SnapshotFrom<ConfiguratorMachine>;

/** The machine's top-level state, for choosing which screen or dialog to show. */
export type ConfiguratorStatus = "editing" | "resolving" | "saving" | "reviewing" | "submitting" | "submitted" | "failed";

export const selectStatus = (s: ConfiguratorSnapshot): ConfiguratorStatus =>
  (typeof s.value === "string" ? s.value : Object.keys(s.value)[0]) as ConfiguratorStatus;

/** The step being edited; null outside editing (the conflict dialog, review, ...). */
export const selectStep = (s: ConfiguratorSnapshot): ConfiguratorStep | null => {
  if (typeof s.value === "string" || !("editing" in s.value)) return null;
  const step = s.value.editing as ConfiguratorStep;
  return CONFIGURATOR_STEPS.includes(step) ? step : null;
};

export const selectChoices = (s: ConfiguratorSnapshot): string[] => s.context.choices;
export const selectTexts = (s: ConfiguratorSnapshot): Record<string, string> => s.context.texts;
export const selectMarket = (s: ConfiguratorSnapshot) => s.context.market;

export const selectConfiguration = (s: ConfiguratorSnapshot): Configuration => ({
  line: s.context.line.code,
  catalogVersion: s.context.catalogVersion,
  choices: s.context.choices,
  texts: s.context.texts,
});

export const selectPrice = (s: ConfiguratorSnapshot): PriceBreakdown => s.context.engine.price;
export const selectTotal = (s: ConfiguratorSnapshot): number => s.context.engine.price.total;
export const selectIsComplete = (s: ConfiguratorSnapshot): boolean => s.context.engine.complete;
export const selectProblems = (s: ConfiguratorSnapshot): Problem[] => s.context.engine.problems;
/** True after a refused REVIEW: the UI then lists the problems. */
export const selectShowProblems = (s: ConfiguratorSnapshot): boolean => s.context.showProblems;
/** False when the current choices have no completion at all (e.g. a configuration from a retired version). */
export const selectIsConsistent = (s: ConfiguratorSnapshot): boolean => s.context.engine.domains.consistent;

export const selectCanUndo = (s: ConfiguratorSnapshot): boolean => s.context.past.length > 0;
export const selectCanRedo = (s: ConfiguratorSnapshot): boolean => s.context.future.length > 0;
export const selectCanReview = (s: ConfiguratorSnapshot): boolean => s.can({ type: "REVIEW" }) && s.context.engine.complete;

/** The open conflict: the wanted value and the proposed change sets with their price differences. */
export const selectConflict = (s: ConfiguratorSnapshot) => s.context.conflict;
export const selectError = (s: ConfiguratorSnapshot): string | null => s.context.error;
/** Codes of the starting configuration the line doesn't know (the customer is told they were left out). */
export const selectDropped = (s: ConfiguratorSnapshot): string[] => s.context.dropped;
export const selectSaved = (s: ConfiguratorSnapshot) => s.context.saved;
export const selectOrder = (s: ConfiguratorSnapshot) => s.context.order;

/** Availability of every value of a feature (chosen, implied, available, and the reason when not). */
export const selectFeatureState =
  (feature: string) =>
  (s: ConfiguratorSnapshot): FeatureState | undefined =>
    s.context.engine.domains.features.find((f) => f.code === feature);

/** One value's availability; `reason` says which choices and rules rule it out. */
export const selectValueState =
  (code: string) =>
  (s: ConfiguratorSnapshot): ValueState | undefined => {
    const feature = featureOfValue(s.context.line, code);
    return feature ? selectFeatureState(feature.code)(s)?.values.find((v) => v.code === code) : undefined;
  };

const reasonCache = new WeakMap<object, Map<string, Reason | null>>();

/**
 * Why a value is unavailable: the current choices that rule it out (dropping
 * any one of them makes it available again) and the rules involved; null when
 * it is available. Computed when first asked (on hover or tap), once per
 * configuration, because reasons cost far more than availability.
 */
export const selectReason =
  (code: string) =>
  (s: ConfiguratorSnapshot): Reason | null => {
    const domains = s.context.engine.domains;
    if (selectValueState(code)(s)?.available !== false) return null;
    let byCode = reasonCache.get(domains);
    if (!byCode) reasonCache.set(domains, (byCode = new Map()));
    if (!byCode.has(code)) byCode.set(code, reasonFor(s.context.line, s.context.choices, code));
    return byCode.get(code)!;
  };

const textProblemCache = new WeakMap<Problem[], Map<string, Problem[]>>();

/** Live validation of a personalization field (pattern, length, "needs the inscription option"). */
export const selectTextProblems =
  (feature: string) =>
  (s: ConfiguratorSnapshot): Problem[] => {
    const problems = s.context.engine.problems;
    let byFeature = textProblemCache.get(problems);
    if (!byFeature) textProblemCache.set(problems, (byFeature = new Map()));
    let result = byFeature.get(feature);
    if (!result) {
      result = problems.filter((p) => p.target === feature && (p.code === "text-invalid" || p.code === "text-not-allowed"));
      byFeature.set(feature, result);
    }
    return result;
  };

const visualCache = new WeakMap<object, string[]>();

/**
 * The visual keys of every chosen or implied value (e.g. "paint:red-metallic"):
 * all the 3D scene needs to know about the configuration.
 */
export const selectVisualKeys = (s: ConfiguratorSnapshot): string[] => {
  const domains = s.context.engine.domains;
  let keys = visualCache.get(domains);
  if (!keys) {
    const values = new Map<string, Value>();
    for (const f of s.context.line.features) if (f.kind !== "text") for (const v of f.values) values.set(v.code, v);
    keys = domains.features
      .flatMap((f) => f.values)
      .filter((v) => v.chosen || v.implied)
      .map((v) => values.get(v.code)?.visualKey)
      .filter((k): k is string => k !== undefined);
    visualCache.set(domains, keys);
  }
  return keys;
};
