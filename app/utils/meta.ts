/**
 * Translated <title>s. Meta functions run outside React, so they read the
 * language from the root loader's data and use a plain `t`.
 */
import type { ParseKeys } from "i18next";
import { DEFAULT_LANGUAGE, getT, isLanguage } from "~/i18n";

type Match = { id: string; data?: unknown };

export function languageOf(matches: readonly Match[]) {
  const data = matches.find((m) => m.id === "root")?.data as { language?: unknown } | undefined;
  return isLanguage(data?.language) ? data.language : DEFAULT_LANGUAGE;
}

export function title(matches: readonly Match[], key: ParseKeys) {
  const t = getT(languageOf(matches));
  return [{ title: `${t(key)} · ${t("app.name")}` }];
}
