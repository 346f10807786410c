/**
 * The process environment, parsed once by zod so the rest of the server reads
 * typed values. Empty variables count as unset (`FOO= npm start`).
 */
import { z } from "zod";

const unsetIfEmpty = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const flag = z.preprocess(
  unsetIfEmpty,
  z
    .enum(["1", "0", "true", "false", "yes", "no"])
    .transform((v) => v === "1" || v === "true" || v === "yes")
    .optional(),
);

const envSchema = z.object({
  NODE_ENV: z.preprocess(unsetIfEmpty, z.enum(["development", "production", "test"]).default("development")),
  /** PostgreSQL connection string; unset means the embedded PGlite database. */
  DATABASE_URL: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// or postgresql:// URL")
      .optional(),
  ),
  /** PGlite's data folder (default `.data/pglite`), or `memory://`. */
  PGLITE_DIR: z.preprocess(unsetIfEmpty, z.string().optional()),
  /** The app's own data folder (default `.data`): the generated session secret lives here. */
  DATA_DIR: z.preprocess(unsetIfEmpty, z.string().default(".data")),
  /** Comma-separated; the first signs cookies, all verify (rotation). */
  SESSION_SECRET: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .refine((s) => s.split(",").every((part) => part.trim().length >= 32), "each SESSION_SECRET must be at least 32 characters")
      .optional(),
  ),
  /** Personal-data encryption keys, `id:base64key` comma-separated; the first encrypts (decision 045). */
  PERSONAL_DATA_KEYS: z.preprocess(unsetIfEmpty, z.string().optional()),
  /** Blind-index (HMAC) key, `id:base64key` (decision 045). */
  PERSONAL_DATA_INDEX_KEY: z.preprocess(unsetIfEmpty, z.string().optional()),
  /** Days a sent email's address and body stay in the outbox before they are purged. */
  OUTBOX_RETENTION_DAYS: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(0).max(3650).default(30)),
  /** Seconds an anonymous configurator page is served from memory (decision 056); 0 turns the cache off. */
  PAGE_CACHE_SECONDS: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(0).max(60).default(5)),
  /** Sequencing searches run side by side, one per worker thread, each from its own seed (default: 2, or 1 on one core). */
  SEQUENCING_WORKERS: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(1).max(64).optional()),
  /** Seed the demo accounts and catalog on PostgreSQL too (PGlite is always seeded). */
  SEED_DEMO: flag,
  /** The HTTP port (server.js). */
  PORT: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(1).max(65_535).default(3000)),
  /** Secure session cookie; defaults to on in production. */
  COOKIE_SECURE: flag,
  /** Days before the build date from which an order can't be cancelled or changed. */
  ORDER_FROZEN_HORIZON_DAYS: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(0).max(365).default(5)),
  /** Units per day a product line builds unless a planner set its capacity. */
  DEFAULT_LINE_CAPACITY: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(0).max(100_000).default(20)),
  /** SMTP server the mailer sends the outbox through (smtp://user:pass@host:port); unset: mail stays in the outbox. */
  SMTP_URL: z.preprocess(unsetIfEmpty, z.string().regex(/^smtps?:\/\//, "SMTP_URL must be an smtp:// or smtps:// URL").optional()),
  /** Where people reach the app (https://atelier.example.com): links in emails are absolute. Unset: http://localhost:PORT. */
  PUBLIC_URL: z.preprocess(unsetIfEmpty, z.string().url("PUBLIC_URL must be an absolute URL").regex(/^https?:\/\//, "PUBLIC_URL must be an http:// or https:// URL").optional()),
  /** Sender address of outgoing mail. */
  MAIL_FROM: z.preprocess(unsetIfEmpty, z.string().default("Atelier <no-reply@atelier.test>")),
});

export type Env = z.infer<typeof envSchema>;

const ENV_NAMES = Object.keys(envSchema.shape) as (keyof typeof envSchema.shape)[];
let parsed: { key: string; env: Env } | null = null;

/**
 * Parse the environment. process.env's is kept while the variables it reads
 * stay the same (tests and scripts may change them): a request path asks for
 * it several times, and the schema's parse costs more than comparing ~20 strings.
 */
export function getEnv(source: Record<string, string | undefined> = process.env): Env {
  const key = source === process.env ? ENV_NAMES.map((name) => source[name] ?? "\u0001").join("\u0000") : null;
  if (key !== null && parsed?.key === key) return parsed.env;
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  if (key !== null) parsed = { key, env: result.data };
  return result.data;
}

/** An absolute URL for a path of the app, for messages read outside it (emails). */
export function absoluteUrl(path: string, env: Env = getEnv()): string {
  return new URL(path, env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).toString();
}
