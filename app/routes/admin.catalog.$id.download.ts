/**
 * /admin/catalog/<id>/download (admins): a version's catalog as a JSON file,
 * exactly as stored, drafts included, even a draft that no longer parses (the
 * file is how it gets fixed): what the edit forms change stays a file the
 * catalog manager can keep, diff or import elsewhere.
 */
import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { requirePermission } from "~/.server/auth/auth.server";
import { loadVersionRow } from "~/.server/catalog/draft-edit.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "catalog.publish");
  const version = await loadVersionRow(await getDb(), params.id ?? "");
  if (!version) throw data({ message: "no such catalog version" }, { status: 404 });
  const filename = `${version.id.replace(/[^A-Za-z0-9_.-]/g, "_")}.json`;
  return new Response(`${JSON.stringify(version.catalog, null, 2)}\n`, {
    headers: { "Content-Type": "application/json; charset=utf-8", "Content-Disposition": `attachment; filename="${filename}"`, "Cache-Control": "no-store" },
  });
}
