/**
 * Password hashing: argon2id with OWASP's minimum (m = 19 MiB, t = 2, p = 1).
 * The PHC string stores algorithm, parameters and salt, so parameters can be
 * raised later and old hashes still verify.
 */
import { hash, verify } from "@node-rs/argon2";

export const PASSWORD_HASH_PARAMS = {
  // Algorithm.Argon2id; the package's enum is a `const enum`, which isolatedModules can't import.
  algorithm: 2,
  memoryCost: 19_456, // KiB = 19 MiB
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, PASSWORD_HASH_PARAMS);
}

/** False (never a throw) for a wrong password or a malformed stored hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spend the same time as a real check when the account does not exist, so
 * response times don't tell which emails have accounts.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword(`dummy-${Math.random()}`);
  await verifyPassword(await dummyHash, password);
  return false;
}
