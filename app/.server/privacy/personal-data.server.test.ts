/**
 * The field format (decision 045): AES-256-GCM with the column bound in,
 * rotation (a new key encrypts, old keys still decrypt), plaintext from before
 * encryption still reads, keys from the environment or a persisted file.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getEnv } from "~/.server/platform/env.server";
import { blindIndex, decryptField, emailIndex, encryptField, keyIdOf, nameIndex, nameWords, parseKeyRing, phoneIndex, resolveKeyRing } from "./personal-data.server";

const key = () => randomBytes(32).toString("base64");
const oldRing = parseKeyRing(`old:${key()}`, `i1:${key()}`);
const rotated = parseKeyRing(`new:${key()},old:${oldRing.keys.get("old")!.toString("base64")}`, `i1:${oldRing.index.key.toString("base64")}`);

describe("personal data fields", () => {
  it("encrypt with a random IV, name their key, and decrypt back", () => {
    const a = encryptField("Anna Müller", "users.name", oldRing);
    const b = encryptField("Anna Müller", "users.name", oldRing);
    expect(a).toMatch(/^pd:v1:old:[\w-]+:[\w-]+:[\w-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain("Anna");
    expect(keyIdOf(a)).toBe("old");
    expect(decryptField(a, "users.name", oldRing)).toBe("Anna Müller");
  });

  it("refuse a value moved to another column or tampered with", () => {
    const a = encryptField("anna@example.test", "users.email", oldRing);
    expect(() => decryptField(a, "users.name", oldRing)).toThrow();
    const parts = a.split(":");
    parts[4] = Buffer.from("x".repeat(17)).toString("base64url");
    expect(() => decryptField(parts.join(":"), "users.email", oldRing)).toThrow();
  });

  it("rotate: the new key encrypts, the old one still decrypts, a dropped key is a clear error", () => {
    const before = encryptField("+49 89 1234", "users.phone", oldRing);
    expect(decryptField(before, "users.phone", rotated)).toBe("+49 89 1234");
    const after = encryptField("+49 89 1234", "users.phone", rotated);
    expect(keyIdOf(after)).toBe("new");
    expect(() => decryptField(after, "users.phone", oldRing)).toThrow(/key "new"/);
  });

  it("read plaintext written before encryption as it is", () => {
    expect(decryptField('{"name":"Anna"}', "orders.contact", oldRing)).toBe('{"name":"Anna"}');
    expect(keyIdOf("anna@example.test")).toBeNull();
  });

  it("index emails case-insensitively, phones by digits and names by words, keyed", () => {
    expect(emailIndex(" Anna@Example.TEST ", oldRing)).toBe(emailIndex("anna@example.test", oldRing));
    expect(phoneIndex("+49 (89) 12-34", oldRing)).toBe(phoneIndex("498912 34", oldRing));
    expect(phoneIndex("  ", oldRing)).toBeNull();
    expect(nameWords("Anna-Lena  MÜLLER")).toEqual(["anna", "lena", "muller"]);
    expect(nameIndex("Müller Anna", oldRing)).toEqual(expect.arrayContaining(nameIndex("anna muller", oldRing)));
    const otherKey = parseKeyRing(`old:${key()}`, `i1:${key()}`);
    expect(blindIndex("x", otherKey)).not.toBe(blindIndex("x", oldRing));
    expect(emailIndex("anna@example.test", oldRing)).toMatch(/^i1:/);
  });
});

describe("personal data keys", () => {
  const base = { NODE_ENV: "development" };

  it("come from the environment, first one current, and refuse malformed ones", () => {
    const ring = resolveKeyRing(getEnv({ ...base, PERSONAL_DATA_KEYS: `k2:${key()}, k1:${key()}`, PERSONAL_DATA_INDEX_KEY: `i1:${key()}` }));
    expect(ring.current).toBe("k2");
    expect([...ring.keys.keys()]).toEqual(["k2", "k1"]);
    expect(() => resolveKeyRing(getEnv({ ...base, PERSONAL_DATA_KEYS: "k1:c2hvcnQ=", PERSONAL_DATA_INDEX_KEY: `i1:${key()}` }))).toThrow(/32 bytes/);
    expect(() => resolveKeyRing(getEnv({ ...base, PERSONAL_DATA_KEYS: `k1:${key()}` }))).toThrow(/both/);
  });

  it("are generated once into DATA_DIR in development, so a restart still decrypts", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atelier-keys-"));
    try {
      const first = resolveKeyRing(getEnv({ ...base, DATA_DIR: dir }));
      const again = resolveKeyRing(getEnv({ ...base, DATA_DIR: dir }));
      expect(decryptField(encryptField("Anna", "users.name", first), "users.name", again)).toBe("Anna");
      expect(fs.statSync(path.join(dir, "personal-data-keys")).mode & 0o777).toBe(0o600);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("are required in production on PostgreSQL", () => {
    expect(() => resolveKeyRing(getEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://x@localhost/y" }))).toThrow(/must be set in production/);
  });
});
