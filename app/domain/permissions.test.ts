import { describe, expect, it } from "vitest";
import { can, GRANTS, PERMISSIONS, type Permission } from "./permissions";
import { isStaff, ROLES, type Role } from "./roles";

/** The roles that hold a permission, in ROLES order. */
const holders = (permission: Permission): Role[] => ROLES.filter((role) => can({ role }, permission));

describe("the permission table", () => {
  it("decides every permission for every role", () => {
    expect(Object.keys(GRANTS).sort()).toEqual([...PERMISSIONS].sort());
    for (const permission of PERMISSIONS) expect(Object.keys(GRANTS[permission]).sort(), permission).toEqual([...ROLES].sort());
  });

  it("grants what each role could do before permissions were data", () => {
    expect(Object.fromEntries(PERMISSIONS.map((p) => [p, holders(p)]))).toEqual({
      // Only customers keep a profile and configurations and order for themselves.
      "profile.edit": ["customer"],
      "configuration.save": ["customer"],
      "order.place": ["customer"],
      "order.read.own": ["customer"],
      // Every role reads its own notification centre (decision 034).
      "notification.read": ["customer", "dealer", "sales_manager", "planner", "admin"],
      // Dealership staff see their dealership's orders and work its quotes; only sales managers decide discounts.
      "order.read.dealership": ["dealer", "sales_manager"],
      "quote.manage": ["dealer", "sales_manager"],
      "quote.decide": ["sales_manager"],
      // Customers send configurations to a dealership (visitors too, as guests); its staff work the leads inbox.
      "lead.send": ["customer"],
      "lead.manage": ["dealer", "sales_manager"],
      // Planners and admins see every order, move orders through production and manage the queue.
      "order.read.all": ["planner", "admin"],
      "order.manage": ["planner", "admin"],
      "queue.manage": ["planner", "admin"],
      // Admins publish catalogs and read the outbox; every department reads the customer file.
      "catalog.publish": ["admin"],
      "outbox.read": ["admin"],
      "customer-file.read": ["dealer", "sales_manager", "planner", "admin"],
      // Contact details and the sales history are for sales (and admins); planners see name, tier, orders, feedback (decision 030).
      "customer-file.contact": ["dealer", "sales_manager", "admin"],
      "customer-file.note": ["dealer", "sales_manager", "planner", "admin"],
      // Only a sales manager overrides the computed tier; only customers rate their deliveries; admins read who opened which file.
      "tier.override": ["sales_manager"],
      "feedback.give": ["customer"],
      "customer-file.audit": ["admin"],
      // The back office's people and places, and the audit log, are the admins' (issue 13 §2).
      "user.manage": ["admin"],
      "dealership.manage": ["admin"],
      "audit.read": ["admin"],
    });
  });

  it("grants nothing to a signed-out visitor", () => {
    for (const permission of PERMISSIONS) {
      expect(can(null, permission), permission).toBe(false);
      expect(can(undefined, permission), permission).toBe(false);
    }
  });

  it("counts everyone but customers as staff", () => {
    expect(ROLES.filter(isStaff)).toEqual(["dealer", "sales_manager", "planner", "admin"]);
  });
});
