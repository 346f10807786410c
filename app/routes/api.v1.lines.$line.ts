/**
 * GET /api/v1/lines/<line>[?market=DE&lang=en&version=…]: one product line of
 * the active catalog version (or of an older published one) with its
 * features, values, names and prices (docs/api.md).
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { api, ApiError, json, marketAndLanguage, methodNotAllowed, parseWith } from "~/.server/api/api.server";
import { lineQuerySchema } from "~/domain/forms/configuration";
import { lineDetailJson, marketJson, versionJson } from "~/.server/api/api-views.server";
import { getLine } from "~/.server/catalog/catalog.server";
import { getDb } from "#db/client";

export const loader = api(async ({ request, params }: LoaderFunctionArgs) => {
  const { market, language } = await marketAndLanguage(request);
  const code = params.line ?? "";
  const { version } = parseWith(lineQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
  const loaded = await getLine(code, version, { db: await getDb() });
  if (!loaded) {
    const what = version === undefined ? `in the active catalog version` : `in catalog version "${version.slice(0, 100)}"`;
    throw new ApiError(404, "unknown-line", `no product line "${code.slice(0, 100)}" ${what}`, "line");
  }
  return json({ version: versionJson(loaded.version), market: marketJson(market), language, line: lineDetailJson(loaded, market, language) });
});

export const action = methodNotAllowed("GET");
