/**
 * The configuration repository against a real database (PGlite, or
 * PostgreSQL with TEST_DATABASE_URL) and the real engine on the seeded demo
 * catalog: what is refused and why, ownership, share codes.
 */
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { configurations, shareCodes } from "#db/schema";
import { seed } from "#db/seed";
import { createTestDb, type TestDb } from "#db/test-db";
import { SHARE_CODE_ALPHABET, SHARE_CODE_PATTERN } from "~/domain/forms/configuration";
import { getLine } from "~/.server/catalog/catalog.server";
import {
  createShareCode,
  deleteConfiguration,
  getConfiguration,
  getSharedConfiguration,
  listConfigurations,
  randomShareCode,
  renameConfiguration,
  saveConfiguration,
} from "./configurations.server";
import { createCustomer, userId } from "./configurations.testing";

let t: TestDb;
let db: Db;
let clara: string;
let other: string;

beforeAll(async () => {
  t = await createTestDb();
  db = t.db;
  await seed(db, { demo: true });
  clara = await userId(db, "customer@atelier.test");
  other = await createCustomer(db, "other@example.test");
});

afterAll(async () => {
  await t?.close();
});

const SEDAN = "sedan-a6l";
/** Incomplete but buildable: S line with the inscription option. */
const PARTIAL = { line: SEDAN, choices: ["PQD", "VT7"], texts: { inscription: "FOR ANNA" } };

const tally = async () => ({
  configurations: (await db.select({ n: count() }).from(configurations))[0].n,
  shareCodes: (await db.select({ n: count() }).from(shareCodes))[0].n,
});

describe("catalog", () => {
  it("serves the active version's lines compiled once, and nothing for unknown lines or versions", async () => {
    const a = await getLine(SEDAN, undefined, { db });
    const b = await getLine(SEDAN, "demo-2026.1", { db });
    expect(a?.version).toMatchObject({ id: "demo-2026.1", status: "published" });
    expect(a?.active).toBe(true);
    expect(b?.compiled).toBe(a?.compiled); // cached per (version, line)
    expect(await getLine("no-such-line", undefined, { db })).toBeNull();
    expect(await getLine(SEDAN, "no-such-version", { db })).toBeNull();
  });
});

describe("saving", () => {
  it("saves an incomplete configuration with the active catalog version", async () => {
    const saved = await saveConfiguration(db, clara, { ...PARTIAL, name: "  My S line  " });
    expect(saved.ok).toBe(true);
    if (!saved.ok) return;
    expect(saved.value).toMatchObject({ name: "My S line", line: SEDAN, version: "demo-2026.1", choices: ["PQD", "VT7"], texts: PARTIAL.texts });
    expect(await getConfiguration(db, clara, saved.value.id)).toEqual(saved.value);
  });

  const refused: [string, Parameters<typeof saveConfiguration>[2], { code: string; path?: string; status?: number }][] = [
    ["an unknown code", { ...PARTIAL, name: "x", choices: ["PQD", "NOPE"] }, { code: "unknown-code", path: "choices.1" }],
    ["a code given twice", { ...PARTIAL, name: "x", choices: ["PQD", "VT7", "PQD"] }, { code: "duplicate-code", path: "choices.2" }],
    ["a code of another line", { ...PARTIAL, name: "x", choices: ["S60"] }, { code: "unknown-code", path: "choices.0" }],
    ["an unknown text field", { ...PARTIAL, name: "x", texts: { engraving: "HI" } }, { code: "unknown-text", path: "texts.engraving" }],
    ["a text breaking its pattern", { ...PARTIAL, name: "x", texts: { inscription: "<script>" } }, { code: "text-invalid", path: "texts.inscription" }],
    ["a text too long", { ...PARTIAL, name: "x", texts: { inscription: "A".repeat(21) } }, { code: "text-invalid", path: "texts.inscription" }],
    ["a text without its option", { ...PARTIAL, name: "x", choices: ["PQD"] }, { code: "text-not-allowed", path: "texts.inscription" }],
    ["two trims", { ...PARTIAL, name: "x", choices: ["PQD", "LB0"], texts: {} }, { code: "conflicting-choices", path: "choices" }],
    ["choices no rule allows together", { ...PARTIAL, name: "x", choices: ["LB0", "C9X"], texts: {} }, { code: "conflicting-choices" }],
    ["an unknown line", { ...PARTIAL, name: "x", line: "bicycle" }, { code: "unknown-line", path: "line" }],
    ["an unknown version", { ...PARTIAL, name: "x", version: "1999.1" }, { code: "unknown-version", path: "version" }],
    ["an empty name", { ...PARTIAL, name: "   " }, { code: "invalid-name", path: "name" }],
    ["a 101-character name", { ...PARTIAL, name: "n".repeat(101) }, { code: "invalid-name", path: "name" }],
    ["a name with a control character", { ...PARTIAL, name: "a\u0000b" }, { code: "invalid-name", path: "name" }],
  ];

  it.each(refused)("refuses %s and writes nothing", async (_name, input, expected) => {
    const before = await tally();
    const result = await saveConfiguration(db, clara, input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem).toMatchObject({ status: 400, ...expected });
    expect(result.problem.message).not.toBe("");
    expect(await tally()).toEqual(before);
  });

  it("says which choice conflicts with which and by which rule, so the caller knows what to change", async () => {
    const result = await saveConfiguration(db, clara, { ...PARTIAL, name: "x", choices: ["PQD", "N5W-AF"], texts: {} });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.code).toBe("conflicting-choices");
    expect(result.problem.message).toContain('"N5W-AF" conflicts with "PQD" (R-VALCONA-TRIM: Black Valcona leather requires Advanced or Premium.)');
  });
});

