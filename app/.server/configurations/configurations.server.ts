/**
 * Saved configurations and share codes: the repository. Every function takes
 * the database or a transaction (`Executor`) first; owner-scoped functions
 * take the owner's id and treat another user's configuration exactly like a
 * missing one (null), so a route answers 404 and reveals nothing.
 *
 * Nothing is stored before the engine has checked it against the catalog
 * version it names: unknown or repeated codes, unknown personalization
 * fields, invalid texts and choices that no complete configuration contains
 * are refused. An incomplete configuration may be saved and shared (that is
 * what "save for later" is for).
 */
import { randomInt } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import type { Executor } from "#db/client";
import { configurations, shareCodes, type SavedConfigurationRow } from "#db/schema";
import type { ProductLine } from "~/domain/catalog";
import { complete, normaliseConfiguration, validate, type DroppedChoice, type Problem } from "~/domain/engine";
import {
  configurationNameSchema,
  normalizeShareCode,
  SHARE_CODE_ALPHABET,
  SHARE_CODE_LENGTH,
} from "~/domain/forms/configuration";
import { fail, ok, type Failure, type Refusal, type Result } from "~/domain/result";
import { getActiveVersion, getLine, getVersion, type LoadedLine, type VersionInfo } from "~/.server/catalog/catalog.server";

/** A configuration as it arrives: a line, optionally a catalog version (default: the active one), choices, texts. */
export interface ConfigurationInput {
  line: string;
  version?: string;
  choices: readonly string[];
  texts: Readonly<Record<string, string>>;
}

/** The codes of refused configuration input (the API's error codes). */
export type ConfigurationRefusalCode =
  | "unknown-line"
  | "unknown-version"
  | "retired-version"
  | "unknown-code"
  | "duplicate-code"
  | "unknown-text"
  | "text-invalid"
  | "text-not-allowed"
  | "conflicting-choices"
  | "invalid-name"
  | "not-found";

export interface SavedConfiguration {
  id: string;
  name: string;
  line: string;
  version: string;
  choices: string[];
  texts: Record<string, string>;
  /** The owner follows it (news when a catalog version changes it; follows.server.ts). */
  following: boolean;
  createdAt: Date;
  updatedAt: Date;
}

