import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { ClientLoaderFunctionArgs } from "@remix-run/react";
import { useEffect } from "react";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteError, useRouteLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { I18nextProvider, useTranslation } from "react-i18next";
import { getUser } from "~/.server/auth/auth.server";
import { unreadCount } from "~/.server/messages/notifications.server";
import { getPreferences } from "~/.server/platform/preferences.server";
import { ErrorPage, errorStatus } from "~/components/error-page";
import { SiteHeader } from "~/components/site-header";
import { can } from "~/domain/permissions";
import { DEFAULT_LANGUAGE, getI18n, getT } from "~/i18n";
import badgeStylesUrl from "~/components/orders/notification-badge.css?url";
import stylesUrl from "~/styles/app.css?url";
import { loadLanguage, localeUrl } from "~/locales/load-language";
import { isConnectionFailure, revalidateUnlessOffline } from "~/utils/connection";
import { languageOf } from "~/utils/meta";
import { useNonce } from "~/utils/nonce";
import { getDb } from "#db/client";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesUrl },
  { rel: "stylesheet", href: badgeStylesUrl },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const [user, preferences] = await Promise.all([getUser(request), getPreferences(request)]);
  // The header's badge: the signed-in user's unread notifications (every role has a notification centre, decision 034).
  const unread = user && can(user, "notification.read") ? await unreadCount(await getDb(), user.id) : 0;
  // Only what the shell needs reaches the browser.
  return { user: user ? { email: user.email, role: user.role } : null, unreadNotifications: unread, ...preferences };
}

/** After a switch of language in the browser, its strings arrive before the page renders in it. */
export async function clientLoader({ serverLoader }: ClientLoaderFunctionArgs) {
  const data = await serverLoader<typeof loader>();
  await loadLanguage(data.language);
  return data;
}

export const meta: MetaFunction<typeof loader> = ({ matches, error }) => {
  const t = getT(languageOf(matches));
  if (error && isConnectionFailure(error)) return [{ title: `${t("errors.offline.title")} · ${t("app.name")}` }];
  if (error) {
    const status = errorStatus(error);
    return [{ title: `${t("errors.status", { status })} · ${t("app.name")}` }];
  }
  return [{ title: t("app.name") }];
};

/** Offline, the shell's data isn't reloaded: the header stays as it is (a failed reload would show it signed out). */
export const shouldRevalidate: ShouldRevalidateFunction = revalidateUnlessOffline;

type ShellData = Awaited<ReturnType<typeof loader>>;

/**
 * The shell's data last seen in this browser. When the connection drops
 * during a reload of the shell's own data, the error page keeps the header as
 * it was instead of showing the dealer signed out. Only ever set in the
 * browser: on the server it would be another request's.
 */
let lastShellData: ShellData | undefined;

function useShellData(): ShellData | undefined {
  const data = useRouteLoaderData<typeof loader>("root");
  const error = useRouteError();
  if (typeof document === "undefined") return data;
  if (data) lastShellData = data;
  return data ?? (isConnectionFailure(error) ? lastShellData : undefined);
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useShellData();
  const language = data?.language ?? DEFAULT_LANGUAGE;
  const nonce = useNonce();
  // A marker that event handlers are live (error pages too); browser tests wait for it.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <I18nextProvider i18n={getI18n(language)}>
      <html lang={language} dir="ltr">
        <head>
          <meta charSet="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <Meta />
          {/* The page's strings, fetched alongside the scripts (entry.client.tsx waits for them). */}
          <link rel="preload" as="fetch" href={localeUrl(language)} crossOrigin="anonymous" />
          <Links />
        </head>
        <body>
          <Chrome data={data}>{children}</Chrome>
          <ScrollRestoration nonce={nonce} />
          <Scripts nonce={nonce} />
        </body>
      </html>
    </I18nextProvider>
  );
}

/** Header, main landmark and footer around every page, error pages included. */
function Chrome({ data, children }: { data: ShellData | undefined; children: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <a href="#main" className="skip-link">
        {t("app.skipToContent")}
      </a>
      <SiteHeader
        user={data?.user ?? null}
        language={data?.language ?? DEFAULT_LANGUAGE}
        market={data?.market ?? "US"}
        unreadNotifications={data?.unreadNotifications ?? 0}
      />
      <main id="main" className="page" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <p>{t("app.footer")}</p>
      </footer>
    </>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
