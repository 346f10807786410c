import { describe, expect, it } from "vitest";
import { getPreferences, negotiate, preferencesCookieHeader } from "./preferences.server";

function request(headers: Record<string, string>) {
  return new Request("http://localhost/", { headers });
}

/** Turn a Set-Cookie value into the Cookie header a browser would send back. */
function cookieFrom(setCookie: string) {
  return setCookie.split(";")[0];
}

describe("preferences", () => {
  it("defaults to English and the US market", async () => {
    expect(await getPreferences(request({}))).toEqual({ language: "en", market: "US" });
  });

  it("negotiates language and market from Accept-Language", async () => {
    expect(negotiate("fr-FR, ja;q=0.8, de-DE;q=0.5")).toEqual({ language: "ja", market: "DE" });
    expect(await getPreferences(request({ "Accept-Language": "ko-KR,ko;q=0.9" }))).toEqual({ language: "ko", market: "KR" });
    expect(await getPreferences(request({ "Accept-Language": "zh" }))).toEqual({ language: "zh", market: "CN" });
  });

  it("prefers the cookie over the header", async () => {
    const cookie = cookieFrom(await preferencesCookieHeader({ language: "zh", market: "DE" }));
    expect(await getPreferences(request({ Cookie: cookie, "Accept-Language": "ja-JP" }))).toEqual({ language: "zh", market: "DE" });
  });

  it("ignores a tampered cookie", async () => {
    const forged = `atelier_prefs=${Buffer.from(JSON.stringify({ language: "xx", market: "ZZ" })).toString("base64")}`;
    expect(await getPreferences(request({ Cookie: forged }))).toEqual({ language: "en", market: "US" });
    expect(await getPreferences(request({ Cookie: "atelier_prefs=%%%not-base64" }))).toEqual({ language: "en", market: "US" });
  });

  it("survives absurd Accept-Language headers", async () => {
    expect(negotiate("x".repeat(10_000))).toEqual({ language: undefined, market: undefined });
    expect(negotiate(";;;,,,q=abc")).toEqual({ language: undefined, market: undefined });
  });
});
