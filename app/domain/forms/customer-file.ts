/**
 * The customer file's forms: a customer's feedback on a delivered order (1–5
 * per aspect, one comment), a staff note, a sales manager's tier override.
 * Shared by the forms and the actions, so a bad value is a 400 on its field.
 */
import { z } from "zod";
import { CUSTOMER_TIERS } from "../roles";
import { FORM_MESSAGES } from "./auth";

/** Longest comment and note kept. */
export const FEEDBACK_COMMENT_MAX = 2000;
export const NOTE_MAX = 2000;
export const TIER_REASON_MAX = 500;

/** Text that may span lines but holds no other control characters (PostgreSQL's text can't hold NUL). */
const MULTI_LINE = /^[^\p{Cc}]*$/u;
const multiLine = (text: string) => MULTI_LINE.test(text.replace(/\r?\n|\t/g, " "));

/** The aspects a customer rates, in the form's order. */
export const FEEDBACK_ASPECTS = ["product", "dealer", "delivery"] as const;
export type FeedbackAspect = (typeof FEEDBACK_ASPECTS)[number];

const rating = z.coerce
  .number({ invalid_type_error: FORM_MESSAGES.invalid, required_error: FORM_MESSAGES.required })
  .int(FORM_MESSAGES.invalid)
  .min(1, FORM_MESSAGES.invalid)
  .max(5, FORM_MESSAGES.invalid);

export const feedbackFields = {
  product: rating,
  /** Absent for an order no dealership handled. */
  dealer: rating.optional(),
  delivery: rating,
  comment: z
    .string({ invalid_type_error: FORM_MESSAGES.invalid })
    .trim()
    .max(FEEDBACK_COMMENT_MAX, FORM_MESSAGES.tooLong)
    .refine(multiLine, FORM_MESSAGES.invalid)
    .optional(),
};
export const feedbackSchema = z.object(feedbackFields);
export type FeedbackInput = z.infer<typeof feedbackSchema>;

export const noteSchema = z.object({
  intent: z.literal("note", { errorMap: () => ({ message: FORM_MESSAGES.invalid }) }),
  body: z
    .string({ required_error: FORM_MESSAGES.required, invalid_type_error: FORM_MESSAGES.invalid })
    .trim()
    .min(1, FORM_MESSAGES.required)
    .max(NOTE_MAX, FORM_MESSAGES.tooLong)
    .refine(multiLine, FORM_MESSAGES.invalid),
});

export const tierOverrideSchema = z.object({
  intent: z.literal("tier", { errorMap: () => ({ message: FORM_MESSAGES.invalid }) }),
  tier: z.enum(CUSTOMER_TIERS, { errorMap: () => ({ message: FORM_MESSAGES.invalid }) }),
  reason: z
    .string({ required_error: FORM_MESSAGES.required, invalid_type_error: FORM_MESSAGES.invalid })
    .trim()
    .min(1, FORM_MESSAGES.required)
    .max(TIER_REASON_MAX, FORM_MESSAGES.tooLong)
    .refine(multiLine, FORM_MESSAGES.invalid),
});

/** What the customer file's page posts: a note, or (sales managers) a tier override. */
export const customerFileActionSchema = z.discriminatedUnion("intent", [noteSchema, tierOverrideSchema], {
  errorMap: () => ({ message: FORM_MESSAGES.invalid }),
});
