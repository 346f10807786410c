/**
 * /planning/sequence as input (decision 049): which line and day, and the
 * page's forms — move a car, lock it, optimise with a time budget, publish,
 * discard the draft, the line's plant settings. Shape and bounds only.
 */
import { z } from "zod";
import { isIsoDay } from "../orders";
import { FORM_MESSAGES } from "./auth";
import { codeSchema } from "./configuration";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const day = z.string().refine(isIsoDay, "sequence.problems.day");
const order = z.string().regex(UUID, FORM_MESSAGES.invalid);

/** The time budgets the page offers for one optimisation (seconds). */
export const BUDGET_SECONDS = { min: 2, max: 20, default: 5 } as const;

/** The plant's orders of criteria that can be chosen (most important first). */
export const OBJECTIVE_ORDERS = ["high,paint,low", "high,low,paint", "paint,high,low"] as const;

export const sequenceParamsSchema = z.object({
  line: codeSchema.optional(),
  day: day.optional(),
});

export const sequenceActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("move"), line: codeSchema, day, order, to: z.coerce.number({ message: FORM_MESSAGES.invalid }).int(FORM_MESSAGES.invalid).min(0, FORM_MESSAGES.invalid).max(100_000, FORM_MESSAGES.invalid) }),
    z.object({ intent: z.literal("lock"), line: codeSchema, day, order, locked: z.enum(["0", "1"], { message: FORM_MESSAGES.invalid }) }),
    z.object({
      intent: z.literal("optimise"),
      line: codeSchema,
      day,
      budget: z.coerce
        .number({ message: "sequence.problems.budget" })
        .int("sequence.problems.budget")
        .min(BUDGET_SECONDS.min, "sequence.problems.budget")
        .max(BUDGET_SECONDS.max, "sequence.problems.budget"),
    }),
    z.object({ intent: z.literal("publish"), line: codeSchema, day }),
    z.object({ intent: z.literal("discard"), line: codeSchema, day }),
    z.object({
      intent: z.literal("rules"),
      line: codeSchema,
      day: day.optional(),
      stations: z.string().max(5000, FORM_MESSAGES.tooLong),
      paintFeature: z.union([z.literal(""), codeSchema]),
      paintBatchLimit: z.union([z.literal(""), z.coerce.number({ message: "sequence.problems.batch" }).int("sequence.problems.batch").min(1, "sequence.problems.batch").max(1000, "sequence.problems.batch")]),
      objectives: z.enum(OBJECTIVE_ORDERS, { message: FORM_MESSAGES.invalid }),
    }),
  ],
  { errorMap: () => ({ message: FORM_MESSAGES.invalid }) },
);
export type SequenceAction = z.infer<typeof sequenceActionSchema>;
