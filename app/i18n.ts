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
    guardInterpolatedValues(instance);
    instances.set(language, instance);
  }
  return instance;
}

/** Private-use characters around a value's index: no translation contains them. */
const VALUE_MARK = /\uE002(\d+)\uE003/g;

/**
 * i18next puts each value in with `str.replace(placeholder, value)`, which
 * replaces the placeholder's *first* occurrence: a value that itself reads
 * `{{number}}` (a customer's name, a note, any text people type) takes the
 * real `{{number}}`'s value and leaves the placeholder in the text
 * ("Dear AT-1, … your order {{number}}"). So a string value that contains
 * the placeholder prefix goes in as a mark, and the marks are swapped for the
 * values once the text is made. Every `t` of the instance goes through this:
 * `getT`'s and useTranslation's (getFixedT calls `instance.t`).
 */
function guardInterpolatedValues(instance: I18n): void {
  const translate = instance.t.bind(instance) as unknown as (...args: unknown[]) => unknown;
  const guarded = (key: unknown, options?: unknown, ...rest: unknown[]): unknown => {
    if (!options || typeof options !== "object" || Array.isArray(options)) return translate(key, options, ...rest);
    const values: string[] = [];
    const marked: Record<string, unknown> = { ...(options as Record<string, unknown>) };
    for (const [name, value] of Object.entries(marked)) {
      if (typeof value !== "string" || !(value.includes("{{") || value.includes("\uE002"))) continue;
      marked[name] = `\uE002${values.length}\uE003`;
      values.push(value);
    }
    if (values.length === 0) return translate(key, options, ...rest);
    const text = translate(key, marked, ...rest);
    return typeof text === "string" ? text.replace(VALUE_MARK, (whole, index: string) => values[Number(index)] ?? whole) : text;
  };
  instance.t = guarded as unknown as TFunction;
}

/** A `t` for code outside React components (meta functions, emails, PDFs). */
export function getT(language: Language): TFunction {
  return getI18n(language).t;
}
