/**
 * /share: open a share code someone gave you. A plain GET form, so it works
 * without JavaScript; a valid code redirects to /share/<CODE>.
 */
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/forms";
import { normalizeShareCode, openShareCodeSchema } from "~/domain/forms/configuration";
import { title } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => title(matches, "share.openTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  if (!url.searchParams.has("code")) return null;
  const submission = parseWithZod(url.searchParams, { schema: openShareCodeSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  throw redirect(`/share/${normalizeShareCode(submission.value.code)}`);
}

export default function OpenShareCode() {
  const { t } = useTranslation();
  const lastResult = useLoaderData<typeof loader>();
  const [form, fields] = useForm({
    id: "open-share-code",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: openShareCodeSchema }),
    shouldValidate: "onBlur",
  });
  const { key, ...inputProps } = getInputProps(fields.code, { type: "text" });
  return (
    <section className="narrow" aria-labelledby="open-share-title">
      <div className="card">
        <h1 id="open-share-title">{t("share.openTitle")}</h1>
        <p className="muted">{t("share.openLead")}</p>
        <Form method="get" className="form" {...getFormProps(form)}>
          <div className="field">
            <label htmlFor={fields.code.id}>{t("share.code")}</label>
            <input key={key} {...inputProps} autoComplete="off" autoCapitalize="characters" spellCheck={false} maxLength={40} />
            <ErrorList id={fields.code.errorId} errors={fields.code.errors} />
          </div>
          <button type="submit" className="button button--block">
            {t("share.openSubmit")}
          </button>
        </Form>
      </div>
    </section>
  );
}
