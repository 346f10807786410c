/**
 * Recently viewed across signing in: a visitor's views are kept in the
 * browser, shown on the home page, joined to the account when they sign up
 * (and forgotten by the browser then), kept on the server for the next
 * device, and cleared by the customer.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { LOCALES, done, hydrated, launchBrowser, newPage, screenshot, signIn, signUpThroughEmail } from "./support";

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const en = LOCALES.en;
const STORAGE_KEY = "atelier.recentlyViewed";

const recentLinks = (page: Page) => page.getByTestId("recently-viewed").locator("li a").allInnerTexts();
const stored = (page: Page) => page.evaluate((key) => window.localStorage.getItem(key), STORAGE_KEY);

describe("recently viewed, from visitor to customer", () => {
  it("keeps a visitor's views in the browser, merges them into the new account at sign-up, and keeps them on the server", async () => {
    const { context, page } = await newPage(browser, { viewport: { width: 1440, height: 900 } });
    for (const line of ["fridge-fs", "avant-a6"]) {
      await page.goto(`/configure/${line}`);
      await hydrated(page);
    }
    assert.equal(JSON.parse((await stored(page)) ?? "[]").length, 2, "the visitor's two views are kept in the browser");
    await page.goto("/");
    await hydrated(page);
    await page.getByTestId("recently-viewed").waitFor();
    assert.deepEqual(await recentLinks(page), ["A6 Avant Estate", "FS Series Refrigerator"]);

    const email = `recent-${Date.now()}@atelier.test`;
    await signUpThroughEmail(browser, page, "Rea Cent", email);
    await hydrated(page);
    await page.getByTestId("recently-viewed").getByText("FS Series Refrigerator").waitFor();
    assert.deepEqual(await recentLinks(page), ["A6 Avant Estate", "FS Series Refrigerator"]);
    await page.waitForFunction((key) => window.localStorage.getItem(key) === null, STORAGE_KEY);
    await screenshot(page, "recently-viewed-merged");

    // Another device: the list comes from the server.
    const other = await newPage(browser);
    await signIn(other.page, email);
    await other.page.waitForURL("**/account");
    await hydrated(other.page);
    assert.deepEqual(await recentLinks(other.page), ["A6 Avant Estate", "FS Series Refrigerator"]);
    await done(other.context);

    // Cleared on the device that merged: it stays cleared, and the home page shows nothing either.
    await page.getByTestId("recently-viewed").getByRole("button", { name: en.recent.clear }).click();
    await page.getByTestId("recently-viewed").waitFor({ state: "detached" });
    await page.goto("/");
    await hydrated(page);
    assert.equal(await page.getByTestId("recently-viewed").count(), 0);
    await done(context);
  });
});
