import { useTranslation } from "react-i18next";

type Section = "account" | "planning" | "dealer" | "admin";

/** A role's home until its own issue fills it: title, what will be here, an empty state. */
export function PlaceholderHome({ section, children }: { section: Section; children?: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="home-title">
      <h1 id="home-title">{t(`${section}.title`)}</h1>
      <p className="lead">{t(`${section}.lead`)}</p>
      <div className="card">
        <p className="muted">{t(`${section}.empty`)}</p>
        {children}
      </div>
    </section>
  );
}
