/**
 * The API tokens page, its loader and action called with Request objects
 * against a real seeded database: signed-out visitors go to sign in, a new
 * token is shown once and works, bad input is a 4xx with the form's messages
 * and changes nothing, only the owner revokes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { createApiToken, findTokenUser, listApiTokens, MAX_TOKENS_PER_USER } from "~/.server/auth/api-tokens.server";
import { createCustomer, sessionCookie, signInPeople, useSeededProcessDb, type People, type ProcessDb } from "~/.server/configurations/configurations.testing";
import { action, loader } from "./account.api-tokens";
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

type Reply = {
  result?: { error?: Record<string, string[] | null> | null };
  created?: { id: string; label: string; token: string } | null;
  tokens?: { id: string; label: string; lastUsedAt: string | null }[];
};

const page = (cookie?: string) => new Request("http://localhost/account/api-tokens", { headers: cookie ? { Cookie: cookie } : {} });
const submit = (fields: Record<string, string>, cookie?: string) => {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  return new Request("http://localhost/account/api-tokens", { method: "POST", body, headers: cookie ? { Cookie: cookie } : {} });
};

describe("/account/api-tokens", () => {
  it("sends a signed-out visitor to sign in, and changes nothing for them", async () => {
    const out = await run<Reply>(loader, page());
    expect(out.status).toBe(302);
    expect(out.response?.headers.get("Location")).toBe("/login?redirectTo=%2Faccount%2Fapi-tokens");
    expect((await run<Reply>(action, submit({ intent: "create", label: "x" }))).status).toBe(302);
  });

  it("creates a token, shows it once, and the token is the user", async () => {
    const made = await run<Reply>(action, submit({ intent: "create", label: "  Dealer system  " }, people.claraCookie));
    expect(made.status).toBe(201);
    expect(made.headers?.get("Cache-Control")).toBe("no-store");
    const created = made.data!.created!;
    expect(created.label).toBe("Dealer system");
    expect(created.token).toMatch(/^atk_[A-Za-z0-9_-]{43}$/);
    expect(await findTokenUser(db, created.token)).toMatchObject({ id: people.clara });

    const listed = await run<Reply>(loader, page(people.claraCookie));
    expect(listed.status).toBe(200);
    expect(listed.data!.tokens).toContainEqual(expect.objectContaining({ id: created.id, label: "Dealer system" }));
    expect(JSON.stringify(listed.data)).not.toContain(created.token.slice(4));
    // Someone else's page doesn't list it.
    expect(JSON.stringify((await run<Reply>(loader, page(people.otherCookie))).data)).not.toContain(created.id);
  });

  it("is there for staff accounts too (dealer systems)", async () => {
    const made = await run<Reply>(action, submit({ intent: "create", label: "DMS" }, people.dealerCookie));
    expect(made.status).toBe(201);
    expect(await findTokenUser(db, made.data!.created!.token)).toMatchObject({ id: people.dealer, role: "dealer" });
  });

  it.each([
    ["an empty label", { intent: "create", label: "   " }, "label", "validation.required"],
    ["a label over 60 characters", { intent: "create", label: "x".repeat(61) }, "label", "validation.tooLong"],
    ["a control character", { intent: "create", label: "a\u0007b" }, "label", "validation.invalid"],
    ["no label", { intent: "create" }, "label", "validation.required"],
    ["a malformed id", { intent: "revoke", id: "nope" }, "id", "validation.invalid"],
  ])("answers %s with 400 and the field's message, changing nothing", async (_name, fields, field, message) => {
    const before = await listApiTokens(db, people.clara);
    const reply = await run<Reply>(action, submit(fields as Record<string, string>, people.claraCookie));
    expect(reply.status).toBe(400);
    expect(reply.data!.result!.error![field]).toContain(message);
    expect(reply.data!.created).toBeNull();
    expect(await listApiTokens(db, people.clara)).toEqual(before);
  });

  it("answers an unknown intent with 400", async () => {
    expect((await run<Reply>(action, submit({ intent: "steal" }, people.claraCookie))).status).toBe(400);
  });

  it("revokes the owner's token; someone else's is a 404 and stays", async () => {
    const made = await createApiToken(db, people.clara, "Old script");
    if (!made.ok) throw new Error(made.message);
    const stolen = await run<Reply>(action, submit({ intent: "revoke", id: made.info.id }, people.otherCookie));
    expect(stolen.status).toBe(404);
    expect(stolen.data!.result!.error![""]).toContain("apiTokens.notFound");
    expect(await findTokenUser(db, made.token)).not.toBeNull();

    const revoked = await run<Reply>(action, submit({ intent: "revoke", id: made.info.id }, people.claraCookie));
    expect(revoked.status).toBe(302);
    expect(revoked.response?.headers.get("Location")).toBe("/account/api-tokens");
    expect(await findTokenUser(db, made.token)).toBeNull();
  });

  it("refuses a token beyond the account's limit with 409", async () => {
    const busy = await createCustomer(db, "many.tokens@example.test");
    const cookie = await sessionCookie(db, busy);
    for (let i = 0; i < MAX_TOKENS_PER_USER; i++) await createApiToken(db, busy, `T${i}`);
    const reply = await run<Reply>(action, submit({ intent: "create", label: "one more" }, cookie));
    expect(reply.status).toBe(409);
    expect(reply.data!.result!.error![""]).toContain("apiTokens.tooMany");
  });
});
