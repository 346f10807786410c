import { describe, expect, it } from "vitest";
import type { Refusal } from "~/domain/result";
import { api, problemError } from "./api.server";

/** The response a route gives when it throws the refusal's ApiError. */
async function respond(problem: Refusal) {
  const response = await api(() => {
    throw problemError(problem);
  })({});
  return { status: response.status, body: await response.json() };
}

describe("problemError", () => {
  it("answers a refusal with its status and { error: { code, message, path } }", async () => {
    expect(await respond({ status: 400, code: "unknown-line", message: 'unknown product line "x"', path: "line" })).toEqual({
      status: 400,
      body: { error: { code: "unknown-line", message: 'unknown product line "x"', path: "line" } },
    });
  });

  it("leaves the path out when the refusal has none", async () => {
    expect(await respond({ status: 409, code: "stale", message: "changed meanwhile" })).toEqual({ status: 409, body: { error: { code: "stale", message: "changed meanwhile" } } });
  });

  it("adds what the client needs to recover: every problem the engine found, the server's total", async () => {
    const problems = [{ code: "missing-required" as const, target: "paint", message: "choose a paint" }];
    expect(await respond({ status: 422, code: "invalid-configuration", message: "not complete", path: "choices", problems })).toEqual({
      status: 422,
      body: { error: { code: "invalid-configuration", message: "not complete", path: "choices", problems } },
    });
    expect(await respond({ status: 409, code: "price-changed", message: "the price is now 120", path: "expectedTotal", total: 120 })).toEqual({
      status: 409,
      body: { error: { code: "price-changed", message: "the price is now 120", path: "expectedTotal", total: 120 } },
    });
  });
});
