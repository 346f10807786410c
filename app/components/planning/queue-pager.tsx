import { Link, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { withParams } from "./queue-links";

/** Previous and next page by cursor; at either end the word shows without a link. */
export function QueuePager({ prev, next }: { prev: string | null; next: string | null }) {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  return (
    <nav className="pager" aria-label={t("queue.pager.label")}>
      {prev ? (
        <Link to={withParams(search, { before: prev })} rel="prev">
          {t("queue.pager.prev")}
        </Link>
      ) : (
        <span className="muted">{t("queue.pager.prev")}</span>
      )}
      {next ? (
        <Link to={withParams(search, { after: next })} rel="next">
          {t("queue.pager.next")}
        </Link>
      ) : (
        <span className="muted">{t("queue.pager.next")}</span>
      )}
    </nav>
  );
}
