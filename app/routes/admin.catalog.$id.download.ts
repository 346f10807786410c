/** /admin/catalog/<id>/download (admins): the version's catalog as a JSON file, as it is stored. */
import { type LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client";
import { requirePermission } from "~/.server/auth/auth.server";
import { readVersion } from "~/.server/catalog/versions.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "catalog.publish");
  const version = await readVersion(await getDb(), params.id ?? "");
  if (!version) throw new Response("no such catalog version", { status: 404 });
  return new Response(`${JSON.stringify(version.catalog, null, 2)}\n`, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${version.id}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
