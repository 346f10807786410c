/**
 * /admin/audit.csv: every audit entry the page's filter matches (not just one
 * page; at most AUDIT_CSV_LIMIT, newest first) as an RFC 4180 CSV attachment.
 * Cells a spreadsheet would run as a formula are prefixed (app/utils/csv.ts).
 * A filter that doesn't parse answers 400 in plain text.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { AUDIT_CSV_COLUMNS, auditRowsForCsv, filterParams } from "~/.server/admin/audit-log.server";
import { requirePermission } from "~/.server/auth/auth.server";
import { getDb } from "#db/client";
import { auditFilterSchema } from "~/domain/forms/admin";
import { dayOf } from "~/domain/orders";
import { getT } from "~/i18n";
import { csvHeaders, csvRecord } from "~/utils/csv";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "audit.read");
  const parsed = auditFilterSchema.safeParse(filterParams(new URL(request.url)));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const message = (getT("en") as (key: string) => string)(issue.message);
    return new Response(`${String(issue.path[0] ?? "")}: ${message}\n`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const { page: _page, ...filter } = parsed.data;
  let body = csvRecord(AUDIT_CSV_COLUMNS.map((c) => c.header));
  for (const row of await auditRowsForCsv(await getDb(), filter)) body += csvRecord(AUDIT_CSV_COLUMNS.map((c) => c.cell(row)));
  return new Response(body, { headers: csvHeaders(`audit-${dayOf(new Date())}.csv`) });
}
