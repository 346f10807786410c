/** The planner sequences a day of the demo sedan line (issue 16): optimise with a short budget, watch the progress bar, publish, export. */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { LOCALES, done, heading, hydrated, launchBrowser, newPage, screenshot, signIn } from "./support";

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

describe("planner sequences a day (issue 16)", () => {
  it("opens /planning/sequence from the navigation, optimises for 2 s with a progress bar, publishes, and the positions stay", async () => {
    const en = LOCALES.en;
    const { context, page } = await newPage(browser, { viewport: { width: 1440, height: 900 } });
    await signIn(page, "planner@atelier.test");
    await heading(page, en.queue.title);
    await page.getByRole("link", { name: en.planning.nav.sequence }).click();
    await heading(page, en.sequence.title);
    await hydrated(page);
    // The demo sedan line has scheduled orders: the page opens on the first such day from today.
    const cars = page.locator(".sequence-strip__car");
    assert.ok((await cars.count()) >= 1, "the day shown has scheduled demo orders");
    await page.getByRole("row", { name: new RegExp(en.sequence.fcfs) }).waitFor();
    await page.getByLabel(en.sequence.budget).fill("2");
    await page.getByRole("button", { name: en.sequence.optimise, exact: true }).click();
    await page.getByRole("progressbar", { name: en.sequence.progress }).waitFor();
    await page.getByRole("status").filter({ hasText: /^Optimised:/ }).waitFor({ timeout: 20_000 });
    await page.getByText(en.sequence.source.draft).waitFor();
    await screenshot(page, "planner-sequence-draft");
    const numbers = await page.locator(".sequence-table tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-order")));
    await page.getByRole("button", { name: en.sequence.publish, exact: true }).click();
    await page.getByRole("status").filter({ hasText: /^Published:/ }).waitFor();
    await page.reload();
    await page.getByText(en.sequence.source.published).waitFor();
    assert.deepEqual(await page.locator(".sequence-table tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-order"))), numbers);
    const csv = await page.request.get((await page.getByRole("link", { name: en.sequence.export }).getAttribute("href"))!);
    assert.equal(csv.status(), 200);
    assert.match(await csv.text(), /^position,number,colour,stations,locked,published_position,status\r\n1,AT-/);
    await screenshot(page, "planner-sequence-published");
    await done(context);
  });
});
