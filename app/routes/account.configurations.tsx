/**
 * /account/configurations: the customer's saved configurations — open one in
 * the configurator, rename, share, follow or delete it. Each row's forms post here
 * with an `intent`; the action answers bad input with 400 and the form's
 * messages, someone else's (or a missing) configuration with 404.
 */
import {
  getFormProps,
  getInputProps,
  useForm,
  type SubmissionResult,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import {
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  data,
  redirect,
} from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/.server/auth/auth.server";
import {
  savedItemView,
  type SavedItemView,
} from "~/.server/configurations/configuration-pages.server";
import {
  createShareCode,
  deleteConfiguration,
  listConfigurations,
  renameConfiguration,
} from "~/.server/configurations/configurations.server";
import {
  followConfiguration,
  unfollowConfiguration,
} from "~/.server/configurations/follows.server";
import { getProfile } from "~/.server/customers/profile.server";
import { getPreferences } from "~/.server/platform/preferences.server";
import { ErrorList, IntentButton } from "~/components/forms";
import type { Language, Market } from "~/domain/catalog";
import {
  configurationActionSchema,
  renameFormSchema,
} from "~/domain/forms/configuration";
import { sendToDealerHref } from "~/domain/forms/leads";
import { getDb } from "#db/client";
import { readFormData } from "~/utils/form-data.server";
import { title } from "~/utils/meta";
import { formatMoney } from "~/utils/money";
import stylesUrl from "~/styles/configurations.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesUrl },
];

export const meta: MetaFunction = ({ matches }) =>
  title(matches, "configurations.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "configuration.save");
  const { market, language } = await getPreferences(request);
  const db = await getDb();
  const saved = await listConfigurations(db, user.id);
  const items = await Promise.all(
    saved.map((s) => savedItemView(db, s, market, language))
  );
  // Follows stay when the consent is withdrawn, but nothing is sent: the page says so.
  const newsConsent =
    (await getProfile(db, user.id))?.consents.saved_configuration_news
      .granted ?? false;
  return { items, market, language, newsConsent };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "configuration.save");
  const submission = parseWithZod(await readFormData(request), {
    schema: configurationActionSchema,
  });
  if (submission.status !== "success")
    return data(submission.reply(), { status: 400 });
  const db = await getDb();
  const { value } = submission;
  const notFound = () =>
    data(submission.reply({ formErrors: ["configurations.notFound"] }), {
      status: 404,
    });

  if (value.intent === "rename") {
    const result = await renameConfiguration(db, user.id, value.id, value.name);
    if (!result.ok)
      return result.problem.status === 404
        ? notFound()
        : data(
            submission.reply({ fieldErrors: { name: ["validation.invalid"] } }),
            { status: 400 }
          );
    return redirect("/account/configurations");
  }
  if (value.intent === "follow" || value.intent === "unfollow") {
    const result =
      value.intent === "follow"
        ? await followConfiguration(db, user.id, value.id)
        : await unfollowConfiguration(db, user.id, value.id);
    if (!result.ok) return notFound();
    return redirect("/account/configurations");
  }
  if (value.intent === "delete") {
    if (!(await deleteConfiguration(db, user.id, value.id))) return notFound();
    return redirect("/account/configurations");
  }
  const shared = await createShareCode(
    db,
    { configurationId: value.id, ownerId: user.id },
    { createdBy: user.id }
  );
  if (!shared.ok) return notFound();
  return redirect(`/share/${shared.value.code}`);
}

