/**
 * The configurator with its engine in a Web Worker (issue 11 §4: large lines recompute off the
 * main thread). Lines past OFF_THREAD_FROM_VALUES do it by themselves; `?engine=worker` asks for
 * it on the demo sedan, so this journey walks the same path with the demo's rules: the worker
 * starts, each answer arrives from it (choices wait meanwhile), a conflict is met and
 * accepted, undo works, and the car reaches review.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { LOCALES, done, hydrated, launchBrowser, newPage } from "./support";

const en = LOCALES.en;
const LINE = "sedan-a6l";

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const value = (page: Page, code: string) => page.locator(`li[data-code="${code}"]`);

async function choose(page: Page, step: string, code: string) {
  await page.locator(`#step-tab-${step}`).click();
  await page.waitForSelector(`#step-panel[data-step="${step}"]`);
  await value(page, code).locator(".value__choose").click();
  await page.waitForSelector(`li[data-code="${code}"][data-state="chosen"]`);
}

const choicesInAddress = (page: Page) => (new URL(page.url()).searchParams.get("c") ?? "").split(",").filter(Boolean);

describe("configurator engine in a Web Worker", () => {
  it("answers every click from the worker, through a conflict and an undo, to review", async () => {
    const { context, page } = await newPage(browser);
    const workers: string[] = [];
    page.on("worker", (worker) => workers.push(worker.url()));
    await page.goto(`/configure/${LINE}?c=LB0&engine=worker`);
    await hydrated(page);
    await page.getByTestId("configurator").waitFor();
    // The first answer is the server's (rendered with the page); the worker is up for the next.
    await page.waitForSelector('li[data-code="LB0"][data-state="chosen"]');
    assert.ok(
      workers.some((url) => /engine\.worker/.test(url)),
      `an engine worker started: ${workers.join(", ")}`,
    );

    await choose(page, "powertrain", "40F");
    await page.locator("#step-tab-wheels").click();
    // 21-inch wheels are out with Base and 40 TFSI: the worker's answer says so.
    await page.waitForSelector('li[data-code="C9X"][data-state="unavailable"]');
    await value(page, "C9X").locator(".value__choose").click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    await dialog.getByTestId("resolution").first().getByRole("button").click();
    await dialog.waitFor({ state: "detached" });
    await page.waitForSelector('li[data-code="C9X"][data-state="chosen"]');
    assert.ok(!choicesInAddress(page).includes("LB0"), "the fix replaced the Base trim");

    await page.keyboard.press("Control+z");
    await page.waitForSelector('li[data-code="C9X"][data-state="unavailable"]');
    assert.deepEqual(choicesInAddress(page), ["LB0", "40F"]);
    assert.equal(await page.getByTestId("configurator").getAttribute("aria-busy"), null);

    await choose(page, "exterior", "T9T9");
    await choose(page, "wheels", "C4T");
    await choose(page, "wheels", "1BA");
    await choose(page, "interior", "N4M-AF");
    await page.locator("#step-tab-summary").click();
    await page.waitForSelector('#step-panel[data-step="summary"]');
    assert.equal(await page.getByTestId("completeness").innerText(), en.configurator.price.complete);
    await page.getByTestId("review-link").click();
    await page.waitForURL(`**/configure/${LINE}/review?**`);
    await page.getByTestId("review-valid").waitFor();
    await done(context);
  });
});
