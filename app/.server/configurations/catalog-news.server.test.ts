/**
 * Publishing a catalog version tells the followers of saved configurations
 * what it changes, against a real seeded database (PGlite, or PostgreSQL
 * with TEST_DATABASE_URL): exactly the followers who consent, in the app
 * always and by email only on the email channel, an unbuildable
 * configuration with its nearest one, nothing for a delivery moved by a week
 * or less, and nothing twice for one version.
 */
import { and, eq, gt, inArray, ne } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { configurationNews, consentEvents, emailOutbox, notifications, users } from "#db/schema";
import { insertPublishedVersion } from "#db/seed";
import { parseCatalog, type Catalog } from "~/domain/catalog";
import { configureHref } from "~/domain/forms/configuration";
import { leadTimeDays } from "~/domain/scheduling";
import { formatMoney } from "~/utils/money";
import { importCatalogVersion } from "../../../scripts/catalog-import";
import { getLine } from "~/.server/catalog/catalog.server";
import { announceCatalogVersion } from "./catalog-news.server";
import { createCustomer, demoCatalog, useSeededProcessDb, type ProcessDb } from "./configurations.testing";
import { saveConfiguration } from "./configurations.server";
import { followConfiguration, unfollowConfiguration } from "./follows.server";

const SEDAN = "sedan-a6l";
const CHOICES = ["PQD", "VT7", "WQS"];

let pdb: ProcessDb;
let db: Db;
/** The catalog as last published (each test's version changes it further). */
let current: Catalog;
let clock = Date.now();
const people = { email: "", inApp: "", notFollowing: "", withdrawn: "", neighbour: "" };
const configs = { email: "", inApp: "", notFollowing: "", withdrawn: "", unfollowed: "" };

async function publish(id: string, change: (catalog: Catalog) => void): Promise<void> {
  const catalog = structuredClone(current);
  change(catalog);
  current = parseCatalog(catalog);
  clock += 60_000;
  await db.transaction((tx) => insertPublishedVersion(tx, { id, label: id, catalog: current }, new Date(clock)));
}

const sedan = (catalog: Catalog) => catalog.productLines.find((l) => l.code === SEDAN)!;

/** The followers' news since `id` (staff's notice of each new version is staff-notifications.server.test.ts's). */
async function newsSince(id: number) {
  return db
    .select()
    .from(notifications)
    .where(and(gt(notifications.id, id), ne(notifications.kind, "catalog.published")))
    .orderBy(notifications.id);
}
async function mailSince(id: number) {
  return db.select().from(emailOutbox).where(gt(emailOutbox.id, id)).orderBy(emailOutbox.id);
}
/** The newest notification and email ids so far: what a test writes comes after them. */
async function marks() {
  const ns = await db.select({ id: notifications.id }).from(notifications);
  const ms = await db.select({ id: emailOutbox.id }).from(emailOutbox);
  return { n: Math.max(0, ...ns.map((r) => r.id)), m: Math.max(0, ...ms.map((r) => r.id)) };
}

async function saveFor(owner: string, name: string): Promise<string> {
  const saved = await saveConfiguration(db, owner, { line: SEDAN, choices: CHOICES, texts: {}, name });
  if (!saved.ok) throw new Error(saved.problem.message);
  return saved.value.id;
}

beforeAll(async () => {
  pdb = await useSeededProcessDb();
  db = pdb.db;
  current = demoCatalog();
  for (const key of Object.keys(people) as (keyof typeof people)[]) people[key] = await createCustomer(db, `${key.toLowerCase()}@example.test`);
  await db.update(users).set({ preferredLanguage: "ja", preferredMarket: "DE", name: "Aiko Tanaka" }).where(eq(users.id, people.email));
  await db.update(users).set({ contactChannel: "in_app" }).where(eq(users.id, people.inApp));
  configs.email = await saveFor(people.email, "Weekend car");
  configs.inApp = await saveFor(people.inApp, "In-app only");
  configs.notFollowing = await saveFor(people.notFollowing, "Not followed");
  configs.withdrawn = await saveFor(people.withdrawn, "Consent withdrawn");
  configs.unfollowed = await saveFor(people.neighbour, "Followed, then not");
  for (const [owner, id] of [
    [people.email, configs.email],
    [people.inApp, configs.inApp],
    [people.withdrawn, configs.withdrawn],
    [people.neighbour, configs.unfollowed],
  ] as const) {
    const followed = await followConfiguration(db, owner, id);
    if (!followed.ok) throw new Error(followed.problem.message);
    expect(followed.value.consentGiven).toBe(true);
  }
  // Withdrawing the consent (as the profile page does) stops the news; stopping to follow too.
  await db.insert(consentEvents).values({ userId: people.withdrawn, kind: "saved_configuration_news", granted: false, at: new Date(Date.now() + 1000) });
  const stopped = await unfollowConfiguration(db, people.neighbour, configs.unfollowed);
  expect(stopped.ok).toBe(true);
});

afterAll(async () => {
  await pdb?.close();
});

