/**
 * Fills an empty database: demo accounts of every role, two dealerships, and
 * the demo catalog (db/catalog/demo.json) as a published version.
 *
 * Idempotent in two parts, each done only if its tables are empty: people
 * (if there are no users) and the catalog (if there are no catalog
 * versions) — so a catalog that arrives later is still seeded on the next
 * start. Runs under an advisory lock, so app servers starting together
 * don't seed twice.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { count, sql } from "drizzle-orm";
import { hashPassword } from "../app/.server/auth/password.server";
import { publishCatalogVersion } from "../app/.server/catalog/publish.server";
import { getEnv } from "../app/.server/platform/env.server";
import { personIndexes } from "../app/.server/privacy/personal-data.server";
import { parseCatalog, type Catalog } from "../app/domain/catalog";
import type { CustomerTier, DealershipRole, Role } from "../app/domain/roles";
import type { Executor } from "./client";
import { catalogVersions, dealershipMembers, dealerships, productLines, tierEvents, users } from "./schema";

export const DEMO_PASSWORD = "atelier-demo";
export const DEMO_CATALOG_VERSION = { id: "demo-2026.1", label: "Demo catalog 2026.1" } as const;

interface DemoUser {
  email: string;
  name: string;
  role: Role;
  /** A work phone a salesperson's quotes print. */
  phone?: string;
  tier?: CustomerTier;
  membership?: { dealership: string; role: DealershipRole; discountCapBasisPoints: number };
  preferredLanguage?: "en" | "zh" | "ja" | "ko";
  preferredMarket?: "DE" | "US" | "CN" | "JP" | "KR";
}

export const DEMO_DEALERSHIPS = [
  {
    code: "MUC-01",
    name: "Atelier München",
    market: "DE",
    street: "Leopoldstraße 120",
    postalCode: "80802",
    city: "München",
    country: "DE",
    phone: "+49 89 2180 4400",
    email: "muenchen@atelier.test",
  },
  {
    code: "SHA-01",
    name: "Atelier Shanghai",
    market: "CN",
    street: "南京西路 1266 号",
    postalCode: "200040",
    city: "上海",
    country: "CN",
    phone: "+86 21 6288 3300",
    email: "shanghai@atelier.test",
  },
] as const;

export const DEMO_USERS: readonly DemoUser[] = [
  { email: "customer@atelier.test", name: "Clara Becker", role: "customer", tier: "gold", preferredLanguage: "en", preferredMarket: "DE" },
  {
    email: "dealer@atelier.test",
    name: "Daniel Weber",
    role: "dealer",
    phone: "+49 89 2180 4412",
    membership: { dealership: "MUC-01", role: "dealer", discountCapBasisPoints: 500 },
  },
  {
    email: "manager@atelier.test",
    name: "Miriam Schulz",
    role: "sales_manager",
    membership: { dealership: "MUC-01", role: "sales_manager", discountCapBasisPoints: 1500 },
  },
  {
    email: "dealer2@atelier.test",
    name: "Li Wei",
    role: "dealer",
    preferredLanguage: "zh",
    preferredMarket: "CN",
    membership: { dealership: "SHA-01", role: "dealer", discountCapBasisPoints: 500 },
  },
  { email: "planner@atelier.test", name: "Paul Hartmann", role: "planner" },
  { email: "admin@atelier.test", name: "Anna Admin", role: "admin" },
];

export interface SeedResult {
  users: number;
  dealerships: number;
  catalogVersion: string | null;
  /** Demo orders placed (only with `orders: true`). */
  orders: number;
  /** Orders of the synthetic demo history written (only with `history: true`, db/seed-history.ts). */
  history: number;
  notes: string[];
}

// Any fixed number: the same in every app server.
const SEED_LOCK_KEY = 0x53454544;

/**
 * Seed an empty database. With `demo: false` nothing is added yet (a real
 * installation gets its users and catalog from admins); the option is where
 * reference data that every installation needs would go.
 */
