/**
 * Built recommendation models, one per product line, so every app server
 * shows the same rules. Rebuilt nightly and on demand (`npm run
 * recommend:rebuild`), replacing the line's row. A row holds aggregated
 * association rules only (app/domain/recommend.ts): never an order or a
 * customer id.
 */
import { integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
// Relative imports: drizzle-kit loads this file without the tsconfig path aliases.
import type { AssociationRule } from "../../app/domain/recommend";

export const recommendationModels = pgTable("recommendation_models", {
  lineCode: text("line_code").primaryKey(),
  builtAt: timestamp("built_at", { withTimezone: true }).notNull(),
  /** Orders the rules were mined from (those of consenting customers). */
  orders: integer("orders").notNull(),
  rules: jsonb("rules").$type<AssociationRule[]>().notNull(),
});
