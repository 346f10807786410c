/**
 * /unsubscribe/<token>: the link at the bottom of every email about a
 * followed configuration. It needs no sign-in: the token is signed by the
 * server (follows.server.ts) and names one follow.
 *
 * GET only shows what the link would stop, with one button: mail scanners
 * and link previews fetch links, and must not unsubscribe anyone. POST stops
 * following — the button, and mail programs' one-click unsubscribe
 * (List-Unsubscribe-Post, RFC 8058). A tampered, unknown or already used
 * token is a 404 page, never an error.
 */
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { unsubscribe, unsubscribeTarget } from "~/.server/configurations/follows.server";
import { getDb } from "#db/client";
import { getT } from "~/i18n";
import { languageOf } from "~/utils/meta";

type Answer = { state: "ask"; name: string } | { state: "done"; name: string } | { state: "invalid" };

const invalid = () => data<Answer>({ state: "invalid" }, { status: 404 });

export async function loader({ params }: LoaderFunctionArgs) {
  const target = await unsubscribeTarget(await getDb(), params.token ?? "");
  return target ? data<Answer>({ state: "ask", name: target.name }) : invalid();
}

export async function action({ params }: ActionFunctionArgs) {
  const stopped = await unsubscribe(await getDb(), params.token ?? "");
  return stopped ? data<Answer>({ state: "done", name: stopped.name }) : invalid();
}

export const meta: MetaFunction = ({ matches }) => {
  const t = getT(languageOf(matches));
  // A personal link: never for search engines.
  return [{ title: `${t("unsubscribe.title")} · ${t("app.name")}` }, { name: "robots", content: "noindex" }];
};

export default function Unsubscribe() {
  const { t } = useTranslation();
  const asked = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() ?? asked;
  return (
    <section aria-labelledby="unsubscribe-title" className="card">
      <h1 id="unsubscribe-title">{t("unsubscribe.title")}</h1>
      {answer.state === "invalid" ? (
        <p role="alert">{t("unsubscribe.invalid")}</p>
      ) : answer.state === "done" ? (
        <p role="status" data-testid="unsubscribed">
          {t("unsubscribe.done", { name: answer.name })}
        </p>
      ) : (
        <Form method="post">
          <p>{t("unsubscribe.lead", { name: answer.name })}</p>
          <button type="submit" className="button">
            {t("unsubscribe.confirm")}
          </button>
        </Form>
      )}
    </section>
  );
}
