/**
 * Following saved configurations through the pages, against a real seeded
 * database: the follow and stop buttons on /account/configurations (own
 * configurations only, bad input 4xx), the consent following gives, and the
 * unsubscribe link of a real news email — it works once without signing in,
 * and a tampered or made-up token is a 404, never a 500.
 */
import { and, desc, eq, gt } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { configurations, consentEvents, emailOutbox } from "#db/schema";
import { insertPublishedVersion } from "#db/seed";
import { parseCatalog } from "~/domain/catalog";
import { getProfile } from "~/.server/customers/profile.server";
import { demoCatalog, signInPeople, useSeededProcessDb, type People, type ProcessDb } from "~/.server/configurations/configurations.testing";
import { getConfiguration, saveConfiguration } from "~/.server/configurations/configurations.server";
import { unsubscribeToken } from "~/.server/configurations/follows.server";
import { action, loader } from "./account.configurations";
import { action as unsubscribeAction, loader as unsubscribeLoader } from "./unsubscribe.$token";
import { run } from "./pages.testing";

let pdb: ProcessDb;
let db: Db;
let people: People;

beforeAll(async () => {
  pdb = await useSeededProcessDb();
  db = pdb.db;
  people = await signInPeople(db);
});

afterAll(async () => {
  await pdb?.close();
});

const submit = (fields: Record<string, string>, cookie: string) => {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  return new Request("http://localhost/account/configurations", { method: "POST", body, headers: { Cookie: cookie } });
};

async function saveFor(owner: string, name: string): Promise<string> {
  const saved = await saveConfiguration(db, owner, { line: "sedan-a6l", choices: ["PQD", "VT7", "WQS"], texts: {}, name });
  if (!saved.ok) throw new Error(saved.problem.message);
  return saved.value.id;
}

const unsubscribeRequest = (token: string, method: "GET" | "POST") =>
  new Request(`http://localhost/unsubscribe/${token}`, {
    method,
    // What a mail program's one-click unsubscribe posts (RFC 8058).
    ...(method === "POST" ? { body: "List-Unsubscribe=One-Click", headers: { "Content-Type": "application/x-www-form-urlencoded" } } : {}),
  });

describe("follow and stop following on /account/configurations", () => {
  it("follows the customer's own configuration, giving the news consent, and stops following it", async () => {
    const id = await saveFor(people.clara, "To follow");
    const before = (await getConfiguration(db, people.clara, id))!;
    expect((await getProfile(db, people.clara))!.consents.saved_configuration_news.granted).toBe(false);

    const followed = await run(action, submit({ intent: "follow", id }, people.claraCookie));
    expect(followed.status).toBe(302);
    expect(followed.response?.headers.get("Location")).toBe("/account/configurations");
    const after = (await getConfiguration(db, people.clara, id))!;
    expect(after.following).toBe(true);
    // Following isn't an edit: the list keeps its order.
    expect(after.updatedAt).toEqual(before.updatedAt);
    expect((await getProfile(db, people.clara))!.consents.saved_configuration_news.granted).toBe(true);

    const listed = await run(loader, new Request("http://localhost/account/configurations", { headers: { Cookie: people.claraCookie } }));
    const page = listed.data as Awaited<ReturnType<typeof loader>>;
    expect(page.newsConsent).toBe(true);
    expect(page.items.find((i) => i.id === id)?.following).toBe(true);

    // Following again changes nothing and records no second consent.
    expect((await run(action, submit({ intent: "follow", id }, people.claraCookie))).status).toBe(302);
    const events = await db.select().from(consentEvents).where(and(eq(consentEvents.userId, people.clara), eq(consentEvents.kind, "saved_configuration_news")));
    expect(events).toHaveLength(1);

    expect((await run(action, submit({ intent: "unfollow", id }, people.claraCookie))).status).toBe(302);
    expect((await getConfiguration(db, people.clara, id))!.following).toBe(false);
  });

  it("answers someone else's configuration with 404, bad input with 400, and changes nothing", async () => {
    const id = await saveFor(people.clara, "Not theirs");
    for (const intent of ["follow", "unfollow"]) {
      expect((await run(action, submit({ intent, id }, people.otherCookie))).status).toBe(404);
      expect((await run(action, submit({ intent, id: "00000000-0000-4000-8000-000000000000" }, people.claraCookie))).status).toBe(404);
      expect((await run(action, submit({ intent, id: "not-a-uuid" }, people.claraCookie))).status).toBe(400);
      expect((await run(action, submit({ intent }, people.claraCookie))).status).toBe(400);
    }
    expect((await run(action, submit({ intent: "follow-everything", id }, people.claraCookie))).status).toBe(400);
    expect((await getConfiguration(db, people.clara, id))!.following).toBe(false);
    expect((await run(action, submit({ intent: "follow", id }, people.dealerCookie))).status).toBe(403);
  });
});

