/**
 * Catalog version ids: readable (where it came from, when) and never the
 * same twice. The time goes down to the second and a random suffix follows,
 * so two versions made in the same second — two admins uploading, two
 * imports in a script — still get different ids (the id is the primary key:
 * a collision would refuse the second version, not overwrite the first).
 */
import { randomBytes } from "node:crypto";

/** e.g. "demo-20260105-143012-3fa9c1" from "demo" at 2026-01-05T14:30:12Z. */
export function newVersionId(base: string, now: Date = new Date(), random: () => string = () => randomBytes(3).toString("hex")): string {
  const slug =
    base
      .replace(/[^A-Za-z0-9_.-]+/g, "-")
      .replace(/^[-.]+|[-.]+$/g, "")
      .slice(0, 32) || "catalog";
  const stamp = now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  return `${slug}-${stamp}-${random()}`;
}
