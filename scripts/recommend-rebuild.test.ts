import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { getEnv } from "../app/.server/platform/env.server";
import { consentingCustomers, readRecommendationModel } from "../app/.server/recommendations/recommendations.server";
import { createDb, type DbHandle } from "../db/client";
import { consentEvents } from "../db/schema";
import { seed } from "../db/seed";
import { seedDemoHistory } from "../db/seed-history";
import { createTestDb } from "../db/test-db";
import { rebuildCommand } from "./recommend-rebuild";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "atelier-recommend-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A database of its own (a PGlite folder, or a scratch PostgreSQL database) and the environment that points at it. */
async function database(): Promise<{ open: () => Promise<DbHandle>; env: ReturnType<typeof getEnv>; drop: () => Promise<void> }> {
  if (process.env.TEST_DATABASE_URL) {
    const t = await createTestDb();
    return { open: () => createDb({ url: t.url! }), env: getEnv({ NODE_ENV: "development", DATABASE_URL: t.url! }), drop: () => t.close() };
  }
  const dir = path.join(tmp, "pglite");
  return { open: () => createDb({ pgliteDir: dir }), env: getEnv({ NODE_ENV: "development", PGLITE_DIR: dir }), drop: async () => {} };
}

describe("npm run recommend:rebuild", () => {
  it("rebuilds every line's model from the consents as they stand now", async () => {
    const target = await database();
    try {
      let handle = await target.open();
      try {
        await seed(handle.db, { demo: true });
        await seedDemoHistory(handle.db, { customers: 30, ordersPerLine: 60 });
        expect((await readRecommendationModel(handle.db, "fridge-fs"))!.rules.length).toBeGreaterThan(0);
        // Everyone withdraws: the models built at seeding still hold their rules until the rebuild.
        const everyone = [...(await consentingCustomers(handle.db))];
        await handle.db.insert(consentEvents).values(everyone.map((userId) => ({ userId, kind: "recommendations" as const, granted: false, at: new Date(Date.now() + 1000) })));
      } finally {
        await handle.close();
      }

      const result = await rebuildCommand(target.env);
      expect(result.lines.map((l) => l.line).sort()).toEqual(["avant-a6", "fridge-fs", "sedan-a6l"]);
      expect(result.lines.every((l) => l.orders === 0 && l.rules === 0)).toBe(true);

      handle = await target.open();
      try {
        expect(await readRecommendationModel(handle.db, "fridge-fs")).toMatchObject({ orders: 0, rules: [] });
      } finally {
        await handle.close();
      }
    } finally {
      await target.drop();
    }
  });
});
