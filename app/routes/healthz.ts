/** Liveness and readiness in one: 200 when the database answers `select 1`, 503 otherwise. */
import { sql } from "drizzle-orm";
import { getDb } from "#db/client";

const TIMEOUT_MS = 3000;

export async function loader() {
  const headers = { "Cache-Control": "no-store" };
  try {
    const db = await getDb();
    await Promise.race([
      db.execute(sql`select 1`),
      new Promise((_, reject) => setTimeout(() => reject(new Error("database timed out")), TIMEOUT_MS).unref()),
    ]);
    return Response.json({ status: "ok" }, { headers });
  } catch {
    return Response.json({ status: "unavailable" }, { status: 503, headers });
  }
}
