import { describe, expect, it } from "vitest";
import { addDays, daysBetween, FLOW, isFrozen, isIsoDay, nextStatus, transitionRefusal, weekOf } from "./orders";

describe("status flow", () => {
  it("moves forward one step at a time and only from a scheduled order", () => {
    expect(FLOW.map(nextStatus)).toEqual(["scheduled", "in_production", "built", "shipped", "delivered", null]);
    const scheduled = { status: "scheduled" as const, buildDate: "2026-12-20" };
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
