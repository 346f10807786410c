/** The customer: signs up and in, sees their navigation, can't open staff pages, signs out for good. */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { LOCALES, hydrated, launchBrowser, navLinks, newPage, roleHomeJourney, screenshot, signIn, signUpThroughEmail, done } from "./support";

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

  it("signs up as a new customer (through the emailed link) and lands on /account", async () => {
    const { context, page } = await newPage(browser);
    const email = `new-${Date.now()}@atelier.test`;
    await signUpThroughEmail(browser, page, "Ada Lovelace", email);
    assert.match(await page.getByTestId("signed-in-as").innerText(), new RegExp(email.replace(/[.]/g, "\\.")));
    await done(context);
  });

  it("sees the saved configuration (with its picture) and the open order (with its progress) on /account", async () => {
    const { context, page } = await newPage(browser, { viewport: { width: 1440, height: 900 } });
    await signIn(page, "customer@atelier.test");
    await page.waitForURL("**/account");
    const saved = await page.request.post("/api/v1/configurations", { data: { line: "sedan-a6l", choices: ["PQD"], texts: {}, name: "Dashboard car" } });
    assert.equal(saved.status(), 201);
    await page.goto("/account");
    const configurations = page.getByTestId("dashboard-configurations");
    await configurations.getByText("Dashboard car").waitFor();
    assert.equal(await configurations.getByTestId("product-scene-still").count() > 0, true);
    // The seeded demo orders: each open one with its progress bar.
    const orders = page.getByTestId("dashboard-orders");
    assert.ok((await orders.getByTestId("order-progress").count()) > 0);
    await screenshot(page, "account-dashboard");

    // The header takes one row at 1440 px, signed in: every part of it on the same line.
    const header = await page.locator(".site-header").boundingBox();
    assert.ok(header && header.height <= 72, `header is ${header?.height} px tall at 1440 px`);
    const tops = await page.locator(".site-header__inner > *").evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
    assert.ok(Math.max(...tops) - Math.min(...tops) < 12, `header parts start at ${tops.join(", ")}`);
    await done(context);
  });

  it("keeps the header within 100 px of a phone's first screen, signed in, and the page never scrolls sideways", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "en-US", baseURL: process.env.BASE_URL, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    await signIn(page, "customer@atelier.test");
    await page.waitForURL("**/account");
    await hydrated(page);
    const header = await page.locator(".site-header").boundingBox();
    assert.ok(header && header.height <= 100, `header is ${header?.height} px tall on a phone`);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), "the page scrolls sideways");
    // Its controls are still there and big enough to press.
    const signOut = await page.getByRole("button", { name: LOCALES.en.nav.signOut }).boundingBox();
    assert.ok(signOut && signOut.height >= 44, `sign out is ${signOut?.height} px tall`);
    await screenshot(page, "account-phone");
    await context.close();
  });
});
