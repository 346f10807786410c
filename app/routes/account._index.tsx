import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/.server/auth/auth.server";
import { PlaceholderHome } from "~/components/placeholder-home";
import { title } from "~/utils/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "order.read.own");
  return null;
}

export const meta: MetaFunction = ({ matches }) => title(matches, "account.title");

export default function AccountHome() {
  const { t } = useTranslation();
  return (
    <PlaceholderHome section="account">
      <Link to="/" className="button">
        {t("account.browse")}
      </Link>{" "}
      <Link to="/account/profile" className="button button--secondary">
        {t("profile.title")}
      </Link>{" "}
      <Link to="/account/orders" className="button button--secondary">
        {t("accountOrders.title")}
      </Link>{" "}
      <Link to="/account/notifications" className="button button--secondary">
        {t("notifications.title")}
      </Link>{" "}
      <Link to="/account/api-tokens" className="button button--secondary">
        {t("apiTokens.manage")}
      </Link>
    </PlaceholderHome>
  );
}
