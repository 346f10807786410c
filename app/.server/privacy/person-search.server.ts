/**
 * Finding people whose personal data is encrypted (decision 045): a query
 * matches an exact email, a phone number's digits, or all of a name's words,
 * through the blind indexes. Sorting by name happens after decryption.
 */
import { arrayContains, eq, or, type SQL } from "drizzle-orm";
import { users } from "#db/schema";
import { searchIndexes } from "./personal-data.server";

/**
 * The SQL condition "this user is who `query` names" (exact email, phone digits, or every word of the name).
 * `people` is the users table or an alias of it (the audit log joins it as the actor).
 */
export function matchesPerson(query: string, people: typeof users = users): SQL {
  const { email, phone, nameWords } = searchIndexes(query);
  return or(
    eq(people.emailIndex, email),
    phone ? eq(people.phoneIndex, phone) : undefined,
    nameWords.length > 0 ? arrayContains(people.nameIndex, nameWords) : undefined,
  )!;
}

const collator = new Intl.Collator("en", { sensitivity: "base" });

/** Compare rows by their (decrypted) name, as SQL's `order by lower(name)` did; ties keep their order. */
export const byName = (a: { name: string }, b: { name: string }) => collator.compare(a.name, b.name);

/**
 * One page of rows sorted by their customer's (decrypted) name: for lists whose SQL read every
 * matching row because ciphertext can't be sorted there (a dealership's orders or quotes).
 */
export function pageByCustomerName<T extends { customerName: string }>(rows: T[], dir: "asc" | "desc", page: number, pageSize: number): T[] {
  const sign = dir === "asc" ? 1 : -1;
  return rows.sort((a, b) => sign * collator.compare(a.customerName, b.customerName)).slice((page - 1) * pageSize, page * pageSize);
}
