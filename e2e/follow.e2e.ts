/**
 * The customer follows a saved configuration on /account/configurations and
 * stops again; an unsubscribe link that isn't valid shows its page with a
 * 404. (The news itself, sent when a catalog version is published, is
 * checked on a real database by catalog-news.server.test.ts and
 * app/routes/follow.test.ts: the e2e server's embedded database can't be
 * opened by a second process to publish into it.)
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { LOCALES, done, hydrated, launchBrowser, newPage, screenshot, signIn } from "./support";

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const en = LOCALES.en;

describe("following a saved configuration", () => {
  it("follows and stops following from the saved configurations page", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, "customer@atelier.test");
    await page.waitForURL("**/account");
    const name = `Followed ${Date.now()}`;
    const saved = await page.request.post("/api/v1/configurations", {
      data: { line: "sedan-a6l", choices: ["PQD", "VT7", "WQS"], texts: {}, name },
    });
    assert.equal(saved.status(), 201, await saved.text());

    await page.goto("/account/configurations");
    await hydrated(page);
    const item = page.locator(".saved-item", { has: page.getByRole("heading", { name }) });
    await item.getByRole("button", { name: en.follow.followNamed.replace("{{name}}", name) }).click();
    await item.getByTestId("following").waitFor();
    assert.ok((await item.getByTestId("following").innerText()).includes(en.follow.following));
    await screenshot(page, "configuration-followed-en");

    await item.getByRole("button", { name: en.follow.unfollowNamed.replace("{{name}}", name) }).click();
    await item.getByRole("button", { name: en.follow.followNamed.replace("{{name}}", name) }).waitFor();
    assert.equal(await item.getByTestId("following").count(), 0);
    await done(context);
  });

  it("shows a made-up unsubscribe link as not valid, with a 404", async () => {
    const { context, page } = await newPage(browser);
    const response = await page.goto("/unsubscribe/not-a-real-token");
    assert.equal(response?.status(), 404);
    await page.getByText(en.unsubscribe.invalid).waitFor();
    assert.equal(await page.locator("h1").innerText(), en.unsubscribe.title);
    await done(context);
  });
});
