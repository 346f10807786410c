/**
 * /planning/queue.csv: the queue with the page's filters and sort, every
 * matching order (not just one page), as an RFC 4180 CSV attachment. Column
 * names are stable identifiers (for spreadsheets and scripts), not
 * translated labels; totals are minor units with their currency.
 *
 * `?number=…&number=…` (the queue's bulk form, "Export selected") exports
 * just those orders, with the same columns.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/.server/auth/auth.server";
import { lineNames, queueRows, type QueueRow } from "~/.server/planning/queue.server";
import { exportSelectionSchema, firstIssue, paramsObject, queueParamsSchema } from "~/domain/forms/planning";
import { dayOf } from "~/domain/orders";
import { getDb } from "#db/client";
import { getT } from "~/i18n";
import { csvHeaders, csvRecord, type CsvCell } from "~/utils/csv";

/** The export's columns in order: the header, and the cell a row gives it (`lineName` is the line's English name). */
export const QUEUE_CSV_COLUMNS: readonly { header: string; cell: (row: QueueRow, lineName: string) => CsvCell }[] = [
  { header: "number", cell: (r) => r.number },
  { header: "tier", cell: (r) => r.tier },
  { header: "line", cell: (r) => r.line },
  { header: "line_name", cell: (_r, lineName) => lineName },
  { header: "status", cell: (r) => r.status },
  { header: "build_date", cell: (r) => r.buildDate },
  { header: "ordered_at", cell: (r) => r.orderedAt.toISOString() },
  { header: "dealership", cell: (r) => r.dealership?.code ?? null },
  { header: "total_minor", cell: (r) => r.total },
  { header: "currency", cell: (r) => r.currency },
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "queue.manage");
  const search = new URL(request.url).searchParams;
  const refuse = (field: string, message: string) =>
    new Response(`${field}: ${(getT("en") as (key: string) => string)(message)}\n`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const parsed = queueParamsSchema.safeParse(paramsObject(search));
  if (!parsed.success) {
    const { message, field } = firstIssue(parsed.error);
    return refuse(field, message);
  }
  const selection = exportSelectionSchema.safeParse(search.getAll("number"));
  if (!selection.success) return refuse("number", firstIssue(selection.error).message);
  const db = await getDb();
  const names = await lineNames(db, "en");
  const { after: _a, before: _b, size: _s, ...filters } = parsed.data;
  const params = selection.data.length > 0 ? { ...filters, numbers: selection.data } : filters;
  let body = csvRecord(QUEUE_CSV_COLUMNS.map((c) => c.header));
  for await (const r of queueRows(db, params)) body += csvRecord(QUEUE_CSV_COLUMNS.map((c) => c.cell(r, names[r.line] ?? r.line)));
  return new Response(body, { headers: csvHeaders(`queue-${dayOf(new Date())}.csv`) });
}
