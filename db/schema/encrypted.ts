/**
 * Column types for personal data: stored as text, encrypted on the way in and
 * decrypted on the way out by drizzle, so every reader and writer that goes
 * through the schema sees plain values (decision 045). Equality lookups go
 * through the blind-index columns beside them; SQL cannot compare, search or
 * sort these columns.
 *
 * `context` ("table.column") is bound into each ciphertext.
 */
import { customType } from "drizzle-orm/pg-core";
// Relative import: drizzle-kit loads the schema without the tsconfig path aliases.
import { decryptField, encryptField } from "../../app/.server/privacy/personal-data.server";

/** Every encrypted column, by table (the re-encryption pass and the dump test walk this list). */
export const ENCRYPTED_COLUMNS: Record<string, string[]> = {};

function register(context: string) {
  const [table, column] = context.split(".");
  (ENCRYPTED_COLUMNS[table] ??= []).push(column);
}

/** A text column holding personal data. */
export function encryptedText(context: string) {
  register(context);
  return customType<{ data: string; driverData: string }>({
    dataType: () => "text",
    toDriver: (value) => encryptField(value, context),
    fromDriver: (value) => decryptField(value, context),
  })(context.split(".")[1]);
}

/** A JSON value holding personal data (stored as encrypted text, not jsonb: it can't be queried inside). */
export function encryptedJson<T>(context: string) {
  register(context);
  return customType<{ data: T; driverData: string }>({
    dataType: () => "text",
    toDriver: (value) => encryptField(JSON.stringify(value), context),
    // Plaintext left from before encryption was jsonb cast to text: JSON too.
    fromDriver: (value) => JSON.parse(decryptField(value, context)) as T,
  })(context.split(".")[1]);
}
