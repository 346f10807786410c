/**
 * What the privacy pages share (the customer's /account/privacy and the
 * admin's /admin/users/<id>/privacy): the export as a download, and an
 * erasure confirmed by typing the account's email (decision 046).
 */
import { eq } from "drizzle-orm";
import type { Executor } from "#db/client";
import { users } from "#db/schema";
import { recordAudit } from "~/.server/audit/audit.server";
import { fail, type Result } from "~/domain/result";
import { eraseAccount, type ErasureSummary } from "./erasure.server";
import { exportPersonalData } from "./export.server";

/** The account's data as a JSON download (null: no such account); an export is recorded in the audit log. */
export async function exportDownload(db: Executor, actorId: string, userId: string, now: Date = new Date()): Promise<Response | null> {
  const data = await exportPersonalData(db, userId, now);
  if (!data) return null;
  await recordAudit(db, { actorId, action: "user.export", subject: "user", subjectId: userId, after: { self: actorId === userId } }, now);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="atelier-personal-data-${now.toISOString().slice(0, 10)}.json"`,
      "Cache-Control": "no-store",
    },
  });
}

/** Erase the account once `typedEmail` is its email (any case): a slip of the finger erases nothing. */
export async function eraseConfirmed(db: Executor, actorId: string, userId: string, typedEmail: unknown, now: Date = new Date()): Promise<Result<ErasureSummary>> {
  const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
  if (!user) return fail({ status: 404, code: "unknown-user", message: "no such user", path: "userId" });
  if (typeof typedEmail !== "string" || typedEmail.trim().toLowerCase() !== user.email.toLowerCase())
    return fail({ status: 400, code: "confirm-mismatch", message: "type the account's email to confirm", path: "confirm" });
  return eraseAccount(db, actorId, userId, now);
}
