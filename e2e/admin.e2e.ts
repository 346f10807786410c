/** The admin: /admin, and the dealers' pages are not theirs (the planners' queue is open to admins). */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { LOCALES, launchBrowser, roleHomeJourney, done } from "./support";

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

describe("admin", () => {
  it("signs in to /admin, in English and Chinese", async () => {
    const { context, page } = await roleHomeJourney(browser, {
      name: "admin",
      email: "admin@atelier.test",
      home: "/admin",
      nav: ["admin", (l) => l.adminCatalog.nav, (l) => l.people.nav.users, (l) => l.people.nav.dealerships, (l) => l.people.nav.audit],
      title: (l) => l.admin.title,
      language: "zh",
    });
    const response = await page.goto("/dealer");
    assert.equal(response?.status(), 403);
    assert.equal(
      await page.locator("h1").innerText(),
      LOCALES.zh.errors.forbidden.title
    );
    await done(context);
  });
});
