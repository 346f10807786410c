/**
 * The search over the dealership's customers (its customers page, and
 * choosing whom a quote from a share code is for): a GET form, then what it
 * found — or why there is nothing to show.
 */
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

export function CustomerSearch({
  inputId,
  q,
  keep = {},
  found,
  children,
}: {
  inputId: string;
  /** The search as the loader read it. */
  q: string;
  /** Parameters the search carries along (hidden fields). */
  keep?: Record<string, string>;
  /** Whether there are customers to show; `children` shows them. */
  found: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Form method="get" role="search" className="dealer-search">
        {Object.entries(keep).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <label htmlFor={inputId} className="visually-hidden">
          {t("customers.searchLabel")}
        </label>
        <input id={inputId} name="q" type="search" defaultValue={q} maxLength={100} placeholder={t("customers.searchPlaceholder")} className="dealer-input" />
        <button type="submit" className="button dealer-target">
          {t("customers.search")}
        </button>
      </Form>
      {found ? children : <p className="muted">{q ? t("customers.noMatch", { q }) : t("customers.empty")}</p>}
    </>
  );
}
