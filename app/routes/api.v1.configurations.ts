/**
 * /api/v1/configurations (signed in): GET lists the caller's saved
 * configurations, POST saves one — checked by the engine against the catalog
 * version first — and answers 201 (docs/api.md).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { api, json, parseWith, problemError, readJson, requireApiCustomer, requireMethod } from "~/.server/api/api.server";
import { savedJson } from "~/.server/api/api-views.server";
import { listConfigurations, saveConfiguration } from "~/.server/configurations/configurations.server";
import { saveBodySchema } from "~/domain/forms/configuration";
import { getDb } from "#db/client";

export const loader = api(async ({ request }: LoaderFunctionArgs) => {
  const db = await getDb();
  const user = await requireApiCustomer(request, db);
  return json({ configurations: (await listConfigurations(db, user.id)).map(savedJson) });
});

export const action = api(async ({ request }: ActionFunctionArgs) => {
  const db = await getDb();
  // Method, then session, then body: a signed-out client learns nothing about its input.
  requireMethod(request, "POST");
  const user = await requireApiCustomer(request, db);
  const body = parseWith(saveBodySchema, await readJson(request));
  const result = await saveConfiguration(db, user.id, body);
  if (!result.ok) throw problemError(result.problem);
  return json({ configuration: savedJson(result.value) }, { status: 201 });
});
