/**
 * Personal data at rest: AES-256-GCM field encryption and keyed blind indexes
 * (decision 045).
 *
 * A field is stored as `pd:v1:<key id>:<iv>:<ciphertext>:<tag>` (base64url
 * parts, a random 12-byte IV per value). The column's name is the GCM
 * additional data, so a ciphertext copied into another column does not
 * decrypt. Keys come from the environment:
 *
 * - `PERSONAL_DATA_KEYS`: comma list of `id:base64key` (32 bytes each); the
 *   first encrypts, all decrypt. Rotation: put a new key first, run
 *   `npm run privacy:reencrypt`, then drop the old key.
 * - `PERSONAL_DATA_INDEX_KEY`: `id:base64key` for the HMAC-SHA256 blind
 *   indexes (equality lookups: sign-in by email, search by email, phone or a
 *   name's word). An index is stored as `<id>:<hmac>`, so a new index key is
 *   rolled out by the same command.
 *
 * Unset: tests use fixed test keys; development and the demo on the embedded
 * database generate keys once into `<DATA_DIR>/personal-data-keys` (mode 600)
 * so restarts still decrypt; production on PostgreSQL refuses to start.
 *
 * Values written before encryption (plaintext) still read: anything without
 * the `pd:v1:` prefix is returned as it is, and the re-encryption pass at
 * start-up (and the command) encrypts it.
 *
 * Relative imports only: drizzle-kit loads the schema, which loads this.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getEnv, type Env } from "../platform/env.server";

export const ENCRYPTED_PREFIX = "pd:v1:";
const KEY_ID = /^[A-Za-z0-9_-]{1,16}$/;
const IV_BYTES = 12;

export interface KeyRing {
  /** Encryption keys by id; `current` encrypts. */
  keys: Map<string, Buffer>;
  current: string;
  index: { id: string; key: Buffer };
}

let ring: KeyRing | undefined;

/** The process's keys (resolved once). */
export function keyRing(): KeyRing {
  ring ??= resolveKeyRing(getEnv());
  return ring;
}

/** Use these keys from now on (tests of rotation; the command after a key change). */
export function setKeyRing(next: KeyRing | undefined): void {
  ring = next;
}

function parseKey(entry: string, what: string): [string, Buffer] {
  const at = entry.indexOf(":");
  const id = entry.slice(0, at).trim();
  const key = Buffer.from(entry.slice(at + 1).trim(), "base64");
  if (at < 1 || !KEY_ID.test(id)) throw new Error(`${what}: each key is id:base64key, the id 1-16 letters, digits, - or _`);
  if (key.length !== 32) throw new Error(`${what}: key "${id}" must be 32 bytes (base64 of 32 random bytes)`);
  return [id, key];
}

/** Parse key settings (throws a clear error on a malformed one). */
export function parseKeyRing(keys: string, indexKey: string): KeyRing {
  const entries = keys.split(",").map((e) => parseKey(e, "PERSONAL_DATA_KEYS"));
  if (new Set(entries.map(([id]) => id)).size !== entries.length) throw new Error("PERSONAL_DATA_KEYS: key ids must differ");
  const [indexId, index] = parseKey(indexKey, "PERSONAL_DATA_INDEX_KEY");
  return { keys: new Map(entries), current: entries[0][0], index: { id: indexId, key: index } };
}

/** Fixed keys for tests, so a child process or a second handle on a test database decrypts too. */
const TEST_KEYS = { keys: `t1:${Buffer.alloc(32, 1).toString("base64")}`, index: `ti1:${Buffer.alloc(32, 2).toString("base64")}` };

/** Resolve the keys for an environment, creating the persisted ones if needed (uncached). */
export function resolveKeyRing(env: Env): KeyRing {
  if (env.PERSONAL_DATA_KEYS || env.PERSONAL_DATA_INDEX_KEY) {
    if (!env.PERSONAL_DATA_KEYS || !env.PERSONAL_DATA_INDEX_KEY) throw new Error("Set both PERSONAL_DATA_KEYS and PERSONAL_DATA_INDEX_KEY, or neither");
    return parseKeyRing(env.PERSONAL_DATA_KEYS, env.PERSONAL_DATA_INDEX_KEY);
  }
  if (env.NODE_ENV === "test") return parseKeyRing(TEST_KEYS.keys, TEST_KEYS.index);
  if (env.NODE_ENV === "production" && env.DATABASE_URL) {
    throw new Error("PERSONAL_DATA_KEYS and PERSONAL_DATA_INDEX_KEY must be set in production on PostgreSQL (every app server needs the same keys)");
  }
  const saved = persistedKeys(path.resolve(env.DATA_DIR, "personal-data-keys"));
  return parseKeyRing(saved.keys, saved.index);
}

