import { useRouteLoaderData } from "@remix-run/react";
import type { Language, Preferences } from "~/domain/catalog";

/** The reader's language, as the root loader read it from their preferences (English before it has). */
export function useLanguage(): Language {
  return useRouteLoaderData<Preferences>("root")?.language ?? "en";
}
