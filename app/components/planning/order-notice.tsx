import { Link } from "@remix-run/react";
import { DismissibleNotice, useKeptResult } from "./dismissible-notice";
import { useTranslation } from "react-i18next";
import { formatDay } from "~/components/orders/OrderDetails";
import type { Language } from "~/domain/catalog";

type Values = Record<string, string | number>;

/** What an action on the order answered: an i18n key with its values, and for a refusal its code. */
type OrderActionResult = { ok: true; message: string; values: Values } | { ok: false; code: string; message: string; values: Values };

/** The answer in the reader's words: a day written their way, a status by its name. */
export function useResultText(language: Language) {
  const { t } = useTranslation();
  return (result: OrderActionResult) => {
    const values: Values = { ...result.values };
    // A closed day's refusal names its weekday ("Sunday is not a working day"): `weekday` carries the day.
    if (typeof values.weekday === "string") values.weekday = new Intl.DateTimeFormat(language, { weekday: "long", timeZone: "UTC" }).format(new Date(`${values.weekday}T00:00:00Z`));
    if (typeof values.day === "string" && /^\d{4}-\d{2}-\d{2}$/.test(values.day)) values.day = formatDay(values.day, language);
    if (typeof values.status === "string") values.status = (t as (key: string) => string)(`orders.status.${values.status}`);
    return (t as (key: string, values: Values) => string)(result.message, values);
  };
}

/** What the last action did, or why it was refused, with the way out a refusal needs (reload, or the capacity page); it stays until dismissed. */
export function OrderNotice({ result: answered, number, language }: { result: OrderActionResult | undefined; number: string; language: Language }) {
  const { t } = useTranslation();
  const text = useResultText(language);
  const [result, dismiss] = useKeptResult(answered);
  if (!result) return null;
  if (result.ok)
    return (
      <DismissibleNotice tone="done" onDismiss={dismiss}>
        <p>{text(result)}</p>
      </DismissibleNotice>
    );
  return (
    <DismissibleNotice tone="problem" onDismiss={dismiss}>
      <p>{text(result)}</p>
      {result.code === "stale" ? (
        <p>
          <Link to={`/planning/orders/${number}`} reloadDocument>
            {t("queue.detail.reload")}
          </Link>
        </p>
      ) : null}
      {result.code === "over-capacity" ? (
        <p>
          <Link to="/planning/capacity">{t("queue.detail.toCapacity")}</Link>
        </p>
      ) : null}
    </DismissibleNotice>
  );
}
