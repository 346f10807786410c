/**
 * The customer's profile form (/account/profile), shared by the page (conform)
 * and the server. Everything but the name is optional; an address is all or
 * nothing (a street without a city can't receive a car).
 */
import { z } from "zod";
import { LANGUAGES, MARKET_CODES } from "../catalog";
import { isCountryCode } from "../countries";
import { CONTACT_CHANNELS } from "../profile";
import { FORM_MESSAGES, NAME_MAX, SINGLE_LINE } from "./auth";
import { phoneSchema } from "./dealer";

const line = (max: number) => z.string().trim().max(max, FORM_MESSAGES.tooLong).regex(SINGLE_LINE, FORM_MESSAGES.invalid);

export const profileFormSchema = z
  .object({
    name: line(NAME_MAX).min(1, FORM_MESSAGES.required).default(""),
    phone: phoneSchema.optional(),
    street: line(200).optional(),
    postalCode: line(20).optional(),
    city: line(100).optional(),
    country: z
      .string()
      .trim()
      .toUpperCase()
      .refine((code): boolean => isCountryCode(code), FORM_MESSAGES.invalid)
      .optional(),
    language: z.enum(LANGUAGES, { errorMap: () => ({ message: FORM_MESSAGES.invalid }) }).optional(),
    market: z.enum(MARKET_CODES as [string, ...string[]], { errorMap: () => ({ message: FORM_MESSAGES.invalid }) }).optional(),
    contactChannel: z.enum(CONTACT_CHANNELS, { errorMap: () => ({ message: FORM_MESSAGES.invalid }) }).default("email"),
    preferredDealership: z.string().uuid(FORM_MESSAGES.invalid).optional(),
    // Checkboxes: conform turns "on" into true; absent means not given.
    consentRecommendations: z.boolean().default(false),
    consentSavedConfigurationNews: z.boolean().default(false),
  })
  .superRefine((form, ctx) => {
    const parts = [form.street, form.city, form.country];
    if (parts.every((part) => part === undefined) && form.postalCode === undefined) return;
    // Some of the address was given: what makes it deliverable is required.
    for (const [key, value] of [["street", form.street], ["city", form.city], ["country", form.country]] as const) {
      if (value === undefined) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [key], message: FORM_MESSAGES.required });
    }
  });
export type ProfileForm = z.infer<typeof profileFormSchema>;
