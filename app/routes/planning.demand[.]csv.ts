/**
 * /planning/demand.csv: the module demand of /planning/demand (same range,
 * period and line) as an RFC 4180 CSV attachment, one row per period and
 * module, with the module's name from the active catalog.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/.server/auth/auth.server";
import { moduleDemand, moduleNames } from "~/.server/planning/queue.server";
import { demandParamsSchema, firstIssue, paramsObject } from "~/domain/forms/planning";
import { dayOf } from "~/domain/orders";
import { getDb } from "#db/client";
import { getT } from "~/i18n";
import { csvHeaders, toCsv } from "~/utils/csv";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "queue.manage");
  const parsed = demandParamsSchema(dayOf(new Date())).safeParse(paramsObject(new URL(request.url).searchParams));
  if (!parsed.success) {
    const { message, field } = firstIssue(parsed.error);
    return new Response(`${field}: ${(getT("en") as (key: string) => string)(message)}\n`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const db = await getDb();
  const [rows, names] = await Promise.all([moduleDemand(db, parsed.data), moduleNames(db, "en")]);
  const { period, from, to } = parsed.data;
  const body = toCsv(
    [period === "week" ? "week" : "day", "module", "module_name", "quantity"],
    rows.map((r) => [r.period, r.module, names[r.module] ?? r.module, r.quantity]),
  );
  return new Response(body, { headers: csvHeaders(`demand-${period}-${from}-${to}.csv`) });
}
