/**
 * The customer's forms on an order: cancel it, start changing its
 * configuration, confirm a change (with the order's version and the new total
 * the customer saw) and rate a delivered order. (Marking notifications read
 * is the notification centre's: ./notifications.ts.)
 */
import { z } from "zod";
import { FORM_MESSAGES } from "./auth";
import { feedbackFields } from "./customer-file";
import { LIMITS } from "./configuration";

const whole = (max: number) =>
  z.coerce
    .number({ invalid_type_error: FORM_MESSAGES.invalid, required_error: FORM_MESSAGES.required })
    .int(FORM_MESSAGES.invalid)
    .min(0, FORM_MESSAGES.invalid)
    .max(max, FORM_MESSAGES.invalid);

export const orderActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("cancel"), expectedVersion: whole(2_147_483_647) }),
    z.object({ intent: z.literal("edit") }),
    z.object({ intent: z.literal("feedback"), ...feedbackFields }),
  ],
  { errorMap: () => ({ message: FORM_MESSAGES.invalid }) },
);

export const confirmChangeSchema = z.object({
  intent: z.literal("confirm", { errorMap: () => ({ message: FORM_MESSAGES.invalid }) }),
  expectedVersion: whole(2_147_483_647),
  expectedTotal: whole(Number.MAX_SAFE_INTEGER),
  catalogVersion: z
    .string({ required_error: FORM_MESSAGES.required })
    .min(1, FORM_MESSAGES.required)
    .max(LIMITS.versionLength, FORM_MESSAGES.tooLong),
});

/** Confirm the change, or stop changing the order (the configurator forgets which order it was changing). */
export const changeActionSchema = z.discriminatedUnion(
  "intent",
  [confirmChangeSchema, z.object({ intent: z.literal("abandon") })],
  { errorMap: () => ({ message: FORM_MESSAGES.invalid }) },
);
