/**
 * Test helpers for planning: tests that schedule on "the earliest build day"
 * or "a few days ahead" of the real today need a day the line works (decision
 * 020), or they would pass or fail with the weekday they run on.
 */
import type { Executor } from "#db/client";
import { nextWorkingDay } from "~/domain/calendar";
import { readWorkingCalendar } from "./planning.server";

/** The line's first working day on or after `day`. */
export async function workingDay(db: Executor, line: string, day: string): Promise<string> {
  return nextWorkingDay(await readWorkingCalendar(db, line, day, day), day)!;
}
