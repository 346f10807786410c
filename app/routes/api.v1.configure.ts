/**
 * POST /api/v1/configure: the engine over HTTP. Given a line and choices,
 * answers valid domains with reasons, the price breakdown, completeness and
 * problems, and the number of complete configurations left (docs/api.md).
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { api, json, loadCheckedLine, marketAndLanguage, methodNotAllowed, parseWith, readJson, requireMethod } from "~/.server/api/api.server";
import { configureJson } from "~/.server/api/api-views.server";
import { configureBodySchema } from "~/domain/forms/configuration";
import { getDb } from "#db/client";

export const action = api(async ({ request }: ActionFunctionArgs) => {
  requireMethod(request, "POST");
  const body = parseWith(configureBodySchema, await readJson(request));
  const { market, language } = await marketAndLanguage(request, { market: body.market, lang: body.lang });
  const loaded = await loadCheckedLine(await getDb(), body);
  return json(configureJson(loaded, body, market, language));
});

export const loader = methodNotAllowed("POST");
