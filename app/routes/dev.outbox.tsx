/**
 * /dev/outbox: the email outbox, newest first — what the app wrote and
 * whether the mailer sent it. Open to everyone in development; in
 * production only to admins (everyone else gets 404, as if it didn't exist).
 */
import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getUser } from "~/.server/auth/auth.server";
import { getEnv } from "~/.server/platform/env.server";
import { listOutbox } from "~/.server/messages/mailer.server";
import { can } from "~/domain/permissions";
import { formatInstant } from "~/components/orders/OrderDetails";
import ordersStyles from "~/components/orders/orders.css?url";
import type { loader as rootLoader } from "~/root";
import { title } from "~/utils/meta";
import { getDb } from "#db/client";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: ordersStyles }];

export const meta: MetaFunction = ({ matches }) => title(matches, "outbox.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const env = getEnv();
  if (env.NODE_ENV === "production") {
    const user = await getUser(request);
    if (!can(user, "outbox.read")) throw new Response("Not found", { status: 404 });
  }
  const rows = await listOutbox(await getDb(), { limit: 200 });
  return {
    smtp: Boolean(env.SMTP_URL),
    emails: rows.map((r) => ({
      id: r.id,
      to: r.toAddress,
      subject: r.subject,
      body: r.body,
      createdAt: r.createdAt.toISOString(),
      sentAt: r.sentAt?.toISOString() ?? null,
      attempts: r.attempts,
      lastError: r.lastError,
    })),
  };
}

export default function Outbox() {
  const { t } = useTranslation();
  const { emails, smtp } = useLoaderData<typeof loader>();
  const language = useRouteLoaderData<typeof rootLoader>("root")?.language ?? "en";
  return (
    <section aria-labelledby="outbox-title">
      <h1 id="outbox-title">{t("outbox.title")}</h1>
      <p className="lead">{smtp ? t("outbox.leadSmtp") : t("outbox.leadNoSmtp")}</p>
      {emails.length === 0 ? (
        <p className="card">{t("outbox.empty")}</p>
      ) : (
        <ul className="notification-list" data-testid="outbox">
          {emails.map((e) => (
            <li key={e.id} data-sent={e.sentAt !== null}>
              <p>
                <strong>{e.subject}</strong>
              </p>
              <p className="muted">
                {t("outbox.to", { address: e.to })} · {formatInstant(e.createdAt, language)} ·{" "}
                {e.sentAt ? t("outbox.sent", { date: formatInstant(e.sentAt, language) }) : t("outbox.pending", { attempts: e.attempts })}
              </p>
              {e.lastError ? <p className="field__error">{t("outbox.error", { error: e.lastError })}</p> : null}
              <details>
                <summary>{t("outbox.body")}</summary>
                <p className="outbox-body">{e.body}</p>
              </details>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