describe("publishing a catalog version", () => {
  it("tells a price change to exactly the consenting followers: in the app always, by email on the email channel", async () => {
    const before = await marks();
    const previous = (await getLine(SEDAN, undefined, { db }))!;
    await publish("follow-v2", (c) => {
      const line = sedan(c);
      for (const market of Object.keys(line.basePrice) as (keyof typeof line.basePrice)[]) line.basePrice[market] = line.basePrice[market]! + 100_000;
    });
    const news = await newsSince(before.n);
    expect(news.map((n) => n.userId).sort()).toEqual([people.email, people.inApp].sort());
    for (const n of news) {
      expect(n.kind).toBe("configuration.price");
      expect(n.href).toBe(configureHref(SEDAN, CHOICES));
      expect(Number(n.data.priceAfter) - Number(n.data.priceBefore)).toBeGreaterThan(0);
    }
    const aiko = news.find((n) => n.userId === people.email)!;
    expect(aiko.data).toMatchObject({ configuration: configs.email, name: "Weekend car", version: "follow-v2", market: "DE" });
    expect(previous.version.id).toBe("demo-2026.1");

    const mail = await mailSince(before.m);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.toAddress).toBe("email@example.test");
    // Japanese, with euros written the Japanese way.
    expect(mail[0]!.subject).toContain("「Weekend car」");
    expect(mail[0]!.body).toContain(formatMoney(Number(aiko.data.priceAfter), "DE", "ja"));
    expect(mail[0]!.body).toContain(formatMoney(Number(aiko.data.priceBefore), "DE", "ja"));
    expect(mail[0]!.body).toMatch(/http:\/\/localhost:\d+\/configure\/sedan-a6l\?c=PQD%2CVT7%2CWQS/);
    const unsubscribe = /http:\/\/localhost:\d+\/unsubscribe\/\S+/.exec(mail[0]!.body)![0];
    expect(mail[0]!.headers).toEqual({ "List-Unsubscribe": `<${unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" });
  });

  it("tells nobody twice when the same version is announced again", async () => {
    const before = await marks();
    const report = await db.transaction((tx) => announceCatalogVersion(tx, "follow-v2"));
    expect(report).toEqual({ checked: 0, notified: [] });
    expect(await newsSince(before.n)).toEqual([]);
    expect(await mailSince(before.m)).toEqual([]);
    const rows = await db.select().from(configurationNews).where(eq(configurationNews.catalogVersionId, "follow-v2"));
    expect(rows.map((r) => r.configurationId).sort()).toEqual([configs.email, configs.inApp].sort());
  });

  it("tells an unbuildable configuration with the nearest one that can be built, and a link that opens it", async () => {
    const before = await marks();
    await publish("follow-v3", (c) => {
      sedan(c).rules.push({ id: "R-FOLLOW-TEST", kind: "excludes", values: ["PQD", "WQS"], description: { en: "Test: not together." } });
    });
    const news = await newsSince(before.n);
    expect(news.map((n) => n.userId).sort()).toEqual([people.email, people.inApp].sort());
    for (const n of news) {
      expect(n.kind).toBe("configuration.unbuildable");
      // Earlier choices win (decision 023): the trim stays, WQS goes.
      expect(n.href).toBe(configureHref(SEDAN, ["PQD", "VT7"]));
      expect(n.data.leftOut).toBe("WQS");
    }
    const [mail] = await mailSince(before.m);
    expect(mail!.body).toContain("(WQS)");
    expect(mail!.body).toMatch(/http:\/\/localhost:\d+\/configure\/sedan-a6l\?c=PQD%2CVT7\s/);
  });

  it("says nothing about a delivery moved by a week or less, and tells one moved by more", async () => {
    // Back to buildable (a rule-free copy) first, so only the lead time differs below.
    await publish("follow-v4", (c) => {
      sedan(c).rules = sedan(c).rules.filter((r) => r.id !== "R-FOLLOW-TEST");
    });
    const lead = leadTimeDays(sedan(current), CHOICES);
    const before = await marks();
    await publish("follow-v5", (c) => {
      sedan(c).leadTimeDays = lead + 3;
    });
    expect(await newsSince(before.n)).toEqual([]);
    expect(await mailSince(before.m)).toEqual([]);
    const checked = await db
      .select({ kind: configurationNews.kind })
      .from(configurationNews)
      .where(and(eq(configurationNews.catalogVersionId, "follow-v5"), inArray(configurationNews.configurationId, [configs.email, configs.inApp])));
    expect(checked).toEqual([{ kind: null }, { kind: null }]);

    await publish("follow-v6", (c) => {
      sedan(c).leadTimeDays = lead + 40;
    });
    const moved = await newsSince(before.n);
    expect(moved.map((n) => [n.userId, n.kind]).sort()).toEqual(
      [
        [people.email, "configuration.delivery"],
        [people.inApp, "configuration.delivery"],
      ].sort(),
    );
    const n = moved[0]!;
    expect(Date.parse(String(n.data.deliveryAfter)) - Date.parse(String(n.data.deliveryBefore))).toBeGreaterThan(7 * 86_400_000);
    expect(await mailSince(before.m)).toHaveLength(1);
  });

  it("tells the followers when the import script publishes a version", async () => {
    const before = await marks();
    const catalog = structuredClone(current);
    const line = sedan(catalog);
    line.basePrice.DE = line.basePrice.DE! - 50_000;
    const result = await importCatalogVersion(db, parseCatalog(catalog), { id: "follow-v7", label: "follow-v7", publish: true, countTimeoutMs: 2_000, now: new Date((clock += 60_000)) });
    expect(result.status).toBe("published");
    const news = await newsSince(before.n);
    // Aiko's market (DE) changed; the in-app follower has no stored market and is told in US dollars, which stayed.
    expect(news.map((n) => [n.userId, n.kind])).toEqual([[people.email, "configuration.price"]]);
    expect(await mailSince(before.m)).toHaveLength(1);
  });
});
