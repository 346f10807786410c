/**
 * i18next set-up shared by the server render and the browser. Resources are
 * imported statically, so both sides hold the same strings and hydration
 * never waits for a fetch. Instances are cached per language and never
 * switched (no changeLanguage): concurrent server renders in different
 * languages can't interfere with one another.
 */
import { createInstance, type i18n as I18n, type TFunction } from "i18next";
import { LANGUAGES, type Language } from "~/domain/catalog";
import en from "~/locales/en.json";
import ja from "~/locales/ja.json";
import ko from "~/locales/ko.json";
import zh from "~/locales/zh.json";

export const resources = {
  en: { translation: en },
  zh: { translation: zh },
  ja: { translation: ja },
  ko: { translation: ko },
} as const satisfies Record<Language, { translation: unknown }>;

export const DEFAULT_LANGUAGE: Language = "en";

declare module "i18next" {
  interface CustomTypeOptions {
    resources: { translation: typeof en };
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
    instance = createInstance();
    void instance.init({
      lng: language,
      fallbackLng: DEFAULT_LANGUAGE,
      supportedLngs: [...LANGUAGES],
      resources,
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
