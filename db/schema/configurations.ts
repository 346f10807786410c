/**
 * Saved configurations and share codes.
 *
 * A configuration always names the catalog version it was made with (a
 * published version never changes, so its codes keep their meaning); the
 * (version, line) pair is a foreign key into product_lines, so neither can
 * disappear under a saved configuration.
 *
 * A share code is a snapshot, not a pointer: renaming, changing or deleting
 * the saved configuration it came from does not change what the code opens.
 * The optional link back is only for "shared from …" and is cleared when the
 * configuration is deleted. Neither table holds personal data beyond the
 * owner's id (a configuration's name is the customer's own label).
 */
import { relations, sql } from "drizzle-orm";
import { check, foreignKey, index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { catalogVersions, productLines } from "./catalog";
import { users } from "./users";
import { encryptedJson } from "./encrypted";
// Relative import: drizzle-kit loads this file without the tsconfig path aliases.
// Share codes: digits and capitals without 0/O and 1/I (easy to read aloud and type).
import { LIMITS, SHARE_CODE_ALPHABET, SHARE_CODE_LENGTH } from "../../app/domain/forms/configuration";

export const configurations = pgTable(
  "configurations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    lineCode: text("line_code").notNull(),
    /** With line_code, a foreign key into product_lines (which itself belongs to the version). */
    catalogVersionId: text("catalog_version_id").notNull(),
    /** Chosen value codes, in the order they were chosen. */
    choices: text("choices").array().notNull().default(sql`'{}'::text[]`),
    /** Personalization texts by text-feature code. */
    texts: encryptedJson<Record<string, string>>("configurations.texts").notNull().$defaultFn(() => ({})),
    /**
     * Since when the owner follows it (news when a catalog version changes its
     * price, buildability or delivery); null: not followed. The time is part of
     * each unsubscribe link, so a link stops working once used, and an old link
     * can't end a later follow.
     */
    followedAt: timestamp("followed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [
    foreignKey({
      name: "configurations_line_fk",
      columns: [t.catalogVersionId, t.lineCode],
      foreignColumns: [productLines.versionId, productLines.code],
    }),
    index("configurations_owner_idx").on(t.ownerId, t.updatedAt),
    check("configurations_name_length", sql`char_length(${t.name}) between 1 and ${sql.raw(String(LIMITS.nameLength))}`),
  ],
);

export const shareCodes = pgTable(
  "share_codes",
  {
    code: text("code").primaryKey(),
    lineCode: text("line_code").notNull(),
    /** With line_code, a foreign key into product_lines (which itself belongs to the version). */
    catalogVersionId: text("catalog_version_id").notNull(),
    choices: text("choices").array().notNull().default(sql`'{}'::text[]`),
    /** Encrypted (decision 045): whoever holds a code may read them, nobody else. */
    texts: encryptedJson<Record<string, string>>("share_codes.texts").notNull().$defaultFn(() => ({})),
    /** The saved configuration it was made from, if any (cleared when that is deleted). */
    configurationId: uuid("configuration_id").references(() => configurations.id, { onDelete: "set null" }),
    /** Who made it, if signed in (cleared when the account is deleted: the code stays usable). */
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: "share_codes_line_fk",
      columns: [t.catalogVersionId, t.lineCode],
      foreignColumns: [productLines.versionId, productLines.code],
    }),
    index("share_codes_configuration_idx").on(t.configurationId),
    check("share_codes_code_format", sql`${t.code} ~ ${sql.raw(`'^[${SHARE_CODE_ALPHABET}]{${SHARE_CODE_LENGTH}}$'`)}`),
  ],
);

/**
 * Which catalog versions a followed configuration has been compared under:
 * one row per (configuration, version), claimed with ON CONFLICT DO NOTHING,
 * so publishing (or announcing) a version twice tells nobody twice. The
 * latest row's version is what the next version is compared against.
 */
export const configurationNews = pgTable(
  "configuration_news",
  {
    configurationId: uuid("configuration_id")
      .notNull()
      .references(() => configurations.id, { onDelete: "cascade" }),
    catalogVersionId: text("catalog_version_id")
      .notNull()
      .references(() => catalogVersions.id, { onDelete: "cascade" }),
    /** The notification's kind, or null when the version changed nothing worth telling. */
    kind: text("kind"),
    checkedAt: timestamp("checked_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.configurationId, t.catalogVersionId] }), index("configuration_news_latest_idx").on(t.configurationId, t.checkedAt)],
);

export const configurationsRelations = relations(configurations, ({ one, many }) => ({
  owner: one(users, { fields: [configurations.ownerId], references: [users.id] }),
  version: one(catalogVersions, { fields: [configurations.catalogVersionId], references: [catalogVersions.id] }),
  shareCodes: many(shareCodes),
}));

export const shareCodesRelations = relations(shareCodes, ({ one }) => ({
  configuration: one(configurations, { fields: [shareCodes.configurationId], references: [configurations.id] }),
  version: one(catalogVersions, { fields: [shareCodes.catalogVersionId], references: [catalogVersions.id] }),
}));

export type SavedConfigurationRow = typeof configurations.$inferSelect;
export type ShareCodeRow = typeof shareCodes.$inferSelect;
