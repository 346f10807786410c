/**
 * Catalog versions and their product lines. A version is edited while it is
 * a draft and frozen once published: configurations, quotes and orders name
 * the version they were made with, so what they refer to must never change.
 * A trigger (migration 0001) enforces this in the database itself.
 */
import { relations, sql } from "drizzle-orm";
import { type AnyPgColumn, check, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { Catalog, Localized } from "../../app/domain/catalog";
import { users } from "./users";

export const CATALOG_STATUSES = ["draft", "published", "retired"] as const;
export const catalogStatusEnum = pgEnum("catalog_status", CATALOG_STATUSES);

export const catalogVersions = pgTable(
  "catalog_versions",
  {
    /** Short stable id (e.g. "demo-2026.1"); configurations and orders refer to it. */
    id: text("id").primaryKey(),
    label: text("label").notNull(),
    status: catalogStatusEnum("status").notNull().default("draft"),
    /** The whole catalog as checked by parseCatalog (app/domain/catalog.ts). */
    catalog: jsonb("catalog").$type<Catalog>().notNull(),
    /**
     * Counts the draft's edits: every edit form carries the revision it was
     * made on, and an edit on an older one (a second tab) is refused instead
     * of silently undoing the other (app/.server/catalog/draft-edit.server.ts).
     * Frozen with the rest once published (migration 0018).
     */
    revision: integer("revision").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Who made it (upload, or a draft started from the active version); null for the seed and the command line. */
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    /** The version a draft was started from (null for uploads and imports). */
    basedOn: text("based_on").references((): AnyPgColumn => catalogVersions.id, { onDelete: "set null" }),
    /** When it was first published; never changes afterwards. */
    publishedAt: timestamp("published_at", { withTimezone: true }),
    publishedBy: uuid("published_by").references(() => users.id, { onDelete: "set null" }),
    /**
     * When it last became the active version: set on publishing and again on
     * a rollback to it. The active version is the published one with the
     * newest activation (decision 035).
     */
    activatedAt: timestamp("activated_at", { withTimezone: true }),
  },
  (t) => [
    check("catalog_versions_published_at", sql`(${t.status} = 'draft') = (${t.publishedAt} is null)`),
    check("catalog_versions_activated_at", sql`(${t.status} = 'draft') = (${t.activatedAt} is null)`),
    index("catalog_versions_status_idx").on(t.status),
  ],
);

export const CATALOG_ANALYSIS_STATUSES = ["running", "done", "failed"] as const;
export const catalogAnalysisStatusEnum = pgEnum("catalog_analysis_status", CATALOG_ANALYSIS_STATUSES);

/**
 * The analysis of a version's content (counts, dead and core values, BOM
 * proof), run in a worker thread and kept here so a reload shows it and any
 * app server can report its progress. Keyed by the content's hash too: a
 * draft that changes gets a new analysis, and the old one stops counting.
 */
export const catalogAnalyses = pgTable(
  "catalog_analyses",
  {
    versionId: text("version_id")
      .notNull()
      .references(() => catalogVersions.id, { onDelete: "cascade" }),
    /** sha256 of the catalog's canonical JSON (app/.server/catalog/analysis.server.ts). */
    contentHash: text("content_hash").notNull(),
    status: catalogAnalysisStatusEnum("status").notNull().default("running"),
    /** Steps finished and steps in all (two per product line: analysis, BOM proof). */
    stepsDone: integer("steps_done").notNull().default(0),
    stepsTotal: integer("steps_total").notNull(),
    /** The report (app/domain/catalog-report.ts CatalogReport) once done. */
    result: jsonb("result"),
    error: text("error"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.contentHash] })],
);

/** One row per product line of a version, for listings and foreign keys; the details live in `catalog`. */
export const productLines = pgTable(
  "product_lines",
  {
    versionId: text("version_id")
      .notNull()
      .references(() => catalogVersions.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    name: jsonb("name").$type<Localized>().notNull(),
    /** Order of the lines in the catalog. */
    position: integer("position").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.code] })],
);

export const catalogVersionsRelations = relations(catalogVersions, ({ many }) => ({
  productLines: many(productLines),
}));

export const productLinesRelations = relations(productLines, ({ one }) => ({
  version: one(catalogVersions, { fields: [productLines.versionId], references: [catalogVersions.id] }),
}));

export type CatalogAnalysisRow = typeof catalogAnalyses.$inferSelect;
export type CatalogVersion = typeof catalogVersions.$inferSelect;
export type CatalogStatus = (typeof CATALOG_STATUSES)[number];
export type ProductLineRow = typeof productLines.$inferSelect;
