/**
 * What a signed-in customer viewed lately (app/domain/recently-viewed.ts):
 * one row per kind and reference, its time moved on each view, the oldest
 * beyond the limit deleted on write.
 */
import { index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
// Relative imports: drizzle-kit loads this file without the tsconfig path aliases.
import { RECENT_KINDS } from "../../app/domain/recently-viewed";
import { users } from "./users";

export const recentViews = pgTable(
  "recent_views",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: RECENT_KINDS }).notNull(),
    ref: text("ref").notNull(),
    lineCode: text("line_code").notNull(),
    viewedAt: timestamp("viewed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind, t.ref] }), index("recent_views_user_idx").on(t.userId, t.viewedAt)],
);

export type RecentViewRow = typeof recentViews.$inferSelect;
