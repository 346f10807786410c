/**
 * The "send to a dealer" form and the dealers' lead forms, shared by the page
 * (conform) and the server. Messages are i18n keys, like the other forms.
 */
import { z } from "zod";
import { LEAD_LIMITS, LEAD_STATUSES, MANUAL_LEAD_STATUSES, PREFERRED_CONTACTS } from "../leads";
import { emailSchema, FORM_MESSAGES, nameSchema } from "./auth";
import { phoneSchema } from "./dealer";

const text = () => z.string({ required_error: FORM_MESSAGES.required, invalid_type_error: FORM_MESSAGES.invalid });

/** Multi-line, but no control characters other than line breaks and tabs (PostgreSQL's text can't hold NUL). */
const MULTI_LINE = /^[^\p{Cc}]*$/u;
const messageSchema = text()
  .trim()
  .max(LEAD_LIMITS.messageLength, FORM_MESSAGES.tooLong)
  .transform((m) => m.replace(/\r\n?/g, "\n"))
  .refine((m) => MULTI_LINE.test(m.replace(/[\n\t]/g, " ")), FORM_MESSAGES.invalid);

/** What every sender fills in: the dealership, an optional message and how to reach them. */
const leadFields = {
  dealership: text().trim().min(1, FORM_MESSAGES.required).max(40, FORM_MESSAGES.tooLong),
  message: messageSchema.optional(),
  preferredContact: z.enum(PREFERRED_CONTACTS, { errorMap: () => ({ message: FORM_MESSAGES.invalid }) }).default("email"),
};

// "Call me" without a number can't be answered.
const phoneWhenCalled = <T extends { preferredContact: string; phone?: string }>(v: T) => v.preferredContact !== "phone" || v.phone !== undefined;
const phoneNeeded = { message: "leads.errors.phoneNeeded", path: ["phone"] };

/** A signed-in customer: their account says who they are. */
export const customerLeadSchema = z.object({ ...leadFields, phone: phoneSchema.optional() }).refine(phoneWhenCalled, phoneNeeded);

/** A visitor: who they are, so the dealership can answer. */
export const visitorLeadSchema = z.object({ ...leadFields, name: nameSchema, email: emailSchema, phone: phoneSchema.optional() }).refine(phoneWhenCalled, phoneNeeded);

export type VisitorLead = z.infer<typeof visitorLeadSchema>;
export type LeadForm = z.infer<typeof visitorLeadSchema> | z.infer<typeof customerLeadSchema>;

/** The inbox's filter. */
export const leadListSchema = z.object({
  status: z.preprocess((v) => (v === "" ? undefined : v), z.enum(LEAD_STATUSES, { errorMap: () => ({ message: FORM_MESSAGES.invalid }) }).optional()),
});

/** The lead page's buttons, told apart by `intent`. */
export const leadActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("start-quote") }),
  z.object({ intent: z.literal("status"), status: z.enum(MANUAL_LEAD_STATUSES) }),
]);
export type LeadAction = z.infer<typeof leadActionSchema>;

/** The "send to a dealer" page's address for a share code, a saved configuration, or a configuration given in full. */
export function sendToDealerHref(source: { share: string } | { configuration: string } | { line: string; choices: readonly string[]; texts: Readonly<Record<string, string>> }): string {
  if ("share" in source) return `/send-to-dealer?${new URLSearchParams({ share: source.share })}`;
  if ("configuration" in source) return `/send-to-dealer?${new URLSearchParams({ configuration: source.configuration })}`;
  const params = new URLSearchParams({ line: source.line });
  if (source.choices.length > 0) params.set("c", source.choices.join(","));
  for (const [feature, value] of Object.entries(source.texts)) if (value !== "") params.set(`t.${feature}`, value);
  return `/send-to-dealer?${params}`;
}
