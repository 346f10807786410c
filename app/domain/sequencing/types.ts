/**
 * Line sequencing (issue 16): the order in which a day's cars go down the
 * assembly line. Stations that fit heavy or slow options take at most p cars
 * with the option in any q consecutive ("1 in 2", "2 in 3"); the paint shop
 * wants long runs of one colour (each change is a purge) but never more than
 * a limit in a row. Pure types: the planner's page, the command and the
 * benchmark all speak these (decision 047).
 */

/** "At most p cars with `option` in any q consecutive", a high- or low-priority rule of a station. */
export interface StationRule {
  option: string;
  p: number;
  q: number;
  priority: "high" | "low";
}

/** One car to build: its id, the options that the station rules look at, and its paint colour (null: not painted here). */
export interface SequencingUnit {
  id: string;
  options: readonly string[];
  colour: string | null;
}

/** The criteria the plant ranks: high-priority rule violations, paint colour changes, low-priority rule violations. */
export type Objective = "high" | "paint" | "low";

/**
 * How a rule's violations are counted:
 * - "roadef": every window of q cars with n > p cars needing the option counts n − p; the windows
 *   at the end of the day are partial (the last q − 1 start positions hold fewer than q cars) and
 *   count the same way; windows crossing midnight include the previous day's cars (ROADEF 2005).
 * - "windows": each full window of q cars with more than p counts 1 (CSPLib prob001 results).
 */
export type Counting = "roadef" | "windows";

export interface SequencingInstance {
  name: string;
  /** The day's cars, in any order (the order they were given in: the solver's input order). */
  units: readonly SequencingUnit[];
  /** The end of the previous day, already built and fixed, in line order (last = just before the first of today). */
  previous: readonly SequencingUnit[];
  rules: readonly StationRule[];
  /** At most this many cars of one colour in a row (hard; runs continue across midnight). Null: no limit. */
  paintBatchLimit: number | null;
  /** The plant's order of criteria, most important first; weighted 1e6, 1e3, 1 (ROADEF's score). Criteria not listed weigh 0. */
  objectives: readonly Objective[];
  counting: Counting;
  /** Cars that must stay at a position of the day (0-based): a car already called forward, a test car. */
  locked?: readonly { unitId: string; position: number }[];
}

export interface RuleResult {
  option: string;
  priority: "high" | "low";
  p: number;
  q: number;
  /** ROADEF count: the sum over windows (partial end windows included) of max(0, n − p). */
  excess: number;
  /** CSPLib count: full windows with more than p. */
  violatedWindows: number;
}

export interface Evaluation {
  /** High-priority violations, counted as the instance's `counting` says. */
  hiPriority: number;
  paintChanges: number;
  loPriority: number;
  /** 1e6·first + 1e3·second + third, in the instance's objective order. */
  score: number;
  counting: Counting;
  rules: RuleResult[];
  /** The longest run of one colour holding one of the day's cars (counted across midnight); over the batch limit means the sequence is not allowed. */
  longestRun: number;
}

/** The weight of each criterion: 1e6, 1e3, 1 by rank (ROADEF 2005's coefficients); 0 when the plant does not rank it. */
export function objectiveWeights(objectives: readonly Objective[]): Record<Objective, number> {
  const ranks = [1_000_000, 1_000, 1];
  const weights: Record<Objective, number> = { high: 0, paint: 0, low: 0 };
  objectives.forEach((o, i) => {
    weights[o] = ranks[i] ?? 0;
  });
  return weights;
}

export class SequencingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SequencingError";
  }
}
