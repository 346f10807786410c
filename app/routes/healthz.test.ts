import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb, MEMORY } from "#db/client";
import { loader } from "./healthz";

// Opening and migrating PGlite takes seconds, and much longer on a busy 2-core machine.
beforeAll(async () => {
  delete process.env.DATABASE_URL;
  process.env.PGLITE_DIR = MEMORY;
  await getDb();
}, 180_000);

afterAll(async () => {
  await closeDb();
});

describe("/healthz", () => {
  it("is 200 {status: ok} when the database answers", async () => {
    const response = await loader();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
    expect(response.headers.get("Cache-Control")).toBe("no-store");
  });

  it("is 503 when the database can't be reached", async () => {
    await closeDb();
    // Port 1 on loopback: nothing listens there, the connection is refused at once.
    process.env.DATABASE_URL = "postgres://nobody@127.0.0.1:1/none";
    const response = await loader();
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "unavailable" });
  });
});
