/**
 * The admins' forms for people and places (/admin/users, /admin/dealerships,
 * /admin/audit) and the public set-password page, shared by the pages and the
 * server. Messages are i18n keys (`validation.*`, `people.errors.*`).
 */
import { z } from "zod";
import { AUDIT_ACTIONS, AUDIT_SUBJECTS } from "../audit";
import { MARKET_CODES } from "../catalog";
import { isCountryCode } from "../countries";
import { DEALERSHIP_ROLES, ROLES, isStaff, type Role } from "../roles";
import { emailSchema, FORM_MESSAGES, nameSchema, newPasswordSchema, SINGLE_LINE } from "./auth";
import { phoneSchema } from "./dealer";

export const STAFF_ROLES = ROLES.filter(isStaff) as Exclude<Role, "customer">[];

const invalid = () => ({ errorMap: () => ({ message: FORM_MESSAGES.invalid }) });
const uuid = () => z.string({ required_error: FORM_MESSAGES.required }).trim().uuid(FORM_MESSAGES.invalid);
const optionalUuid = () => z.preprocess((v) => (v === "" || v === null ? undefined : v), z.string().trim().uuid(FORM_MESSAGES.invalid).optional());
const line = (max: number) => z.string().trim().max(max, FORM_MESSAGES.tooLong).regex(SINGLE_LINE, FORM_MESSAGES.invalid);
/** "" means "not given" for optional fields of plain HTML forms. */
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const staffRole = z.enum(STAFF_ROLES as [Exclude<Role, "customer">, ...Exclude<Role, "customer">[]], invalid());

/** Dealers and sales managers work at a dealership: their role can't be given without one. */
function needsDealership(form: { role: Role; dealershipId?: string }, ctx: z.RefinementCtx) {
  if ((DEALERSHIP_ROLES as readonly string[]).includes(form.role) && !form.dealershipId) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["dealershipId"], message: "people.errors.dealershipRequired" });
  }
}

export const inviteSchema = z.object({ email: emailSchema, name: nameSchema, role: staffRole, dealershipId: optionalUuid() }).superRefine(needsDealership);
export type InviteInput = z.infer<typeof inviteSchema>;

export const roleChangeSchema = z.object({ userId: uuid(), role: staffRole, dealershipId: optionalUuid() }).superRefine(needsDealership);
export type RoleChangeInput = z.infer<typeof roleChangeSchema>;

export const userIdSchema = z.object({ userId: uuid() });

export const userSearchSchema = z.object({
  q: z.preprocess(blankToUndefined, line(100).optional()).catch(undefined),
  role: z.preprocess(blankToUndefined, z.enum(ROLES).optional()).catch(undefined),
});

export const setPasswordSchema = z
  .object({ password: newPasswordSchema, confirm: z.string({ required_error: FORM_MESSAGES.required }) })
  .superRefine((form, ctx) => {
    if (form.password !== form.confirm) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["confirm"], message: "people.errors.passwordsDiffer" });
  });

/** A percentage with at most two decimals, as basis points (12.5 → 1250). */
const percentAsBasisPoints = z.preprocess(
  (v) => (typeof v === "string" ? v.trim().replace(",", ".") : v),
  z
    .string({ required_error: FORM_MESSAGES.required })
    .min(1, FORM_MESSAGES.required)
    .regex(/^\d{1,3}(\.\d{1,2})?$/, FORM_MESSAGES.invalid)
    .transform((s) => Math.round(Number(s) * 100))
    .refine((bp) => bp >= 0 && bp <= 10000, "people.errors.percentRange")
);

export const dealershipSchema = z.object({
  code: z
    .string({ required_error: FORM_MESSAGES.required })
    .trim()
    .toUpperCase()
    .min(1, FORM_MESSAGES.required)
    .max(20, FORM_MESSAGES.tooLong)
    .regex(/^[A-Z0-9][A-Z0-9-]*$/, "people.errors.code"),
  name: line(100).min(1, FORM_MESSAGES.required),
  market: z.enum(MARKET_CODES as [string, ...string[]], invalid()),
  street: z.preprocess(blankToUndefined, line(200).optional()),
  postalCode: z.preprocess(blankToUndefined, line(20).optional()),
  city: z.preprocess(blankToUndefined, line(100).optional()),
  country: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .toUpperCase()
      .refine((c): boolean => isCountryCode(c), FORM_MESSAGES.invalid)
      .optional()
  ),
  phone: z.preprocess(blankToUndefined, phoneSchema.optional()),
  email: z.preprocess(blankToUndefined, emailSchema.optional()),
  discountCap: percentAsBasisPoints,
  quoteValidityDays: z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : v),
    z
      .string({ required_error: FORM_MESSAGES.required })
      .regex(/^\d{1,3}$/, "people.errors.validityRange")
      .transform(Number)
      .refine((n) => n >= 1 && n <= 365, "people.errors.validityRange")
  ),
});
export type DealershipInput = z.infer<typeof dealershipSchema>;

export const memberSchema = z.object({ userId: uuid(), role: z.enum(DEALERSHIP_ROLES, invalid()), discountCap: percentAsBasisPoints });
export type MemberInput = z.infer<typeof memberSchema>;

/** A day as YYYY-MM-DD (UTC). */
const day = z.preprocess(
  blankToUndefined,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, FORM_MESSAGES.invalid)
    .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), FORM_MESSAGES.invalid)
    .optional()
);

/** The audit log's filter, from the query string; the page and the CSV read the same one. */
export const auditFilterSchema = z.object({
  action: z.preprocess(blankToUndefined, z.enum(AUDIT_ACTIONS, invalid()).optional()),
  subject: z.preprocess(blankToUndefined, z.enum(AUDIT_SUBJECTS, invalid()).optional()),
  subjectId: z.preprocess(blankToUndefined, line(100).optional()),
  /** An actor's id or (part of) their email or name. */
  actor: z.preprocess(blankToUndefined, line(100).optional()),
  from: day,
  to: day,
  page: z.preprocess(
    blankToUndefined,
    z.coerce.number().int(FORM_MESSAGES.invalid).min(1, FORM_MESSAGES.invalid).max(100000, FORM_MESSAGES.invalid).default(1)
  ),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;
