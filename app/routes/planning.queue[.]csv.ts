/**
 * /planning/queue.csv: the queue with the page's filters and sort, every
 * matching order (not just one page), as an RFC 4180 CSV attachment. Column
 * names are stable identifiers (for spreadsheets and scripts), not
 * translated labels; totals are minor units with their currency.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/.server/auth/auth.server";
import { lineNames, queueRows } from "~/.server/planning/queue.server";
import { firstIssue, paramsObject, queueParamsSchema } from "~/domain/forms/planning";
import { dayOf } from "~/domain/orders";
import { getDb } from "#db/client";
import { getT } from "~/i18n";
import { csvHeaders, csvRecord } from "~/utils/csv";

export const QUEUE_CSV_COLUMNS = ["number", "tier", "line", "line_name", "status", "build_date", "ordered_at", "dealership", "total_minor", "currency"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "queue.manage");
  const parsed = queueParamsSchema.safeParse(paramsObject(new URL(request.url).searchParams));
  if (!parsed.success) {
    const { message, field } = firstIssue(parsed.error);
    return new Response(`${field}: ${(getT("en") as (key: string) => string)(message)}\n`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const db = await getDb();
  const names = await lineNames(db, "en");
  const { after: _a, before: _b, size: _s, ...params } = parsed.data;
  let body = csvRecord(QUEUE_CSV_COLUMNS);
  for await (const r of queueRows(db, params))
    body += csvRecord([r.number, r.tier, r.line, names[r.line] ?? r.line, r.status, r.buildDate, r.orderedAt.toISOString(), r.dealership?.code ?? null, r.total, r.currency]);
  return new Response(body, { headers: csvHeaders(`queue-${dayOf(new Date())}.csv`) });
}
