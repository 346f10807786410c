/**
 * GET /api/v1/share/<code>[?market=DE&lang=en]: a shared configuration;
 * for a retired catalog version also what no longer exists and the nearest
 * valid configuration in the active version (docs/api.md).
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { api, ApiError, json, marketAndLanguage, methodNotAllowed } from "~/.server/api/api.server";
import { sharedJson } from "~/.server/api/api-views.server";
import { getSharedConfiguration } from "~/.server/configurations/configurations.server";
import { getDb } from "#db/client";

export const loader = api(async ({ request, params }: LoaderFunctionArgs) => {
  const { market, language } = await marketAndLanguage(request);
  const shared = await getSharedConfiguration(await getDb(), params.code ?? "");
  if (!shared) throw new ApiError(404, "unknown-share-code", "no configuration is shared under this code", "code");
  return json(sharedJson(shared, market, language));
});

export const action = methodNotAllowed("GET");
