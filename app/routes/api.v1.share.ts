/**
 * POST /api/v1/share: a share code for a configuration, given in full
 * (anyone) or as one of the caller's saved configurations (signed in),
 * answered with 201 (docs/api.md).
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { getUser } from "~/.server/auth/auth.server";
import { api, json, methodNotAllowed, parseWith, problemError, readJson, requireApiCustomer, requireMethod } from "~/.server/api/api.server";
import { createShareCode } from "~/.server/configurations/configurations.server";
import { configureHref, shareConfigurationBodySchema, shareSavedBodySchema, type ShareBody } from "~/domain/forms/configuration";
import { getDb } from "#db/client";

export const action = api(async ({ request }: ActionFunctionArgs) => {
  requireMethod(request, "POST");
  const raw = await readJson(request);
  // Two shapes, told apart by their key, so an error names the field of the shape meant.
  const body: ShareBody =
    typeof raw === "object" && raw !== null && "configurationId" in raw
      ? parseWith(shareSavedBodySchema, raw)
      : parseWith(shareConfigurationBodySchema, raw);
  const db = await getDb();
  const result =
    "configurationId" in body
      ? await (async () => {
          const user = await requireApiCustomer(request, db);
          return createShareCode(db, { configurationId: body.configurationId, ownerId: user.id }, { createdBy: user.id });
        })()
      : await createShareCode(db, body, { createdBy: (await getUser(request, { db }))?.id ?? null });
  if (!result.ok) throw problemError(result.problem);
  const shared = result.value;
  return json(
    {
      code: shared.code,
      url: `/share/${shared.code}`,
      line: shared.line,
      version: shared.version,
      choices: shared.choices,
      texts: shared.texts,
      createdAt: shared.createdAt.toISOString(),
      configureUrl: configureHref(shared.line, shared.choices, shared.texts),
    },
    { status: 201, headers: { Location: `/api/v1/share/${shared.code}` } },
  );
});

export const loader = methodNotAllowed("POST");
