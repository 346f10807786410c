/**
 * The bad input issue 14 found answered 500 (or held in memory), called as
 * Remix calls the routes, on a real seeded database (PGlite, or PostgreSQL
 * with TEST_DATABASE_URL): a NUL character in a JSON body or a query
 * (PostgreSQL text cannot hold one) is a 400 naming the field; a form body
 * past 64 KB is a 413, found while reading and not held whole.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAs, useSeededProcessDb, type ProcessDb } from "~/.server/configurations/configurations.testing";
import { FORM_BODY_BYTES } from "~/utils/form-data.server";
import { action as configureAction } from "./api.v1.configure";
import { action as configurationsAction } from "./api.v1.configurations";
import { loader as customersLoader } from "./api.v1.customers";
import { loader as lineLoader } from "./api.v1.lines.$line";
import { action as ordersAction } from "./api.v1.orders";
import { action as resolveAction } from "./api.v1.resolve";
import { action as shareAction } from "./api.v1.share";
import { loader as dealerLoader } from "./dealer._index";
import { loader as dealerCustomersLoader } from "./dealer.customers._index";
import { action as loginAction } from "./login";
import { action as signupAction } from "./signup";
import { call, get } from "./api.testing";
import { run } from "./pages.testing";

let pdb: ProcessDb;
let clara: string;
let dealer: string;

beforeAll(async () => {
  pdb = await useSeededProcessDb();
  clara = await signInAs(pdb.db, "customer@atelier.test");
  dealer = await signInAs(pdb.db, "dealer@atelier.test");
});

afterAll(async () => {
  await pdb?.close();
});

const postJson = (path: string, body: string, cookie?: string) =>
  new Request(`http://localhost${path}`, { method: "POST", body, headers: { "Content-Type": "application/json", ...(cookie ? { Cookie: cookie } : {}) } });

describe("a NUL character", () => {
  it.each([
    ["/api/v1/configure", configureAction, '{"line":"fridge-fs","version":"\\u0000"}', "version"],
    ["/api/v1/resolve", resolveAction, '{"line":"fridge-fs","version":"\\u0000","want":"X"}', "version"],
    ["/api/v1/share", shareAction, '{"line":"fridge-fs","version":"\\u0000"}', "version"],
    ["/api/v1/configurations", configurationsAction, '{"line":"fridge-fs","version":"\\u0000","name":"Mine"}', "version"],
    ["/api/v1/configure (a text)", configureAction, '{"line":"fridge-fs","texts":{"inscription":"a\\u0000b"}}', "texts.inscription"],
    ["/api/v1/orders", ordersAction, '{"line":"fridge-fs","catalogVersion":"\\u0000","choices":[]}', "catalogVersion"],
  ])("in a JSON body of %s is a 400 naming the field", async (path, action, body, field) => {
    const request = postJson(path.split(" ")[0], body, clara);
    request.headers.set("Idempotency-Key", "nul-test-0001");
    const { status, body: answer } = await call(action, request);
    expect(status).toBe(400);
    expect(answer.error).toMatchObject({ code: "invalid-character", path: field });
  });

  it("in ?version= of a line is a 400", async () => {
    const { status, body } = await call(lineLoader, get("/api/v1/lines/fridge-fs?version=%00"), { line: "fridge-fs" });
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ path: "version" });
  });

  it("in ?q= of the customers API is a 400", async () => {
    const { status, body } = await call(customersLoader, get("/api/v1/customers?q=%00", { Cookie: dealer }));
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ path: "q" });
  });

  it("in ?q= of the dealer's searches is refused, not a 500", async () => {
    for (const [loader, path] of [
      [dealerLoader, "/dealer?q=%00"],
      [dealerCustomersLoader, "/dealer/customers?q=%00"],
    ] as const) {
      const outcome = await run(loader, new Request(`http://localhost${path}`, { headers: { Cookie: dealer } }));
      expect(outcome.status, path).toBeLessThan(500);
    }
  });
});

describe("a form body past the limit", () => {
  /** A urlencoded body streamed in 1 MB chunks up to `total` bytes, counting what was pulled from it. */
  function huge(total: number) {
    const chunk = new TextEncoder().encode("a".repeat(1024 * 1024));
    const pulled = { bytes: 0 };
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled.bytes >= total) return controller.close();
        pulled.bytes += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    return { body, pulled };
  }

  it.each([
    ["/login", loginAction],
    ["/signup", signupAction],
  ])("of a 30 MB anonymous post to %s is a 413, read no further than the limit", async (path, action) => {
    const { body, pulled } = huge(30 * 1024 * 1024);
    const request = new Request(`http://localhost${path}`, { method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded" }, duplex: "half" } as RequestInit);
    const outcome = await run(action, request);
    expect(outcome.status).toBe(413);
    expect(pulled.bytes).toBeLessThanOrEqual(2 * 1024 * 1024);
  });

  it("declared in Content-Length is a 413 before reading", async () => {
    const request = new Request("http://localhost/login", { method: "POST", body: "email=a", headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(FORM_BODY_BYTES + 1) } });
    expect((await run(loginAction, request)).status).toBe(413);
  });

  it("a form just within the limit is read as usual (a 400 for what it lacks, not a 413)", async () => {
    const request = new Request("http://localhost/login", { method: "POST", body: new URLSearchParams({ email: "x".repeat(FORM_BODY_BYTES - 100) }) });
    expect((await run(loginAction, request)).status).toBe(400);
  });
});
