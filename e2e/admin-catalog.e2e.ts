/**
 * The admin's catalog lifecycle: upload a draft that raises a price, watch
 * its analysis (run in the bundled worker of the production build) and BOM
 * proof, read the difference from the active version, publish it after the
 * checks, and roll back in one step.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { LOCALES, done, heading, hydrated, launchBrowser, newPage, screenshot, signIn } from "./support";

const en = LOCALES.en.adminCatalog;
let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** The demo catalog with the sedan's 18-inch wheels €500 dearer in Germany. */
function raisedCatalog(): Buffer {
  const catalog = JSON.parse(readFileSync(new URL("../db/catalog/demo.json", import.meta.url), "utf8"));
  const wheels = catalog.productLines[0].features.find((f: { code: string }) => f.code === "wheels");
  const ch1 = wheels.values.find((v: { code: string }) => v.code === "CH1");
  ch1.price.DE = (ch1.price.DE ?? 0) + 50_000;
  return Buffer.from(JSON.stringify(catalog, null, 2));
}

describe("admin: catalog lifecycle", () => {
  it("uploads a draft, reads its analysis and difference, publishes it and rolls back", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, "admin@atelier.test");
    await page.waitForURL((url) => url.pathname === "/admin");
    await page.getByRole("link", { name: en.nav, exact: true }).first().click();
    await heading(page, en.title);
    await hydrated(page);

    await page.getByLabel(en.upload.file).setInputFiles({ name: "model-year-2027.json", mimeType: "application/json", buffer: raisedCatalog() });
    await page.getByLabel(en.label).first().fill("Model year 2027");
    await page.getByRole("button", { name: en.upload.submit }).click();
    await heading(page, "Model year 2027");
    assert.equal(await page.getByTestId("version-status").innerText(), en.statuses.draft);

    // The analysis runs in its worker; the page polls until the report is there.
    await page.getByTestId("catalog-report").waitFor({ timeout: 120_000 });
    const sedan = page.getByTestId("report-sedan-a6l");
    assert.match(await sedan.innerText(), /possible configurations/);
    assert.match(await page.getByTestId("proof-sedan-a6l-engine").innerText(), /every buildable configuration gets exactly one/);
    await screenshot(page, "admin-catalog-version");

    await page.getByRole("link", { name: en.diff.link }).click();
    await heading(page, en.diff.title);
    const prices = await page.getByTestId("diff-prices-sedan-a6l").innerText();
    assert.match(prices, /CH1/);
    assert.match(prices, /DE/);
    await screenshot(page, "admin-catalog-diff");
    await page.goBack();
    await heading(page, "Model year 2027");

    await page.getByTestId("publish-link").click();
    await heading(page, en.publish.title);
    const checks = page.getByTestId("publish-checks").locator("> li");
    assert.equal(await checks.count(), 4);
    for (const ok of await checks.evaluateAll((items) => items.map((i) => i.getAttribute("data-ok")))) assert.equal(ok, "true");
    await screenshot(page, "admin-catalog-publish");
    await page.getByTestId("publish-confirm").click();
    await heading(page, "Model year 2027");
    assert.equal(await page.getByTestId("version-status").innerText(), en.statuses.active);

    await page.getByRole("link", { name: en.back }).click();
    await heading(page, en.title);
    await hydrated(page);
    await page.getByRole("button", { name: en.rollback.submit.replace("{{label}}", "Demo catalog 2026.1") }).click();
    await page.waitForURL((url) => url.searchParams.has("rolledBack"));
    assert.equal(await page.getByTestId("rolled-back").innerText(), en.rollback.done.replace("{{label}}", "Demo catalog 2026.1"));
    const demoRow = page.locator('tr[data-version="demo-2026.1"]');
    assert.match(await demoRow.innerText(), new RegExp(en.statuses.active));
    await screenshot(page, "admin-catalog-rolled-back");
    await done(context);
  });
});