describe("ownership", () => {
  it("lists, renames and deletes only the owner's configurations", async () => {
    const mine = await saveConfiguration(db, clara, { ...PARTIAL, name: "Mine" });
    const theirs = await saveConfiguration(db, other, { line: "fridge-fs", choices: ["S75"], texts: {}, name: "Kitchen" });
    if (!mine.ok || !theirs.ok) throw new Error("setup failed");

    expect((await listConfigurations(db, other)).map((c) => c.name)).toEqual(["Kitchen"]);
    expect((await listConfigurations(db, clara)).map((c) => c.id)).not.toContain(theirs.value.id);

    // Someone else's id behaves like a missing one, and changes nothing.
    expect(await getConfiguration(db, clara, theirs.value.id)).toBeNull();
    const rename = await renameConfiguration(db, clara, theirs.value.id, "Stolen");
    expect(rename.ok ? null : rename.problem).toMatchObject({ code: "not-found", status: 404 });
    expect(await deleteConfiguration(db, clara, theirs.value.id)).toBe(false);
    expect(await getConfiguration(db, other, theirs.value.id)).toMatchObject({ name: "Kitchen" });

    // Malformed ids are simply not found (never a database error).
    expect(await getConfiguration(db, clara, "not-a-uuid")).toBeNull();
    expect(await deleteConfiguration(db, clara, "'; drop table configurations; --")).toBe(false);

    const renamed = await renameConfiguration(db, clara, mine.value.id, "Mine, renamed");
    expect(renamed.ok && renamed.value.name).toBe("Mine, renamed");
    expect((await listConfigurations(db, clara))[0].id).toBe(mine.value.id); // most recently changed first
    const badName = await renameConfiguration(db, clara, mine.value.id, "");
    expect(badName.ok ? null : badName.problem).toMatchObject({ code: "invalid-name", status: 400 });

    expect(await deleteConfiguration(db, clara, mine.value.id)).toBe(true);
    expect(await getConfiguration(db, clara, mine.value.id)).toBeNull();
    expect(await deleteConfiguration(db, clara, mine.value.id)).toBe(false);
  });
});

