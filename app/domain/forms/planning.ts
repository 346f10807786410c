/**
 * The planners' pages as input: the queue's filters, sort and page (URL
 * search params), the demand view's range, and the forms on an order's
 * detail and the capacity page. Shape and bounds only; whether a day has
 * room or an order may move is the server's answer.
 *
 * Search params come in as strings; an empty field of a GET form ("status=")
 * means "no filter". Messages are i18n keys.
 */
import { z } from "zod";
import { addDays, isIsoDay, ORDER_STATUSES, REASON_MAX_LENGTH, weekOf } from "../orders";
import { HOLIDAY_NAME_MAX_LENGTH, MAX_SHIFTS, normalizeWorkingDays } from "../calendar";
import { FORM_MESSAGES, SINGLE_LINE } from "./auth";
import { codeSchema } from "./configuration";

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const day = z.string().refine(isIsoDay, FORM_MESSAGES.invalid);

export const QUEUE_SORTS = ["ordered", "build", "number", "tier"] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];
export const SORT_DIRECTIONS = ["asc", "desc"] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

/** What each sort starts with: newest orders first, earliest build dates first, highest priority first. */
export const DEFAULT_DIRECTION: Record<QueueSort, SortDirection> = { ordered: "desc", build: "asc", number: "desc", tier: "asc" };

export const PAGE_SIZES = [25, 50, 100, 200] as const;

/**
 * Under an option-code filter the queue counts at most this many orders;
 * past it, it shows "1000+" (decision 052): counting them costs reading that
 * many orders, at any size of the table.
 */
export const QUEUE_COUNT_CAP = 1_000;
export const DEFAULT_PAGE_SIZE = 50;

/** An opaque page cursor: base64url, bounded. */
const cursor = z.string().max(400).regex(/^[A-Za-z0-9_-]+$/, "queue.problems.badCursor");

export const queueParamsSchema = z
  .object({
    status: optional(z.enum(ORDER_STATUSES, { errorMap: () => ({ message: "queue.problems.badStatus" }) })),
    line: optional(codeSchema),
    /** Any day of the build week; kept as that week's Monday. */
    week: optional(day.transform(weekOf)),
    /** A dealership's id, or "none" for orders placed directly. */
    dealership: optional(z.string().refine((v) => v === "none" || UUID.test(v), "queue.problems.badDealership")),
    /** A value code the order's configuration contains. */
    code: optional(codeSchema),
    sort: z.preprocess(blankToUndefined, z.enum(QUEUE_SORTS, { errorMap: () => ({ message: "queue.problems.badSort" }) }).default("ordered")),
    dir: optional(z.enum(SORT_DIRECTIONS, { errorMap: () => ({ message: "queue.problems.badSort" }) })),
    after: optional(cursor),
    before: optional(cursor),
    size: z.preprocess(
      blankToUndefined,
      z.coerce
        .number({ invalid_type_error: "queue.problems.badSize" })
        .int("queue.problems.badSize")
        .refine((n) => (PAGE_SIZES as readonly number[]).includes(n), "queue.problems.badSize")
        .default(DEFAULT_PAGE_SIZE),
    ),
  })
  .refine((p) => !(p.after && p.before), { message: "queue.problems.badCursor", path: ["after"] })
  .transform((p) => ({ ...p, dir: p.dir ?? DEFAULT_DIRECTION[p.sort] }));
export type QueueParams = z.infer<typeof queueParamsSchema>;
export type QueueFilters = Pick<QueueParams, "status" | "line" | "week" | "dealership" | "code">;

/** The first message of a failed parse (an i18n key) and the field it is about. */
export function firstIssue(error: z.ZodError): { field: string; message: string } {
  const issue = error.issues[0];
  return { field: issue?.path.join(".") ?? "", message: issue?.message ?? FORM_MESSAGES.invalid };
}

/** URLSearchParams → a plain object of their first values (repeated keys are not meaningful here). */
export function paramsObject(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of params) if (!(key in out)) out[key] = value;
  return out;
}

/** A submitted form's text fields (first value of each; files are not expected and are left out). */
export function formFields(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === "string" && !(key in out)) out[key] = value;
  return out;
}

export const DEMAND_PERIODS = ["day", "week"] as const;
export type DemandPeriod = (typeof DEMAND_PERIODS)[number];
export const MAX_DEMAND_DAYS = 366;

