/**
 * The sign-up and sign-in forms' schemas, shared by the form (conform) and
 * the server (which parses again before anything touches the database).
 *
 * Error messages are i18n keys (`validation.*` in app/locales), so the UI
 * shows them in the visitor's language: `t(error)`.
 */
import { z } from "zod";

export const FORM_MESSAGES = {
  required: "validation.required",
  email: "validation.email",
  tooLong: "validation.tooLong",
  tooShort: "validation.tooShort",
  invalid: "validation.invalid",
} as const;

/** One line of text: no control characters (PostgreSQL's text can't even hold NUL). */
export const SINGLE_LINE = /^[^\p{Cc}]*$/u;

export const EMAIL_MAX = 254; // RFC 5321 path limit
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 200; // argon2 hashes anything, but unbounded input is a DoS lever
export const NAME_MAX = 100;

const text = () => z.string({ required_error: FORM_MESSAGES.required, invalid_type_error: FORM_MESSAGES.invalid });

/**
 * Trimmed and lower-cased. The length is checked before the email pattern
 * (pipe), so a 10 KB string never reaches the regular expression.
 */
export const emailSchema = text()
  .trim()
  .min(1, FORM_MESSAGES.required)
  .max(EMAIL_MAX, FORM_MESSAGES.tooLong)
  .pipe(z.string().email(FORM_MESSAGES.email).toLowerCase());

/** Passwords are taken as typed: no trimming. */
export const newPasswordSchema = text().min(PASSWORD_MIN, FORM_MESSAGES.tooShort).max(PASSWORD_MAX, FORM_MESSAGES.tooLong);

/** At sign-in only the bounds matter; the policy applies when a password is set. */
const currentPasswordSchema = text().min(1, FORM_MESSAGES.required).max(PASSWORD_MAX, FORM_MESSAGES.tooLong);

export const nameSchema = text()
  .trim()
  .min(1, FORM_MESSAGES.required)
  .max(NAME_MAX, FORM_MESSAGES.tooLong)
  .regex(SINGLE_LINE, FORM_MESSAGES.invalid);

/** No password: it is set through the link we email, so only the address's owner can finish (decision 043). */
export const signUpSchema = z.object({
  email: emailSchema,
  name: nameSchema,
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.object({
  email: emailSchema,
  password: currentPasswordSchema,
});
export type SignInInput = z.infer<typeof signInSchema>;

/** Per-field messages of a failed parse, in the shape conform and plain forms both use. */
export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join(".") : "";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}
