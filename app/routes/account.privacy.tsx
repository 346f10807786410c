/**
 * /account/privacy (customers): download everything the app holds about you
 * as JSON (?format=json), or erase your account after typing your email
 * (decision 046). Erasing signs you out: the session is gone with the account.
 */
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { clearSessionCookieHeader, requirePermission } from "~/.server/auth/auth.server";
import { eraseConfirmed, exportDownload } from "~/.server/privacy/privacy-pages.server";
import { ErasePanel, ExportPanel, type ErasureError } from "~/components/privacy/PrivacyPanels";
import { getDb } from "#db/client";
import { readFormData } from "~/utils/form-data.server";
import { title } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => title(matches, "privacy.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "profile.edit");
  if (new URL(request.url).searchParams.get("format") === "json") {
    const download = await exportDownload(await getDb(), user.id, user.id);
    if (!download) throw new Response(null, { status: 404 });
    return download;
  }
  return { email: user.email };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "profile.edit");
  const form = await readFormData(request);
  const erased = await eraseConfirmed(await getDb(), user.id, user.id, form.get("confirm"));
  if (!erased.ok) {
    const error: ErasureError = erased.problem.code === "confirm-mismatch" ? "privacy.erase.mismatch" : "privacy.erase.refused";
    return data({ error }, { status: erased.problem.status });
  }
  return redirect("/?erased=1", { headers: { "Set-Cookie": await clearSessionCookieHeader() } });
}

export default function PrivacyPage() {
  const { email } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <main className="page" aria-labelledby="privacy-title">
      <h1 id="privacy-title">{t("privacy.title")}</h1>
      <ExportPanel href="/account/privacy?format=json" lead="privacy.export.lead" testId="privacy-download" />
      <ErasePanel email={email} lead="privacy.erase.lead" error={reply?.error} testId="privacy-erase" />
    </main>
  );
}
