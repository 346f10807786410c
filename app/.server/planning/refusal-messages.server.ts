/**
 * A refusal of the order repository in the planner's words: its HTTP status
 * and an i18n key with values (days, the horizon, the order number). One
 * mapping for the order's own page and the queue's bulk results, so a refused
 * move reads the same wherever it was asked for.
 */
import { closedDayMessage } from "~/domain/calendar";
import type { Refusal } from "~/domain/result";
import type { BulkRefusalCode } from "./bulk.server";

export interface RefusalText {
  status: number;
  code: string;
  /** An i18n key. */
  message: string;
  values: Record<string, string | number>;
}

/** What the message needs to know besides the refusal: the day asked for, the horizon, the order's build date and earliest day. */
export interface RefusalFacts {
  day?: string;
  horizon: number;
  buildDate?: string | null;
  earliest?: string | null;
}

export function refusalText(intent: string, number: string, problem: Refusal<BulkRefusalCode>, facts: RefusalFacts): RefusalText {
  const text = (status: number, message: string, values: Record<string, string | number> = {}): RefusalText => ({ status, code: problem.code, message, values });
  switch (problem.code) {
    case "reason-required":
      return text(422, intent.endsWith("schedule") ? "queue.detail.problems.reasonForMove" : "queue.detail.problems.reasonRequired", { field: "reason", days: facts.horizon });
    case "too-early":
      return text(409, "queue.detail.problems.tooEarly", { day: facts.buildDate ?? "" });
    case "not-ahead":
      return text(409, "queue.detail.problems.notAhead", { day: facts.buildDate ?? "" });
    case "before-earliest":
      return text(409, "queue.detail.problems.pullAheadBeforeEarliest", { day: facts.earliest ?? "" });
    case "stale":
      return text(409, "queue.detail.problems.stale", { number });
    case "over-capacity":
      return text(409, "queue.detail.problems.overCapacity", { day: facts.day ?? "" });
    case "frozen":
      return text(409, "queue.detail.problems.frozen", { days: facts.horizon });
    case "closed-day": {
      if (!problem.closed) break;
      const [message, , values] = closedDayMessage(problem.closed);
      return text(409, message, values);
    }
    case "not-scheduled":
      return text(409, "queue.detail.problems.notScheduled");
    case "not-forward":
      return text(409, "queue.detail.problems.notForward");
    case "not-found":
      return text(404, "queue.detail.problems.notFound", { number });
    case "no-room":
      return text(409, "queue.bulk.problems.noRoom");
    case "already-scheduled":
      return text(409, "queue.bulk.problems.alreadyScheduled", { day: facts.buildDate ?? "" });
  }
  // A schedule on a day before the parts arrive is the repository's "invalid-input" on buildDate.
  if (problem.path === "buildDate" && facts.earliest && problem.status === 409) return text(409, "queue.detail.problems.beforeEarliest", { day: facts.earliest });
  return text(problem.status, problem.path === "reason" ? "validation.tooLong" : "validation.invalid", problem.path ? { field: problem.path } : {});
}
