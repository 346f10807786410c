import { useEffect, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

/**
 * The last answer of an action, kept until the planner dismisses it. Remix
 * forgets action data on the next load, and live updates revalidate the page
 * seconds after a change (the change's own announcement among them): the
 * result of "schedule these twelve" vanished before anyone could read which
 * ones found no day. A new answer replaces the kept one.
 */
export function useKeptResult<T>(result: T | undefined): [T | undefined, () => void] {
  const [kept, setKept] = useState<T | undefined>(result);
  useEffect(() => {
    if (result !== undefined) setKept(result);
  }, [result]);
  return [kept, () => setKept(undefined)];
}

/** A notice (success: a status; a refusal: an alert) that stays until its close button is pressed. */
export function DismissibleNotice({ tone, onDismiss, children }: { tone: "done" | "problem"; onDismiss: () => void; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className={`${tone === "done" ? "planning__notice" : "form-error"} notice--dismissible`} role={tone === "done" ? "status" : "alert"}>
      <div className="notice__body">{children}</div>
      <button type="button" className="notice__close" onClick={onDismiss} aria-label={t("notice.dismiss")} title={t("notice.dismiss")}>
        <span aria-hidden="true">×</span>
      </button>
    </div>
  );
}
