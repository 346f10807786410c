/**
 * i18next set-up shared by the server render and the browser. The server
 * holds every language's strings (`~/locales/bundled`); the browser holds only
 * the ones it fetched (`~/locales/load-language`), the page's language before
 * hydration. Instances are cached per language and never switched (no
 * changeLanguage): concurrent server renders in different languages can't
 * interfere with one another.
 */
import { createInstance, type i18n as I18n, type TFunction } from "i18next";
import { LANGUAGES, type Language } from "~/domain/catalog";
import { bundled, type Strings } from "~/locales/bundled";

const strings: Partial<Record<Language, Strings>> = { ...bundled };

/** Adds a language's strings fetched by the browser. */
export function addStrings(language: Language, translation: Strings): void {
  strings[language] = translation;
}

export function hasStrings(language: Language): boolean {
  return strings[language] !== undefined;
}

export const DEFAULT_LANGUAGE: Language = "en";

declare module "i18next" {
  interface CustomTypeOptions {
    resources: { translation: Strings };
  }
}

const instances = new Map<Language, I18n>();

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/** The i18next instance for one language (created once, synchronously). */
export function getI18n(language: Language): I18n {
  let instance = instances.get(language);
  if (!instance) {
    const translation = strings[language];
    // Only the browser can lack them, and it loads the page's language before rendering anything.
    if (!translation) throw new Error(`The ${language} strings are not loaded`);
    instance = createInstance();
    void instance.init({
      lng: language,
      fallbackLng: DEFAULT_LANGUAGE,
      supportedLngs: [...LANGUAGES],
      resources: { [language]: { translation } },
      initAsync: false,
      // React escapes text itself.
      interpolation: { escapeValue: false },
      returnNull: false,
      // No promotional console line in server logs or the browser console.
      showSupportNotice: false,
    });
    instances.set(language, instance);
  }
  return instance;
}

/** A `t` for code outside React components (meta functions, emails, PDFs). */
export function getT(language: Language): TFunction {
  return getI18n(language).t;
}