const toSaved = (row: SavedConfigurationRow): SavedConfiguration => ({
  id: row.id,
  name: row.name,
  line: row.lineCode,
  version: row.catalogVersionId,
  choices: row.choices,
  texts: row.texts,
  following: row.followedAt !== null,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The line a configuration is for, or the problem (unknown version or line). */
export async function loadLineFor(db: Executor, input: { line: string; version?: string }): Promise<Result<LoadedLine, "unknown-line" | "unknown-version">> {
  const loaded = await getLine(input.line, input.version, { db });
  if (loaded) return ok(loaded);
  if (input.version !== undefined && !(await getVersion(input.version, { db })))
    return fail({ code: "unknown-version", message: `unknown catalog version "${input.version}"`, path: "version", status: 400 });
  return fail({ code: "unknown-line", message: `unknown product line "${input.line}"`, path: "line", status: 400 });
}

const STRUCTURAL: ReadonlySet<Problem["code"]> = new Set(["unknown-code", "duplicate-code", "unknown-text"]);

/**
 * Codes and fields the line doesn't have (or a code given twice): input no
 * configurator could have produced. Null when the input is well-formed for
 * the line. Texts that break their pattern are not structural (see checkSavable).
 */
export function checkStructure(line: ProductLine, input: Pick<ConfigurationInput, "choices" | "texts">): Refusal<ConfigurationRefusalCode> | null {
  const problems = validate(line, { line: line.code, choices: [...input.choices], texts: { ...input.texts } });
  const first = problems.find((p) => STRUCTURAL.has(p.code));
  return first ? toRefusal(first, input) : null;
}

/**
 * What saving and sharing need beyond structure: valid, allowed texts, and
 * choices that some complete configuration contains (incomplete is fine,
 * contradictory is not).
 */
export function checkSavable(loaded: LoadedLine, input: Pick<ConfigurationInput, "choices" | "texts">): Refusal<ConfigurationRefusalCode> | null {
  const structural = checkStructure(loaded.line, input);
  if (structural) return structural;
  const problems = validate(loaded.line, { line: loaded.line.code, choices: [...input.choices], texts: { ...input.texts } });
  const text = problems.find((p) => p.code === "text-invalid" || p.code === "text-not-allowed");
  if (text) return toRefusal(text, input);
  if (complete(loaded.compiled, { choices: input.choices }) === null) {
    // Name the rules, so the caller knows what to change (trying again can't help).
    const first = normaliseConfiguration(loaded.compiled, { choices: [...input.choices], texts: {} }).dropped[0];
    return {
      code: "conflicting-choices",
      message: `these choices can't be built together: no complete configuration contains them all${first ? `; ${conflictText(loaded.line, first)}` : ""}`,
      path: "choices",
      status: 400,
    };
  }
  return null;
}

/** `"N5W-AF" conflicts with "PQD" (R-VALCONA-TRIM: Black Valcona leather requires Advanced or Premium.)`, in English like every API message. */
function conflictText(line: ProductLine, dropped: DroppedChoice): string {
  const rules = (dropped.reason?.rules ?? []).filter((id) => !id.startsWith("feature:"));
  const described = rules.map((id) => {
    const rule = line.rules.find((r) => r.id === id);
    return rule?.description ? `${id}: ${rule.description.en}` : id;
  });
  const others = (dropped.reason?.choices ?? []).map((c) => `"${c}"`).join(", ");
  return `"${dropped.code}" conflicts with ${others || "the line's rules"}${described.length > 0 ? ` (${described.join("; ")})` : ""}`;
}

function toRefusal(problem: Problem, input: Pick<ConfigurationInput, "choices" | "texts">): Refusal<ConfigurationRefusalCode> {
  const target = problem.target ?? "";
  let path: string | undefined;
  if (problem.code === "unknown-code") path = `choices.${input.choices.indexOf(target)}`;
  else if (problem.code === "duplicate-code") path = `choices.${input.choices.lastIndexOf(target)}`;
  else if (target in input.texts) path = `texts.${target}`;
  return { code: problem.code as ConfigurationRefusalCode, message: problem.message, path, status: 400 };
}

/** Load the line and check the input for saving or sharing. */
async function checked(db: Executor, input: ConfigurationInput): Promise<Result<LoadedLine, ConfigurationRefusalCode>> {
  const loaded = await loadLineFor(db, input);
  if (!loaded.ok) return loaded;
  // New saves and shares use a current catalog; a retired version's configurations only live on.
  if (loaded.value.version.status === "retired")
    return fail({ code: "retired-version", message: `catalog version "${loaded.value.version.id}" is retired: use the active version`, path: "version", status: 400 });
  const problem = checkSavable(loaded.value, input);
  return problem ? fail(problem) : loaded;
}

function parseName(name: unknown): Result<string, ConfigurationRefusalCode> {
  const parsed = configurationNameSchema.safeParse(name);
  if (parsed.success) return ok(parsed.data);
  return fail({ code: "invalid-name", message: "the name must be 1–100 characters without control characters", path: "name", status: 400 });
}

/** Save a configuration for its owner, with the catalog version it was checked against. */
export async function saveConfiguration(
  db: Executor,
  ownerId: string,
  input: ConfigurationInput & { name: string },
): Promise<Result<SavedConfiguration, ConfigurationRefusalCode>> {
  const name = parseName(input.name);
  if (!name.ok) return name;
  const loaded = await checked(db, input);
  if (!loaded.ok) return loaded;
  const [row] = await db
    .insert(configurations)
    .values({
      ownerId,
      name: name.value,
      lineCode: loaded.value.line.code,
      catalogVersionId: loaded.value.version.id,
      choices: [...input.choices],
      texts: { ...input.texts },
    })
    .returning();
  return ok(toSaved(row));
}

/** The owner's configurations, most recently changed first. */
export async function listConfigurations(db: Executor, ownerId: string, options: { limit?: number } = {}): Promise<SavedConfiguration[]> {
  const rows = await db
    .select()
    .from(configurations)
    .where(eq(configurations.ownerId, ownerId))
    .orderBy(desc(configurations.updatedAt), desc(configurations.createdAt))
    .limit(options.limit ?? 200);
  return rows.map(toSaved);
}

/** One of the owner's configurations; null if it doesn't exist or belongs to someone else (or the id is malformed). */
export async function getConfiguration(db: Executor, ownerId: string, id: string): Promise<SavedConfiguration | null> {
  if (!UUID.test(id)) return null;
  const [row] = await db
    .select()
    .from(configurations)
    .where(and(eq(configurations.id, id), eq(configurations.ownerId, ownerId)))
    .limit(1);
  return row ? toSaved(row) : null;
}

/** Rename one of the owner's configurations; not found (or someone else's) is a 404 problem. */
export async function renameConfiguration(db: Executor, ownerId: string, id: string, name: string): Promise<Result<SavedConfiguration, ConfigurationRefusalCode>> {
  const parsed = parseName(name);
  if (!parsed.ok) return parsed;
  if (!UUID.test(id)) return notFound();
  const [row] = await db
    .update(configurations)
    .set({ name: parsed.value })
    .where(and(eq(configurations.id, id), eq(configurations.ownerId, ownerId)))
    .returning();
  return row ? ok(toSaved(row)) : notFound();
}

/** Delete one of the owner's configurations; false if there was none (or it is someone else's). Share codes made from it stay valid. */
export async function deleteConfiguration(db: Executor, ownerId: string, id: string): Promise<boolean> {
  if (!UUID.test(id)) return false;
  const rows = await db
    .delete(configurations)
    .where(and(eq(configurations.id, id), eq(configurations.ownerId, ownerId)))
    .returning({ id: configurations.id });
  return rows.length > 0;
}

function notFound(): Failure<ConfigurationRefusalCode> {
  return fail({ code: "not-found", message: "no such configuration", status: 404 });
}

/** A fresh share code: 8 characters drawn uniformly from the alphabet with the system's CSPRNG. */
export function randomShareCode(): string {
  let code = "";
  for (let i = 0; i < SHARE_CODE_LENGTH; i++) code += SHARE_CODE_ALPHABET[randomInt(SHARE_CODE_ALPHABET.length)];
  return code;
}

/** Attempts before giving up on finding an unused code (32^8 ≈ 10^12 codes: a second attempt is already rare). */
const SHARE_CODE_ATTEMPTS = 8;

export interface ShareCodeOptions {
  /** The signed-in user making the code, if any. */
  createdBy?: string | null;
  /** Code generator (tests inject collisions); default randomShareCode. */
  generate?: () => string;
}

export interface CreatedShareCode {
  code: string;
  line: string;
  version: string;
  choices: string[];
  texts: Record<string, string>;
  createdAt: Date;
}

/**
 * A share code for a configuration given in full (checked like a save) or
 * for one of `ownerId`'s saved configurations (a snapshot of it as it is now).
 * A code already in use is never overwritten: the insert does nothing on a
 * collision and another code is tried, inside one transaction.
 */
export async function createShareCode(
  db: Executor,
  source: ConfigurationInput | { configurationId: string; ownerId: string },
  options: ShareCodeOptions = {},
): Promise<Result<CreatedShareCode, ConfigurationRefusalCode>> {
  let snapshot: { line: string; version: string; choices: string[]; texts: Record<string, string>; configurationId: string | null };
  if ("configurationId" in source) {
    const saved = await getConfiguration(db, source.ownerId, source.configurationId);
    if (!saved) return notFound();
    snapshot = { line: saved.line, version: saved.version, choices: saved.choices, texts: saved.texts, configurationId: saved.id };
  } else {
    const loaded = await checked(db, source);
    if (!loaded.ok) return loaded;
    snapshot = {
      line: loaded.value.line.code,
      version: loaded.value.version.id,
      choices: [...source.choices],
      texts: { ...source.texts },
      configurationId: null,
    };
  }
  const generate = options.generate ?? randomShareCode;
  const row = await db.transaction(async (tx) => {
    for (let attempt = 0; attempt < SHARE_CODE_ATTEMPTS; attempt++) {
      const [inserted] = await tx
        .insert(shareCodes)
        .values({
          code: generate(),
          lineCode: snapshot.line,
          catalogVersionId: snapshot.version,
          choices: snapshot.choices,
          texts: snapshot.texts,
          configurationId: snapshot.configurationId,
          createdBy: options.createdBy ?? null,
        })
        .onConflictDoNothing({ target: shareCodes.code })
        .returning();
      if (inserted) return inserted;
    }
    throw new Error(`no unused share code after ${SHARE_CODE_ATTEMPTS} attempts`);
  });
  return ok({
    code: row.code,
    line: row.lineCode,
    version: row.catalogVersionId,
    choices: row.choices,
    texts: row.texts,
    createdAt: row.createdAt,
  });
}

/**
 * How a configuration of an older (retired or superseded) catalog version
 * maps onto the active one: what no longer exists, what had to be dropped,
 * and the nearest configuration that can still be built.
 */
export interface Reconciliation {
  /** The active version the configuration was mapped onto. */
  version: VersionInfo;
  /** False when the active version has no such product line (then nothing else applies). */
  lineAvailable: boolean;
  /** Choices whose codes the active version's line doesn't have. */
  missing: string[];
  /** Personalization fields the active line doesn't have, or whose text it no longer accepts. */
  missingTexts: string[];
  /** Choices that still exist but conflict with earlier kept choices under the new rules. */
  dropped: DroppedChoice[];
  /** The nearest configuration: every still-existing, compatible choice, in the original order (incomplete is possible). */
  choices: string[];
  texts: Record<string, string>;
}

/**
 * Map a configuration onto the active catalog version. Choices are kept in
 * their original order as long as some complete configuration still contains
 * them all; a choice that would break that is dropped with the engine's reason
 * (so earlier choices — usually trim and engine — win over later ones).
 * Null when the configuration is already of the active version or nothing is published.
 */
export async function reconcileWithActive(
  db: Executor,
  config: { line: string; version: string; choices: readonly string[]; texts: Readonly<Record<string, string>> },
): Promise<Reconciliation | null> {
  const active = await getActiveVersion({ db });
  if (!active || active.id === config.version) return null;
  const loaded = await getLine(config.line, active.id, { db });
  if (!loaded) {
    return {
      version: active,
      lineAvailable: false,
      missing: [...config.choices],
      missingTexts: Object.keys(config.texts),
      dropped: [],
      choices: [],
      texts: {},
    };
  }
  // The same normaliser the configurator runs on every configuration it opens.
  const nearest = normaliseConfiguration(loaded.compiled, { choices: [...config.choices], texts: { ...config.texts } });
  const missing = nearest.unknown;
  const dropped = nearest.dropped;
  const missingTexts = nearest.droppedTexts.map((t) => t.field);
  const { choices: kept, texts } = nearest;
  return { version: active, lineAvailable: true, missing, missingTexts, dropped, choices: kept, texts };
}

export interface SharedConfiguration {
  code: string;
  line: string;
  /** The version the configuration was made with (its status says whether it is still current). */
  version: VersionInfo;
  choices: string[];
  texts: Record<string, string>;
  createdAt: Date;
  /** The line in its own version (for names and prices); null only if the catalog lost it, which the schema prevents. */
  loaded: LoadedLine | null;
  /** Present when the version is not the active one: how it maps onto the active version. */
  reconciliation: Reconciliation | null;
}

/** Open a share code (as typed: case, spaces and dashes don't matter). Null for unknown or malformed codes. */
export async function getSharedConfiguration(db: Executor, input: string): Promise<SharedConfiguration | null> {
  const code = normalizeShareCode(input);
  if (!code) return null;
  const [row] = await db.select().from(shareCodes).where(eq(shareCodes.code, code)).limit(1);
  if (!row) return null;
  const loaded = await getLine(row.lineCode, row.catalogVersionId, { db });
  const version = loaded?.version ?? (await getVersion(row.catalogVersionId, { db }));
  if (!version) return null;
  const config = { line: row.lineCode, version: row.catalogVersionId, choices: row.choices, texts: row.texts };
  return {
    code: row.code,
    line: row.lineCode,
    version,
    choices: row.choices,
    texts: row.texts,
    createdAt: row.createdAt,
    loaded,
    reconciliation: await reconcileWithActive(db, config),
  };
}
