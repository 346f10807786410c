/**
 * The dealers' JSON API bodies and queries (POST /api/v1/customers,
 * POST /api/v1/quotes, GET /api/v1/quotes and /customers; docs/api.md,
 * "Dealers"). Shape and bounds only: whether a customer is the dealership's,
 * whether the configuration is buildable and whether the discount fits the
 * price are the repository's answers. Unknown fields are refused.
 */
import { z } from "zod";
import { DISCOUNT_KINDS } from "../quotes";
import { emailSchema, FORM_MESSAGES, nameSchema, SINGLE_LINE } from "./auth";
import { codeSchema, LIMITS, marketSchema } from "./configuration";
import { justificationSchema } from "./dealer";
import { contactSchema } from "./order";

export const customerBodySchema = z
  .object({
    name: nameSchema,
    email: emailSchema,
    phone: contactSchema.shape.phone.optional(),
    /** Whether the customer agreed to be contacted by the dealership: required, so it is always a decision. */
    consentToContact: z.boolean(),
  })
  .strict();
export type CustomerBody = z.infer<typeof customerBodySchema>;

/** A discount as the API takes it: basis points (500 = 5 %) or minor units of the market's currency. */
export const discountBodySchema = z
  .object({
    kind: z.enum(DISCOUNT_KINDS),
    // Any safe integer: a negative one or one above the price is the repository's clear 400.
    value: z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER),
  })
  .strict();

export const quoteBodySchema = z
  .object({
    /** The customer's id (from GET/POST /api/v1/customers). */
    customer: z.string().min(1).max(100),
    line: codeSchema,
    choices: z.array(codeSchema).max(LIMITS.choices),
    texts: z
      .record(codeSchema, z.string().max(LIMITS.textLength))
      .refine((texts) => Object.keys(texts).length <= LIMITS.texts, { message: `at most ${LIMITS.texts} texts` })
      .default({}),
    /** The market the quote is priced in; the dealership's own when absent. */
    market: marketSchema.optional(),
    discount: discountBodySchema.default({ kind: "percent", value: 0 }),
    /** Why the discount is above the caller's cap, for the sales manager; kept only when it needs approval. */
    justification: justificationSchema.optional(),
  })
  .strict();
export type QuoteBody = z.infer<typeof quoteBodySchema>;

/** POST /api/v1/quotes/<number>/send: the quote's lock as last read (`lockVersion`). */
export const sendQuoteBodySchema = z.object({ expectedLock: z.number().int().min(1).max(2 ** 31 - 1) }).strict();

const flag = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

export const quoteListQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    /** Only quotes whose newest version's discount waits for approval. */
    pending: flag.default("false"),
    /** Only this customer's quotes. */
    customer: z.string().min(1).max(100).optional(),
  })
  .strict();

export const customerListQuerySchema = z
  .object({
    q: z.string().max(100).regex(SINGLE_LINE, FORM_MESSAGES.invalid).default(""),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
