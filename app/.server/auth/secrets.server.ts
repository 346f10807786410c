/**
 * The secret that signs the session cookie.
 *
 * - `SESSION_SECRET` set (comma-separated for rotation): used as given.
 * - Tests: a random secret per process.
 * - Otherwise (development, and the demo's `npm start`, which is a production
 *   build): generated once and kept in `<DATA_DIR>/session-secret` (mode 600),
 *   so sessions survive restarts without any set-up. Several app servers on
 *   one PostgreSQL must share a secret: set SESSION_SECRET there.
 *
 * The cookie's signature is defence in depth: the session id itself is 256
 * random bits and only its hash is stored.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getEnv, type Env } from "~/.server/platform/env.server";

const MIN_LENGTH = 32;
let cached: string[] | undefined;

/** The process's secrets (resolved once). */
export function sessionSecrets(env: Env = getEnv()): string[] {
  cached ??= resolveSessionSecrets(env);
  return cached;
}

/** Resolve the secrets for an environment, creating the persisted one if needed (uncached; for tests). */
export function resolveSessionSecrets(env: Env): string[] {
  if (env.SESSION_SECRET) return env.SESSION_SECRET.split(",").map((s) => s.trim());
  if (env.NODE_ENV === "test") return [randomBytes(32).toString("base64url")];
  if (env.NODE_ENV === "production" && env.DATABASE_URL) {
    console.warn(
      "SESSION_SECRET is not set: using the secret generated in DATA_DIR. Set SESSION_SECRET when several app servers share this database.",
    );
  }
  return [persistedSecret(path.resolve(env.DATA_DIR, "session-secret"))];
}

function persistedSecret(file: string): string {
  const existing = readSecret(file);
  if (existing) return existing;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  try {
    // "wx": if another process wrote it first, keep theirs.
    fs.writeFileSync(file, `${secret}\n`, { flag: "wx", mode: 0o600 });
    return secret;
  } catch (error) {
    const theirs = readSecret(file);
    if (theirs) return theirs;
    throw error;
  }
}

function readSecret(file: string): string | undefined {
  try {
    const value = fs.readFileSync(file, "utf8").trim();
    return value.length >= MIN_LENGTH ? value : undefined;
  } catch {
    return undefined;
  }
}
