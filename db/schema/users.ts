/**
 * People: accounts, their sessions, API tokens and sign-in attempts;
 * dealerships and who works there. Personal data sits in few, clearly named
 * columns (users.email, users.name, users.phone, users.address), encrypted by
 * the application; lookups use their blind indexes (decision 045).
 */
import { relations, sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
// Relative imports: drizzle-kit loads this file without the tsconfig path aliases.
import { CUSTOMER_TIERS, DEALERSHIP_ROLES, ROLES } from "../../app/domain/roles";
import type { Language, Market } from "../../app/domain/catalog";
import { CONTACT_CHANNELS, type PostalAddress } from "../../app/domain/profile";
import { encryptedJson, encryptedText } from "./encrypted";

export const roleEnum = pgEnum("role", ROLES);
export const customerTierEnum = pgEnum("customer_tier", CUSTOMER_TIERS);
export const dealershipRoleEnum = pgEnum("dealership_role", DEALERSHIP_ROLES);
export const contactChannelEnum = pgEnum("contact_channel", CONTACT_CHANNELS);
export const signInOutcomeEnum = pgEnum("sign_in_outcome", ["failed", "succeeded", "blocked"]);

const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
};

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Encrypted (decision 045); found by `emailIndex`. */
    email: encryptedText("users.email").notNull(),
    /**
     * Keyed HMAC of the lower-cased email: sign-in and search look it up, and it
     * is unique. Null once the account is erased (decision 046).
     */
    emailIndex: text("email_index"),
    /** argon2id PHC string (algorithm, parameters and salt included). */
    passwordHash: text("password_hash").notNull(),
    /** Display name; encrypted. */
    name: encryptedText("users.name").notNull(),
    /** Keyed HMACs of the name's words: search by a first or last name (decision 045). */
    nameIndex: text("name_index").array(),
    /** Phone number as given (dealers find customers by it); encrypted. */
    phone: encryptedText("users.phone"),
    /** Keyed HMAC of the phone's digits. */
    phoneIndex: text("phone_index"),
    /** Home address for deliveries and quotes; encrypted. */
    address: encryptedJson<PostalAddress>("users.address"),
    /** How messages reach this customer besides the app. */
    contactChannel: contactChannelEnum("contact_channel").notNull().default("email"),
    /** The dealership the customer prefers (offered first when they send a configuration to a dealer). */
    preferredDealershipId: uuid("preferred_dealership_id").references((): AnyPgColumn => dealerships.id, { onDelete: "set null" }),
    role: roleEnum("role").notNull().default("customer"),
    /** Null: no preference stored; the preferences cookie / Accept-Language decide. */
    preferredLanguage: text("preferred_language").$type<Language>(),
    preferredMarket: text("preferred_market").$type<Market>(),
    tier: customerTierEnum("tier").notNull().default("standard"),
    /**
     * Set when an admin deactivates the account: its sessions and API tokens stop
     * working and sign-in is refused until it is reactivated (decision 039).
     */
    deactivatedAt: timestamp("deactivated_at", { withTimezone: true }),
    /** Set when the account was erased: its personal data is gone, the row stays for its orders (decision 046). */
    erasedAt: timestamp("erased_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [uniqueIndex("users_email_index_unique").on(t.emailIndex), index("users_phone_index_idx").on(t.phoneIndex), index("users_name_index_idx").using("gin", t.nameIndex)],
);

/**
 * Server-side sessions. `id` is the SHA-256 of the cookie's random token, so a
 * leaked table does not hand out live sessions.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Idle expiry counts from here; refreshed at most once a minute to spare writes. */
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    /** Absolute expiry (created + 7 days), never extended. */
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("sessions_user_id_idx").on(t.userId), index("sessions_expires_at_idx").on(t.expiresAt)],
);

/** What an attempt was at: signing in, or signing up (both are throttled: decision 043). */
export const AUTH_ATTEMPT_KINDS = ["sign-in", "sign-up"] as const;
export const authAttemptKindEnum = pgEnum("auth_attempt_kind", AUTH_ATTEMPT_KINDS);

/**
 * Every sign-in and sign-up attempt, counted per account + client address
 * pair, per address, and (sign-ups) per email. Kept in the database so all app
 * servers share the limits. No personal data in clear: the email and the
 * address are keyed HMACs (the key comes from the server's secret), and rows
 * are pruned after 24 hours (decision 043).
 */
