/**
 * GET /api/v1/lines/<line>/recommendations: the line's recommendation rules
 * as last built (docs/api.md, decision 028): aggregated association rules
 * only, each backed by at least 5 distinct consenting customers; no order or
 * customer in them. `builtAt` is null (and `rules` empty) before the first
 * build.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { api, ApiError, json, methodNotAllowed } from "~/.server/api/api.server";
import { getLine } from "~/.server/catalog/catalog.server";
import { readRecommendationModel } from "~/.server/recommendations/recommendations.server";
import { getDb } from "#db/client";

export const loader = api(async ({ params }: LoaderFunctionArgs) => {
  const code = params.line ?? "";
  const db = await getDb();
  const loaded = await getLine(code, undefined, { db });
  if (!loaded) throw new ApiError(404, "unknown-line", `no product line "${code.slice(0, 100)}" in the active catalog version`, "line");
  const model = await readRecommendationModel(db, loaded.line.code);
  return json({ line: loaded.line.code, builtAt: model?.builtAt ?? null, orders: model?.orders ?? 0, rules: model?.rules ?? [] });
});

export const action = methodNotAllowed("GET");
