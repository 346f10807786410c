/**
 * The API tokens page's forms (/account/api-tokens), told apart by the submit
 * button's `intent`: make a token with a label, or revoke one by id.
 */
import { z } from "zod";
import { FORM_MESSAGES, SINGLE_LINE } from "./auth";

const text = () => z.string({ required_error: FORM_MESSAGES.required, invalid_type_error: FORM_MESSAGES.invalid });

export const TOKEN_LABEL_MAX = 60;

/** What the token is for ("Dealer system", "Price check script"): trimmed, 1–60 characters, no control characters. */
export const tokenLabelSchema = text()
  .trim()
  .min(1, FORM_MESSAGES.required)
  .max(TOKEN_LABEL_MAX, FORM_MESSAGES.tooLong)
  .regex(SINGLE_LINE, FORM_MESSAGES.invalid);

export const createTokenFormSchema = z.object({ intent: z.literal("create"), label: tokenLabelSchema });
export const revokeTokenFormSchema = z.object({ intent: z.literal("revoke"), id: text().uuid(FORM_MESSAGES.invalid) });
export const apiTokenActionSchema = z.discriminatedUnion("intent", [createTokenFormSchema, revokeTokenFormSchema]);
export type ApiTokenAction = z.infer<typeof apiTokenActionSchema>;