export const signInAttempts = pgTable(
  "sign_in_attempts",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    kind: authAttemptKindEnum("kind").notNull().default("sign-in"),
    /** HMAC-SHA256 (hex) of the normalised email. */
    emailHash: text("email_hash").notNull(),
    /** HMAC-SHA256 (hex) of the client address (an IPv6 address by its /64). */
    addressHash: text("address_hash").notNull(),
    attemptedAt: timestamp("attempted_at", { withTimezone: true }).notNull().defaultNow(),
    outcome: signInOutcomeEnum("outcome").notNull(),
  },
  (t) => [
    index("sign_in_attempts_pair_idx").on(t.emailHash, t.addressHash, t.attemptedAt),
    index("sign_in_attempts_address_hash_idx").on(t.addressHash, t.attemptedAt),
    index("sign_in_attempts_attempted_at_idx").on(t.attemptedAt),
  ],
);

/** Per-user API tokens for dealer systems and scripts (only the SHA-256 of the token is stored). */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    label: text("label").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("api_tokens_hash_unique").on(t.tokenHash), index("api_tokens_user_idx").on(t.userId)],
);

export const dealerships = pgTable(
  "dealerships",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Short stable code (e.g. "MUC-01"), shown on quotes. */
    code: text("code").notNull(),
    name: text("name").notNull(),
    market: text("market").$type<Market>().notNull(),
    /**
     * The most any member of this dealership may grant alone, in basis points: a
     * member's own cap counts up to this ceiling (10000 = no ceiling; decision 040).
     */
    discountCapBasisPoints: integer("discount_cap_bp").notNull().default(10000),
    /** Days a quote of this dealership stays valid. */
    quoteValidityDays: integer("quote_validity_days").notNull().default(30),
    /**
     * Where customers find and reach the dealership, printed on its quotes.
     * Nullable: a dealership created before these columns has none until an
     * admin fills them in, and its quotes then print without them.
     */
    street: text("street"),
    postalCode: text("postal_code"),
    city: text("city"),
    /** ISO 3166-1 alpha-2 ("DE"). */
    country: text("country"),
    phone: text("phone"),
    email: text("email"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("dealerships_code_unique").on(t.code),
    check("dealerships_quote_validity", sql`${t.quoteValidityDays} between 1 and 365`),
    check("dealerships_discount_cap_range", sql`${t.discountCapBasisPoints} between 0 and 10000`),
  ],
);

export const dealershipMembers = pgTable(
  "dealership_members",
  {
    dealershipId: uuid("dealership_id")
      .notNull()
      .references(() => dealerships.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: dealershipRoleEnum("role").notNull(),
    /** Largest discount this member may grant alone, in basis points (1500 = 15 %). */
    discountCapBasisPoints: integer("discount_cap_bp").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.dealershipId, t.userId] }),
    index("dealership_members_user_id_idx").on(t.userId),
    check("dealership_members_discount_cap_range", sql`${t.discountCapBasisPoints} between 0 and 10000`),
  ],
);

export const ACCOUNT_TOKEN_PURPOSES = ["invite", "reset", "claim"] as const;
export const accountTokenPurposeEnum = pgEnum("account_token_purpose", ACCOUNT_TOKEN_PURPOSES);

/**
 * One-time links that let a person set their password: a staff invitation, a
 * password reset, a customer claiming the account a dealer made for them.
 * Only the SHA-256 of the link's token is stored; a token works once, before
 * it expires, and issuing a new one for the same purpose ends the older ones.
 */
export const accountTokens = pgTable(
  "account_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    purpose: accountTokenPurposeEnum("purpose").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    /** Who sent the link (an admin, a dealer); null for the system. */
    createdBy: uuid("created_by").references((): AnyPgColumn => users.id, { onDelete: "set null" }),
  },
  (t) => [uniqueIndex("account_tokens_hash_unique").on(t.tokenHash), index("account_tokens_user_idx").on(t.userId, t.purpose)],
);

export const usersRelations = relations(users, ({ many }) => ({
  sessions: many(sessions),
  memberships: many(dealershipMembers),
}));

export const sessionsRelations = relations(sessions, ({ one }) => ({
  user: one(users, { fields: [sessions.userId], references: [users.id] }),
}));

export const dealershipsRelations = relations(dealerships, ({ many }) => ({
  members: many(dealershipMembers),
}));

export const dealershipMembersRelations = relations(dealershipMembers, ({ one }) => ({
  dealership: one(dealerships, { fields: [dealershipMembers.dealershipId], references: [dealerships.id] }),
  user: one(users, { fields: [dealershipMembers.userId], references: [users.id] }),
}));

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type Session = typeof sessions.$inferSelect;
export type Dealership = typeof dealerships.$inferSelect;
export type DealershipMember = typeof dealershipMembers.$inferSelect;
export type AccountTokenPurpose = (typeof ACCOUNT_TOKEN_PURPOSES)[number];
