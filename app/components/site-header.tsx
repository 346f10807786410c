import { Form, Link, NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Language, Market } from "~/domain/catalog";
import { can } from "~/domain/permissions";
import type { Role } from "~/domain/roles";
import { navigationFor } from "~/utils/navigation";
import { PreferencesForm } from "./preferences-form";

export type HeaderUser = { email: string; role: Role } | null;

export function SiteHeader({
  user,
  language,
  market,
  unreadNotifications = 0,
}: {
  user: HeaderUser;
  language: Language;
  market: Market;
  unreadNotifications?: number;
}) {
  const { t } = useTranslation();
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link to="/" className="brand">
          {t("app.name")}
          <span className="brand__tagline">{t("app.tagline")}</span>
        </Link>
        <nav className="main-nav" aria-label={t("nav.label")}>
          <ul>
            {navigationFor(user?.role).map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.end} prefetch="intent">
                  {t(item.label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="header-tools">
          <PreferencesForm language={language} market={market} />
          {user ? (
            <div className="session">
              {can(user, "notification.read") ? (
                <Link
                  to="/account/notifications"
                  className="notification-link touch-target"
                  data-testid="notifications-link"
                  aria-label={t("notifications.badge", { count: unreadNotifications })}
                >
                  {t("nav.notifications")}
                  {unreadNotifications > 0 ? (
                    <span className="badge" data-testid="unread-count">
                      {unreadNotifications}
                    </span>
                  ) : null}
                </Link>
              ) : null}
              {/* Who is signed in, in two short lines (email over role) so that every role's header keeps to one row at 1440 px. */}
              <span data-testid="signed-in-as" className="session__who">
                <span className="visually-hidden">{t("nav.signedInAs", { email: user.email, role: t(`roles.${user.role}`) })}</span>
                <span aria-hidden="true">{user.email}</span>
                <span aria-hidden="true">{t(`roles.${user.role}`)}</span>
              </span>
              <Form method="post" action="/logout">
                <button type="submit" className="button button--secondary button--small">
                  {t("nav.signOut")}
                </button>
              </Form>
            </div>
          ) : (
            <div className="session">
              <Link to="/login">{t("nav.signIn")}</Link>
              <Link to="/signup" className="button button--small">
                {t("nav.signUp")}
              </Link>
            </div>
          )}
        </div>
      </div>
    </header>
  );
}
