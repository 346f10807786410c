import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getUser, sessionCookieHeader, signUp } from "~/.server/auth/auth.server";
import { getDb } from "#db/client";
import { ErrorList, Field } from "~/components/forms";
import { PASSWORD_MIN, signUpSchema } from "~/domain/forms/auth";
import { roleHome } from "~/domain/roles";
import { readFormData } from "~/utils/form-data.server";
import { title } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => title(matches, "signup.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (user) throw redirect(roleHome(user.role));
  return null;
}

/** Customers sign up here (staff accounts are made by admins); a new account is signed in at once. */
export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await readFormData(request), { schema: signUpSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const result = await signUp(await getDb(), submission.value);
  if (!result.ok) {
    // 409: the email is taken, reported at the email field ("signup.emailTaken").
    return data(submission.reply({ fieldErrors: result.fieldErrors, hideFields: ["password"] }), { status: result.status });
  }
  return redirect(roleHome(result.user.role), { headers: { "Set-Cookie": await sessionCookieHeader(result.sessionId) } });
}

export default function SignUp() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "signup",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signUpSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const submitting = navigation.state === "submitting" && navigation.formAction === "/signup";

  return (
    <section className="narrow" aria-labelledby="signup-title">
      <div className="card">
        <h1 id="signup-title">{t("signup.title")}</h1>
        <p className="muted">{t("signup.lead")}</p>
        <Form method="post" className="form" {...getFormProps(form)}>
          <ErrorList id={form.errorId} errors={form.errors} className="form-error" />
          <Field field={fields.name} label={t("signup.name")} type="text" autoComplete="name" />
          <Field field={fields.email} label={t("signup.email")} type="email" autoComplete="email" />
          <Field
            field={fields.password}
            label={t("signup.password")}
            type="password"
            autoComplete="new-password"
            hint={t("signup.passwordHint", { min: PASSWORD_MIN })}
          />
          <button type="submit" className="button button--block" disabled={submitting}>
            {submitting ? t("signup.submitting") : t("signup.submit")}
          </button>
        </Form>
        <p className="muted below-form">
          {t("signup.haveAccount")} <Link to="/login">{t("signup.signInLink")}</Link>
        </p>
      </div>
    </section>
  );
}
