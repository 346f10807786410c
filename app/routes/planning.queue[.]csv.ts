/**
 * /planning/queue.csv: the queue with the page's filters and sort, every
 * matching order (not just one page), as an RFC 4180 CSV attachment,
 * streamed a keyset batch at a time (queue-csv.server.ts; decision 052).
 * Bad filters are refused (400) before anything is sent.
 *
 * `?number=…&number=…` (the queue's bulk form, "Export selected") exports
 * just those orders, with the same columns.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/.server/auth/auth.server";
import { queueCsvStream } from "~/.server/planning/queue-csv.server";
import { lineNames } from "~/.server/planning/queue.server";
import { exportSelectionSchema, firstIssue, paramsObject, queueParamsSchema } from "~/domain/forms/planning";
import { dayOf } from "~/domain/orders";
import { getDb } from "#db/client";
import { getT } from "~/i18n";
import { csvHeaders } from "~/utils/csv";

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
  return new Response(queueCsvStream(db, params, names), { headers: csvHeaders(`queue-${dayOf(new Date())}.csv`) });
}
