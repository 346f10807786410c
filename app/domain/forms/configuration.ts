/**
 * Schemas for configurations as they arrive from outside: the JSON API's
 * bodies (/api/v1/configure, /resolve, /configurations, /share) and the
 * account page's rename/delete forms; plus the share code format and the
 * configurator link a saved or shared configuration opens.
 *
 * These check shape and bounds only. Whether the codes exist in the line is
 * the engine's question, asked by the server with the right catalog version.
 *
 * Messages are i18n keys where a form shows them (`validation.*`); the API
 * turns them into English text.
 */
import { z } from "zod";
import { LANGUAGES, MARKET_CODES, type Market } from "../catalog";
import { FORM_MESSAGES, SINGLE_LINE } from "./auth";

/** Bounds that keep a request small and the engine's work bounded. */
export const LIMITS = {
  codeLength: 64,
  choices: 500,
  texts: 50,
  textLength: 500,
  nameLength: 100,
  versionLength: 100,
} as const;

/** The share code alphabet (also in db/schema/configurations.ts, which the database checks). */
export const SHARE_CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
export const SHARE_CODE_LENGTH = 8;
export const SHARE_CODE_PATTERN = new RegExp(`^[${SHARE_CODE_ALPHABET}]{${SHARE_CODE_LENGTH}}$`);

/**
 * A share code as a person may type it: lower case, with spaces or dashes
 * ("abcd-2345") → "ABCD2345". Null if it can't be a share code.
 */
export function normalizeShareCode(input: string): string | null {
  if (input.length > 40) return null;
  const code = input.replace(/[\s-]/g, "").toUpperCase();
  return SHARE_CODE_PATTERN.test(code) ? code : null;
}

/** A share code as shown to people: two groups of four ("ABCD 2345"). */
export function formatShareCode(code: string): string {
  return `${code.slice(0, 4)} ${code.slice(4)}`;
}

export const codeSchema = z
  .string()
  .min(1)
  .max(LIMITS.codeLength)
  .regex(/^[A-Za-z0-9_.-]+$/, "codes use letters, digits, '_', '.', '-'");

export const marketSchema = z.enum(MARKET_CODES as [Market, ...Market[]]);
export const languageSchema = z.enum(LANGUAGES);

/** A catalog version id as a client gives it: bounded, on one line (no control characters: PostgreSQL text cannot hold a NUL). */
export const versionIdSchema = z.string().min(1).max(LIMITS.versionLength).regex(SINGLE_LINE, FORM_MESSAGES.invalid);

/** The query of GET /api/v1/lines/<line>: an older published version, the market and language of prices and names. */
export const lineQuerySchema = z.object({ version: versionIdSchema.optional(), market: marketSchema.optional(), lang: languageSchema.optional() });

/** What makes a configuration, as the API receives it. Unknown keys are refused (a typo should not pass silently). */
const configurationFields = {
  line: codeSchema,
  /** A catalog version id; the active version when absent. */
  version: versionIdSchema.optional(),
  choices: z.array(codeSchema).max(LIMITS.choices).default([]),
  texts: z
    .record(codeSchema, z.string().max(LIMITS.textLength))
    .refine((texts) => Object.keys(texts).length <= LIMITS.texts, { message: `at most ${LIMITS.texts} texts` })
    .default({}),
};

export const configureBodySchema = z
  .object({ ...configurationFields, market: marketSchema.optional(), lang: languageSchema.optional() })
  .strict();
export type ConfigureBody = z.infer<typeof configureBodySchema>;

export const resolveBodySchema = z
  .object({
    ...configurationFields,
    market: marketSchema.optional(),
    lang: languageSchema.optional(),
    want: codeSchema,
    /** How many alternative change sets at most. */
    limit: z.number().int().min(1).max(10).optional(),
  })
  .strict();
export type ResolveBody = z.infer<typeof resolveBodySchema>;

const text = () => z.string({ required_error: FORM_MESSAGES.required, invalid_type_error: FORM_MESSAGES.invalid });

/** A configuration's name: trimmed, 1–100 characters, no control characters. */
export const configurationNameSchema = text()
  .trim()
  .min(1, FORM_MESSAGES.required)
  .max(LIMITS.nameLength, FORM_MESSAGES.tooLong)
  .regex(SINGLE_LINE, FORM_MESSAGES.invalid);

export const saveBodySchema = z.object({ ...configurationFields, name: configurationNameSchema }).strict();
export type SaveBody = z.infer<typeof saveBodySchema>;

const uuidSchema = text().uuid(FORM_MESSAGES.invalid);

/** Share a configuration given in full (anyone may). */
export const shareConfigurationBodySchema = z.object(configurationFields).strict();
/** Share one of the caller's saved configurations (signed in). */
export const shareSavedBodySchema = z.object({ configurationId: z.string().uuid() }).strict();
export type ShareBody = z.infer<typeof shareConfigurationBodySchema> | z.infer<typeof shareSavedBodySchema>;

/** The account page's forms, told apart by the submit button's `intent`. */
export const renameFormSchema = z.object({ intent: z.literal("rename"), id: uuidSchema, name: configurationNameSchema });
export const deleteFormSchema = z.object({ intent: z.literal("delete"), id: uuidSchema });
export const shareFormSchema = z.object({ intent: z.literal("share"), id: uuidSchema });
/** Follow (news when a catalog version changes it) or stop following a saved configuration. */
export const followFormSchema = z.object({ intent: z.literal("follow"), id: uuidSchema });
export const unfollowFormSchema = z.object({ intent: z.literal("unfollow"), id: uuidSchema });
export const configurationActionSchema = z.discriminatedUnion("intent", [renameFormSchema, deleteFormSchema, shareFormSchema, followFormSchema, unfollowFormSchema]);
export type ConfigurationAction = z.infer<typeof configurationActionSchema>;

/** The "open a share code" form. */
export const openShareCodeSchema = z.object({
  code: text()
    .trim()
    .min(1, FORM_MESSAGES.required)
    .max(40, FORM_MESSAGES.tooLong)
    .refine((code) => normalizeShareCode(code) !== null, "share.invalidCode"),
});

/**
 * The configurator's address for a configuration: `/configure/<line>?c=A,B,C`
 * plus one `t.<feature>=<text>` per personalization text. The configurator
 * page reads it back with `parseConfigureSearch`.
 */
export function configureHref(line: string, choices: readonly string[], texts: Readonly<Record<string, string>> = {}): string {
  const params = new URLSearchParams();
  if (choices.length > 0) params.set("c", choices.join(","));
  for (const [feature, value] of Object.entries(texts)) if (value !== "") params.set(`t.${feature}`, value);
  const query = params.toString();
  return `/configure/${encodeURIComponent(line)}${query ? `?${query}` : ""}`;
}

/** Choices and texts from a configurator address's query (unchecked: the engine decides what exists). */
export function parseConfigureSearch(search: URLSearchParams): { choices: string[]; texts: Record<string, string> } {
  const choices = (search.get("c") ?? "")
    .split(",")
    .map((c) => c.trim())
    .filter((c) => c !== "")
    .slice(0, LIMITS.choices);
  // Collected as entries, then Object.fromEntries: `texts[key] = …` with a key like "__proto__" would set the
  // object's prototype instead of a field (found by the round-trip property).
  const texts = new Map<string, string>();
  for (const [key, value] of search) {
    if (key.startsWith("t.") && key.length > 2 && texts.size < LIMITS.texts) texts.set(key.slice(2), value.slice(0, LIMITS.textLength));
  }
  return { choices, texts: Object.fromEntries(texts) };
}
