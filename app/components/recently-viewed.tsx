/**
 * Recently viewed, in the browser. A visitor's views live in localStorage
 * (useRememberView writes them); a signed-in customer's live on the server.
 * At sign-in the two meet: the first page that shows the list to a signed-in
 * customer (home or /account) posts the browser's list to
 * /account/recently-viewed (Remix then reloads the page's list) and empties the browser's
 * list, so a view is never merged twice.
 */
import { Form, Link, useFetcher, useLocation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { localize, type Language, type Localized } from "~/domain/catalog";
import { mergeRecent, parseRecent, recentHref, recentKey, type RecentItem } from "~/domain/recently-viewed";

export const RECENT_STORAGE_KEY = "atelier.recentlyViewed";

function readStored(): RecentItem[] {
  try {
    return parseRecent(JSON.parse(window.localStorage.getItem(RECENT_STORAGE_KEY) ?? "[]"));
  } catch {
    return [];
  }
}

function writeStored(items: RecentItem[]) {
  try {
    if (items.length === 0) window.localStorage.removeItem(RECENT_STORAGE_KEY);
    else window.localStorage.setItem(RECENT_STORAGE_KEY, JSON.stringify(items));
  } catch {
    // Storage disabled: a visitor simply has no list.
  }
}

/** Remembers a view in this browser while nobody is signed in (the server records signed-in views). */
export function useRememberView(item: Omit<RecentItem, "at">, signedIn: boolean) {
  const { kind, ref, line } = item;
  useEffect(() => {
    if (signedIn) return;
    writeStored(mergeRecent(readStored(), [{ kind, ref, line, at: new Date().toISOString() }]));
  }, [kind, ref, line, signedIn]);
}

export interface RecentlyViewedProps {
  /** The account's list from the loader; null for a visitor. */
  server: RecentItem[] | null;
  /** Names of the product lines the items may name. */
  lineNames: Record<string, Localized>;
  language: Language;
}

export function RecentlyViewed({ server, lineNames, language }: RecentlyViewedProps) {
  const { t } = useTranslation();
  const signedIn = server !== null;
  const merge = useFetcher();
  const [local, setLocal] = useState<RecentItem[] | null>(null);
  const location = useLocation();

  useEffect(() => {
    const stored = readStored();
    if (!signedIn) {
      setLocal(stored);
      return;
    }
    if (stored.length === 0) return;
    merge.submit({ intent: "merge", items: JSON.stringify(stored) }, { method: "POST", action: "/account/recently-viewed" });
    writeStored([]);
    // Once per page: the merge must not repeat when the fetcher's state changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signedIn]);

  // Signed in, the loader's list is the truth: Remix reloads it after the
  // merge, and a later "clear" empties it (showing the merge's own answer
  // would bring the cleared list back).
  const items = signedIn ? server : (local ?? []);
  if (items.length === 0) return null;
  const name = (line: string) => (lineNames[line] ? localize(lineNames[line], language) : line);

  return (
    <section className="card recently-viewed" aria-labelledby="recent-title" data-testid="recently-viewed">
      <h2 id="recent-title">{t("recent.title")}</h2>
      <ul>
        {items.map((item) => (
          <li key={recentKey(item)} data-kind={item.kind} data-ref={item.ref}>
            <Link to={recentHref(item)}>{item.kind === "line" ? name(item.line) : t("recent.shared", { line: name(item.line), code: item.ref })}</Link>
          </li>
        ))}
      </ul>
      {signedIn ? (
        <Form method="post" action="/account/recently-viewed">
          <input type="hidden" name="intent" value="clear" />
          <input type="hidden" name="redirectTo" value={location.pathname} />
          <button type="submit" className="button button--secondary button--small">
            {t("recent.clear")}
          </button>
        </Form>
      ) : (
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => {
            writeStored([]);
            setLocal([]);
          }}
        >
          {t("recent.clear")}
        </button>
      )}
    </section>
  );
}
