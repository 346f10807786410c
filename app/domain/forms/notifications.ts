/**
 * The notification centre's forms: mark everything the page showed read (up
 * to its newest id, so one that arrived since stays unread), or one
 * notification read.
 */
import { z } from "zod";
import { FORM_MESSAGES } from "./auth";

const notificationId = z.coerce
  .number({ invalid_type_error: FORM_MESSAGES.invalid, required_error: FORM_MESSAGES.required })
  .int(FORM_MESSAGES.invalid)
  .min(1, FORM_MESSAGES.invalid)
  .max(Number.MAX_SAFE_INTEGER, FORM_MESSAGES.invalid);

export const markReadSchema = z.object({ upTo: notificationId });

export const markOneReadSchema = z.object({ id: notificationId });

/** One of the two: a form with `id` marks that one, a form with `upTo` marks all up to it. */
export const notificationActionSchema = z.union([markOneReadSchema, markReadSchema], { errorMap: () => ({ message: FORM_MESSAGES.invalid }) });