/** /planning/demand: a range of build days (default: from tomorrow, four weeks), per day or per week, optionally one line and one module family. */
export function demandParamsSchema(today: string) {
  return z
    .object({
      from: z.preprocess(blankToUndefined, day.default(addDays(today, 1))),
      to: optional(day),
      period: z.preprocess(blankToUndefined, z.enum(DEMAND_PERIODS, { errorMap: () => ({ message: "demand.problems.badPeriod" }) }).default("day")),
      line: optional(codeSchema),
      /** One module family to chart module by module (app/domain/demand.ts). */
      family: optional(z.string().regex(/^[A-Za-z0-9_.]{1,40}$/, "demand.problems.badFamily")),
    })
    .transform((p) => ({ ...p, to: p.to ?? addDays(p.from, 27) }))
    .refine((p) => p.to >= p.from, { message: "demand.problems.badRange", path: ["to"] })
    .refine((p) => p.to <= addDays(p.from, MAX_DEMAND_DAYS - 1), { message: "demand.problems.tooLong", path: ["to"] });
}
export type DemandParams = z.infer<ReturnType<typeof demandParamsSchema>>;

const version = z.coerce.number({ invalid_type_error: FORM_MESSAGES.invalid, required_error: FORM_MESSAGES.required }).int(FORM_MESSAGES.invalid).min(1, FORM_MESSAGES.invalid).max(2_147_483_647, FORM_MESSAGES.invalid);

/**
 * Why (trimmed; blank is none). Whether a move needs one is the transition
 * rule's answer (app/domain/orders.ts), not the form's: here only its length.
 */
const reason = z.preprocess(
  (value) => (typeof value === "string" ? value.trim() : value),
  z.string({ invalid_type_error: FORM_MESSAGES.invalid }).max(REASON_MAX_LENGTH, FORM_MESSAGES.tooLong).optional(),
).transform((value) => (value ? value : undefined));

/** The forms on /planning/orders/<number>; `version` is the order's version the page showed. */
export const orderActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("schedule"), version, buildDate: z.string({ required_error: FORM_MESSAGES.required }).refine(isIsoDay, FORM_MESSAGES.invalid), reason }),
    z.object({ intent: z.literal("advance"), version, to: z.enum(ORDER_STATUSES, { errorMap: () => ({ message: FORM_MESSAGES.invalid }) }), reason }),
    z.object({ intent: z.literal("cancel"), version, reason }),
    /** Start production today, moving the build date to today. */
    z.object({ intent: z.literal("pull-ahead"), version, reason }),
  ],
  { errorMap: () => ({ message: FORM_MESSAGES.invalid }) },
);
export type OrderAction = z.infer<typeof orderActionSchema>;

/** An order number as pages show it ("AT-0000042"). */
const ORDER_NUMBER = /^AT-\d{7,12}$/;

/** Most orders one bulk action takes: the queue's largest page. */
export const MAX_BULK_ORDERS = Math.max(...PAGE_SIZES);

/** The field carrying the version the page showed for a selected order (one hidden field per row). */
export const bulkVersionField = (number: string) => `version:${number}`;

const selection = z
  .array(z.object({ number: z.string().regex(ORDER_NUMBER, "queue.bulk.problems.badNumber"), version }), { required_error: "queue.bulk.problems.noneSelected" })
  .min(1, "queue.bulk.problems.noneSelected")
  .max(MAX_BULK_ORDERS, "queue.bulk.problems.tooMany");

/**
 * The bulk form on /planning: the selected rows (checkboxes named "number",
 * each with its row's version) and what to do with them. Exporting the
 * selection is a GET to /planning/queue.csv, not a post.
 */
export const bulkActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("bulk-schedule"), orders: selection, buildDate: z.string({ required_error: FORM_MESSAGES.required }).refine(isIsoDay, FORM_MESSAGES.invalid), reason }),
    z.object({ intent: z.literal("bulk-autoschedule"), orders: selection }),
    z.object({ intent: z.literal("bulk-move"), orders: selection, to: z.enum(ORDER_STATUSES, { errorMap: () => ({ message: FORM_MESSAGES.invalid }) }), reason }),
  ],
  { errorMap: () => ({ message: FORM_MESSAGES.invalid }) },
);
export type BulkAction = z.infer<typeof bulkActionSchema>;

