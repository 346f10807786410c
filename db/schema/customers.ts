/**
 * The customer file beside the account: consents, kept as a history so each
 * one's date given or withdrawn is known. Rows are only ever added.
 */
import { boolean, index, pgEnum, pgTable, timestamp, uuid } from "drizzle-orm/pg-core";
// Relative imports: drizzle-kit loads this file without the tsconfig path aliases.
import { CONSENT_KINDS } from "../../app/domain/profile";
import { users } from "./users";

export const consentKindEnum = pgEnum("consent_kind", CONSENT_KINDS);

export const consentEvents = pgTable(
  "consent_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: consentKindEnum("kind").notNull(),
    granted: boolean("granted").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("consent_events_user_idx").on(t.userId, t.kind, t.at)],
);
