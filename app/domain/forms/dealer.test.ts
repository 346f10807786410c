/**
 * The dealers' form schemas and the discount as typed: what the tablet and
 * the server both accept, and the message each refusal shows.
 */
import { describe, expect, it } from "vitest";
import { customerSearchSchema, editQuoteHref, formatDiscountInput, newCustomerSchema, newQuoteHref, parseDiscount, quoteActionSchema, quoteFormSchema } from "./dealer";
import { quoteListParamsSchema } from "./dealer-lists";

describe("parseDiscount", () => {
  it("reads percentages as basis points and amounts as minor units of the market", () => {
    expect(parseDiscount("percent", "5", "DE")).toEqual({ ok: true, discount: { kind: "percent", value: 500 } });
    expect(parseDiscount("percent", " 7,25 ", "DE")).toEqual({ ok: true, discount: { kind: "percent", value: 725 } });
    expect(parseDiscount("amount", "1200.5", "DE")).toEqual({ ok: true, discount: { kind: "amount", value: 120050 } });
    expect(parseDiscount("amount", "150000", "JP")).toEqual({ ok: true, discount: { kind: "amount", value: 150000 } });
    expect(parseDiscount("percent", "", "DE")).toEqual({ ok: true, discount: { kind: "percent", value: 0 } });
  });

  it("refuses negative, above-price, too precise and unreadable discounts with their message", () => {
    expect(parseDiscount("percent", "-5", "DE")).toEqual({ ok: false, message: "quotes.errors.negative" });
    expect(parseDiscount("percent", "100.01", "DE")).toEqual({ ok: false, message: "quotes.errors.abovePrice" });
    expect(parseDiscount("amount", "1000.01", "DE", 100000)).toEqual({ ok: false, message: "quotes.errors.abovePrice" });
    expect(parseDiscount("amount", "1000", "DE", 100000)).toMatchObject({ ok: true });
    expect(parseDiscount("amount", "10.5", "JP")).toEqual({ ok: false, message: "quotes.errors.tooPrecise" });
    expect(parseDiscount("percent", "5.125", "DE")).toEqual({ ok: false, message: "quotes.errors.tooPrecise" });
    for (const bad of ["five", "5%", "1e3", "--5", "5.", "."]) expect(parseDiscount("percent", bad, "DE"), bad).toEqual({ ok: false, message: "quotes.errors.discountFormat" });
  });

  it("writes a discount back into the field as it reads it", () => {
    for (const [kind, text, market] of [
      ["percent", "7.25", "DE"],
      ["percent", "10", "DE"],
      ["amount", "1200.5", "DE"],
      ["amount", "150000", "JP"],
    ] as const) {
      const parsed = parseDiscount(kind, text, market);
      if (!parsed.ok) throw new Error(text);
      expect(formatDiscountInput(parsed.discount, market)).toBe(text);
    }
    expect(formatDiscountInput({ kind: "percent", value: 0 }, "DE")).toBe("");
  });
});

describe("schemas", () => {
  it("a new customer needs a name and an email; phone and consent are optional", () => {
    expect(newCustomerSchema.safeParse({ name: "Lena", email: "LENA@example.test" })).toMatchObject({ success: true, data: { email: "lena@example.test", consent: false } });
    expect(newCustomerSchema.safeParse({ name: "Lena", email: "lena@example.test", phone: "+49 (89) 555-01", consent: true }).success).toBe(true);
    expect(newCustomerSchema.safeParse({ name: "", email: "lena" }).success).toBe(false);
    expect(newCustomerSchema.safeParse({ name: "Lena", email: "lena@example.test", phone: "ring me" }).success).toBe(false);
  });

  it("the quote form carries codes joined by commas and texts as JSON", () => {
    const parsed = quoteFormSchema.parse({ line: "sedan-a6l", choices: "PQD,VT7", texts: '{"inscription":"FOR ANNA"}', discountValue: "5", expectedLock: "3" });
    expect(parsed).toEqual({ line: "sedan-a6l", choices: ["PQD", "VT7"], texts: { inscription: "FOR ANNA" }, discountKind: "percent", discountValue: "5", expectedLock: 3 });
    expect(quoteFormSchema.safeParse({ line: "sedan-a6l", choices: "PQD,<b>", texts: "{}" }).success).toBe(false);
    expect(quoteFormSchema.safeParse({ line: "sedan-a6l", texts: "[1]" }).success).toBe(false);
    expect(quoteFormSchema.safeParse({ line: "sedan-a6l", texts: "{" }).success).toBe(false);
  });

  it("the quote page's actions: an empty signature is refused with its message", () => {
    const empty = quoteActionSchema.safeParse({ intent: "sign", expectedLock: "2", signature: "  " });
    expect(empty.success).toBe(false);
    expect(empty.error?.issues[0]?.message).toBe("signature.errors.empty");
    expect(quoteActionSchema.safeParse({ intent: "send", expectedLock: "0" }).success).toBe(false);
    expect(quoteActionSchema.safeParse({ intent: "burn", expectedLock: "2" }).success).toBe(false);
  });

  it("links open the configurator for a new quote or the next version", () => {
    expect(newQuoteHref("c-1", "sedan-a6l", ["PQD", "VT7"], { inscription: "A B" })).toBe("/dealer/quotes/new/sedan-a6l?customer=c-1&c=PQD%2CVT7&t.inscription=A+B");
    expect(editQuoteHref("Q-0000042", "sedan-a6l", [], {})).toBe("/dealer/quotes/Q-0000042/edit");
  });
});

describe("search fields", () => {
  it("refuse control characters (PostgreSQL's text can't hold NUL: it was a 500) and keep ordinary text", () => {
    for (const schema of [customerSearchSchema, quoteListParamsSchema]) {
      expect(schema.safeParse({ q: "Clara\u0000" }).success).toBe(false);
      expect(schema.safeParse({ q: "Q-0000003\u0007" }).success).toBe(false);
      expect(schema.safeParse({ q: "Clara Becker" }).success).toBe(true);
    }
  });
});
