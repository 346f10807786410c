import { describe, expect, it } from "vitest";
import { ROLES, roleHome } from "~/domain/roles";
import { navigationFor } from "./navigation";

describe("navigationFor", () => {
  it.each(ROLES)("%s sees a link to their own home", (role) => {
    expect(navigationFor(role).map((item) => item.to)).toContain(roleHome(role));
  });

  it("shows staff areas only to their roles", () => {
    for (const role of ROLES) {
      const links = navigationFor(role).map((item) => item.to);
      for (const area of ["/planning", "/dealer", "/admin", "/account"]) {
        if (links.includes(area)) expect(roleHome(role)).toBe(area);
      }
    }
  });

  it("shows only the home page when signed out", () => {
    expect(navigationFor(null).map((item) => item.to)).toEqual(["/"]);
  });
});
