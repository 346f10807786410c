/** The production planner: /planning, and no way into the admin's pages. */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { LOCALES, done, heading, hydrated, launchBrowser, newPage, roleHomeJourney, screenshot, signIn } from "./support";

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
      nav: ["planning", (l) => l.planning.nav.capacity, (l) => l.planning.nav.demand, (l) => l.planning.nav.sequence],
      title: (l) => l.queue.title,
      language: "ko",
    });
    const response = await page.goto("/admin");
    assert.equal(response?.status(), 403);
    assert.equal(await page.locator("h1").innerText(), LOCALES.ko.errors.forbidden.title);
    await done(context);
  });
});

describe("planner at 1440×900 (issue 12, item 12)", () => {
  it("ticks two received orders, schedules them in bulk, and the result stays after 3 s until dismissed", async () => {
    const { context, page } = await newPage(browser, { viewport: { width: 1440, height: 900 } });
    await signIn(page, "planner@atelier.test");
    await heading(page, LOCALES.en.queue.title);
    await page.goto("/planning?status=received&sort=number&dir=asc");
    await hydrated(page);
    const boxes = page.getByRole("checkbox", { name: /^Select AT-/ });
    assert.ok((await boxes.count()) >= 2, "the demo queue has at least two received orders");
    const numbers = [];
    for (const box of [boxes.nth(0), boxes.nth(1)]) {
      await box.check();
      numbers.push(await box.getAttribute("value"));
    }
    await page.getByText(LOCALES.en.queue.bulk.selected.replace("{{n}}", "2")).waitFor();
    await page.getByRole("button", { name: LOCALES.en.queue.bulk.autoschedule, exact: true }).click();
    const notice = page.getByRole("status").filter({ hasText: LOCALES.en.queue.bulk.result.autoschedule.replace("{{done}}", "2").replace("{{n}}", "2") });
    await notice.waitFor();
    for (const number of numbers) assert.match(await notice.innerText(), new RegExp(`${number} scheduled for`));
    await screenshot(page, "planner-bulk-scheduled");
    // The change's own live update refreshes the queue meanwhile: the notice must outlive it.
    await page.waitForTimeout(3500);
    assert.equal(await notice.isVisible(), true, "the notice is still there after 3 s");
    await notice.getByRole("button", { name: LOCALES.en.notice.dismiss }).click();
    await notice.waitFor({ state: "detached" });
    // Both orders are scheduled now: neither is in the received tab any more.
    await page.goto("/planning?status=received&sort=number&dir=asc");
    for (const number of numbers) assert.equal(await page.getByRole("checkbox", { name: `Select ${number}` }).count(), 0);
    // The demand chart: families in colour with a legend and the capacity line, every number in the table.
    await page.goto("/planning/demand");
    await heading(page, LOCALES.en.demand.title);
    const legend = page.locator(".demand-chart__legend li");
    assert.ok((await legend.count()) >= 3, "a legend entry per family and one for capacity");
    await page.getByText(LOCALES.en.demand.chart.capacity).waitFor();
    await page.getByRole("rowheader", { name: LOCALES.en.demand.capacityRow }).waitFor();
    await screenshot(page, "planner-demand");
    await done(context);
  });
});

describe("planner and the customer file (issue 10 §4)", () => {
  it("opens the customer file from an order: name, tier and orders without contact details; adds a note; ratings on the demand page", async () => {
    const en = LOCALES.en;
    const { context, page } = await newPage(browser, { viewport: { width: 1440, height: 900 } });
    await signIn(page, "planner@atelier.test");
    await heading(page, en.queue.title);
    const order = page.locator('a[href^="/planning/orders/"]').first();
    await order.click();
    await page.getByTestId("customer-file-link").click();
    await page.getByTestId("customer-file").waitFor();
    assert.match(page.url(), /\/customers\/[0-9a-f-]{36}$/);
    assert.ok((await page.getByTestId("file-tier").innerText()).length > 0, "the tier is shown");
    assert.ok((await page.getByTestId("file-orders").locator("li").count()) >= 1, "the customer's orders are listed");
    // Planners don't see contact details (decision 030).
    assert.equal(await page.getByTestId("file-contact").count(), 0);
    await hydrated(page);
    await page.getByLabel(en.customers.noteBody).fill("Called about the delivery window");
    await page.getByRole("button", { name: en.customers.noteSubmit, exact: true }).click();
    await page.getByTestId("file-notes").getByText("Called about the delivery window").waitFor();
    await screenshot(page, "planner-customer-file");
    await page.goto("/planning/demand");
    await page.getByTestId("feedback-averages").getByRole("heading", { name: en.feedback.averagesTitle }).waitFor();
    await done(context);
  });
});
