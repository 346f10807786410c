/**
 * /planning/sequence.csv?line=…&day=…: the day's sequence as the page shows
 * it (the draft, else the published one, else first come first served), one
 * car a row: position, order number, colour, the stations it needs, locked,
 * its published position. Stable column names, as the queue's CSV.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/.server/auth/auth.server";
import { sequenceDay } from "~/.server/sequencing/sequence.server";
import { paramsObject } from "~/domain/forms/planning";
import { sequenceParamsSchema } from "~/domain/forms/sequence";
import { getDb } from "#db/client";
import { csvHeaders, csvRecord } from "~/utils/csv";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "queue.manage");
  const refuse = (status: number, message: string) => new Response(`${message}\n`, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const parsed = sequenceParamsSchema.safeParse(paramsObject(new URL(request.url).searchParams));
  if (!parsed.success || !parsed.data.line || !parsed.data.day) return refuse(400, "line and day (YYYY-MM-DD) are required");
  const { line, day } = parsed.data;
  const view = await sequenceDay(await getDb(), line, day);
  if (!view) return refuse(404, "this product line is not in the active catalog");
  const byId = new Map(view.orders.map((o) => [o.id, o]));
  let body = csvRecord(["position", "number", "colour", "stations", "locked", "published_position", "status"]);
  view.sequence.forEach((id, i) => {
    const unit = view.units[i];
    body += csvRecord([i + 1, byId.get(id)?.number, unit.colour, unit.options.join(" "), view.locked.includes(id) ? "yes" : "no", view.published[id] ?? null, view.source]);
  });
  return new Response(body, { headers: csvHeaders(`sequence-${line}-${day}.csv`) });
}
