/**
 * The working calendar against a real database (PGlite, or PostgreSQL with
 * TEST_DATABASE_URL), on fixed days so the weekday never depends on when the
 * tests run: automatic scheduling skips weekends and holidays, a build date
 * or a pull ahead on a closed day is refused by name and writes nothing, a
 * closed day takes no capacity of its own, and the delivery estimate builds
 * on working days only.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { lineCapacityDays, queueEntries } from "#db/schema";
import type { TestDb } from "#db/test-db";
import { isWorkingDay } from "~/domain/calendar";
import { price } from "~/domain/engine";
import { TRANSIT_DAYS, addDays } from "~/domain/orders";
import { getLine, type LoadedLine } from "~/.server/catalog/catalog.server";
import { placeOrder, readOrder, type OrderActor } from "~/.server/orders/orders.server";
import { DEMO_CONTACT as contact, seededOrdersDb } from "~/.server/orders/orders.testing";
import { deliveryEstimate } from "./delivery.server";
import { addHoliday, autoScheduleQueue, pullAhead, readWorkingCalendar, scheduleOrder, setCalendarSettings, setDayCapacity } from "./planning.server";

let t: TestDb;
let db: Db;
let clara: OrderActor;
let planner: OrderActor;
let fridge: LoadedLine;

// Orders are placed on Monday 2027-03-01 (far from the seed's own days); the fridge line's lead time is a few days.
const MONDAY = new Date("2027-03-01T09:00:00Z");
const LINE = "fridge-fs";

beforeAll(async () => {
  ({ t, db, clara, planner } = await seededOrdersDb());
  fridge = (await getLine(LINE, undefined, { db }))!;
  // Two units a working day, so a handful of orders spreads over several days, weekends included.
  await setCalendarSettings(db, LINE, { workingDays: [1, 2, 3, 4, 5], shifts: 1, unitsPerShift: 2 });
});

afterAll(async () => {
  await t?.close();
});

let keys = 0;
async function placeFridge(now = MONDAY) {
  const choices = fridge.compiled ? (await import("~/domain/engine")).complete(fridge.compiled, { choices: [] }, { market: "DE" })! : [];
  const result = await placeOrder(
    db,
    clara,
    { line: LINE, catalogVersion: fridge.version.id, choices, texts: {}, market: "DE", expectedTotal: price(fridge.line, choices, {}, "DE").total, contact, idempotencyKey: `calendar-${++keys}` },
    { now },
  );
  if (!result.ok) throw new Error(result.problem.message);
  return result.value.order;
}

describe("scheduling on the working calendar", () => {
  it("auto-schedules on working days only: weekends and a named holiday are skipped, capacity per working day kept", async () => {
    const placed = [];
    for (let i = 0; i < 9; i++) placed.push(await placeFridge());
    const earliest = placed[0]!.earliestBuildDate!;
    // Close the first working day the orders could use, by name.
    const calendar0 = await readWorkingCalendar(db, LINE, earliest, addDays(earliest, 60));
    let holiday = earliest;
    while (!isWorkingDay(calendar0, holiday)) holiday = addDays(holiday, 1);
    expect((await addHoliday(db, LINE, { day: holiday, name: "Stocktaking" }, { now: MONDAY })).ok).toBe(true);

    const result = await autoScheduleQueue(db, planner, { line: LINE, now: MONDAY });
    expect(result.unplaced).toEqual([]);
    expect(result.scheduled).toHaveLength(9);
    const calendar = await readWorkingCalendar(db, LINE, earliest, addDays(earliest, 60));
    const perDay = new Map<string, number>();
    for (const s of result.scheduled) {
      expect(isWorkingDay(calendar, s.buildDate), `${s.buildDate} is closed`).toBe(true);
      expect(s.buildDate >= earliest).toBe(true);
      perDay.set(s.buildDate, (perDay.get(s.buildDate) ?? 0) + 1);
    }
    for (const [, n] of perDay) expect(n).toBeLessThanOrEqual(2);
    // Nine orders at two a working day take five working days: more than a week with the weekend, none on the holiday.
    expect(perDay.size).toBe(5);
    expect(perDay.has(holiday)).toBe(false);
  });

  it("refuses a build date on a Sunday (409 closed-day, naming the weekday) and writes nothing", async () => {
    const order = await placeFridge();
    const sunday = "2027-03-14";
    const out = await scheduleOrder(db, planner, { number: order.number, buildDate: sunday, expectedVersion: order.version }, { now: MONDAY });
    expect(out).toMatchObject({
      ok: false,
      problem: { status: 409, code: "closed-day", message: `Sunday (${sunday}) is not a working day on ${LINE}: choose a working day`, closed: { kind: "weekday", weekday: 7, day: sunday } },
    });
    expect(await readOrder(db, { number: order.number })).toMatchObject({ status: "received", buildDate: null, version: order.version });
  });

  it("refuses a build date on a holiday, naming it", async () => {
    const order = await placeFridge();
    const day = "2027-06-16"; // a Wednesday, far from the days the other tests fill
    expect((await addHoliday(db, LINE, { day, name: "Plant inventory" }, { now: MONDAY })).ok).toBe(true);
    const out = await scheduleOrder(db, planner, { number: order.number, buildDate: day, expectedVersion: order.version }, { now: MONDAY });
    expect(out).toMatchObject({ ok: false, problem: { status: 409, code: "closed-day", message: `${day} is a holiday on ${LINE} (Plant inventory): choose a working day` } });
    const [entry] = await db.select().from(queueEntries).where(eq(queueEntries.orderId, order.id));
    expect(entry!.buildDate).toBeNull();
  });

  it("won't pull an order ahead on a day the line doesn't work", async () => {
    const order = await placeFridge();
    const scheduled = await scheduleOrder(db, planner, { number: order.number, buildDate: "2027-03-22", expectedVersion: order.version }, { now: MONDAY });
    expect(scheduled.ok).toBe(true);
    const saturday = new Date("2027-03-20T09:00:00Z");
    const out = await pullAhead(db, planner, { number: order.number, expectedVersion: order.version + 1, reason: "a slot freed up" }, { now: saturday });
    expect(out).toMatchObject({ ok: false, problem: { status: 409, code: "closed-day" } });
    expect(await readOrder(db, { number: order.number })).toMatchObject({ status: "scheduled", buildDate: "2027-03-22" });
  });

  it("gives a closed day no capacity of its own (409) and writes nothing", async () => {
    const out = await setDayCapacity(db, LINE, "2027-03-13", 5);
    expect(out).toMatchObject({ ok: false, problem: { status: 409, code: "closed-day", closed: { kind: "weekday", weekday: 6 } } });
    expect(await db.select().from(lineCapacityDays).where(eq(lineCapacityDays.day, "2027-03-13"))).toEqual([]);
  });

  it("estimates delivery from the first working day after the lead time: a Friday order with a 1-day lead builds on Monday", async () => {
    const friday = new Date("2027-04-02T09:00:00Z");
    // The avant line: nothing waiting on it here, Monday to Friday by default.
    const avant = (await getLine("avant-a6", undefined, { db }))!.line;
    const quote = await deliveryEstimate(db, { line: { ...avant, leadTimeDays: 1, features: [] }, choices: [], tier: "gold" }, { now: friday, maxAgeMs: 0 });
    // Saturday would be the earliest day; the line works again on Monday.
    expect(quote.buildDay).toBe("2027-04-05");
    expect(quote.deliveryDay).toBe(addDays("2027-04-05", TRANSIT_DAYS));
  });
});
