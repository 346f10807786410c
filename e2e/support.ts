/**
 * Shared pieces of the browser journeys: Debian's chromium through
 * playwright-core (never a downloaded browser), the server's address, signing
 * in through the real form, screenshots and translations to compare with.
 */
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import en from "../app/locales/en.json";
import ja from "../app/locales/ja.json";
import ko from "../app/locales/ko.json";
import zh from "../app/locales/zh.json";

export const BASE_URL = process.env.BASE_URL ?? "http://localhost:3000";
export const PASSWORD = "atelier-demo";
export const LOCALES = { en, zh, ja, ko } as const;
export type Lang = keyof typeof LOCALES;

export const SCREENSHOT_DIR = join(import.meta.dirname, "screenshots");
mkdirSync(SCREENSHOT_DIR, { recursive: true });

export async function launchBrowser(): Promise<Browser> {
  // playwright gives every launch a fresh temporary profile (--user-data-dir) and removes it on close.
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

const pageErrors = new WeakMap<BrowserContext, string[]>();

/** Close a journey's context; fail if its page logged an error or threw. */
export async function done(context: BrowserContext) {
  const errors = pageErrors.get(context) ?? [];
  await context.close();
  assert.deepEqual(errors, [], "the page reported errors");
}

/** A fresh context (cookies, storage) that speaks English unless told otherwise. */
export async function newPage(
  browser: Browser,
  options: { locale?: string; viewport?: { width: number; height: number }; hasTouch?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: BASE_URL,
    locale: options.locale ?? "en-US",
    viewport: options.viewport ?? { width: 1280, height: 800 },
    // A tablet: touch events on, but not a phone's mobile layout or meta viewport.
    hasTouch: options.hasTouch ?? false,
    isMobile: false,
  });
  // Generous: a 2-core machine shared with a build or other tests can be slow to answer.
  context.setDefaultTimeout(60_000);
  // Any Content-Security-Policy violation fails the journey too (decision 043): Chromium logs most of them as console
  // errors, but not all (e.g. a blocked worker or a report from an iframe), so listen for the event itself.
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) =>
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"} in ${event.sourceFile}:${event.lineNumber}`),
    );
  });
  const page = await context.newPage();
  // Uncaught page errors and console errors (e.g. a hydration mismatch) fail the journey in done().
  // Chromium's own "Failed to load resource" lines for expected 401/403/404 answers are not errors of ours.
  const errors: string[] = [];
  pageErrors.set(context, errors);
  page.on("pageerror", (error) => errors.push(`page error: ${error.message} @ ${page.url()} ${error.stack ?? ""}`));
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) errors.push(`console error: ${message.text()}`);
  });
  return { context, page };
}

/** Wait until the page has hydrated, so JavaScript handlers (the language switch) are live. */
export async function hydrated(page: Page) {
  await page.waitForSelector("html[data-hydrated]", { state: "attached" });
  await page.waitForLoadState("networkidle");
}

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/login");
  await hydrated(page);
  await page.getByLabel(LOCALES.en.login.email).fill(email);
  await page.getByLabel(LOCALES.en.login.password).fill(password);
  await page.getByRole("button", { name: LOCALES.en.login.submit, exact: true }).click();
}

/**
 * Sign up as a new customer the way a person does (decision 043): the form answers "check your email"; the email's
 * link (read in the outbox by an admin) sets the password and signs the person in, on `page`, at /account.
 */
export async function signUpThroughEmail(browser: Browser, page: Page, name: string, email: string, password = PASSWORD) {
  const en = LOCALES.en;
  await page.goto("/signup");
  await hydrated(page);
  await page.getByLabel(en.signup.name).fill(name);
  await page.getByLabel(en.signup.email).fill(email);
  await page.getByRole("button", { name: en.signup.submit }).click();
  await page.getByTestId("signup-sent").waitFor();

  const admin = await newPage(browser);
  await signIn(admin.page, "admin@atelier.test");
  await admin.page.waitForURL("**/admin");
  await admin.page.goto("/dev/outbox");
  const body = await admin.page.getByTestId("outbox").locator("li", { hasText: email }).first().locator(".outbox-body").textContent();
  await done(admin.context);
  const link = /https?:\/\/\S+\/set-password\/[A-Za-z0-9_-]{43}/.exec(body ?? "")?.[0];
  assert.ok(link, `no link in ${body}`);

  await page.goto(new URL(link).pathname);
  await hydrated(page);
  await page.getByLabel(en.people.setPassword.password, { exact: true }).fill(password);
  await page.getByLabel(en.people.setPassword.confirm, { exact: true }).fill(password);
  await page.getByRole("button", { name: en.people.setPassword.submit, exact: true }).click();
  await page.waitForURL("**/account");
}

/** Wait for the page's main heading to read `text` (client-side navigations render a moment after the URL changes). */
export async function heading(page: Page, text: string) {
  await page.getByRole("heading", { level: 1, name: text, exact: true }).waitFor();
}

/** Switch the language through the header's switch, as a person would. */
export async function switchLanguage(page: Page, language: Lang) {
  await hydrated(page);
  await page.locator("#pref-language").selectOption(language);
  await page.waitForSelector(`html[lang="${language}"]`);
  await page.waitForLoadState("networkidle");
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** The main navigation's link texts, in order. */
export async function navLinks(page: Page): Promise<string[]> {
  return page.locator("nav.main-nav a").allInnerTexts();
}

type NavKey = keyof typeof LOCALES.en.nav;
/** A main-navigation link: a key of the "nav" section, or a label picked from elsewhere in a language's translations. */
type NavEntry = NavKey | ((l: (typeof LOCALES)[Lang]) => string);
const navLabel = (entry: NavEntry, l: (typeof LOCALES)[Lang]) => (typeof entry === "function" ? entry(l) : l.nav[entry]);

/**
 * The journey every role shares: sign in through the form, land on the role's
 * home with its navigation, then see the same page in another language.
 * Screenshots: <name>-home-en.png and <name>-home-<language>.png.
 */
export async function roleHomeJourney(
  browser: Browser,
  opts: { name: string; email: string; home: string; nav: NavEntry[]; title: (l: (typeof LOCALES)[Lang]) => string; language: Lang },
) {
  const { context, page } = await newPage(browser, { viewport: { width: 1440, height: 900 } });
  await signIn(page, opts.email);
  await page.waitForURL((url) => url.pathname === opts.home);
  await heading(page, opts.title(LOCALES.en));
  // Every role's header keeps to one row at 1440 px, signed in (notification link, role and all).
  const header = await page.locator(".site-header").boundingBox();
  assert.ok(header && header.height <= 72, `${opts.name}'s header is ${header?.height} px tall at 1440 px`);
  assert.deepEqual(await navLinks(page), opts.nav.map((entry) => navLabel(entry, LOCALES.en)));
  assert.match(await page.getByTestId("signed-in-as").innerText(), new RegExp(opts.email.replace(/[.]/g, "\\.")));
  await screenshot(page, `${opts.name}-home-en`);

  await switchLanguage(page, opts.language);
  const other = LOCALES[opts.language];
  await heading(page, opts.title(other));
  assert.deepEqual(await navLinks(page), opts.nav.map((entry) => navLabel(entry, other)));
  await screenshot(page, `${opts.name}-home-${opts.language}`);
  return { context, page };
}
