/**
 * The account's saved configurations page and the share pages, their loaders
 * and actions called with Request objects against a real seeded database:
 * who may see and change what, bad form input (4xx with the form's messages,
 * nothing changed), and what a shared configuration shows.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { signInPeople, useSeededProcessDb, type People, type ProcessDb } from "~/.server/configurations/configurations.testing";
import { createShareCode, getConfiguration, listConfigurations, saveConfiguration } from "~/.server/configurations/configurations.server";
import { action, loader } from "./account.configurations";
import { loader as shareLoader } from "./share.$code";
import { loader as openLoader } from "./share._index";
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

type Reply = { status?: string; initialValue?: Record<string, unknown>; error?: Record<string, string[] | null> | null };

const page = (path: string, cookie?: string, headers: Record<string, string> = {}) =>
  new Request(`http://localhost${path}`, { headers: { ...(cookie ? { Cookie: cookie } : {}), ...headers } });

const submit = (fields: Record<string, string>, cookie?: string) => {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  return new Request("http://localhost/account/configurations", { method: "POST", body, headers: cookie ? { Cookie: cookie } : {} });
};

const SEDAN = "sedan-a6l";
const PARTIAL = { line: SEDAN, choices: ["PQD", "VT7", "WQS"], texts: { inscription: "FOR ANNA" } };

async function saveForClara(name: string) {
  const saved = await saveConfiguration(db, people.clara, { ...PARTIAL, name });
  if (!saved.ok) throw new Error(saved.problem.message);
  return saved.value;
}

describe("/account/configurations", () => {
  it("sends a signed-out visitor to sign in and refuses staff accounts", async () => {
    const out = await run(loader, page("/account/configurations"));
    expect(out.status).toBe(302);
    expect(out.response?.headers.get("Location")).toBe("/login?redirectTo=%2Faccount%2Fconfigurations");
    expect((await run(loader, page("/account/configurations", people.dealerCookie))).status).toBe(403);
    expect((await run(action, submit({ intent: "delete", id: "00000000-0000-4000-8000-000000000000" }, people.dealerCookie))).status).toBe(403);
  });

  it("lists the customer's own configurations with line name, price in the market and an open link", async () => {
    const saved = await saveForClara("Listed");
    const { status, data } = await run(loader, page("/account/configurations", people.claraCookie, { "Accept-Language": "de-DE" }));
    expect(status).toBe(200);
    const { items, market } = data as Awaited<ReturnType<typeof loader>>;
    expect(market).toBe("DE");
    const item = items.find((i) => i.id === saved.id)!;
    expect(item).toMatchObject({ name: "Listed", lineName: "A6 L Executive Sedan", choiceCount: 3, currency: "EUR", nearest: null });
    expect(item.total).toBeGreaterThan(0);
    expect(item.openUrl).toBe("/configure/sedan-a6l?c=PQD%2CVT7%2CWQS&t.inscription=FOR+ANNA");

    const theirs = await run(loader, page("/account/configurations", people.otherCookie));
    expect((theirs.data as Awaited<ReturnType<typeof loader>>).items).toEqual([]);
  });

  it("renames, and answers bad names with 400 and the field's message", async () => {
    const saved = await saveForClara("Before");
    const ok = await run(action, submit({ intent: "rename", id: saved.id, name: "After" }, people.claraCookie));
    expect(ok.status).toBe(302);
    expect(ok.response?.headers.get("Location")).toBe("/account/configurations");
    expect((await getConfiguration(db, people.clara, saved.id))?.name).toBe("After");

    for (const [name, message] of [
      ["", "validation.required"],
      ["x".repeat(101), "validation.tooLong"],
      ["tab\there", "validation.invalid"],
    ]) {
      const bad = await run(action, submit({ intent: "rename", id: saved.id, name }, people.claraCookie));
      expect(bad.status).toBe(400);
      expect((bad.data as Reply).error?.name).toEqual([message]);
    }
    expect((await getConfiguration(db, people.clara, saved.id))?.name).toBe("After");
  });

  it("answers malformed submissions with 400", async () => {
    for (const [fields, field] of [
      [{ intent: "rename", id: "not-a-uuid", name: "x" }, "id"],
      [{ intent: "explode", id: "00000000-0000-4000-8000-000000000000" }, "intent"],
      [{ id: "00000000-0000-4000-8000-000000000000" }, "intent"],
    ] as const) {
      const bad = await run(action, submit(fields, people.claraCookie));
      expect(bad.status).toBe(400);
      expect((bad.data as Reply).error?.[field]?.length).toBeGreaterThan(0);
    }
    const json = new Request("http://localhost/account/configurations", {
      method: "POST",
      body: JSON.stringify({ intent: "delete" }),
      headers: { "Content-Type": "application/json", Cookie: people.claraCookie },
    });
    expect((await run(action, json)).status).toBe(400);
  });

  it("won't let another customer rename, delete or share someone's configuration (404, nothing changes)", async () => {
    const saved = await saveForClara("Mine alone");
    for (const fields of [
      { intent: "rename", id: saved.id, name: "Taken" } as Record<string, string>,
      { intent: "delete", id: saved.id },
      { intent: "share", id: saved.id },
    ]) {
      const result = await run(action, submit(fields, people.otherCookie));
      expect(result.status).toBe(404);
      expect((result.data as Reply).error?.[""]).toEqual(["configurations.notFound"]);
    }
    expect(await getConfiguration(db, people.clara, saved.id)).toMatchObject({ name: "Mine alone" });
  });

  it("deletes, and shares by redirecting to the new code's page", async () => {
    const saved = await saveForClara("Short-lived");
    const shared = await run(action, submit({ intent: "share", id: saved.id }, people.claraCookie));
    expect(shared.status).toBe(302);
    expect(shared.response?.headers.get("Location")).toMatch(/^\/share\/[2-9A-HJ-NP-Z]{8}$/);

    const deleted = await run(action, submit({ intent: "delete", id: saved.id }, people.claraCookie));
    expect(deleted.status).toBe(302);
    expect((await listConfigurations(db, people.clara)).map((c) => c.id)).not.toContain(saved.id);
    const again = await run(action, submit({ intent: "delete", id: saved.id }, people.claraCookie));
    expect(again.status).toBe(404);
  });
});

describe("/share/<code>", () => {
  it("shows the configuration read-only: names, codes, prices in the reader's market, and a copy link", async () => {
    const created = await createShareCode(db, PARTIAL);
    if (!created.ok) throw new Error(created.problem.message);
    const { code } = created.value;
    const { status, data } = await run(shareLoader, page(`/share/${code}`, undefined, { "Accept-Language": "ja-JP" }), { code });
    expect(status).toBe(200);
    const { view } = data as Awaited<ReturnType<typeof shareLoader>>;
    expect(view).toMatchObject({ code, market: "JP", current: true, nearest: null });
    expect(view.displayCode).toBe(`${code.slice(0, 4)} ${code.slice(4)}`);
    expect(view.configureUrl).toBe("/configure/sedan-a6l?c=PQD%2CVT7%2CWQS&t.inscription=FOR+ANNA");
    const values = view.groups.flatMap((g) => g.values);
    expect(values.find((v) => v.code === "PQD")).toMatchObject({ name: expect.any(String), includedIn: null });
    expect(values.find((v) => v.code === "PQD")!.amount).toBeGreaterThan(0);
    // The parking package brings its contents at no charge.
    expect(values.find((v) => v.code === "7X5")).toMatchObject({ amount: 0, includedIn: { code: "WQS" } });
    expect(view.texts).toEqual([{ code: "inscription", name: expect.any(String), text: "FOR ANNA" }]);
    expect(view.price.total).toBeGreaterThan(view.price.net);
  });

  it("redirects a code typed loosely to its one address", async () => {
    const created = await createShareCode(db, PARTIAL);
    if (!created.ok) throw new Error(created.problem.message);
    const typed = `${created.value.code.slice(0, 4).toLowerCase()}-${created.value.code.slice(4)}`;
    const result = await run(shareLoader, page(`/share/${typed}`), { code: typed });
    expect(result.status).toBe(302);
    expect(result.response?.headers.get("Location")).toBe(`/share/${created.value.code}`);
  });

  it("is a 404 page for unknown and malformed codes", async () => {
    for (const code of ["ZZZZZZZZ", "nope", "O0O0O0O0", "%00"]) {
      const result = await run(shareLoader, page(`/share/${encodeURIComponent(code)}`), { code });
      expect(result.status).toBe(404);
    }
  });
});

describe("/share (open a code)", () => {
  it("redirects a valid code and answers an invalid one with 400 and a message", async () => {
    expect((await run(openLoader, page("/share"))).data).toBeNull();
    const ok = await run(openLoader, page("/share?code=abcd+2345"));
    expect(ok.status).toBe(302);
    expect(ok.response?.headers.get("Location")).toBe("/share/ABCD2345");
    for (const [code, message] of [
      ["", "validation.required"],
      ["ABCD-0000", "share.invalidCode"],
    ]) {
      const bad = await run(openLoader, page(`/share?code=${encodeURIComponent(code)}`));
      expect(bad.status).toBe(400);
      expect((bad.data as Reply).error?.code).toEqual([message]);
    }
  });
});
