// @vitest-environment jsdom
/**
 * Telling a dropped connection from a failure of ours, and not reloading a
 * page's data after a save kept offline (the reload would fail too).
 */
import { afterEach, describe, expect, it } from "vitest";
import { browserOnline, isConnectionFailure, isOfflineResult, OFFLINE, revalidateUnlessOffline } from "./connection";

const setOnline = (online: boolean) => Object.defineProperty(window.navigator, "onLine", { configurable: true, get: () => online });

afterEach(() => setOnline(true));

describe("isConnectionFailure", () => {
  it("knows the browsers' failed fetches", () => {
    for (const message of ["Failed to fetch", "NetworkError when attempting to fetch resource.", "Load failed", "The Internet connection appears to be offline."])
      expect(isConnectionFailure(new TypeError(message), true), message).toBe(true);
  });

  it("keeps a TypeError of our own, and any other error, a failure while online", () => {
    expect(isConnectionFailure(new TypeError("Cannot read properties of undefined (reading 'x')"), true)).toBe(false);
    expect(isConnectionFailure(new Error("Failed to fetch"), true)).toBe(false);
    expect(isConnectionFailure({ status: 500 }, true)).toBe(false);
  });

  it("counts any failure while the browser says it is offline", () => {
    setOnline(false);
    expect(browserOnline()).toBe(false);
    expect(isConnectionFailure(new Error("x"))).toBe(true);
  });
});

describe("revalidateUnlessOffline", () => {
  it("reloads nothing after an action answered offline, or while the browser is offline; otherwise as Remix would", () => {
    expect(isOfflineResult(OFFLINE)).toBe(true);
    expect(isOfflineResult({ status: "error" })).toBe(false);
    expect(revalidateUnlessOffline({ actionResult: OFFLINE, defaultShouldRevalidate: true })).toBe(false);
    expect(revalidateUnlessOffline({ actionResult: { status: "error" }, defaultShouldRevalidate: true })).toBe(true);
    expect(revalidateUnlessOffline({ defaultShouldRevalidate: false })).toBe(false);
    setOnline(false);
    expect(revalidateUnlessOffline({ defaultShouldRevalidate: true })).toBe(false);
  });
});
