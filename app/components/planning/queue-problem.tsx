import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useErrorText } from "~/components/forms";

/** A search parameter the queue can't use: the reason, and the way back to the unfiltered queue. */
export function QueueProblem({ message }: { message: string }) {
  const { t } = useTranslation();
  const text = useErrorText();
  return (
    <div className="card planning__problem" role="alert">
      <h2>{t("queue.problems.title")}</h2>
      <p>{text(message)}</p>
      <Link to="/planning" className="button">
        {t("queue.filters.reset")}
      </Link>
    </div>
  );
}
