/** The production planner: /planning, and no way into the admin's pages. */
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

describe("planner", () => {
  it("signs in to /planning, in English and Korean; admin pages are forbidden (in Korean too)", async () => {
    const { context, page } = await roleHomeJourney(browser, {
      name: "planner",
      email: "planner@atelier.test",
      home: "/planning",
      nav: ["planning", (l) => l.planning.nav.capacity, (l) => l.planning.nav.demand],
      title: (l) => l.queue.title,
      language: "ko",
    });
    const response = await page.goto("/admin");
    assert.equal(response?.status(), 403);
    assert.equal(await page.locator("h1").innerText(), LOCALES.ko.errors.forbidden.title);
    await done(context);
  });
});
