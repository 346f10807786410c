/**
 * The one shape of a refusal. Every repository answers `Result<T>`: the value,
 * or why the request was refused as an HTTP status, a machine code, an English
 * message and where in the input. Both surfaces read it — a form page answers
 * with its status and a message key for the code, the JSON API with
 * `{ "error": { code, message, path? } }` (docs/api.md) — so a refusal is
 * worded once, where it is decided.
 */
import type { ClosedDay } from "./calendar";
import type { Problem } from "./engine/types";

export type RefusalStatus = 400 | 403 | 404 | 409 | 422 | 429;

export interface Refusal<Code extends string = string> {
  status: RefusalStatus;
  code: Code;
  message: string;
  /** Where in the input, e.g. "choices.3", "texts.inscription" or "discount". */
  path?: string;
  /** For invalid-configuration: every problem the engine found. */
  problems?: Problem[];
  /** For price-changed: the server's total (minor units), so the client can confirm it. */
  total?: number;
  /** For closed-day: why the line doesn't work that day (a holiday's name, or the weekday), for the reader's own words. */
  closed?: ClosedDay & { day: string };
  /** For orders-on-day: the day a planner wants to close and how many orders are built on it. */
  scheduled?: { day: string; orders: number };
}

export type Success<T> = { ok: true; value: T };
export type Failure<Code extends string = string> = { ok: false; problem: Refusal<Code> };
export type Result<T, Code extends string = string> = Success<T> | Failure<Code>;

export const ok = <T>(value: T): Success<T> => ({ ok: true, value });

export const fail = <Code extends string>(problem: Refusal<Code>): Failure<Code> => ({ ok: false, problem });
