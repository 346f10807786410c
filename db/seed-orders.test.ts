/**
 * The demo orders and calendar on a day that makes scheduling hard: Sunday
 * 27 December 2026, with New Year's Day ahead. Every order the seed
 * schedules lands on a working day, the order in production is built on a
 * working day that has come, and the holidays are the coming ones.
 */
import { count, desc, eq, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readWorkingCalendar } from "../app/.server/planning/planning.server";
import { isWorkingDay } from "../app/domain/calendar";
import { lineHolidays, orders, queueEntries } from "./schema";
import { seed } from "./seed";
import { sequenceDay } from "../app/.server/sequencing/sequence.server";
import { solve } from "../app/domain/sequencing/solve";
import { DEMO_SEQUENCING_DAY, demoHolidays, seedDemoOrders, seedDemoSequencingDay } from "./seed-orders";
import { createTestDb, type TestDb } from "./test-db";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  await seed(t.db, { demo: true });
});
afterAll(async () => {
  await t?.close();
});

describe("demo holidays", () => {
  it("are the coming Christmas and New Year, dated from the seed's day", () => {
    expect(demoHolidays("2026-12-06").map((h) => h.day)).toEqual(["2026-12-24", "2026-12-25", "2026-12-26", "2027-01-01"]);
    expect(demoHolidays("2026-12-25").map((h) => h.day)).toEqual(["2026-12-26", "2027-01-01"]);
    expect(demoHolidays("2026-12-27").map((h) => h.day)).toEqual(["2027-12-24", "2027-12-25", "2027-12-26", "2027-01-01"]);
    expect(demoHolidays("2027-03-01").map((h) => h.name)).toEqual(["Christmas Eve", "Christmas Day", "St Stephen's Day", "New Year's Day"]);
  });
});

describe("demo orders on a Sunday between Christmas and New Year", () => {
  const now = new Date("2026-12-27T10:00:00Z");

  it("schedules every one it schedules on a working day, and starts one built on a working day that has come", async () => {
    expect(await seedDemoOrders(t.db, { now })).toBe(12);
    expect((await t.db.select().from(lineHolidays).where(eq(lineHolidays.day, "2027-01-01"))).map((h) => h.lineCode).sort()).toEqual(["avant-a6", "fridge-fs", "sedan-a6l"]);
    const built = await t.db
      .select({ line: queueEntries.lineCode, day: queueEntries.buildDate, status: orders.status })
      .from(queueEntries)
      .innerJoin(orders, eq(orders.id, queueEntries.orderId))
      .where(isNotNull(queueEntries.buildDate));
    // Seven of the twelve are scheduled (one of them started), as the demo describes.
    expect(built).toHaveLength(7);
    for (const b of built) {
      const calendar = await readWorkingCalendar(t.db, b.line, b.day!, b.day!);
      expect(isWorkingDay(calendar, b.day!), `${b.line} on ${b.day}`).toBe(true);
    }
    const started = built.filter((b) => b.status === "in_production");
    expect(started).toHaveLength(1);
    // The last working day up to Sunday the 27th: Friday the 25th (Christmas 2026 is already behind the seed's day).
    expect(started[0]!.day).toBe("2026-12-25");
  });
});

describe("the demo sequencing day", () => {
  it("puts some forty sedans on one working day, where first come first served breaks the rules and optimising pays", async () => {
    const now = new Date("2026-12-27T10:00:00Z");
    const created = await seedDemoSequencingDay(t.db, { now });
    expect(created).toBeGreaterThanOrEqual(30);
    expect(await seedDemoSequencingDay(t.db, { now })).toBe(0);
    const [busiest] = await t.db
      .select({ day: queueEntries.buildDate, n: count() })
      .from(queueEntries)
      .where(eq(queueEntries.lineCode, DEMO_SEQUENCING_DAY.line))
      .groupBy(queueEntries.buildDate)
      .orderBy(desc(count()))
      .limit(1);
    expect(busiest.n).toBeGreaterThanOrEqual(30);
    const calendar = await readWorkingCalendar(t.db, DEMO_SEQUENCING_DAY.line, busiest.day!, busiest.day!);
    expect(isWorkingDay(calendar, busiest.day!)).toBe(true);
    const view = (await sequenceDay(t.db, DEMO_SEQUENCING_DAY.line, busiest.day!))!;
    expect(view.fcfs!.hiPriority).toBeGreaterThan(0);
    const instance = { name: "demo", units: view.units, previous: [], rules: view.plant.settings.stations.map((s) => ({ option: s.name, p: s.p, q: s.q, priority: s.priority })), paintBatchLimit: view.plant.settings.paintBatchLimit, objectives: view.plant.settings.objectives, counting: "roadef" as const };
    const solved = solve(instance, { seed: 1, maxIterations: 200_000 });
    // On the fixed demo day: 8 high-priority violations and 22 colour changes first come first served.
    expect(solved.evaluation.hiPriority).toBeLessThan(view.fcfs!.hiPriority / 2);
    expect(solved.evaluation.paintChanges).toBeLessThan(view.fcfs!.paintChanges / 2);
  }, 120_000);
});
