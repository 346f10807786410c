import { Link, isRouteErrorResponse, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { isConnectionFailure } from "~/utils/connection";
import { routerIdle } from "~/utils/router-idle";

type Kind = "notFound" | "forbidden" | "unauthorized" | "badRequest" | "tooLarge" | "tooManyRequests" | "server";

const KIND_BY_STATUS: Record<number, Kind> = { 400: "badRequest", 401: "unauthorized", 403: "forbidden", 404: "notFound", 413: "tooLarge", 429: "tooManyRequests" };

/** The status an error should be shown as: thrown responses keep theirs, anything else is a 500. */
export function errorStatus(error: unknown): number {
  return isRouteErrorResponse(error) ? error.status : 500;
}

/**
 * What a visitor sees when something fails. Deliberately shows only a
 * translated text for the status: never the error's message or stack,
 * which may hold internals (the server logs those).
 */
export function ErrorPage({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (isConnectionFailure(error)) return <OfflinePage />;
  const status = errorStatus(error);
  const kind = KIND_BY_STATUS[status] ?? "server";
  return (
    <section className="error-page" data-status={status} aria-labelledby="error-title">
      <p className="error-page__status">{t("errors.status", { status })}</p>
      <h1 id="error-title">{t(`errors.${kind}.title`)}</h1>
      <p className="lead">{t(`errors.${kind}.message`)}</p>
      <div className="actions actions--center">
        <Link to="/" className="button">
          {t("errors.backHome")}
        </Link>
        {status === 401 || status === 403 ? (
          <Link to="/login" className="button button--secondary">
            {t("errors.signIn")}
          </Link>
        ) : null}
      </div>
    </section>
  );
}

/**
 * A page that could not be loaded because the connection dropped: not a
 * failure of the server (no status), and it loads again by itself when the
 * connection returns (or on "try again").
 */
function OfflinePage() {
  const { t } = useTranslation();
  const revalidator = useRevalidator();
  useEffect(() => {
    // Not over a load under way ("try again" was tapped): starting another would abort it (see router-idle.ts).
    const retry = () => {
      if (routerIdle()) revalidator.revalidate();
    };
    window.addEventListener("online", retry);
    return () => window.removeEventListener("online", retry);
  }, [revalidator]);
  return (
    <section className="error-page" data-status="offline" aria-labelledby="error-title" data-testid="offline-page">
      <h1 id="error-title">{t("errors.offline.title")}</h1>
      <p className="lead">{t("errors.offline.message")}</p>
      <div className="actions actions--center">
        <button type="button" className="button" onClick={() => revalidator.revalidate()} disabled={revalidator.state === "loading"}>
          {t("errors.offline.retry")}
        </button>
      </div>
    </section>
  );
}
