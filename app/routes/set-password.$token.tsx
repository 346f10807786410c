/**
 * /set-password/<token>: the page an invitation, a password reset or a claim
 * link opens (decision 039). Public: the one-time token is the credential.
 * An unknown or malformed token answers 404, a used or expired one (or one
 * whose account was deactivated) 410 — a page that says so, never a 500.
 * Setting the password (argon2id) uses the token up and signs the person in.
 */
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { invalidReply, postedFields } from "~/.server/admin/admin-forms.server";
import { lookupAccountToken, redeemAccountToken } from "~/.server/auth/account-tokens.server";
import { sessionCookieHeader } from "~/.server/auth/auth.server";
import { getDb } from "#db/client";
import { AdminInput, errorsOf } from "~/components/admin";
import { setPasswordSchema } from "~/domain/forms/admin";
import { roleHome } from "~/domain/roles";
import { title } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => title(matches, "people.setPassword.title");

/** The token is in the address: never cached, never sent on as a Referer. */
const PRIVATE = { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" };

/** A link that doesn't work, as a page (not a thrown error): 404 unknown, 410 used or expired. */
const dead = (status: "unknown" | "gone") => data({ state: status } as const, { status: status === "unknown" ? 404 : 410, headers: PRIVATE });

export async function loader({ params }: LoaderFunctionArgs) {
  const found = await lookupAccountToken(await getDb(), params.token ?? "");
  if (found.status !== "ok") return dead(found.status);
  return data({ state: "ok" as const, purpose: found.purpose, name: found.user.name, email: found.user.email }, { headers: PRIVATE });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const db = await getDb();
  const token = params.token ?? "";
  const found = await lookupAccountToken(db, token);
  if (found.status !== "ok") return dead(found.status);
  const parsed = setPasswordSchema.safeParse(await postedFields(request));
  if (!parsed.success) return invalidReply(parsed.error);
  const result = await redeemAccountToken(db, token, parsed.data.password);
  if (result.status !== "ok") return dead(result.status);
  return redirect(roleHome(result.user.role), { headers: { "Set-Cookie": await sessionCookieHeader(result.sessionId) } });
}

export default function SetPassword() {
  const { t } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const state = actionData && "state" in actionData ? actionData.state : loaded.state;

  if (state !== "ok" || loaded.state !== "ok") {
    const gone = state === "gone";
    return (
      <section className="narrow" aria-labelledby="set-password-title">
        <div className="card">
          <h1 id="set-password-title">{gone ? t("people.setPassword.goneTitle") : t("people.setPassword.unknownTitle")}</h1>
          <p>{gone ? t("people.setPassword.gone") : t("people.setPassword.unknown")}</p>
          <Link to="/login" className="button">
            {t("people.setPassword.toLogin")}
          </Link>
        </div>
      </section>
    );
  }
  const errors = errorsOf(actionData);
  return (
    <section className="narrow" aria-labelledby="set-password-title">
      <div className="card">
        <h1 id="set-password-title">{t("people.setPassword.title")}</h1>
        <p className="muted">{t(`people.setPassword.${loaded.purpose}`, { name: loaded.name, email: loaded.email })}</p>
        <Form method="post" className="form" noValidate>
          <input type="text" name="username" autoComplete="username" value={loaded.email} readOnly hidden />
          <AdminInput name="password" label={t("people.setPassword.password")} type="password" errors={errors} autoComplete="new-password" />
          <AdminInput name="confirm" label={t("people.setPassword.confirm")} type="password" errors={errors} autoComplete="new-password" />
          <button type="submit" className="button button--block" disabled={navigation.state === "submitting"}>
            {t("people.setPassword.submit")}
          </button>
        </Form>
      </div>
    </section>
  );
}
