/**
 * Every language's strings, in the module: the server render, emails, PDFs,
 * tests and scripts hold them all. The browser build swaps this module for
 * `bundled.client.ts` (vite.config.ts), which holds none: a page fetches only
 * its own language's strings (`load-language.ts`), a quarter of the bytes.
 */
import type { Language } from "~/domain/catalog";
import en from "./en.json";
import ja from "./ja.json";
import ko from "./ko.json";
import zh from "./zh.json";

export type Strings = typeof en;

export const bundled: Partial<Record<Language, Strings>> = { en, zh, ja, ko };