function persistedKeys(file: string): { keys: string; index: string } {
  const existing = readKeys(file);
  if (existing) return existing;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const made = { keys: `k1:${randomBytes(32).toString("base64")}`, index: `i1:${randomBytes(32).toString("base64")}` };
  try {
    // "wx": if another process wrote it first, keep theirs.
    fs.writeFileSync(file, `PERSONAL_DATA_KEYS=${made.keys}\nPERSONAL_DATA_INDEX_KEY=${made.index}\n`, { flag: "wx", mode: 0o600 });
    return made;
  } catch (error) {
    const theirs = readKeys(file);
    if (theirs) return theirs;
    throw error;
  }
}

function readKeys(file: string): { keys: string; index: string } | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  const value = (name: string) => text.match(new RegExp(`^${name}=(.+)$`, "m"))?.[1].trim();
  const keys = value("PERSONAL_DATA_KEYS");
  const index = value("PERSONAL_DATA_INDEX_KEY");
  if (!keys || !index) throw new Error(`${file} is damaged: it must hold PERSONAL_DATA_KEYS= and PERSONAL_DATA_INDEX_KEY= lines`);
  return { keys, index };
}

const b64 = (b: Buffer) => b.toString("base64url");

/** Encrypt one value with the current key; `context` (the column) is bound to it. */
export function encryptField(plain: string, context: string, keys: KeyRing = keyRing()): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keys.keys.get(keys.current)!, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `${ENCRYPTED_PREFIX}${keys.current}:${b64(iv)}:${b64(body)}:${b64(cipher.getAuthTag())}`;
}

export const isEncrypted = (stored: string) => stored.startsWith(ENCRYPTED_PREFIX);

/** The id of the key a stored value was encrypted with (null: plaintext). */
export function keyIdOf(stored: string): string | null {
  return isEncrypted(stored) ? stored.slice(ENCRYPTED_PREFIX.length).split(":")[0] : null;
}

/** Decrypt a stored value; plaintext (written before encryption) comes back unchanged. */
export function decryptField(stored: string, context: string, keys: KeyRing = keyRing()): string {
  if (!isEncrypted(stored)) return stored;
  const [id, iv, body, tag] = stored.slice(ENCRYPTED_PREFIX.length).split(":");
  const key = keys.keys.get(id);
  if (!key) throw new Error(`personal data of ${context} is encrypted with key "${id}", which is not in PERSONAL_DATA_KEYS`);
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}

/** The keyed HMAC of an already normalised value, as stored (`<index key id>:<hmac>`). */
export function blindIndex(normalised: string, keys: KeyRing = keyRing()): string {
  return `${keys.index.id}:${b64(createHmac("sha256", keys.index.key).update(normalised).digest())}`;
}

/** Emails compare case-insensitively (as they did when the column was lower-cased). */
export const normaliseEmail = (email: string) => email.trim().toLowerCase();
/** Phones compare by their digits: "+49 89 1234" finds "+49-89-1234". */
export const normalisePhone = (phone: string) => phone.replace(/\D/g, "");
/** A name's words, lower-cased and without accents, each a search term ("Anna-Lena Müller" → anna, lena, muller). */
export function nameWords(name: string): string[] {
  const words = name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
  return [...new Set(words)];
}

export const emailIndex = (email: string, keys?: KeyRing) => blindIndex(`email:${normaliseEmail(email)}`, keys);
export function phoneIndex(phone: string | null | undefined, keys?: KeyRing): string | null {
  const digits = phone ? normalisePhone(phone) : "";
  return digits === "" ? null : blindIndex(`phone:${digits}`, keys);
}
export const nameIndex = (name: string, keys?: KeyRing) => nameWords(name).map((w) => blindIndex(`name:${w}`, keys));

/** The blind-index columns of a person, to write beside their encrypted email, name and phone. */
export function personIndexes(person: { email: string; name: string; phone?: string | null }, keys?: KeyRing) {
  return { emailIndex: emailIndex(person.email, keys), nameIndex: nameIndex(person.name, keys), phoneIndex: phoneIndex(person.phone, keys) };
}

/** What a search box's query matches on: the exact email, the phone's digits, or every word of a name. */
export function searchIndexes(query: string, keys?: KeyRing): { email: string; phone: string | null; nameWords: string[] } {
  return { email: emailIndex(query, keys), phone: normalisePhone(query).length >= 4 ? phoneIndex(query, keys) : null, nameWords: nameIndex(query, keys) };
}
