import { useTranslation } from "react-i18next";

/** What the draft-only pages (edit, impact) show for a published or retired version: it can't change any more. */
export function NotADraft({ id, status }: { id: string; status: string }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="not-draft-title">
      <h1 id="not-draft-title">{t("catalogEdit.notDraftTitle")}</h1>
      <p className="form-error" role="alert">
        {t("catalogEdit.notDraft", { id, status })}
      </p>
    </section>
  );
}
