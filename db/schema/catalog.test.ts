/** A published catalog version is frozen by the database itself (migration 0001). */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCatalog } from "../../app/domain/catalog";
import tiny from "../fixtures/tiny-catalog.json";
import { insertPublishedVersion } from "../seed";
import { createTestDb, failureOf, type TestDb } from "../test-db";
import { catalogVersions, productLines } from "./index";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.close();
});

const catalog = parseCatalog(tiny);

describe("catalog versions", () => {
  it("can be edited, and deleted, while they are drafts", async () => {
    await t.db.insert(catalogVersions).values({ id: "draft-1", label: "Draft", catalog });
    await t.db.insert(productLines).values({ versionId: "draft-1", code: "tiny-sedan", name: { en: "Tiny sedan" } });
    await t.db.update(catalogVersions).set({ label: "Draft, renamed" }).where(eq(catalogVersions.id, "draft-1"));
    await t.db.update(productLines).set({ position: 3 }).where(eq(productLines.versionId, "draft-1"));
    await t.db.delete(catalogVersions).where(eq(catalogVersions.id, "draft-1"));
    expect(await t.db.select().from(productLines).where(eq(productLines.versionId, "draft-1"))).toEqual([]);
  });

  it("are frozen once published: content, product lines and the row itself", async () => {
    await t.db.transaction((tx) => insertPublishedVersion(tx, { id: "v1", label: "Version 1", catalog }));
    const changed = { ...catalog, productLines: catalog.productLines.slice(0, 1) };
    expect(await failureOf(t.db.update(catalogVersions).set({ catalog: changed }).where(eq(catalogVersions.id, "v1")))).toMatch(
      /catalog version v1 is published: it can't be changed/,
    );
    expect(await failureOf(t.db.update(catalogVersions).set({ label: "renamed" }).where(eq(catalogVersions.id, "v1")))).toMatch(
      /can't be changed/,
    );
    // The draft's edit counter is frozen with the content (migration 0018).
    expect(await failureOf(t.db.update(catalogVersions).set({ revision: 2 }).where(eq(catalogVersions.id, "v1")))).toMatch(/can't be changed/);
    expect(
      await failureOf(t.db.update(catalogVersions).set({ status: "draft", publishedAt: null }).where(eq(catalogVersions.id, "v1"))),
    ).toMatch(/can't be changed|published_at/);
    expect(await failureOf(t.db.delete(catalogVersions).where(eq(catalogVersions.id, "v1")))).toMatch(/can't be deleted/);
    expect(
      await failureOf(t.db.insert(productLines).values({ versionId: "v1", code: "extra", name: { en: "Extra" } })),
    ).toMatch(/can't change: it is published/);
    expect(await failureOf(t.db.update(productLines).set({ position: 9 }).where(eq(productLines.versionId, "v1")))).toMatch(
      /can't change/,
    );
    expect(await failureOf(t.db.delete(productLines).where(eq(productLines.versionId, "v1")))).toMatch(/can't change/);

    const [row] = await t.db.select().from(catalogVersions).where(eq(catalogVersions.id, "v1"));
    expect(row).toMatchObject({ label: "Version 1", status: "published" });
    expect(row.catalog).toEqual(catalog);
  });

  it("may be retired, and published again only when activated anew (a rollback, decision 035)", async () => {
    const [before] = await t.db.select().from(catalogVersions).where(eq(catalogVersions.id, "v1"));
    expect(before.activatedAt).toEqual(before.publishedAt);
    await t.db.update(catalogVersions).set({ status: "retired" }).where(eq(catalogVersions.id, "v1"));
    expect(
      await failureOf(t.db.update(catalogVersions).set({ status: "published", activatedAt: new Date(before.activatedAt!.getTime() - 1000) }).where(eq(catalogVersions.id, "v1"))),
    ).toMatch(/is retired: it can't be changed/);
    expect(
      await failureOf(t.db.update(catalogVersions).set({ activatedAt: new Date() }).where(eq(catalogVersions.id, "v1"))),
    ).toMatch(/is retired: it can't be changed/);
    expect(await failureOf(t.db.update(catalogVersions).set({ status: "draft", publishedAt: null, activatedAt: null }).where(eq(catalogVersions.id, "v1")))).toMatch(
      /can't be changed/,
    );
    const again = new Date(before.activatedAt!.getTime() + 60_000);
    await t.db.update(catalogVersions).set({ status: "published", activatedAt: again }).where(eq(catalogVersions.id, "v1"));
    const [after] = await t.db.select().from(catalogVersions).where(eq(catalogVersions.id, "v1"));
    expect(after).toMatchObject({ status: "published", activatedAt: again, publishedAt: before.publishedAt });
  });

  it("can't be published without a publication time", async () => {
    await t.db.insert(catalogVersions).values({ id: "draft-2", label: "Draft 2", catalog });
    expect(await failureOf(t.db.update(catalogVersions).set({ status: "published" }).where(eq(catalogVersions.id, "draft-2")))).toMatch(
      /catalog_versions_(published|activated)_at/,
    );
  });
});
