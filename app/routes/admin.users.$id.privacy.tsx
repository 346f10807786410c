/**
 * /admin/users/<id>/privacy (admins, on a person's request): download the
 * account's data as JSON (?format=json, recorded in the audit log), or erase
 * a customer's account after typing its email (decision 046).
 */
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { eq } from "drizzle-orm";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/.server/auth/auth.server";
import { eraseConfirmed, exportDownload } from "~/.server/privacy/privacy-pages.server";
import { ErasePanel, ExportPanel, type ErasureError } from "~/components/privacy/PrivacyPanels";
import { getDb } from "#db/client";
import { users } from "#db/schema";
import { readFormData } from "~/utils/form-data.server";
import { title } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => title(matches, "privacy.adminTitle");

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function account(id: string | undefined) {
  if (!id || !UUID.test(id)) throw new Response(null, { status: 404 });
  const [user] = await (await getDb()).select({ id: users.id, name: users.name, email: users.email, role: users.role, erasedAt: users.erasedAt }).from(users).where(eq(users.id, id));
  if (!user) throw new Response(null, { status: 404 });
  return user;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requirePermission(request, "user.manage");
  const user = await account(params.id);
  if (new URL(request.url).searchParams.get("format") === "json") return (await exportDownload(await getDb(), admin.id, user.id))!;
  return { user: { id: user.id, name: user.name, email: user.email, role: user.role, erased: user.erasedAt !== null } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "user.manage");
  const user = await account(params.id);
  const form = await readFormData(request);
  const erased = await eraseConfirmed(await getDb(), admin.id, user.id, form.get("confirm"));
  if (!erased.ok) {
    const key: ErasureError = erased.problem.code === "confirm-mismatch" ? "privacy.erase.mismatch" : erased.problem.code === "staff-account" ? "privacy.erase.staff" : "privacy.erase.refused";
    return data({ error: key, done: false }, { status: erased.problem.status });
  }
  return { error: null as ErasureError | null, done: true };
}

export default function AdminPrivacyPage() {
  const { user } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <main className="page" aria-labelledby="privacy-title">
      <p>
        <Link to="/admin/users">{t("privacy.back")}</Link>
      </p>
      <h1 id="privacy-title">{t("privacy.adminTitle")}</h1>
      <p className="lead">
        {user.name} · {user.email}
      </p>
      {reply?.done || user.erased ? (
        <p role="status" data-testid="privacy-erased">
          {t("privacy.erase.done")}
        </p>
      ) : null}
      <ExportPanel href={`/admin/users/${user.id}/privacy?format=json`} lead="privacy.export.adminLead" />
      {user.role === "customer" && !user.erased && !reply?.done ? <ErasePanel email={user.email} lead="privacy.erase.adminLead" error={reply?.error} /> : null}
    </main>
  );
}
