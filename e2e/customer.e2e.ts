/** The customer: signs up and in, sees their navigation, can't open staff pages, signs out for good. */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { LOCALES, PASSWORD, hydrated, launchBrowser, navLinks, newPage, roleHomeJourney, screenshot, signIn, done } from "./support";

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

describe("customer", () => {
  it("signs in, lands on /account with the customer's navigation, in English and Japanese", async () => {
    const { context } = await roleHomeJourney(browser, {
      name: "customer",
      email: "customer@atelier.test",
      home: "/account",
      nav: ["home", "account", "orders"],
      title: (l) => l.account.title,
      language: "ja",
    });
    await done(context);
  });

  it("sees an error (401) for a wrong password and stays signed out", async () => {
    const { context, page } = await newPage(browser);
    const answered = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname.startsWith("/login"));
    await signIn(page, "customer@atelier.test", "not-the-password");
    assert.equal((await answered).status(), 401);
    await page.getByText(LOCALES.en.login.invalid).waitFor();
    assert.equal(new URL(page.url()).pathname, "/login");
    assert.deepEqual(await navLinks(page), [LOCALES.en.nav.home]);
    await done(context);
  });

  it("gets the 403 page when opening a planner's page", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, "customer@atelier.test");
    await page.waitForURL("**/account");
    const response = await page.goto("/planning");
    assert.equal(response?.status(), 403);
    assert.equal(await page.locator("h1").innerText(), LOCALES.en.errors.forbidden.title);
    await screenshot(page, "forbidden-en");
    // A dealer's and an admin's page, too.
    assert.equal((await page.goto("/dealer"))?.status(), 403);
    assert.equal((await page.goto("/admin"))?.status(), 403);
    await done(context);
  });

  it("signs out: the old session cookie no longer works", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, "customer@atelier.test");
    await page.waitForURL("**/account");
    const cookies = await context.cookies();
    assert.ok(cookies.length > 0, "a session cookie was set");
    await hydrated(page);
    await page.getByRole("button", { name: LOCALES.en.nav.signOut }).click();
    await page.locator(".session a[href=\"/login\"]").waitFor();

    // Replay the cookie from before sign-out in a brand-new browser context.
    const replay = await browser.newContext({ baseURL: page.url() });
    await replay.addCookies(cookies);
    const stale = await replay.newPage();
    await stale.goto("/account");
    assert.equal(new URL(stale.url()).pathname, "/login");
    await replay.close();
    await done(context);
  });

  it("signs up as a new customer and lands on /account", async () => {
    const { context, page } = await newPage(browser);
    await page.goto("/signup");
    await hydrated(page);
    const email = `new-${Date.now()}@atelier.test`;
    await page.getByLabel(LOCALES.en.signup.name).fill("Ada Lovelace");
    await page.getByLabel(LOCALES.en.signup.email).fill(email);
    await page.getByLabel(LOCALES.en.signup.password).fill(PASSWORD);
    await page.getByRole("button", { name: LOCALES.en.signup.submit }).click();
    await page.waitForURL("**/account");
    assert.match(await page.getByTestId("signed-in-as").innerText(), new RegExp(email.replace(/[.]/g, "\\.")));
    await done(context);
  });
});
