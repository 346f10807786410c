/**
 * The dealers' forms on the tablet, shared by the form (conform, in the
 * browser) and the route's action (which parses again before anything
 * touches the database): customer search and creation, a quote's discount
 * and configuration, and the quote page's actions (send, approve or reject,
 * sign, order).
 *
 * Messages are i18n keys (`validation.*`, `quotes.errors.*`) so the tablet
 * shows them in the dealer's language.
 */
import { z } from "zod";
import { MARKETS, type Market } from "../catalog";
import { discountRefusal, DISCOUNT_KINDS, MAX_APPROVAL_NOTE, type Discount } from "../quotes";
import { emailSchema, FORM_MESSAGES, nameSchema, SINGLE_LINE } from "./auth";
import { codeSchema, configureHref, LIMITS } from "./configuration";
import { contactSchema } from "./order";

export const DEALER_MESSAGES = {
  discountFormat: "quotes.errors.discountFormat",
  negative: "quotes.errors.negative",
  abovePrice: "quotes.errors.abovePrice",
  tooPrecise: "quotes.errors.tooPrecise",
  configuration: "quotes.errors.configuration",
  signatureEmpty: "signature.errors.empty",
  signatureInvalid: "signature.errors.invalid",
} as const;

const text = () => z.string({ required_error: FORM_MESSAGES.required, invalid_type_error: FORM_MESSAGES.invalid });

/** The customer search box: anything up to 100 characters (empty lists everyone). */
export const customerSearchSchema = z.object({ q: z.string().max(100, FORM_MESSAGES.tooLong).regex(SINGLE_LINE, FORM_MESSAGES.invalid).default("") });

/** A phone number as people type it: digits, spaces, + ( ) . / - */
export const phoneSchema = text()
  .trim()
  .max(40, FORM_MESSAGES.tooLong)
  .regex(/^\+?[0-9 ()./-]{4,40}$/, FORM_MESSAGES.invalid);

/** The minimum a dealer records for a new customer, and whether they agreed to be contacted. */
export const newCustomerSchema = z.object({
  name: nameSchema,
  email: emailSchema,
  phone: phoneSchema.optional(),
  // A checkbox: conform turns "on" into true; absent means no consent.
  consent: z.boolean().default(false),
});
export type NewCustomerForm = z.infer<typeof newCustomerSchema>;

/** A customer id in an address or form (a UUID; anything else is "not yours"). */
export const customerIdSchema = z.string().uuid();

/**
 * A discount as typed: a decimal number (point or comma), a percentage with
 * up to 2 decimals or an amount with the market's minor digits. Converted to
 * basis points or minor units; the domain's refusals (below zero, above the
 * price) come back as message keys.
 */
export function parseDiscount(kind: Discount["kind"], input: string, market: Market, listNet?: number): { ok: true; discount: Discount } | { ok: false; message: string } {
  const typed = input.trim().replace(",", ".");
  if (typed === "") return { ok: true, discount: { kind, value: 0 } };
  const m = /^(-?)(\d{1,15})(?:\.(\d+))?$/.exec(typed);
  if (!m) return { ok: false, message: DEALER_MESSAGES.discountFormat };
  if (m[1] === "-" && /[1-9]/.test(typed)) return { ok: false, message: DEALER_MESSAGES.negative };
  const digits = kind === "percent" ? 2 : MARKETS[market].minorDigits;
  const fraction = (m[3] ?? "").replace(/0+$/, "");
  if (fraction.length > digits) return { ok: false, message: DEALER_MESSAGES.tooPrecise };
  const value = Number(m[2]) * 10 ** digits + Number(fraction.padEnd(digits, "0") || "0");
  if (!Number.isSafeInteger(value)) return { ok: false, message: DEALER_MESSAGES.abovePrice };
  const discount: Discount = { kind, value };
  const refusal = discountRefusal(discount, listNet ?? Number.MAX_SAFE_INTEGER);
  if (refusal) return { ok: false, message: refusal.code === "negative" ? DEALER_MESSAGES.negative : refusal.code === "above-price" ? DEALER_MESSAGES.abovePrice : DEALER_MESSAGES.discountFormat };
  return { ok: true, discount };
}

/** A discount written back into the field (the inverse of parseDiscount). */
export function formatDiscountInput(discount: Discount, market: Market): string {
  const digits = discount.kind === "percent" ? 2 : MARKETS[market].minorDigits;
  if (discount.value === 0) return "";
  const whole = Math.floor(discount.value / 10 ** digits);
  const fraction = String(discount.value % 10 ** digits).padStart(digits, "0").replace(/0+$/, "");
  return fraction ? `${whole}.${fraction}` : String(whole);
}

/**
 * A quote's newest version as the editor starts from it (configuration, the
 * discount as typed) with the lock and version it has on the server: what a
 * save refused as stale answers, so the dealer can compare it with theirs.
 */
