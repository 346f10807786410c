/**
 * The roles, their homes and which of them are staff. What each role may do
 * is the permission table's (permissions.ts). Pure: server and shell alike.
 */

export const ROLES = ["customer", "dealer", "sales_manager", "planner", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** The roles a member of a dealership holds there (dealers' staff). */
export const DEALERSHIP_ROLES = ["dealer", "sales_manager"] as const satisfies readonly Role[];
export type DealershipRole = (typeof DEALERSHIP_ROLES)[number];

/** Customer tiers: dealers and planners see them; gold and silver get priority in scheduling. */
export const CUSTOMER_TIERS = ["gold", "silver", "standard"] as const;
export type CustomerTier = (typeof CUSTOMER_TIERS)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

const STAFF: Record<Role, boolean> = {
  customer: false,
  dealer: true,
  sales_manager: true,
  planner: true,
  admin: true,
};

/** Staff work for the maker or a dealership; everyone else is a customer with an account of their own. */
export function isStaff(role: Role): boolean {
  return STAFF[role];
}

const HOMES: Record<Role, string> = {
  customer: "/account",
  dealer: "/dealer",
  sales_manager: "/dealer",
  planner: "/planning",
  admin: "/admin",
};

/** Where a user of this role lands after signing in. */
export function roleHome(role: Role): string {
  return HOMES[role];
}
