/** The browser's stand-in for `bundled.ts` (swapped in by vite.config.ts): no strings bundled, each page fetches its language's. */
import type { Language } from "~/domain/catalog";
import type { Strings } from "./bundled";

export const bundled: Partial<Record<Language, Strings>> = {};
