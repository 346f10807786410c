import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  allowedMoves,
  daysBetween,
  FLOW,
  isFrozen,
  isIsoDay,
  nextStatus,
  ORDER_STATUSES,
  rescheduleNeedsReason,
  transitionRefusal,
  weekOf,
  type MoveBy,
  type OrderState,
} from "./orders";

describe("status flow", () => {
  it("moves forward one step at a time and only from a scheduled order", () => {
    expect(FLOW.map(nextStatus)).toEqual(["scheduled", "in_production", "built", "shipped", "delivered", null]);
    // Built on the day it is started (issue 12 item 9: production starts on or after the build date).
    const scheduled = { status: "scheduled" as const, buildDate: "2026-12-01" };
    expect(transitionRefusal(scheduled, "in_production", "2026-12-01")).toBeNull();
    expect(transitionRefusal(scheduled, "built", "2026-12-01")?.code).toBe("not-forward");
    expect(transitionRefusal({ status: "built", buildDate: "2026-12-20" }, "in_production", "2026-12-01")?.code).toBe("not-forward");
    expect(transitionRefusal({ status: "received", buildDate: null }, "scheduled", "2026-12-01")?.code).toBe("not-scheduled");
    expect(transitionRefusal({ status: "cancelled", buildDate: null }, "in_production", "2026-12-01")?.code).toBe("not-forward");
  });

  it("allows cancelling only before the frozen horizon", () => {
    const order = { status: "scheduled" as const, buildDate: "2026-12-20" };
    expect(transitionRefusal(order, "cancelled", "2026-12-14")).toBeNull();
    expect(transitionRefusal(order, "cancelled", "2026-12-15")?.code).toBe("frozen");
    expect(transitionRefusal(order, "cancelled", "2026-12-10", 10)?.code).toBe("frozen");
    expect(transitionRefusal({ status: "received", buildDate: null }, "cancelled", "2030-01-01")).toBeNull();
    expect(transitionRefusal({ status: "in_production", buildDate: "2027-06-01" }, "cancelled", "2026-12-01")?.code).toBe("frozen");
    expect(isFrozen({ status: "cancelled", buildDate: null }, "2026-12-01")).toBe(true);
  });
});

