/**
 * The whole schema, one module per aggregate. Configurations, quotes, orders
 * and messages get their own modules (configurations.ts, quotes.ts,
 * orders.ts, messages.ts) as their issues land; add them here too.
 */
export * from "./users";
export * from "./catalog";
export * from "./configurations";
export * from "./orders";
export * from "./messages";
export * from "./quotes";
