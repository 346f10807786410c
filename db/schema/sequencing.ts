/**
 * Line sequencing (issue 16, decision 049): each line's station rules and
 * paint settings, the planner's draft sequence of a day, and the published
 * position of each order on its build day.
 *
 * The rules are plant settings, kept beside the line's working calendar
 * (line_capacity): they describe the stations of the line, not what is sold,
 * so a catalog publication leaves them alone. A rule's condition names value
 * codes of the catalog ("any of these values"); a code the catalog no longer
 * has simply matches no car.
 */
import { sql } from "drizzle-orm";
import { check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
// Relative imports: drizzle-kit loads this file without the tsconfig path aliases.
import type { StationSetting } from "../../app/domain/sequencing/plant";
import { orders } from "./orders";
import { users } from "./users";

export const lineSequencingRules = pgTable(
  "line_sequencing_rules",
  {
    lineCode: text("line_code").primaryKey(),
    stations: jsonb("stations").$type<StationSetting[]>().notNull(),
    /** The feature whose value is the car's paint colour (null: the line paints nothing). */
    paintFeature: text("paint_feature"),
    /** At most this many cars of one colour in a row (null: no limit). */
    paintBatchLimit: integer("paint_batch_limit"),
    /** The plant's order of criteria, most important first. */
    objectives: text("objectives").array().notNull().default(sql`'{high,paint,low}'`),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("line_sequencing_rules_batch", sql`${t.paintBatchLimit} is null or ${t.paintBatchLimit} between 1 and 1000`)],
);

/** The planner's working copy of a day's sequence: order ids in line order, and the ones locked in place. */
export const lineSequenceDrafts = pgTable(
  "line_sequence_drafts",
  {
    lineCode: text("line_code").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    orderIds: uuid("order_ids").array().notNull(),
    lockedIds: uuid("locked_ids").array().notNull().default(sql`'{}'`),
    updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.lineCode, t.day] })],
);

/** The published sequence: each order's position (1-based) on its line and build day. */
export const sequencePositions = pgTable(
  "sequence_positions",
  {
    orderId: uuid("order_id")
      .primaryKey()
      .references(() => orders.id, { onDelete: "cascade" }),
    lineCode: text("line_code").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    position: integer("position").notNull(),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("sequence_positions_slot").on(t.lineCode, t.day, t.position),
    index("sequence_positions_day_idx").on(t.lineCode, t.day),
    check("sequence_positions_position", sql`${t.position} >= 1`),
  ],
);