export default function SavedConfigurations() {
  const { t } = useTranslation();
  const { items, market, language, newsConsent } =
    useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const target = (lastResult?.initialValue as { id?: unknown } | undefined)?.id;
  const orphanErrors =
    lastResult && !items.some((i) => i.id === target)
      ? lastResult.error?.[""]
      : undefined;

  return (
    <section aria-labelledby="configurations-title">
      <h1 id="configurations-title">{t("configurations.title")}</h1>
      <p className="lead">{t("configurations.lead")}</p>
      <ErrorList errors={orphanErrors ?? undefined} className="form-error" />
      {items.length === 0 ? (
        <div className="card">
          <p>{t("configurations.empty")}</p>
          <Link to="/" className="button">
            {t("account.browse")}
          </Link>
        </div>
      ) : (
        <>
          {items.length >= 2 ? (
            // The ticks sit on each card and join this form by its id: comparing is a plain GET, a bookmarkable page.
            <Form
              method="get"
              action="/account/configurations/compare"
              id="compare-form"
              className="card compare-choice"
              data-testid="compare-form"
            >
              <p className="muted">{t("compare.chooseHint")}</p>
              <button type="submit" className="button button--secondary">
                {t("compare.choose")}
              </button>
            </Form>
          ) : null}
          <ul className="saved-list">
            {items.map((item) => (
              <SavedItem
                key={item.id}
                item={item}
                market={market}
                language={language}
                newsConsent={newsConsent}
                lastResult={
                  target === item.id
                    ? (lastResult as SubmissionResult<string[]>)
                    : undefined
                }
              />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function SavedItem({
  item,
  market,
  language,
  newsConsent,
  lastResult,
}: {
  item: SavedItemView;
  market: Market;
  language: Language;
  newsConsent: boolean;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const busy =
    navigation.state !== "idle" && navigation.formData?.get("id") === item.id;
  const [form, fields] = useForm({
    id: `rename-${item.id}`,
    lastResult,
    defaultValue: { intent: "rename", id: item.id, name: item.name },
    onValidate: ({ formData }) =>
      parseWithZod(formData, { schema: renameFormSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const headingId = `saved-${item.id}`;
  const updated = new Intl.DateTimeFormat(language, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "UTC",
  }).format(new Date(item.updatedAt));
  const { key: nameKey, ...nameProps } = getInputProps(fields.name, {
    type: "text",
  });

  return (
    <li className="card saved-item" aria-labelledby={headingId}>
      <h2 id={headingId}>{item.name}</h2>
      <p className="muted">
        {t("configurations.summary", {
          line: item.lineName,
          n: item.choiceCount,
          date: updated,
        })}
      </p>
      <label className="choice compare-tick">
        <input
          type="checkbox"
          name="id"
          value={item.id}
          form="compare-form"
          aria-label={t("compare.select", { name: item.name })}
        />{" "}
        {t("compare.choose")}
      </label>
      {item.total !== null ? (
        <p>
          {t("configurations.price", {
            price: formatMoney(item.total, market, language),
          })}
        </p>
      ) : null}
      {item.nearest ? (
        <div className="saved-notice" role="note">
          <p>
            {t("configurations.retired", {
              version: item.version.label,
              active: item.nearest.version.label,
            })}
          </p>
          {item.nearest.missing.length > 0 ? (
            <p>
              {t("configurations.missing", {
                names: item.nearest.missing
                  .map((m) => `${m.name} (${m.code})`)
                  .join(", "),
              })}
            </p>
          ) : null}
          {item.nearest.dropped.length > 0 ? (
            <p>
              {t("configurations.dropped", {
                names: item.nearest.dropped
                  .map((m) => `${m.name} (${m.code})`)
                  .join(", "),
              })}
            </p>
          ) : null}
        </div>
      ) : null}
      {item.following ? (
        <p className="muted" data-testid="following">
          {t("follow.following")} {newsConsent ? null : t("follow.paused")}
        </p>
      ) : newsConsent ? null : (
        <p className="muted">{t("follow.consentNote")}</p>
      )}
      <div className="actions">
        {item.openUrl ? (
          <Link to={item.openUrl} className="button">
            {item.nearest
              ? t("configurations.openNearest")
              : t("configurations.open")}
          </Link>
        ) : null}
        <IntentButton
          id={item.id}
          intent="share"
          className="button button--secondary"
          disabled={busy}
        >
          {t("configurations.share")}
        </IntentButton>
        {item.following ? (
          <IntentButton
            id={item.id}
            intent="unfollow"
            className="button button--secondary"
            disabled={busy}
            label={t("follow.unfollowNamed", { name: item.name })}
          >
            {t("follow.unfollow")}
          </IntentButton>
        ) : (
          <IntentButton
            id={item.id}
            intent="follow"
            className="button button--secondary"
            disabled={busy}
            label={t("follow.followNamed", { name: item.name })}
          >
            {t("follow.follow")}
          </IntentButton>
        )}
        <Link
          to={sendToDealerHref({ configuration: item.id })}
          className="button button--secondary"
          data-testid="send-to-dealer"
        >
          {t("leads.send.cta")}
        </Link>
        <IntentButton
          id={item.id}
          intent="delete"
          className="button button--secondary"
          disabled={busy}
          label={t("configurations.deleteNamed", { name: item.name })}
        >
          {t("configurations.delete")}
        </IntentButton>
      </div>
      <Form method="post" className="form rename-form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="rename" />
        <input type="hidden" name="id" value={item.id} />
        <ErrorList
          id={form.errorId}
          errors={form.errors}
          className="form-error"
        />
        <div className="field">
          <label htmlFor={fields.name.id}>{t("configurations.newName")}</label>
          <input
            key={nameKey}
            {...nameProps}
            autoComplete="off"
            maxLength={100}
          />
          <ErrorList id={fields.name.errorId} errors={fields.name.errors} />
        </div>
        <button type="submit" className="button button--small" disabled={busy}>
          {t("configurations.rename")}
        </button>
      </Form>
    </li>
  );
}
