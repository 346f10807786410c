/**
 * A language's strings for the browser, as a static asset of their own
 * (hashed, cached for good, served compressed) rather than inside the
 * JavaScript: the shell preloads the page's language (`localeUrl`) and the
 * browser holds its strings before hydrating (entry.client.tsx) or before
 * rendering a page in another language after a switch (root's clientLoader).
 */
import { isLanguage, addStrings, hasStrings } from "~/i18n";
import type { Language } from "~/domain/catalog";
import type { Strings } from "./bundled";
import en from "./en.json?url";
import ja from "./ja.json?url";
import ko from "./ko.json?url";
import zh from "./zh.json?url";

const URLS: Record<Language, string> = { en, zh, ja, ko };

export function localeUrl(language: Language): string {
  return URLS[language];
}

const pending = new Map<Language, Promise<void>>();

/** Fetches a language's strings once; a failed fetch may be tried again. */
export function loadLanguage(language: string): Promise<void> {
  if (!isLanguage(language) || hasStrings(language)) return Promise.resolve();
  let loading = pending.get(language);
  if (!loading) {
    loading = fetch(URLS[language])
      .then((response) => {
        if (!response.ok) throw new Error(`the ${language} strings answered ${response.status}`);
        return response.json() as Promise<Strings>;
      })
      .then((strings) => addStrings(language, strings))
      .finally(() => pending.delete(language));
    pending.set(language, loading);
  }
  return loading;
}
