/**
 * A visitor's language and market, kept in one cookie so they survive
 * sign-out and work for anonymous visitors. Without a cookie the language
 * comes from Accept-Language and the market from its region (or the
 * language's home market).
 */
import { createCookie } from "@remix-run/node";
import { z } from "zod";
import { LANGUAGES, MARKET_CODES, type Language, type Market, type Preferences } from "~/domain/catalog";

const languageSchema = z.enum(LANGUAGES);
const marketSchema = z.enum(MARKET_CODES as [Market, ...Market[]]);

/** What the preferences form sends; both fields optional so one switch can change one thing. */
export const preferencesFormSchema = z.object({
  language: languageSchema.optional(),
  market: marketSchema.optional(),
  redirectTo: z.string().max(2000).optional(),
});

const storedSchema = z.object({ language: languageSchema, market: marketSchema }).partial();

const ONE_YEAR = 60 * 60 * 24 * 365;
export const preferencesCookie = createCookie("atelier_prefs", {
  path: "/",
  httpOnly: true,
  sameSite: "lax",
  // Not Secure on purpose: language and market are not sensitive, and the
  // switch must work on plain http (a LAN address, a test box) too.
  maxAge: ONE_YEAR,
});

const HOME_MARKET: Record<Language, Market> = { en: "US", zh: "CN", ja: "JP", ko: "KR" };

type Range = { tag: string; q: number };

function parseAcceptLanguage(header: string | null): Range[] {
  if (!header) return [];
  return header
    .split(",")
    .slice(0, 20)
    .map((part) => {
      const [tag, ...params] = part.trim().split(";");
      const qParam = params.find((p) => p.trim().startsWith("q="));
      const q = qParam ? Number(qParam.trim().slice(2)) : 1;
      return { tag: tag.trim().toLowerCase(), q: Number.isFinite(q) ? q : 0 };
    })
    .filter((r) => r.tag && r.q > 0)
    .sort((a, b) => b.q - a.q);
}

/** The best supported language and, if the header names one, a supported market region. */
export function negotiate(header: string | null): { language?: Language; market?: Market } {
  const ranges = parseAcceptLanguage(header);
  let language: Language | undefined;
  let market: Market | undefined;
  for (const { tag } of ranges) {
    const [base, ...rest] = tag.split("-");
    if (!language && (LANGUAGES as readonly string[]).includes(base)) language = base as Language;
    const region = rest.find((r) => r.length === 2)?.toUpperCase();
    if (!market && region && (MARKET_CODES as string[]).includes(region)) market = region as Market;
    if (language && market) break;
  }
  return { language, market };
}

export async function getPreferences(request: Request): Promise<Preferences> {
  let stored: z.infer<typeof storedSchema> = {};
  try {
    const parsed = storedSchema.safeParse(await preferencesCookie.parse(request.headers.get("Cookie")));
    if (parsed.success) stored = parsed.data;
  } catch {
    // A tampered or foreign cookie is simply ignored.
  }
  const negotiated = negotiate(request.headers.get("Accept-Language"));
  const language = stored.language ?? negotiated.language ?? "en";
  const market = stored.market ?? negotiated.market ?? HOME_MARKET[language];
  return { language, market };
}

/** A Set-Cookie header value storing these preferences. */
export function preferencesCookieHeader(preferences: Preferences): Promise<string> {
  return preferencesCookie.serialize(preferences);
}