describe("status moves follow the plant's calendar (issue 12)", () => {
  const order = (status: OrderState["status"], buildDate: string | null, earliestBuildDate: string | null = "2026-12-10"): OrderState => ({ status, buildDate, earliestBuildDate });

  it("starts, builds and ships an order only on or after its build date, and delivers it only after", () => {
    // The order of the issue: built on 26 Dec, clicked through to delivered weeks before.
    const today = "2026-12-08";
    expect(transitionRefusal(order("scheduled", "2026-12-26"), "in_production", today)?.code).toBe("too-early");
    expect(transitionRefusal(order("in_production", "2026-12-26"), "built", today)?.code).toBe("too-early");
    expect(transitionRefusal(order("built", "2026-12-26"), "shipped", today)?.code).toBe("too-early");
    expect(transitionRefusal(order("shipped", "2026-12-26"), "delivered", today)?.code).toBe("too-early");
    expect(transitionRefusal(order("scheduled", "2026-12-26"), "in_production", "2026-12-25")?.message).toMatch(/2026-12-26.*pull it ahead/);

    expect(transitionRefusal(order("scheduled", "2026-12-26"), "in_production", "2026-12-26")).toBeNull();
    expect(transitionRefusal(order("in_production", "2026-12-26"), "built", "2026-12-26")).toBeNull();
    expect(transitionRefusal(order("built", "2026-12-26"), "shipped", "2026-12-26")).toBeNull();
    expect(transitionRefusal(order("shipped", "2026-12-26"), "delivered", "2026-12-26")?.code).toBe("too-early");
    expect(transitionRefusal(order("shipped", "2026-12-26"), "delivered", "2026-12-27")).toBeNull();
    // A late start is still a start.
    expect(transitionRefusal(order("scheduled", "2026-12-26"), "in_production", "2027-01-04")).toBeNull();
  });

  it("pulls an order ahead to today only for staff, with a reason, once its parts are there and while its build date is later", () => {
    const today = "2026-12-12";
    const staff = (reason?: string) => ({ by: "staff" as const, pullAhead: true, reason });
    expect(transitionRefusal(order("scheduled", "2026-12-26"), "in_production", today, 5, staff("line 2 idle"))).toBeNull();
    expect(transitionRefusal(order("received", null), "in_production", today, 5, staff("line 2 idle"))).toBeNull();
    expect(transitionRefusal(order("scheduled", "2026-12-26"), "in_production", today, 5, staff())).toMatchObject({ code: "reason-required", path: "reason" });
    expect(transitionRefusal(order("scheduled", "2026-12-26"), "in_production", today, 5, staff("   "))?.code).toBe("reason-required");
    expect(transitionRefusal(order("scheduled", "2026-12-26"), "in_production", today, 5, { pullAhead: true, reason: "please" })?.code).toBe("not-forward");
    expect(transitionRefusal(order("scheduled", "2026-12-26", "2026-12-13"), "in_production", today, 5, staff("why not"))?.code).toBe("before-earliest");
    expect(transitionRefusal(order("scheduled", "2026-12-12"), "in_production", today, 5, staff("why not"))?.code).toBe("not-ahead");
    expect(transitionRefusal(order("in_production", "2026-12-26"), "in_production", today, 5, staff("again"))?.code).toBe("not-forward");
    expect(transitionRefusal(order("scheduled", "2026-12-26"), "built", today, 5, staff("skip"))?.code).toBe("not-forward");
  });

  it("asks staff for a reason to cancel; the customer's own cancel needs none", () => {
    const scheduled = order("scheduled", "2026-12-26");
    expect(transitionRefusal(scheduled, "cancelled", "2026-12-01", 5, { by: "staff" })).toMatchObject({ code: "reason-required", path: "reason" });
    expect(transitionRefusal(scheduled, "cancelled", "2026-12-01", 5, { by: "staff", reason: "customer called" })).toBeNull();
    expect(transitionRefusal(scheduled, "cancelled", "2026-12-01", 5, { by: "customer" })).toBeNull();
    // Within the horizon the answer is "frozen" whoever asks and whatever the reason.
    expect(transitionRefusal(scheduled, "cancelled", "2026-12-22", 5, { by: "staff", reason: "customer called" })?.code).toBe("frozen");
  });

  it("offers exactly the moves the rule allows, marking the ones that need a reason", () => {
    const scheduled = order("scheduled", "2026-12-26");
    expect(allowedMoves(scheduled, "2026-12-12", 5, "staff")).toEqual([
      { to: "cancelled", pullAhead: false, reason: "required" },
      { to: "in_production", pullAhead: true, reason: "required" },
    ]);
    // Before its parts are there, an order can't be pulled ahead.
    expect(allowedMoves(scheduled, "2026-12-01", 5, "staff")).toEqual([{ to: "cancelled", pullAhead: false, reason: "required" }]);
    expect(allowedMoves(scheduled, "2026-12-26", 5, "staff")).toEqual([{ to: "in_production", pullAhead: false, reason: "optional" }]);
    expect(allowedMoves(scheduled, "2026-12-01", 5, "customer")).toEqual([{ to: "cancelled", pullAhead: false, reason: "optional" }]);
    expect(allowedMoves(order("delivered", "2026-12-26"), "2027-02-01", 5, "staff")).toEqual([]);
  });

  it("needs a reason to move a build date that is inside the frozen horizon", () => {
    expect(rescheduleNeedsReason(order("scheduled", "2026-12-26"), "2026-12-20")).toBe(false);
    expect(rescheduleNeedsReason(order("scheduled", "2026-12-26"), "2026-12-21")).toBe(true);
    expect(rescheduleNeedsReason(order("scheduled", "2026-12-26"), "2026-12-26", 0)).toBe(true);
    expect(rescheduleNeedsReason(order("received", null), "2026-12-26")).toBe(false);
  });

  const day = fc.integer({ min: 0, max: 60 }).map((n) => addDays("2026-12-01", n));
  const anyOrder = fc.record({
    status: fc.constantFrom(...ORDER_STATUSES),
    buildDate: fc.option(day, { nil: null }),
    earliestBuildDate: fc.option(day, { nil: null }),
  });
  const by = fc.constantFrom<MoveBy>("customer", "staff");

  it("never lets production run ahead of the build date without a pull ahead (property)", () => {
    fc.assert(
      fc.property(anyOrder, day, fc.integer({ min: 0, max: 10 }), by, fc.constantFrom(...ORDER_STATUSES), (o, today, horizon, who, to) => {
        const refusal = transitionRefusal(o, to, today, horizon, { by: who, reason: "a reason" });
        if (refusal !== null) return;
        if (to === "cancelled") {
          expect(isFrozen(o, today, horizon)).toBe(false);
          return;
        }
        // One step forward, on a scheduled order, on the line not before its build date.
        expect(nextStatus(o.status)).toBe(to);
        expect(o.buildDate).not.toBeNull();
        expect(today >= o.buildDate!).toBe(true);
        if (to === "delivered") expect(today > o.buildDate!).toBe(true);
      }),
    );
  });

  it("allows a pull ahead only to start a later (or unset) build date, by staff, once the parts are there (property)", () => {
    fc.assert(
      fc.property(anyOrder, day, by, fc.constantFrom(...ORDER_STATUSES), (o, today, who, to) => {
        if (transitionRefusal(o, to, today, 5, { by: who, pullAhead: true, reason: "a reason" }) !== null) return;
        expect(to).toBe("in_production");
        expect(who).toBe("staff");
        expect(["received", "scheduled"]).toContain(o.status);
        expect(o.buildDate === null || o.buildDate > today).toBe(true);
        expect(o.earliestBuildDate === null || o.earliestBuildDate! <= today).toBe(true);
        expect(transitionRefusal(o, to, today, 5, { by: who, pullAhead: true })?.code).toBe("reason-required");
      }),
    );
  });

  it("offers what the rule allows and nothing else (property)", () => {
    fc.assert(
      fc.property(anyOrder, day, fc.integer({ min: 0, max: 10 }), by, (o, today, horizon, who) => {
        const offered = allowedMoves(o, today, horizon, who);
        for (const to of ORDER_STATUSES)
          for (const pullAhead of [false, true]) {
            const withReason = transitionRefusal(o, to, today, horizon, { by: who, pullAhead, reason: "a reason" }) === null;
            const without = transitionRefusal(o, to, today, horizon, { by: who, pullAhead }) === null;
            const move = offered.find((m) => m.to === to && m.pullAhead === pullAhead);
            expect(move !== undefined, `${to} ${pullAhead}`).toBe(withReason);
            if (move) expect(move.reason).toBe(without ? "optional" : "required");
          }
        // At most one forward step is ever on offer.
        expect(offered.filter((m) => m.to !== "cancelled" && !m.pullAhead).length).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe("days", () => {
  it("does calendar arithmetic in UTC days", () => {
    expect(addDays("2026-12-30", 3)).toBe("2027-01-02");
    expect(addDays("2028-03-01", -1)).toBe("2028-02-29");
    expect(daysBetween("2026-12-30", "2027-01-02")).toBe(3);
    expect(weekOf("2026-12-06")).toBe("2026-11-30"); // a Sunday → its week's Monday
    expect(weekOf("2026-11-30")).toBe("2026-11-30");
    expect(isIsoDay("2026-02-29")).toBe(false);
    expect(isIsoDay("2028-02-29")).toBe(true);
    expect(isIsoDay("2026-1-01")).toBe(false);
    expect(isIsoDay(20261201)).toBe(false);
  });
});
