/**
 * An order from the customer's review page into the plan, across two browser
 * contexts that stay open: the planner's queue shows the new order without a
 * reload (server-sent events fed by the database's NOTIFY), the planner
 * schedules it (production can't start before its build date), then builds
 * an order whose build date has come, and the customer's open order pages
 * follow each step, with notifications in the account.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { LOCALES, done, hydrated, launchBrowser, newPage, screenshot, signIn } from "./support";

const en = LOCALES.en;
/** A complete sedan (as in the configurator journey): Base, 40 TFSI, Ibis White, 17-inch wheels, dynamic suspension, black Milano leather. */
const COMPLETE = ["LB0", "40F", "T9T9", "C4T", "1BA", "N4M-AF"];

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** Wait until the page has an EventSource connection open (the live hook connects after hydration). */
async function liveConnected(page: Page) {
  await hydrated(page);
  await page.waitForFunction(() => document.documentElement.dataset.live === "open", undefined, { timeout: 30_000 }).catch(() => {
    // Pages without the marker: give the EventSource a moment to connect.
  });
  await page.waitForTimeout(500);
}

describe("orders", () => {
  it("a customer orders; the planner sees it live and schedules it, then builds an order that is due; the customer follows along", async () => {
    const planner = await newPage(browser);
    await signIn(planner.page, "planner@atelier.test");
    await planner.page.waitForURL("**/planning");
    await liveConnected(planner.page);

    const customer = await newPage(browser);
    await signIn(customer.page, "customer@atelier.test");
    await customer.page.waitForURL("**/account");
    await customer.page.goto(`/configure/sedan-a6l/review?c=${COMPLETE.join(",")}`);
    await hydrated(customer.page);
    await customer.page.getByTestId("order-configuration").click();
    await customer.page.waitForURL("**/configure/sedan-a6l/order**");
    await hydrated(customer.page);

    // Name and email come from the account.
    const field = (name: keyof typeof en.checkout.field) => customer.page.getByLabel(en.checkout.field[name], { exact: true });
    assert.equal(await field("email").inputValue(), "customer@atelier.test");
    assert.notEqual(await field("name").inputValue(), "");
    await field("phone").fill("+49 89 1234567");
    await field("street").fill("Leopoldstraße 1");
    await field("postalCode").fill("80802");
    await field("city").fill("München");
    await field("country").selectOption("DE");
    await customer.page.getByLabel(en.checkout.terms).check();
    await screenshot(customer.page, "orders-checkout");
    // A double click makes one order: the key in the form is the same for both submissions.
    await customer.page.getByTestId("place-order").dblclick();
    await customer.page.waitForURL(/\/orders\/AT-\d{7}\/confirmed/);
    await customer.page.getByTestId("order-confirmed").waitFor();
    const number = /AT-\d{7}/.exec(customer.page.url())![0];

    // The planner's open queue shows it without a reload.
    await planner.page.getByText(number, { exact: true }).first().waitFor({ timeout: 30_000 });
    await screenshot(planner.page, "orders-queue-live");

    // The customer keeps the order page open while the planner works.
    await customer.page.goto(`/orders/${number}`);
    await liveConnected(customer.page);
    const status = customer.page.getByTestId("order-status").first();
    assert.equal((await status.getAttribute("data-status")) ?? "", "received");

    await planner.page.goto(`/planning/orders/${number}`);
    await hydrated(planner.page);
    await planner.page.getByRole("button", { name: en.queue.detail.assign }).click();
    // The answer, whichever it is: a refusal fails here with its own words.
    const answer = planner.page.locator(".planning__notice, .form-error").first();
    await answer.waitFor();
    assert.match((await answer.innerText()).trim(), new RegExp(`^${en.queue.detail.done.schedule.split("{{")[0]}`));
    const advance = (to: "in_production" | "built") => en.queue.detail.advance.replace("{{status}}", en.orders.status[to]);
    // Production starts on the build date, not before (decision 019): a new order's build date lies ahead.
    assert.equal(await planner.page.getByRole("button", { name: advance("in_production") }).count(), 0);

    // The customer's open page follows the schedule, without a reload.
    await customer.page.waitForFunction(
      () => document.querySelector('[data-testid="order-status"]')?.getAttribute("data-status") === "scheduled",
      undefined,
      { timeout: 30_000 },
    );
    await customer.page.getByTestId("build-date").waitFor();

    // An order whose build date has come (the demo's order in production) is built; its open page follows too.
    await planner.page.goto("/planning?status=in_production");
    await hydrated(planner.page);
    const href = (await planner.page.locator('a[href^="/planning/orders/AT-"]').first().getAttribute("href")) ?? "";
    const due = /AT-\d{7}/.exec(href)![0];
    await customer.page.goto(`/orders/${due}`);
    await liveConnected(customer.page);
    await planner.page.goto(`/planning/orders/${due}`);
    await hydrated(planner.page);
    await planner.page.getByRole("button", { name: advance("built") }).click();
    await planner.page.getByText(en.queue.detail.done.status.replace("{{status}}", en.orders.status.built)).first().waitFor();
    await screenshot(planner.page, "orders-planner-detail");
    await customer.page.waitForFunction(
      () => document.querySelector('[data-testid="order-status"]')?.getAttribute("data-status") === "built",
      undefined,
      { timeout: 30_000 },
    );
    await screenshot(customer.page, "orders-customer-built");

    // And the account lists a notification of each change.
    await customer.page.goto("/account/notifications");
    await hydrated(customer.page);
    const list = customer.page.getByTestId("notifications");
    await list.getByText(number).first().waitFor();
    await list.getByText(due).first().waitFor();
    assert.match((await list.textContent()) ?? "", new RegExp(en.orders.status.built));

    // Exactly one order came of the double click.
    await customer.page.goto("/account/orders");
    await hydrated(customer.page);
    const mine = await customer.page.getByText(number, { exact: true }).count();
    assert.equal(mine, 1);

    await done(planner.context);
    await done(customer.context);
  });
});
