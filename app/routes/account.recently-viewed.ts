/**
 * POST /account/recently-viewed: the signed-in customer's recently viewed list.
 * - intent=merge, items=<JSON list>: the browser's own list (kept in
 *   localStorage while signed out) joins the account's; the browser posts it
 *   on the first signed-in page that shows the list (home, /account) and then
 *   forgets it. Answers the merged list.
 * - intent=clear: empties the list, then back to `redirectTo` (a local path).
 * Bad input is a 400 with the reason; there is nothing to GET.
 */
import { type ActionFunctionArgs, data, redirect } from "@remix-run/node";
import { z } from "zod";
import { clearRecent, recordViews } from "~/.server/account/recently-viewed.server";
import { requirePermission } from "~/.server/auth/auth.server";
import { recentListSchema } from "~/domain/recently-viewed";
import { readFormData } from "~/utils/form-data.server";
import { safeRedirect } from "~/utils/safe-redirect";
import { getDb } from "#db/client";

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("merge"), items: z.string().max(8_000) }),
  z.object({ intent: z.literal("clear"), redirectTo: z.string().max(500).optional() }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "order.read.own");
  const form = schema.safeParse(Object.fromEntries(await readFormData(request)));
  if (!form.success) return data({ error: "Send intent=merge with items, or intent=clear." }, { status: 400 });
  const db = await getDb();
  if (form.data.intent === "clear") {
    await clearRecent(db, user.id);
    return redirect(safeRedirect(form.data.redirectTo, "/account"));
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(form.data.items);
  } catch {
    return data({ error: "items is not JSON." }, { status: 400 });
  }
  const items = recentListSchema.safeParse(parsed);
  if (!items.success) return data({ error: `items is not a list of recent views: ${items.error.issues[0]?.message ?? "invalid"}.` }, { status: 400 });
  return { items: await recordViews(db, user.id, items.data) };
}
