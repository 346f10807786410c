import { useTranslation } from "react-i18next";

/** The product-line filter of the planners' pages: any line, or one of the active catalog's. */
export function LineSelect({ id, lines, value }: { id: string; lines: { code: string; name: string }[]; value: string | undefined }) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>{t("queue.filters.line")}</label>
      <select id={id} name="line" defaultValue={value ?? ""}>
        <option value="">{t("queue.filters.any")}</option>
        {lines.map((l) => (
          <option key={l.code} value={l.code}>
            {l.name}
          </option>
        ))}
      </select>
    </div>
  );
}
