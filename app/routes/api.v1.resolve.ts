/**
 * POST /api/v1/resolve: the smallest changes to the choices that make a
 * wanted value possible, each a whole configuration with its price and
 * lead-time difference, or `dead` when no configuration has it (docs/api.md).
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import {
  api,
  ApiError,
  json,
  loadCheckedLine,
  marketAndLanguage,
  methodNotAllowed,
  parseWith,
  readJson,
  requireMethod,
} from "~/.server/api/api.server";
import { resolveJson } from "~/.server/api/api-views.server";
import { resolveBodySchema } from "~/domain/forms/configuration";
import { getDb } from "#db/client";

export const action = api(async ({ request }: ActionFunctionArgs) => {
  requireMethod(request, "POST");
  const body = parseWith(resolveBodySchema, await readJson(request));
  const { market, language } = await marketAndLanguage(request, { market: body.market, lang: body.lang });
  const loaded = await loadCheckedLine(await getDb(), body);
  if (!loaded.compiled.valueVar.has(body.want))
    throw new ApiError(400, "unknown-code", `unknown value code "${body.want}" in line "${loaded.line.code}"`, "want");
  return json(resolveJson(loaded, body, market, language));
});

export const loader = methodNotAllowed("POST");
