import { describe, expect, it } from "vitest";
import type { Refusal } from "~/domain/result";
import { refusalReply, type FormReply, type RefusalWording } from "./form-reply.server";

const wording: RefusalWording = { messages: { stale: "quotes.errors.stale", "discount-negative": "quotes.errors.negative" }, fields: { discount: "discountValue" } };

function answer(problem: Refusal) {
  const reply = refusalReply(problem, wording);
  return { status: reply.init?.status, body: reply.data as FormReply };
}

describe("refusalReply", () => {
  it("answers with the refusal's status and its message key on the field of its path", () => {
    const problem: Refusal = { status: 400, code: "discount-negative", message: "a discount can't be below zero", path: "discount" };
    expect(answer(problem)).toEqual({
      status: 400,
      body: { status: "error", code: "discount-negative", message: "a discount can't be below zero", error: { discountValue: ["quotes.errors.negative"] } },
    });
  });

  it("puts a refusal without a known field on the form itself", () => {
    const problem: Refusal = { status: 409, code: "stale", message: "quote Q-1 was changed meanwhile", path: "expectedLock" };
    expect(answer(problem)).toEqual({ status: 409, body: { status: "error", code: "stale", message: "quote Q-1 was changed meanwhile", error: { "": ["quotes.errors.stale"] } } });
  });

  it("shows the English message for a code the page has no wording for", () => {
    const problem: Refusal = { status: 422, code: "something-new", message: "something new went wrong" };
    expect(answer(problem).body.error).toEqual({ "": ["something new went wrong"] });
  });
});