export async function seed(db: Executor, options: { demo: boolean; catalogFile?: string; orders?: boolean; history?: boolean; sequencingDay?: boolean }): Promise<SeedResult> {
  const result: SeedResult = { users: 0, dealerships: 0, catalogVersion: null, orders: 0, history: 0, notes: [] };
  if (!options.demo) return result;
  // Demo orders (db/seed-orders.ts) are opt-in: the app's start-up asks for them, tests that count orders don't.
  const withOrders = async () => {
    if (options.orders) {
      const { seedDemoOrders, seedDemoSequencingDay } = await import("./seed-orders");
      result.orders = await seedDemoOrders(db);
      // A fresh demo also gets a day worth sequencing (issue 16, decision 054): only with the first demo orders, and
      // only when asked (the app's start-up and db:reset do; tests that count the twelve demo orders don't).
      if (options.sequencingDay && result.orders > 0) result.orders += await seedDemoSequencingDay(db);
    }
    // After the demo orders: those are placed only into a database without orders.
    if (options.history) {
      const { seedDemoHistory } = await import("./seed-history");
      // Under the seed's lock: two app servers starting together write one history.
      result.history = await db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK_KEY})`);
        return seedDemoHistory(tx);
      });
    }
    return result;
  };

  // A cheap look first, so a seeded database (every start-up after the first)
  // costs two counts: no password hashing, no catalog parsing.
  const [[{ n: usersBefore }], [{ n: versionsBefore }]] = await Promise.all([
    db.select({ n: count() }).from(users),
    db.select({ n: count() }).from(catalogVersions),
  ]);
  if (usersBefore > 0 && versionsBefore > 0) {
    result.notes.push("already seeded");
    return withOrders();
  }
  // Hash outside the transaction (argon2 is deliberately slow); one salt each.
  const hashes = usersBefore === 0 ? await Promise.all(DEMO_USERS.map(() => hashPassword(DEMO_PASSWORD))) : [];
  const catalog = versionsBefore === 0 ? loadCatalog(options.catalogFile ?? demoCatalogFile(), result.notes) : null;

  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK_KEY})`);

    // Checked again under the lock: another app server may have seeded meanwhile.
    const [{ n: userCount }] = await tx.select({ n: count() }).from(users);
    if (userCount === 0 && hashes.length > 0) {
      const shops = await tx
        .insert(dealerships)
        .values(DEMO_DEALERSHIPS.map((d) => ({ ...d })))
        .returning({ id: dealerships.id, code: dealerships.code });
      const shopId = new Map(shops.map((s) => [s.code, s.id]));
      const created = await tx
        .insert(users)
        .values(
          DEMO_USERS.map((u, i) => ({
            email: u.email,
            name: u.name,
            ...personIndexes(u),
            role: u.role,
            phone: u.phone ?? null,
            tier: u.tier ?? "standard",
            preferredLanguage: u.preferredLanguage ?? null,
            preferredMarket: u.preferredMarket ?? null,
            passwordHash: hashes[i],
          })),
        )
        .returning({ id: users.id, email: users.email });
      const userId = new Map(created.map((u) => [u.email, u.id]));
      const members = DEMO_USERS.filter((u) => u.membership).map((u) => ({
        dealershipId: shopId.get(u.membership!.dealership)!,
        userId: userId.get(u.email)!,
        role: u.membership!.role,
        discountCapBasisPoints: u.membership!.discountCapBasisPoints,
      }));
      await tx.insert(dealershipMembers).values(members);
      // A demo tier above standard has no deliveries behind it: recorded as an override, so the tier rule's
      // recompute (which leaves overrides alone unless it computes higher) keeps it.
      const seededTiers = DEMO_USERS.filter((u) => u.tier && u.tier !== "standard").map((u) => ({
        customerId: userId.get(u.email)!,
        fromTier: "standard" as const,
        toTier: u.tier!,
        source: "override" as const,
        reason: "demo account: a long-standing customer",
      }));
      if (seededTiers.length > 0) await tx.insert(tierEvents).values(seededTiers);
      result.users = created.length;
      result.dealerships = shops.length;
    } else {
      result.notes.push("users exist: demo accounts not seeded");
    }

    const [{ n: versionCount }] = await tx.select({ n: count() }).from(catalogVersions);
    if (versionCount > 0) {
      result.notes.push("catalog versions exist: demo catalog not seeded");
    } else if (catalog) {
      await insertPublishedVersion(tx, { ...DEMO_CATALOG_VERSION, catalog });
      result.catalogVersion = DEMO_CATALOG_VERSION.id;
    }
  });
  return withOrders();
}

/**
 * Store a catalog as a published version with its product lines. Inserted as
 * a draft first: once published, the database refuses changes to either.
 */
export async function insertPublishedVersion(
  tx: Executor,
  version: { id: string; label: string; catalog: Catalog },
  now: Date = new Date(),
): Promise<void> {
  await tx.insert(catalogVersions).values({ id: version.id, label: version.label, catalog: version.catalog, createdAt: now });
  await tx.insert(productLines).values(
    version.catalog.productLines.map((line, position) => ({ versionId: version.id, code: line.code, name: line.name, position })),
  );
  await publishCatalogVersion(tx, version.id, now);
}

/** db/catalog/demo.json beside this module in source, under the working directory in a build. */
export function demoCatalogFile(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, "catalog", "demo.json"), path.resolve("db", "catalog", "demo.json")];
  return candidates.find((f) => fs.existsSync(f)) ?? candidates[0];
}

function loadCatalog(file: string, notes: string[]): Catalog | null {
  if (!fs.existsSync(file)) {
    const note = `demo catalog ${path.relative(process.cwd(), file)} not found: catalog not seeded`;
    notes.push(note);
    console.warn(note);
    return null;
  }
  // An invalid demo catalog is a bug in the repository: fail loudly (CatalogError names the paths).
  return parseCatalog(JSON.parse(fs.readFileSync(file, "utf8")));
}

/**
 * Whether the server's start-up seeds the demo data: always on the embedded
 * database (that is the demo), on PostgreSQL only when SEED_DEMO=1.
 */
export function shouldSeedDemo(env = getEnv()): boolean {
  return env.DATABASE_URL ? env.SEED_DEMO === true : env.SEED_DEMO !== false;
}
