import { describe, expect, it } from "vitest";
import { mergeRecent, parseRecent, RECENT_LIMIT, recentHref, type RecentItem } from "./recently-viewed";

const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 9, minute)).toISOString();
const line = (ref: string, minute: number): RecentItem => ({ kind: "line", ref, line: ref, at: at(minute) });

describe("recently viewed", () => {
  it("merges lists: each item once at its latest view, newest first", () => {
    const merged = mergeRecent([line("a", 1), line("b", 3)], [line("a", 5), { kind: "share", ref: "a", line: "x", at: at(2) }]);
    expect(merged.map((i) => `${i.kind}:${i.ref}@${i.at.slice(14, 16)}`)).toEqual(["line:a@05", "line:b@03", "share:a@02"]);
  });

  it("keeps at most RECENT_LIMIT, dropping the oldest", () => {
    const many = Array.from({ length: RECENT_LIMIT + 3 }, (_, i) => line(`l${i}`, i));
    const merged = mergeRecent(many);
    expect(merged).toHaveLength(RECENT_LIMIT);
    expect(merged.at(-1)!.ref).toBe("l3");
  });

  it("reads a stored list leniently: broken entries are dropped, anything else is empty", () => {
    expect(parseRecent([line("a", 1), { kind: "line" }, "x", null])).toEqual([line("a", 1)]);
    expect(parseRecent({})).toEqual([]);
  });

  it("links a line to its configurator and a share code to its page", () => {
    expect(recentHref({ kind: "line", ref: "sedan-a6l" })).toBe("/configure/sedan-a6l");
    expect(recentHref({ kind: "share", ref: "ABCD2345" })).toBe("/share/ABCD2345");
  });
});
