/**
 * A lead from the customer's review page into the dealership's quote editor,
 * across two browser contexts: the demo customer opens a complete sedan,
 * sends it to Atelier München with a message, and sees it on their account;
 * München's dealer finds it in the leads inbox (counted on /dealer), opens
 * it, taps "Start a quote" once and lands in the quote editor with exactly
 * that configuration; the customer's account then shows the lead quoted.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { LOCALES, done, hydrated, launchBrowser, newPage, screenshot, signIn } from "./support";

const en = LOCALES.en;
/** A complete sedan (as in the configurator and orders journeys). */
const COMPLETE = ["LB0", "40F", "T9T9", "C4T", "1BA", "N4M-AF"];
const MESSAGE = `Could I test-drive it next week? (${Date.now()})`;

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

describe("leads", () => {
  it("a customer sends a configuration to Atelier München; the dealer starts a quote from it in one tap", async () => {
    const customer = await newPage(browser);
    await signIn(customer.page, "customer@atelier.test");
    await customer.page.waitForURL("**/account");
    await customer.page.goto(`/configure/sedan-a6l/review?c=${COMPLETE.join(",")}`);
    await hydrated(customer.page);
    await customer.page.getByTestId("send-to-dealer").click();
    await customer.page.waitForURL("**/send-to-dealer?**");
    await hydrated(customer.page);
    await customer.page.getByLabel(en.leads.send.dealership).selectOption({ label: "Atelier München" });
    await customer.page.getByLabel(en.leads.send.message).fill(MESSAGE);
    await screenshot(customer.page, "lead-send-en");
    const answered = customer.page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname.startsWith("/send-to-dealer"));
    await customer.page.getByTestId("send-lead").click();
    assert.equal((await answered).status(), 200);
    await customer.page.getByTestId("lead-sent").waitFor();
    assert.match(await customer.page.getByTestId("lead-sent").innerText(), /Atelier München/);
    await customer.page.goto("/account");
    assert.match(await customer.page.getByTestId("sent-leads").innerText(), new RegExp(`Atelier München[\\s\\S]*${en.leads.status.new}`));

    const dealer = await newPage(browser);
    await signIn(dealer.page, "dealer@atelier.test");
    await dealer.page.waitForURL("**/dealer");
    assert.ok(Number(await dealer.page.getByTestId("new-leads").innerText()) >= 1, "the new lead is counted on /dealer");
    await dealer.page.getByTestId("leads-link").click();
    await dealer.page.waitForURL("**/dealer/leads");
    // Newest first: the customer's lead is the top row.
    await dealer.page.getByTestId("lead-table").locator("tbody tr").first().getByRole("link").click();
    await dealer.page.waitForURL("**/dealer/leads/*");
    await hydrated(dealer.page);
    assert.equal(await dealer.page.getByTestId("lead-message").innerText(), MESSAGE);
    await screenshot(dealer.page, "lead-dealer-en");
    await dealer.page.getByTestId("start-quote").click();
    await dealer.page.waitForURL(/\/dealer\/quotes\/Q-\d+\/edit$/);
    await hydrated(dealer.page);
    const choices = await dealer.page.locator('input[type="hidden"][name="choices"]').first().inputValue();
    assert.deepEqual(choices.split(",").sort(), [...COMPLETE].sort());
    assert.match(await dealer.page.getByTestId("quote-subtitle").innerText(), /Clara/);
    await screenshot(dealer.page, "lead-quote-editor-en");

    await customer.page.goto("/account");
    assert.match(await customer.page.getByTestId("sent-leads").innerText(), new RegExp(en.leads.status.quoted));
    await done(dealer.context);
    await done(customer.context);
  });
});
