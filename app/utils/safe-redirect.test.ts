import { describe, expect, it } from "vitest";
import { safeRedirect } from "./safe-redirect";

describe("safeRedirect", () => {
  it("keeps same-site paths", () => {
    expect(safeRedirect("/planning?x=1")).toBe("/planning?x=1");
  });
  it.each(["https://evil.example", "//evil.example", "/\\evil.example", "planning", "", "/a\nb"])("refuses %j", (to) => {
    expect(safeRedirect(to, "/home")).toBe("/home");
  });
  it("falls back on missing or non-string values", () => {
    expect(safeRedirect(null)).toBe("/");
    expect(safeRedirect(undefined, "/x")).toBe("/x");
  });
});
