import { describe, expect, it } from "vitest";
import { ROLES, isRole, roleHome } from "./roles";

describe("roles", () => {
  it("gives every role its home", () => {
    expect(Object.fromEntries(ROLES.map((r) => [r, roleHome(r)]))).toEqual({
      customer: "/account",
      dealer: "/dealer",
      sales_manager: "/dealer",
      planner: "/planning",
      admin: "/admin",
    });
  });

  it("recognises only known roles", () => {
    expect(isRole("planner")).toBe(true);
    expect(isRole("root")).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });
});
