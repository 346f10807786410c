/**
 * /account/api-tokens (any signed-in account): make API tokens for one's own
 * systems (shown once, at creation), see them with when they were last used,
 * revoke them. The action answers bad input with 400 and the form's messages,
 * someone else's (or a missing) token with 404, one token too many with 409.
 */
import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { createApiToken, listApiTokens, revokeApiToken } from "~/.server/auth/api-tokens.server";
import { requireUser } from "~/.server/auth/auth.server";
import { getPreferences } from "~/.server/platform/preferences.server";
import { ErrorList, IntentButton } from "~/components/forms";
import { apiTokenActionSchema, createTokenFormSchema, TOKEN_LABEL_MAX } from "~/domain/forms/api-token";
import { getDb } from "#db/client";
import { readFormData } from "~/utils/form-data.server";
import { title } from "~/utils/meta";
import stylesUrl from "~/styles/api-tokens.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesUrl }];

export const meta: MetaFunction = ({ matches }) => title(matches, "apiTokens.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { language } = await getPreferences(request);
  const tokens = await listApiTokens(await getDb(), user.id);
  return {
    language,
    tokens: tokens.map((t) => ({ id: t.id, label: t.label, createdAt: t.createdAt.toISOString(), lastUsedAt: t.lastUsedAt?.toISOString() ?? null })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await readFormData(request), { schema: apiTokenActionSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), created: null }, { status: 400 });
  const db = await getDb();
  const { value } = submission;
  if (value.intent === "revoke") {
    if (!(await revokeApiToken(db, user.id, value.id)))
      return data({ result: submission.reply({ formErrors: ["apiTokens.notFound"] }), created: null }, { status: 404 });
    return redirect("/account/api-tokens");
  }
  const made = await createApiToken(db, user.id, value.label);
  if (!made.ok) return data({ result: submission.reply({ formErrors: ["apiTokens.tooMany"] }), created: null }, { status: 409 });
  // The only time the token leaves the server; the form is reset so a reload doesn't resubmit it.
  return data(
    { result: submission.reply({ resetForm: true }), created: { id: made.info.id, label: made.info.label, token: made.token } },
    { status: 201, headers: { "Cache-Control": "no-store" } },
  );
}

export default function ApiTokens() {
  const { t } = useTranslation();
  const { tokens, language } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const created = answer?.created ?? null;
  const lastResult = answer?.result as SubmissionResult<string[]> | undefined;
  const intent = (lastResult?.initialValue as { intent?: unknown } | undefined)?.intent;
  const [form, fields] = useForm({
    id: "create-token",
    lastResult: intent === "create" ? lastResult : undefined,
    defaultValue: { intent: "create", label: "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: createTokenFormSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const { key: labelKey, ...labelProps } = getInputProps(fields.label, { type: "text" });
  const when = (iso: string) => new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(new Date(iso));

  return (
    <section aria-labelledby="tokens-title" className="api-tokens">
      <h1 id="tokens-title">{t("apiTokens.title")}</h1>
      <p className="lead">{t("apiTokens.lead")}</p>

      {created ? (
        <div className="card token-created" role="status">
          <h2>{t("apiTokens.createdTitle", { label: created.label })}</h2>
          <p>{t("apiTokens.createdNote")}</p>
          <code className="token-value" data-testid="new-token">
            {created.token}
          </code>
          <p className="muted">{t("apiTokens.usage")}</p>
          <code className="token-usage">{`Authorization: Bearer ${created.token}`}</code>
        </div>
      ) : null}

      <div className="card">
        <h2>{t("apiTokens.createTitle")}</h2>
        <Form method="post" className="form token-form" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="create" />
          <ErrorList id={form.errorId} errors={form.errors} className="form-error" />
          <div className="field">
            <label htmlFor={fields.label.id}>{t("apiTokens.label")}</label>
            <input key={labelKey} {...labelProps} autoComplete="off" maxLength={TOKEN_LABEL_MAX} />
            <ErrorList id={fields.label.errorId} errors={fields.label.errors} />
          </div>
          <button type="submit" className="button" disabled={busy}>
            {t("apiTokens.create")}
          </button>
        </Form>
      </div>

      <h2>{t("apiTokens.listTitle")}</h2>
      {intent === "revoke" ? <ErrorList errors={lastResult?.error?.[""] ?? undefined} className="form-error" /> : null}
      {tokens.length === 0 ? (
        <p className="muted">{t("apiTokens.empty")}</p>
      ) : (
        <ul className="token-list">
          {tokens.map((token) => (
            <li key={token.id} className="card token-item">
              <div>
                <strong>{token.label}</strong>
                <p className="muted">
                  {t("apiTokens.createdAt", { date: when(token.createdAt) })}
                  {" · "}
                  {token.lastUsedAt ? t("apiTokens.lastUsed", { date: when(token.lastUsedAt) }) : t("apiTokens.neverUsed")}
                </p>
              </div>
              <IntentButton
                id={token.id}
                intent="revoke"
                className="button button--secondary button--small"
                disabled={busy}
                label={t("apiTokens.revokeNamed", { label: token.label })}
              >
                {t("apiTokens.revoke")}
              </IntentButton>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
