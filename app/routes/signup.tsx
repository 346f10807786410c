import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getUser, signUp } from "~/.server/auth/auth.server";
import { getDb } from "#db/client";
import { ErrorList, Field } from "~/components/forms";
import { signUpSchema } from "~/domain/forms/auth";
import { roleHome } from "~/domain/roles";
import { readFormData } from "~/utils/form-data.server";
import { title } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => title(matches, "signup.title");

/** A 429's Retry-After (decision 043) reaches the document's answer too, not only a script's fetch. */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (user) throw redirect(roleHome(user.role));
  return null;
}

/**
 * Customers sign up here (staff accounts are made by admins). The answer is
 * "check your email" whether or not the email has an account, so the page
 * tells nobody who is a customer; the email's link sets the password and signs
 * the person in (decision 043).
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readFormData(request), { schema: signUpSchema });
  if (submission.status !== "success") {
    return data({ reply: submission.reply(), sentTo: null }, { status: 400 });
  }
  const result = await signUp(await getDb(), { ...submission.value, clientAddress: context.clientAddress ?? "unknown" });
  if (!result.ok && result.status === 429) {
    return data(
      { reply: submission.reply({ formErrors: ["signup.rateLimited"] }), sentTo: null },
      { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
  }
  if (!result.ok) return data({ reply: submission.reply({ fieldErrors: result.fieldErrors }), sentTo: null }, { status: 400 });
  return data({ reply: submission.reply({ resetForm: true }), sentTo: submission.value.email });
}

export default function SignUp() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "signup",
    lastResult: actionData?.reply,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signUpSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const submitting = navigation.state === "submitting" && navigation.formAction === "/signup";

  return (
    <section className="narrow" aria-labelledby="signup-title">
      <div className="card">
        <h1 id="signup-title">{t("signup.title")}</h1>
        {actionData?.sentTo ? (
          <div role="status" data-testid="signup-sent">
            <h2>{t("signup.sentTitle")}</h2>
            <p>{t("signup.sentBody", { email: actionData.sentTo })}</p>
          </div>
        ) : (
          <p className="muted">{t("signup.lead")}</p>
        )}
        <Form method="post" className="form" {...getFormProps(form)}>
          <ErrorList id={form.errorId} errors={form.errors} className="form-error" />
          <Field field={fields.name} label={t("signup.name")} type="text" autoComplete="name" />
          <Field field={fields.email} label={t("signup.email")} type="email" autoComplete="email" />
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
