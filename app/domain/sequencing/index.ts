export * from "./types";
export { evaluate, sequenceProblems } from "./evaluate";
export { parseCsplib, parseRoadef, type RoadefFiles } from "./parse";
export { solve, type SolveOptions, type SolveProgress, type SolveResult } from "./solve";
