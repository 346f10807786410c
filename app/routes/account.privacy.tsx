/**
 * /account/privacy (customers): download everything the app holds about you
 * as JSON (?format=json), or erase your account after typing your email
 * (decision 046). Erasing signs you out: the session is gone with the account.
 */
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { clearSessionCookieHeader, requirePermission } from "~/.server/auth/auth.server";
import { eraseConfirmed, exportDownload } from "~/.server/privacy/privacy-pages.server";
import { getDb } from "#db/client";
import { readFormData } from "~/utils/form-data.server";
import { title } from "~/utils/meta";

type ErrorKey = "privacy.erase.mismatch" | "privacy.erase.staff" | "privacy.erase.refused";

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
    const error: ErrorKey = erased.problem.code === "confirm-mismatch" ? "privacy.erase.mismatch" : "privacy.erase.refused";
    return data({ error }, { status: erased.problem.status });
  }
  return redirect("/?erased=1", { headers: { "Set-Cookie": await clearSessionCookieHeader() } });
}

export default function PrivacyPage() {
  const { email } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const { t } = useTranslation();
  return (
    <main className="page" aria-labelledby="privacy-title">
      <h1 id="privacy-title">{t("privacy.title")}</h1>
      <section aria-labelledby="privacy-export">
        <h2 id="privacy-export">{t("privacy.export.title")}</h2>
        <p>{t("privacy.export.lead")}</p>
        <a className="button" href="/account/privacy?format=json" download data-testid="privacy-download">
          {t("privacy.export.download")}
        </a>
      </section>
      <section aria-labelledby="privacy-erase">
        <h2 id="privacy-erase">{t("privacy.erase.title")}</h2>
        <p>{t("privacy.erase.lead")}</p>
        <Form method="post" className="form">
          <div className="field">
            <label htmlFor="privacy-confirm">{t("privacy.erase.confirm", { email })}</label>
            <input id="privacy-confirm" name="confirm" type="email" autoComplete="off" required aria-invalid={reply?.error ? true : undefined} aria-describedby={reply?.error ? "privacy-error" : undefined} />
            {reply?.error ? (
              <p id="privacy-error" className="field__error" role="alert">
                {t(reply.error)}
              </p>
            ) : null}
          </div>
          <button type="submit" className="button button--danger" disabled={busy} data-testid="privacy-erase">
            {t("privacy.erase.button")}
          </button>
        </Form>
      </section>
    </main>
  );
}