describe("/unsubscribe/<token>", () => {
  it("stops following from a real news email's link, once, without signing in", async () => {
    const id = await saveFor(people.other, "Followed by email");
    expect((await run(action, submit({ intent: "follow", id }, people.otherCookie))).status).toBe(302);
    const [last] = await db.select({ id: emailOutbox.id }).from(emailOutbox).orderBy(desc(emailOutbox.id)).limit(1);
    const catalog = demoCatalog();
    const sedan = catalog.productLines.find((l) => l.code === "sedan-a6l")!;
    sedan.basePrice.US = sedan.basePrice.US! + 10_000;
    await db.transaction((tx) => insertPublishedVersion(tx, { id: "unsubscribe-v2", label: "2027.1", catalog: parseCatalog(catalog) }, new Date(Date.now() + 60_000)));
    const mail = await db.select().from(emailOutbox).where(gt(emailOutbox.id, last?.id ?? 0));
    expect(mail).toHaveLength(1);
    const link = /(\S+\/unsubscribe\/(\S+))/.exec(mail[0]!.body)!;
    expect(link[1]).toMatch(/^https?:\/\//);
    expect(mail[0]!.headers?.["List-Unsubscribe"]).toBe(`<${link[1]}>`);
    const token = link[2]!;

    // Looking (a mail scanner's GET) stops nothing.
    const asked = await run(unsubscribeLoader, unsubscribeRequest(token, "GET"), { token });
    expect(asked).toMatchObject({ status: 200, data: { state: "ask", name: "Followed by email" } });
    expect((await getConfiguration(db, people.other, id))!.following).toBe(true);

    const done = await run(unsubscribeAction, unsubscribeRequest(token, "POST"), { token });
    expect(done).toMatchObject({ status: 200, data: { state: "done", name: "Followed by email" } });
    expect((await getConfiguration(db, people.other, id))!.following).toBe(false);

    expect((await run(unsubscribeAction, unsubscribeRequest(token, "POST"), { token })).status).toBe(404);
    expect((await run(unsubscribeLoader, unsubscribeRequest(token, "GET"), { token })).status).toBe(404);

    // A later follow isn't ended by the old link.
    expect((await run(action, submit({ intent: "follow", id }, people.otherCookie))).status).toBe(302);
    expect((await run(unsubscribeAction, unsubscribeRequest(token, "POST"), { token })).status).toBe(404);
    expect((await getConfiguration(db, people.other, id))!.following).toBe(true);
  });

  it("answers tampered and made-up tokens with 404, never 500", async () => {
    const id = await saveFor(people.clara, "Tamper target");
    expect((await run(action, submit({ intent: "follow", id }, people.claraCookie))).status).toBe(302);
    const [row] = await db.select({ followedAt: configurations.followedAt }).from(configurations).where(eq(configurations.id, id));
    const good = unsubscribeToken(id, row!.followedAt!);
    const [uuid, at, signature] = good.split(".");
    const flip = (s: string) => (s[0] === "A" ? "B" : "A") + s.slice(1);
    const other = await saveFor(people.clara, "Another");
    const tokens = [
      `${uuid}.${at}.${flip(signature!)}`,
      `${other}.${at}.${signature}`,
      `${uuid}.${(parseInt(at!, 36) + 1).toString(36)}.${signature}`,
      `${uuid}.${at}`,
      "x",
      "",
      `${good}.extra`,
      "%00%ff",
      `${uuid}.${at}.${"A".repeat(43)}`,
      "a".repeat(5000),
    ];
    for (const token of tokens) {
      for (const fn of [unsubscribeLoader, unsubscribeAction]) {
        const method = fn === unsubscribeLoader ? "GET" : "POST";
        const out = await run(fn, unsubscribeRequest(encodeURIComponent(token) || "x", method), { token });
        expect(out.status, `${method} ${token.slice(0, 60)}`).toBe(404);
      }
    }
    expect((await getConfiguration(db, people.clara, id))!.following).toBe(true);
    expect((await run(unsubscribeLoader, unsubscribeRequest(good, "GET"), { token: good })).status).toBe(200);
  });
});
