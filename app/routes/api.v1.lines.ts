/**
 * GET /api/v1/lines[?market=DE&lang=en]: the active catalog version and its
 * product lines (docs/api.md).
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { api, ApiError, json, marketAndLanguage, methodNotAllowed } from "~/.server/api/api.server";
import { lineSummaryJson, marketJson, versionJson } from "~/.server/api/api-views.server";
import { getLine, listActiveLines } from "~/.server/catalog/catalog.server";
import { getDb } from "#db/client";

export const loader = api(async ({ request }: LoaderFunctionArgs) => {
  const { market, language } = await marketAndLanguage(request);
  const db = await getDb();
  const active = await listActiveLines({ db });
  if (!active) throw new ApiError(503, "no-catalog", "no catalog version is published yet");
  const loaded = await Promise.all(active.lines.map((l) => getLine(l.code, active.version.id, { db })));
  return json({
    version: versionJson(active.version),
    market: marketJson(market),
    language,
    lines: loaded.flatMap((l) => (l ? [lineSummaryJson(l, market, language)] : [])),
  });
});

export const action = methodNotAllowed("GET");
