/** /admin (admins): the back office's home, one card per section. */
import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/.server/auth/auth.server";
import { title } from "~/utils/meta";
import { ADMIN_SECTIONS } from "~/utils/navigation";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "catalog.publish");
  return null;
}

export const meta: MetaFunction = ({ matches }) =>
  title(matches, "admin.title");

export default function AdminHome() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">{t("admin.title")}</h1>
      <p className="lead">{t("admin.lead")}</p>
      <ul className="admin-sections">
        {ADMIN_SECTIONS.map((s) => (
          <li key={s.to} className="card">
            <h2>
              <Link to={s.to}>{t(s.title)}</Link>
            </h2>
            <p className="muted">{t(s.lead)}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
