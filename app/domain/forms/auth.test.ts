import { describe, expect, it } from "vitest";
import { FORM_MESSAGES, fieldErrors, signInSchema, signUpSchema } from "./auth";

function errorsOf(schema: typeof signUpSchema | typeof signInSchema, input: unknown) {
  const result = schema.safeParse(input);
  if (result.success) throw new Error(`expected a failure, got ${JSON.stringify(result.data)}`);
  return fieldErrors(result.error);
}

describe("sign-up schema", () => {
  const good = { email: "  Clara.Becker@Example.COM ", name: "  Clara Becker " };

  it("trims and lower-cases the email and trims the name; takes no password (the emailed link sets it)", () => {
    expect(signUpSchema.parse({ ...good, password: "ignored pw" })).toEqual({
      email: "clara.becker@example.com",
      name: "Clara Becker",
    });
  });

  it("names each missing field", () => {
    expect(errorsOf(signUpSchema, {})).toEqual({
      email: [FORM_MESSAGES.required],
      name: [FORM_MESSAGES.required],
    });
  });

  it("rejects a 10 KB email as too long, without running the pattern on it", () => {
    const email = `${"a".repeat(10_000)}@example.com`;
    expect(errorsOf(signUpSchema, { ...good, email })).toEqual({ email: [FORM_MESSAGES.tooLong] });
  });

  it.each(["not-an-email", "a@b", "@example.com", "a b@example.com", "a@@example.com"])(
    "rejects the malformed email %j",
    (email) => {
      expect(errorsOf(signUpSchema, { ...good, email })).toEqual({ email: [FORM_MESSAGES.email] });
    },
  );

  it("rejects wrong types per field", () => {
    expect(errorsOf(signUpSchema, { email: 42, name: { first: "C" } })).toEqual({
      email: [FORM_MESSAGES.invalid],
      name: [FORM_MESSAGES.invalid],
    });
  });

  it("bounds the name to 1–100 characters", () => {
    expect(errorsOf(signUpSchema, { ...good, name: "   " })).toEqual({ name: [FORM_MESSAGES.required] });
    expect(errorsOf(signUpSchema, { ...good, name: "n".repeat(101) })).toEqual({ name: [FORM_MESSAGES.tooLong] });
    expect(errorsOf(signUpSchema, { ...good, name: "Clara\u0000Becker" })).toEqual({ name: [FORM_MESSAGES.invalid] });
  });
});

describe("sign-in schema", () => {
  it("accepts any non-empty password up to 200 characters", () => {
    expect(signInSchema.parse({ email: "Dealer@Atelier.test", password: "x" })).toEqual({
      email: "dealer@atelier.test",
      password: "x",
    });
    expect(errorsOf(signInSchema, { email: "dealer@atelier.test", password: "" })).toEqual({
      password: [FORM_MESSAGES.required],
    });
    expect(errorsOf(signInSchema, { email: "dealer@atelier.test", password: "p".repeat(201) })).toEqual({
      password: [FORM_MESSAGES.tooLong],
    });
  });
});
