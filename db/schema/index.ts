/**
 * The whole schema, one module per aggregate. drizzle-kit (drizzle.config.ts)
 * and the database client (db/client.ts) both read it from here: a module
 * left out gets no migration and no relational queries.
 */
export * from "./users";
export * from "./catalog";
export * from "./configurations";
export * from "./orders";
export * from "./messages";
export * from "./quotes";
export * from "./customers";
export * from "./leads";
export * from "./recommendations";
export * from "./recently-viewed";
export * from "./audit";
export * from "./sequencing";
