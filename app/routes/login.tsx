import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getUser, sessionCookieHeader, signIn } from "~/.server/auth/auth.server";
import { getDb } from "#db/client";
import { ErrorList, Field } from "~/components/forms";
import { signInSchema } from "~/domain/forms/auth";
import { roleHome } from "~/domain/roles";
import { readFormData } from "~/utils/form-data.server";
import { title } from "~/utils/meta";
import { safeRedirect } from "~/utils/safe-redirect";

export const meta: MetaFunction = ({ matches }) => title(matches, "login.title");

/** A 429's Retry-After (decision 043) reaches the document's answer too, not only a script's fetch. */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

export async function loader({ request }: LoaderFunctionArgs) {
  // Already signed in: go home rather than sign in twice.
  const user = await getUser(request);
  if (user) throw redirect(roleHome(user.role));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const submission = parseWithZod(formData, { schema: signInSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const result = await signIn(await getDb(), {
    email: submission.value.email,
    password: submission.value.password,
    clientAddress: context.clientAddress ?? "unknown",
  });
  if (!result.ok) {
    // Our own translated messages, not the server's English text.
    const message = result.status === 429 ? "login.rateLimited" : result.status === 403 ? "login.deactivated" : "login.invalid";
    const headers: HeadersInit = result.status === 429 ? { "Retry-After": String(result.retryAfterSeconds) } : {};
    return data(submission.reply({ formErrors: [message], hideFields: ["password"] }), { status: result.status, headers });
  }
  return redirect(safeRedirect(formData.get("redirectTo"), roleHome(result.user.role)), {
    headers: { "Set-Cookie": await sessionCookieHeader(result.sessionId) },
  });
}

export default function Login() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "login",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signInSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const submitting = navigation.state === "submitting" && navigation.formAction === "/login";

  return (
    <section className="narrow" aria-labelledby="login-title">
      <div className="card">
        <h1 id="login-title">{t("login.title")}</h1>
        <p className="muted">{t("login.lead")}</p>
        <Form method="post" className="form" {...getFormProps(form)}>
          <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
          <ErrorList id={form.errorId} errors={form.errors} className="form-error" />
          <Field field={fields.email} label={t("login.email")} type="email" autoComplete="email" />
          <Field field={fields.password} label={t("login.password")} type="password" autoComplete="current-password" />
          <button type="submit" className="button button--block" disabled={submitting}>
            {submitting ? t("login.submitting") : t("login.submit")}
          </button>
        </Form>
        <p className="muted below-form">
          {t("login.noAccount")} <Link to="/signup">{t("login.signUpLink")}</Link>
        </p>
      </div>
    </section>
  );
}
