/**
 * Which links the header shows: each role sees its own home first. Labels are
 * i18n keys; the header translates them.
 */
import type { Role } from "~/domain/roles";

export type NavItem = { to: string; label: "nav.home" | "nav.account" | "nav.orders" | "nav.planning" | "nav.dealer" | "nav.admin" | "planning.nav.capacity" | "planning.nav.demand" | "planning.nav.sequence" | "dealerPages.navCustomers" | "dealerLists.navOrders" | "adminCatalog.nav" | "people.nav.users" | "people.nav.dealerships" | "people.nav.audit"; end?: boolean };

const HOME: NavItem = { to: "/", label: "nav.home", end: true };

/** Dealership staff: the dealership's quotes (its home), its orders and its customers. */
const DEALERSHIP: NavItem[] = [
  { to: "/dealer", label: "nav.dealer", end: true },
  { to: "/dealer/orders", label: "dealerLists.navOrders" },
  { to: "/dealer/customers", label: "dealerPages.navCustomers" },
];

const BY_ROLE: Record<Role, NavItem[]> = {
  customer: [HOME, { to: "/account", label: "nav.account", end: true }, { to: "/account/orders", label: "nav.orders" }],
  dealer: DEALERSHIP,
  sales_manager: DEALERSHIP,
  planner: [
    { to: "/planning", label: "nav.planning", end: true },
    { to: "/planning/capacity", label: "planning.nav.capacity" },
    { to: "/planning/demand", label: "planning.nav.demand" },
    { to: "/planning/sequence", label: "planning.nav.sequence" },
  ],
  admin: [
    { to: "/admin", label: "nav.admin", end: true },
    { to: "/admin/catalog", label: "adminCatalog.nav" },
    { to: "/admin/users", label: "people.nav.users" },
    { to: "/admin/dealerships", label: "people.nav.dealerships" },
    { to: "/admin/audit", label: "people.nav.audit" },
  ],
};

/** The back office's sections on /admin: one entry each (title and lead are i18n keys). */
export const ADMIN_SECTIONS: {
  to: string;
  title: "adminCatalog.title" | "people.users.title" | "people.dealerships.title" | "people.audit.title";
  lead: "adminCatalog.homeLead" | "people.users.lead" | "people.dealerships.lead" | "people.audit.lead";
}[] = [
  { to: "/admin/catalog", title: "adminCatalog.title", lead: "adminCatalog.homeLead" },
  { to: "/admin/users", title: "people.users.title", lead: "people.users.lead" },
  { to: "/admin/dealerships", title: "people.dealerships.title", lead: "people.dealerships.lead" },
  { to: "/admin/audit", title: "people.audit.title", lead: "people.audit.lead" },
];

export function navigationFor(role: Role | null | undefined): NavItem[] {
  return role ? BY_ROLE[role] : [HOME];
}