export interface QuoteOnServer {
  lock: number;
  version: number;
  choices: string[];
  texts: Record<string, string>;
  discountKind: Discount["kind"];
  discountValue: string;
}

/** The configuration as the quote form carries it: codes joined by commas, texts as JSON. */
const choicesField = z
  .string()
  .max(LIMITS.choices * (LIMITS.codeLength + 1), FORM_MESSAGES.tooLong)
  .default("")
  .transform((s) => s.split(",").filter((c) => c !== ""))
  .pipe(z.array(codeSchema, { message: DEALER_MESSAGES.configuration }).max(LIMITS.choices));

const textsField = z
  .string()
  .max(LIMITS.texts * (LIMITS.textLength + LIMITS.codeLength + 8), FORM_MESSAGES.tooLong)
  .default("{}")
  .transform((s, ctx) => {
    try {
      return JSON.parse(s) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: DEALER_MESSAGES.configuration });
      return z.NEVER;
    }
  })
  .pipe(
    z
      .record(codeSchema, z.string().max(LIMITS.textLength), { message: DEALER_MESSAGES.configuration })
      .refine((texts) => Object.keys(texts).length <= LIMITS.texts, DEALER_MESSAGES.configuration),
  );

/**
 * The dealer's justification of a discount above their cap, for the sales
 * manager: free text over lines (no other control characters), bounded.
 */
export const justificationSchema = z
  .string({ invalid_type_error: FORM_MESSAGES.invalid })
  .trim()
  .max(MAX_APPROVAL_NOTE, FORM_MESSAGES.tooLong)
  .regex(/^(?:[^\p{Cc}]|[\n\r\t])*$/u, FORM_MESSAGES.invalid);

export const lockSchema = z.coerce.number({ invalid_type_error: FORM_MESSAGES.invalid }).int().min(1).max(2 ** 31 - 1);

/** "Save quote" on the configurator: the configuration, the discount as typed, and (editing) the lock the page was loaded with. */
export const quoteFormSchema = z.object({
  line: codeSchema,
  choices: choicesField,
  texts: textsField,
  discountKind: z.enum(DISCOUNT_KINDS, { message: FORM_MESSAGES.invalid }).default("percent"),
  discountValue: z.string().max(30, FORM_MESSAGES.tooLong).default(""),
  expectedLock: lockSchema.optional(),
  /** Kept with the version when its discount needs approval. */
  justification: justificationSchema.optional(),
});
export type QuoteForm = z.infer<typeof quoteFormSchema>;

const comment = z.string().trim().max(MAX_APPROVAL_NOTE, FORM_MESSAGES.tooLong).regex(SINGLE_LINE, FORM_MESSAGES.invalid).default("");

/** The quote page's forms, one `intent` each. */
export const quoteActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("send"), expectedLock: lockSchema }),
  z.object({ intent: z.literal("approve"), expectedLock: lockSchema, comment }),
  // A rejection's comment may not be blank: the repository says so (rejectionRefusal), on the comment field.
  z.object({ intent: z.literal("reject"), expectedLock: lockSchema, comment }),
  z.object({
    intent: z.literal("sign"),
    expectedLock: lockSchema,
    // The server's repository checks the characters and that a stroke was drawn; here: present and bounded.
    signature: text().trim().min(1, DEALER_MESSAGES.signatureEmpty).max(100_000, DEALER_MESSAGES.signatureInvalid),
  }),
  contactSchema.extend({ intent: z.literal("order"), version: z.coerce.number().int().min(1).max(100_000) }),
]);
export type QuoteAction = z.infer<typeof quoteActionSchema>;

/** The configurator's query (`c=…&t.<field>=…`) of a configuration, without the "?". */
function configurationQuery(line: string, choices: readonly string[], texts: Readonly<Record<string, string>>): string {
  const href = configureHref(line, choices, texts);
  const i = href.indexOf("?");
  return i >= 0 ? href.slice(i + 1) : "";
}

/** /dealer/quotes/new/<line>?customer=<id>&c=…: a new quote in the configurator. */
export function newQuoteHref(customerId: string, line: string, choices: readonly string[], texts: Readonly<Record<string, string>>): string {
  const query = configurationQuery(line, choices, texts);
  return `/dealer/quotes/new/${encodeURIComponent(line)}?${new URLSearchParams({ customer: customerId })}${query ? `&${query}` : ""}`;
}

/** /dealer/quotes/<number>/edit?c=…: a quote's next version in the configurator. */
export function editQuoteHref(number: string, line: string, choices: readonly string[], texts: Readonly<Record<string, string>>): string {
  const query = configurationQuery(line, choices, texts);
  return `/dealer/quotes/${encodeURIComponent(number)}/edit${query ? `?${query}` : ""}`;
}
