/**
 * Catalog versions and their product lines. A version is edited while it is
 * a draft and frozen once published: configurations, quotes and orders name
 * the version they were made with, so what they refer to must never change.
 * A trigger (migration 0001) enforces this in the database itself.
 */
import { relations, sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import type { Catalog, Localized } from "../../app/domain/catalog";

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
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp("published_at", { withTimezone: true }),
  },
  (t) => [
    check("catalog_versions_published_at", sql`(${t.status} = 'draft') = (${t.publishedAt} is null)`),
    index("catalog_versions_status_idx").on(t.status),
  ],
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

export type CatalogVersion = typeof catalogVersions.$inferSelect;
export type CatalogStatus = (typeof CATALOG_STATUSES)[number];
export type ProductLineRow = typeof productLines.$inferSelect;
