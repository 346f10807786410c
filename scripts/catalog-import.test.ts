import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCatalog, type Catalog } from "../app/domain/catalog";
import { catalogVersions, productLines } from "../db/schema";
import { createTestDb, type TestDb } from "../db/test-db";
import { CatalogRefused, defaultVersionId, importCatalogVersion } from "./catalog-import";

const v = (code: string) => ({ code, name: { en: code } });
const catalog = (rules: unknown[]): Catalog =>
  parseCatalog({
    productLines: [
      {
        code: "bike",
        name: { en: "Bike" },
        basePrice: { DE: 100_000 },
        baseModules: [],
        features: [
          { kind: "single", code: "frame", name: { en: "Frame" }, values: [v("alu"), v("steel"), v("carbon")] },
          { kind: "multiple", code: "extras", name: { en: "Extras" }, values: [v("rack"), v("lights")] },
        ],
        rules,
      },
      {
        code: "helmet",
        name: { en: "Helmet" },
        basePrice: { DE: 5_000 },
        baseModules: [],
        features: [{ kind: "single", code: "size", name: { en: "Size" }, values: [v("s"), v("m"), v("l")] }],
      },
    ],
  });

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.close();
});

const rows = async (id: string) => ({
  versions: (await t.db.select({ n: count() }).from(catalogVersions).where(eq(catalogVersions.id, id)))[0].n,
  lines: (await t.db.select({ n: count() }).from(productLines).where(eq(productLines.versionId, id)))[0].n,
});

describe("catalog import", () => {
  it("stores a valid catalog as a draft version with its product lines and reports the analysis", async () => {
    const result = await importCatalogVersion(
      t.db,
      catalog([{ kind: "requires", id: "carbon-no-rack", if: { value: "carbon" }, then: { not: { value: "rack" } } }]),
      { id: "bikes-1", label: "Bikes 1" },
    );
    expect(result.status).toBe("draft");
    // 3 frames x 4 extras subsets, minus carbon with a rack (2) = 10; helmets: 3
    expect(result.analyses.map((a) => a.configurations)).toEqual([10n, 3n]);
    expect(await rows("bikes-1")).toEqual({ versions: 1, lines: 2 });
    const [stored] = await t.db.select().from(catalogVersions).where(eq(catalogVersions.id, "bikes-1"));
    expect(stored.status).toBe("draft");
    expect(stored.catalog.productLines[0].rules[0].id).toBe("carbon-no-rack");
  }, 60_000);

  it("publishes when asked", async () => {
    const result = await importCatalogVersion(t.db, catalog([]), { id: "bikes-2", label: "Bikes 2", publish: true });
    expect(result.status).toBe("published");
    const [stored] = await t.db.select().from(catalogVersions).where(eq(catalogVersions.id, "bikes-2"));
    expect(stored.status).toBe("published");
    expect(stored.publishedAt).not.toBeNull();
  }, 60_000);

  it("refuses a catalog with a product line that has no complete configuration, naming the rules, and stores nothing", async () => {
    const contradictory = catalog([
      { kind: "requires", id: "alu-needs-lights", if: { value: "alu" }, then: { value: "lights" } },
      { kind: "constraint", id: "no-lights", condition: { not: { value: "lights" } } },
      { kind: "constraint", id: "alu-only", condition: { value: "alu" } },
      { kind: "excludes", id: "rack-or-lights", values: ["rack", "lights"] },
    ]);
    const attempt = importCatalogVersion(t.db, contradictory, { id: "bikes-bad", label: "Bad" });
    await expect(attempt).rejects.toThrow(CatalogRefused);
    await expect(attempt).rejects.toThrow(/bike has no complete configuration: rules alu-needs-lights, no-lights, alu-only contradict/);
    expect(await rows("bikes-bad")).toEqual({ versions: 0, lines: 0 });
  }, 60_000);

  it("refuses an existing version id and leaves that version as it was", async () => {
    await expect(importCatalogVersion(t.db, catalog([]), { id: "bikes-1", label: "Again" })).rejects.toThrow(/already exists/);
    const [stored] = await t.db.select().from(catalogVersions).where(eq(catalogVersions.id, "bikes-1"));
    expect(stored.label).toBe("Bikes 1");
    expect(await rows("bikes-1")).toEqual({ versions: 1, lines: 2 });
  }, 60_000);

  it("derives version ids from the file name and time, with a random suffix", () => {
    expect(defaultVersionId("db/catalog/demo.json", new Date("2026-01-05T14:30:12Z"), () => "abc123")).toBe("demo-20260105-143012-abc123");
  });

  it("gives two imports in the same second different ids, and both are stored", async () => {
    const now = new Date("2026-01-05T14:30:12Z");
    const ids = Array.from({ length: 50 }, () => defaultVersionId("bikes.json", now));
    expect(new Set(ids).size).toBe(50);
    for (const id of ids.slice(0, 2)) await importCatalogVersion(t.db, catalog([]), { id, label: id, now });
    expect(await rows(ids[0])).toEqual({ versions: 1, lines: 2 });
    expect(await rows(ids[1])).toEqual({ versions: 1, lines: 2 });
  }, 60_000);
});