describe("share codes", () => {
  it("draws 8 characters from the unambiguous alphabet", () => {
    expect(SHARE_CODE_ALPHABET).not.toMatch(/[01IO]/);
    const codes = Array.from({ length: 2000 }, randomShareCode);
    for (const code of codes) expect(code).toMatch(SHARE_CODE_PATTERN);
    expect(new Set(codes).size).toBe(codes.length);
    // Every character of the alphabet shows up (2000 × 8 draws over 32 characters).
    expect(new Set(codes.join("")).size).toBe(SHARE_CODE_ALPHABET.length);
  });

  it("snapshots a configuration; the code opens it in any case and with a dash", async () => {
    const created = await createShareCode(db, PARTIAL, { createdBy: clara });
    if (!created.ok) throw new Error(created.problem.message);
    const { code } = created.value;
    expect(code).toMatch(SHARE_CODE_PATTERN);
    const typed = `${code.slice(0, 4).toLowerCase()}-${code.slice(4)}`;
    const shared = await getSharedConfiguration(db, typed);
    expect(shared).toMatchObject({ code, line: SEDAN, choices: PARTIAL.choices, texts: PARTIAL.texts, reconciliation: null });
    expect(shared?.version).toMatchObject({ id: "demo-2026.1", status: "published" });
  });

  it("answers null for unknown and malformed codes", async () => {
    expect(await getSharedConfiguration(db, "ZZZZZZZZ")).toBeNull();
    expect(await getSharedConfiguration(db, "O0I1O0I1")).toBeNull();
    expect(await getSharedConfiguration(db, "x".repeat(10_000))).toBeNull();
  });

  it("refuses what saving refuses", async () => {
    const before = await tally();
    const result = await createShareCode(db, { ...PARTIAL, choices: ["PQD", "NOPE"] });
    expect(result.ok ? null : result.problem).toMatchObject({ code: "unknown-code", path: "choices.1" });
    expect(await tally()).toEqual(before);
  });

  it("retries on a collision inside the transaction and never overwrites a code", async () => {
    const first = await createShareCode(db, PARTIAL);
    if (!first.ok) throw new Error("setup failed");
    const taken = first.value.code;
    const fresh = randomShareCode();
    const drawn: string[] = [];
    const queue = [taken, taken, fresh];
    const second = await createShareCode(db, { line: "fridge-fs", choices: ["S60"], texts: {} }, {
      generate: () => {
        const next = queue.shift()!;
        drawn.push(next);
        return next;
      },
    });
    expect(drawn).toEqual([taken, taken, fresh]);
    expect(second.ok && second.value.code).toBe(fresh);
    // The colliding code still opens the first configuration.
    expect((await getSharedConfiguration(db, taken))?.line).toBe(SEDAN);

    const before = await tally();
    await expect(createShareCode(db, PARTIAL, { generate: () => taken })).rejects.toThrow(/no unused share code/);
    expect(await tally()).toEqual(before);
  });

  it("shares a saved configuration only for its owner, and the code outlives it", async () => {
    const saved = await saveConfiguration(db, clara, { ...PARTIAL, name: "To share" });
    if (!saved.ok) throw new Error("setup failed");
    const stranger = await createShareCode(db, { configurationId: saved.value.id, ownerId: other });
    expect(stranger.ok ? null : stranger.problem).toMatchObject({ code: "not-found", status: 404 });

    const shared = await createShareCode(db, { configurationId: saved.value.id, ownerId: clara }, { createdBy: clara });
    if (!shared.ok) throw new Error(shared.problem.message);
    await renameConfiguration(db, clara, saved.value.id, "Renamed after sharing");
    expect(await deleteConfiguration(db, clara, saved.value.id)).toBe(true);
    const [row] = await db.select().from(shareCodes).where(eq(shareCodes.code, shared.value.code));
    expect(row.configurationId).toBeNull();
    expect(await getSharedConfiguration(db, shared.value.code)).toMatchObject({ choices: PARTIAL.choices, texts: PARTIAL.texts });
  });

  it("the database itself refuses a code outside the alphabet", async () => {
    await expect(
      db.insert(shareCodes).values({ code: "ABCDEFG0", lineCode: SEDAN, catalogVersionId: "demo-2026.1", choices: [], texts: {} }),
    ).rejects.toThrow();
  });
});
