import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  configureHref,
  formatShareCode,
  normalizeShareCode,
  parseConfigureSearch,
  renameFormSchema,
  resolveBodySchema,
  SHARE_CODE_ALPHABET,
} from "./configuration";

const codeArb = fc.stringMatching(/^[A-Za-z0-9_.-]{1,12}$/);
// A path segment of only dots is a relative reference ("/configure/.." is "/"): no line code looks like that.
const lineArb = codeArb.filter((c) => !/^\.+$/.test(c));

describe("configurator links", () => {
  it("read back exactly the choices and texts they were made from", () => {
    fc.assert(
      fc.property(
        lineArb,
        fc.uniqueArray(codeArb, { maxLength: 20 }),
        fc.dictionary(codeArb, fc.string({ minLength: 1, maxLength: 30 }), { maxKeys: 3 }),
        (line, choices, texts) => {
          const url = new URL(configureHref(line, choices, texts), "http://localhost");
          expect(decodeURIComponent(url.pathname)).toBe(`/configure/${line}`);
          expect(parseConfigureSearch(url.searchParams)).toEqual({ choices, texts });
        },
      ),
    );
  });

  it("leave out empty texts and the query when there is nothing to carry", () => {
    expect(configureHref("fridge-fs", [], { note: "" })).toBe("/configure/fridge-fs");
  });
});

describe("share codes", () => {
  it("are read loosely and shown in two groups", () => {
    expect(normalizeShareCode(" abcd-2345 ")).toBe("ABCD2345");
    expect(normalizeShareCode("ABCD 2345")).toBe("ABCD2345");
    expect(formatShareCode("ABCD2345")).toBe("ABCD 2345");
    for (const bad of ["ABCD234", "ABCD23456", "ABCD234O", "ABCD2341", "ABCDI345", "ABCD0345", "ÄBCD2345", "x".repeat(41)])
      expect(normalizeShareCode(bad), bad).toBeNull();
    expect(SHARE_CODE_ALPHABET).toHaveLength(32);
  });
});

describe("schemas", () => {
  it("refuse unknown fields and out-of-range values in API bodies", () => {
    expect(resolveBodySchema.safeParse({ line: "x", want: "y" }).success).toBe(true);
    expect(resolveBodySchema.safeParse({ line: "x", want: "y", extra: 1 }).success).toBe(false);
    expect(resolveBodySchema.safeParse({ line: "x", want: "y", limit: 11 }).success).toBe(false);
    expect(resolveBodySchema.safeParse({ line: "x", want: "y", texts: { a: "z".repeat(501) } }).success).toBe(false);
  });

  it("trim names and report form messages as i18n keys", () => {
    const ok = renameFormSchema.safeParse({ intent: "rename", id: "00000000-0000-4000-8000-000000000000", name: "  Mine " });
    expect(ok.success && ok.data.name).toBe("Mine");
    const bad = renameFormSchema.safeParse({ intent: "rename", id: "nope", name: " " });
    expect(bad.success ? [] : bad.error.issues.map((i) => i.message).sort()).toEqual(["validation.invalid", "validation.required"]);
  });
});
