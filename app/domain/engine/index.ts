/**
 * The configurator engine's public API. Compile a product line once per
 * catalog version (`compileLine`), then ask about configurations:
 * valid domains and reasons, conflict resolutions, completion, validation;
 * price and bill of materials work on the catalog line directly.
 */
export { compileLine } from "./compile";
export { featureRuleId, includesRuleId, evaluate } from "../catalog.meaning";
export type { CompiledFeature, CompiledLine } from "./compile";
export { validDomains, explain, pairTableFor, shipPairTable, adoptPairTable, type ShippedPairTable } from "./domains";
export type { DomainOptions, PairTable } from "./domains";
export { resolve } from "./resolve";
export type { ResolveOptions } from "./resolve";
export { complete } from "./complete";
export { normaliseConfiguration } from "./normalise";
export type { DroppedChoice, DroppedText, NormalisedConfiguration } from "./normalise";
export type { CompleteOptions } from "./complete";
export { price, vatOf } from "./pricing";
export { bom } from "./bom";
export { leadTimeDays } from "./lead-time";
export { validate, holds } from "./validate";
export { effectiveChoices } from "./line-index";
export { SatSolver, solverFromCnf } from "./sat";
export type { SolveResult, SolverStats } from "./sat";
export type * from "./types";
export { countConfigurations } from "./count";
