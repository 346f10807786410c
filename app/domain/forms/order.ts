/**
 * Orders as they arrive from outside: the checkout form (contact and delivery
 * details, terms, the total the customer saw, an idempotency key) and the
 * JSON API's body (POST /api/v1/orders). One contact schema serves both.
 *
 * Shape and bounds only; whether the configuration is buildable and what it
 * costs is the engine's answer on the server.
 */
import { z } from "zod";
import { isCountryCode } from "../countries";
import { isIsoDay } from "../orders";
import { emailSchema, FORM_MESSAGES, SINGLE_LINE } from "./auth";
import { codeSchema, LIMITS, marketSchema, versionIdSchema } from "./configuration";

const text = () => z.string({ required_error: FORM_MESSAGES.required, invalid_type_error: FORM_MESSAGES.invalid });
const line = (max: number) =>
  text()
    .trim()
    .min(1, FORM_MESSAGES.required)
    .max(max, FORM_MESSAGES.tooLong)
    .regex(SINGLE_LINE, FORM_MESSAGES.invalid);

/** An idempotency key: what clients commonly send (a UUID, or up to 200 visible ASCII characters). */
export const idempotencyKeySchema = text()
  .min(1, FORM_MESSAGES.required)
  .max(200, FORM_MESSAGES.tooLong)
  .regex(/^[\x21-\x7e]+$/, FORM_MESSAGES.invalid);

export const contactSchema = z.object({
  name: line(100),
  email: emailSchema,
  phone: text()
    .trim()
    .min(1, FORM_MESSAGES.required)
    .max(40, FORM_MESSAGES.tooLong)
    .regex(/^\+?[0-9 ()./-]{4,40}$/, FORM_MESSAGES.invalid),
  street: line(200),
  postalCode: line(20),
  city: line(100),
  /** ISO 3166-1 alpha-2. */
  country: text()
    .trim()
    .toUpperCase()
    .pipe(z.string().refine((code): boolean => isCountryCode(code), FORM_MESSAGES.invalid)),
});
export type Contact = z.infer<typeof contactSchema>;

/** A total in minor units as a form field (a string of digits) or a JSON number. */
const totalSchema = z.coerce
  .number({ invalid_type_error: FORM_MESSAGES.invalid, required_error: FORM_MESSAGES.required })
  .int(FORM_MESSAGES.invalid)
  .min(0, FORM_MESSAGES.invalid)
  .max(Number.MAX_SAFE_INTEGER, FORM_MESSAGES.invalid);

/** GET /api/v1/orders: how many of the newest. */
export const orderListQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });

/** POST /api/v1/orders. Unknown keys are refused. */
export const orderBodySchema = z
  .object({
    line: codeSchema,
    catalogVersion: versionIdSchema,
    choices: z.array(codeSchema).max(LIMITS.choices),
    texts: z
      .record(codeSchema, z.string().max(LIMITS.textLength))
      .refine((texts) => Object.keys(texts).length <= LIMITS.texts, { message: `at most ${LIMITS.texts} texts` })
      .default({}),
    market: marketSchema,
    expectedTotal: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    delivery: contactSchema.strict(),
  })
  .strict();
export type OrderBody = z.infer<typeof orderBodySchema>;

/** The checkout form: contact fields, terms, what the customer saw, and the key that makes a resubmit harmless. */
export const checkoutFormSchema = contactSchema.extend({
  terms: z.literal("on", { errorMap: () => ({ message: "validation.terms" }) }),
  expectedTotal: totalSchema,
  catalogVersion: text().min(1, FORM_MESSAGES.required).max(LIMITS.versionLength, FORM_MESSAGES.tooLong),
  idempotencyKey: idempotencyKeySchema,
});
export type CheckoutForm = z.infer<typeof checkoutFormSchema>;

/** A build date as a form field. */
export const daySchema = text().refine(isIsoDay, FORM_MESSAGES.invalid);