/** The bulk form's fields as the schema reads them: each checked number (once) with its version field. */
export function bulkFields(form: FormData): Record<string, unknown> {
  const fields: Record<string, unknown> = formFields(form);
  const numbers = [...new Set(form.getAll("number").filter((n): n is string => typeof n === "string"))];
  fields.orders = numbers.map((number) => ({ number, version: form.get(bulkVersionField(number)) ?? undefined }));
  return fields;
}

/** The numbers of a selection export (`?number=…&number=…` on /planning/queue.csv); an empty list is no selection. */
export const exportSelectionSchema = z
  .array(z.string().regex(ORDER_NUMBER, "queue.bulk.problems.badNumber"))
  .max(MAX_BULK_ORDERS, "queue.bulk.problems.tooMany");

const units = z.coerce
  .number({ invalid_type_error: FORM_MESSAGES.invalid, required_error: FORM_MESSAGES.required })
  .int(FORM_MESSAGES.invalid)
  .min(0, "capacity.problems.units")
  .max(100_000, "capacity.problems.units");

const shifts = z.coerce
  .number({ invalid_type_error: "capacity.problems.shifts", required_error: FORM_MESSAGES.required })
  .int("capacity.problems.shifts")
  .min(1, "capacity.problems.shifts")
  .max(MAX_SHIFTS, "capacity.problems.shifts");

/** Ticked weekdays ("1" = Monday … "7" = Sunday); at least one, or the line would never build. */
const workingDays = z
  .array(z.coerce.number({ invalid_type_error: FORM_MESSAGES.invalid }).int(FORM_MESSAGES.invalid).min(1, FORM_MESSAGES.invalid).max(7, FORM_MESSAGES.invalid), {
    invalid_type_error: FORM_MESSAGES.invalid,
  })
  .min(1, "capacity.problems.noWorkingDays")
  .transform((days) => normalizeWorkingDays(days));

const holidayName = z.preprocess(
  (value) => (typeof value === "string" ? value.trim() : value),
  z
    .string({ required_error: FORM_MESSAGES.required, invalid_type_error: FORM_MESSAGES.invalid })
    .min(1, FORM_MESSAGES.required)
    .max(HOLIDAY_NAME_MAX_LENGTH, FORM_MESSAGES.tooLong)
    .regex(SINGLE_LINE, FORM_MESSAGES.invalid),
);

/**
 * The forms on /planning/capacity: a line's calendar (weekdays, shifts, units
 * per shift), a working day's own capacity (empty: back to the calendar's),
 * and holidays. `workingDays` comes from repeated checkboxes: the route
 * passes every value (see capacityFormFields).
 */
export const capacityActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("calendar"), line: codeSchema, workingDays, shifts, unitsPerShift: units }),
    z.object({ intent: z.literal("day"), line: codeSchema, day, units: z.preprocess(blankToUndefined, units.optional()) }),
    z.object({ intent: z.literal("reset"), line: codeSchema, day }),
    z.object({ intent: z.literal("holiday"), line: codeSchema, day, name: holidayName }),
    z.object({ intent: z.literal("open"), line: codeSchema, day }),
  ],
  { errorMap: () => ({ message: FORM_MESSAGES.invalid }) },
);
export type CapacityAction = z.infer<typeof capacityActionSchema>;

/** The capacity forms' fields: the first value of each, and every ticked weekday as `workingDays`. */
export function capacityFormFields(form: FormData): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = formFields(form);
  if (fields.intent === "calendar") fields.workingDays = form.getAll("workingDays").filter((v): v is string => typeof v === "string");
  return fields;
}

/** Every failed field and its message (an i18n key), the first one per field. */
export function fieldIssues(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "");
    if (!(field in out)) out[field] = issue.message;
  }
  return out;
}

/** /planning/capacity?weeks=: how many weeks ahead to show. */
export const capacityParamsSchema = z.object({
  weeks: z.preprocess(blankToUndefined, z.coerce.number({ invalid_type_error: "capacity.problems.weeks" }).int("capacity.problems.weeks").min(1, "capacity.problems.weeks").max(12, "capacity.problems.weeks").default(4)),
});
