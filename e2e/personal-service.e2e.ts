/**
 * Personal service, end to end (issue 10): a new customer with consent sets
 * their profile, looks at two product lines, takes a recommendation with its
 * reason, saves and follows the configuration; the maker publishes a catalog
 * version that changes its price (through the admin back office); the
 * customer gets the notification and the email; they compare two
 * configurations, print the design sheet and send it to a dealer, who opens
 * the lead and starts a quote. The admin rolls the catalog back at the end,
 * so the journeys after this one see the demo catalog.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { LOCALES, done, heading, hydrated, launchBrowser, newPage, screenshot, signIn, signUpThroughEmail } from "./support";

const en = LOCALES.en;
let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** A sedan complete but for its wheels: Base, 40 TFSI, Ibis White, dynamic suspension, black Milano leather. */
const NO_WHEELS = ["LB0", "40F", "T9T9", "1BA", "N4M-AF"];
const LABEL = `Price update ${Date.now()}`;

/** The demo catalog with the sedan €500 dearer (net) in every market, and its price test moved with it. */
function dearerCatalog(): Buffer {
  const catalog = JSON.parse(readFileSync(new URL("../db/catalog/demo.json", import.meta.url), "utf8"));
  const sedan = catalog.productLines.find((l: { code: string }) => l.code === "sedan-a6l");
  // 500 of each currency's main unit (won have no cents: 500,000 minor units is about €340).
  for (const market of Object.keys(sedan.basePrice)) sedan.basePrice[market] += market === "KR" ? 500_000 : 50_000;
  // The cheapest sedan in Germany: €500 net more is €595 gross at 19 % VAT.
  for (const example of catalog.examples ?? []) if (example.line === "sedan-a6l" && example.price?.market === "DE") example.price.total += 59_500;
  return Buffer.from(JSON.stringify(catalog));
}

const choicesOf = (page: Page) => (new URL(page.url()).searchParams.get("c") ?? "").split(",").filter(Boolean);

describe("personal service, end to end", () => {
  it("profile, views, a recommendation, follow, a new price, notification and email, compare, design sheet, a dealer's quote", async () => {
    const { context, page } = await newPage(browser, { viewport: { width: 1440, height: 900 } });
    const email = `journey-${Date.now()}@atelier.test`;
    await signUpThroughEmail(browser, page, "Mia Journey", email);

    // The profile: contact, address, market, email as the channel, both consents.
    await page.goto("/account/profile");
    await hydrated(page);
    await page.getByLabel(en.profile.field.phone).fill("+49 89 555 0199");
    await page.getByLabel(en.profile.field.street).fill("Maximilianstraße 1");
    await page.getByLabel(en.profile.field.postalCode).fill("80539");
    await page.getByLabel(en.profile.field.city).fill("München");
    await page.getByLabel(en.profile.field.country).selectOption("DE");
    await page.getByLabel(en.profile.field.market).selectOption("DE");
    await page.getByLabel(en.profile.channel.email).check();
    await page.getByTestId("consent-recommendations").check();
    await page.getByTestId("consent-saved_configuration_news").check();
    await page.getByRole("button", { name: en.profile.save }).click();
    await page.getByTestId("profile-saved").waitFor();

    // Two product lines looked at; on the sedan a recommendation, with its reason, completes the car.
    await page.goto("/configure/avant-a6");
    await hydrated(page);
    await page.goto(`/configure/sedan-a6l?c=${NO_WHEELS.join(",")}`);
    await hydrated(page);
    await page.getByTestId("configurator").waitFor();
    await page.locator("#step-tab-wheels").click();
    await page.waitForSelector('#step-panel[data-step="wheels"]');
    const box = page.getByRole("region", { name: en.configurator.recommend.title });
    await box.waitFor();
    const first = box.locator("li").first();
    const recommended = await first.getAttribute("data-recommended");
    assert.ok(recommended, "a recommended value");
    assert.match(await first.innerText(), /^Customers who chose .+ often add .+ \(\d+ %\)/);
    await first.getByRole("button", { name: /^Add / }).click();
    await page.waitForSelector(`li[data-code="${recommended}"][data-state="chosen"]`);
    assert.equal(await page.getByTestId("completeness").innerText(), en.configurator.price.complete);
    const chosen = choicesOf(page);

    // Saved and followed.
    await page.locator("#step-tab-summary").click();
    const name = `My sedan ${Date.now()}`;
    await page.getByLabel(en.configurator.save.name).fill(name);
    await page.getByRole("button", { name: en.configurator.save.submit }).click();
    await page.getByTestId("saved").waitFor();
    await page.goto("/account/configurations");
    await hydrated(page);
    const item = page.locator(".saved-item", { has: page.getByRole("heading", { name }) });
    await item.getByRole("button", { name: en.follow.followNamed.replace("{{name}}", name) }).click();
    await item.getByTestId("following").waitFor();
    await page.goto("/account");
    await hydrated(page);
    const recent = await page.getByTestId("recently-viewed").locator("li a").allInnerTexts();
    assert.deepEqual(recent.slice(0, 2), ["A6 L Executive Sedan", "A6 Avant Estate"]);

    // The maker publishes a version in which the sedan costs more, through the back office.
    const admin = await newPage(browser, { viewport: { width: 1440, height: 900 } });
    await signIn(admin.page, "admin@atelier.test");
    await admin.page.waitForURL((url) => url.pathname === "/admin");
    await admin.page.goto("/admin/catalog");
    await hydrated(admin.page);
    await admin.page.getByLabel(en.adminCatalog.upload.file).setInputFiles({ name: "price-update.json", mimeType: "application/json", buffer: dearerCatalog() });
    await admin.page.getByLabel(en.adminCatalog.label).first().fill(LABEL);
    await admin.page.getByRole("button", { name: en.adminCatalog.upload.submit }).click();
    await heading(admin.page, LABEL);
    await admin.page.getByTestId("catalog-report").waitFor({ timeout: 120_000 });
    await admin.page.getByTestId("publish-link").click();
    await heading(admin.page, en.adminCatalog.publish.title);
    await admin.page.getByTestId("publish-confirm").click();
    await heading(admin.page, LABEL);
    assert.equal(await admin.page.getByTestId("version-status").innerText(), en.adminCatalog.statuses.active);

    // The customer is told in the app…
    await page.goto("/account/notifications");
    await hydrated(page);
    const notice = page.locator("li", { hasText: `the price of your configuration “${name}” is now` }).first();
    await notice.waitFor();
    assert.match(await notice.innerText(), new RegExp(LABEL));
    await screenshot(page, "personal-service-notification");
    // …and by email (the development outbox: the admins read what was sent).
    await admin.page.goto("/dev/outbox");
    await hydrated(admin.page);
    const mail = admin.page.getByTestId("outbox").locator("li", { hasText: en.outbox.to.replace("{{address}}", email) }).filter({ hasText: name }).first();
    await mail.waitFor();
    await mail.locator("summary").click();
    assert.match(await mail.locator(".outbox-body").innerText(), /https?:\/\/[^\s]+\/unsubscribe\//);

    // Compare two saved configurations, ticked on the list.
    const other = await page.request.post("/api/v1/configurations", { data: { line: "sedan-a6l", choices: [...NO_WHEELS, "C4T"], texts: {}, name: `${name} (17-inch)` } });
    assert.equal(other.status(), 201, await other.text());
    await page.goto("/account/configurations");
    await hydrated(page);
    await page.getByRole("checkbox", { name: en.compare.select.replace("{{name}}", name), exact: true }).check();
    await page.getByRole("checkbox", { name: en.compare.select.replace("{{name}}", `${name} (17-inch)`), exact: true }).check();
    await page.getByTestId("compare-form").getByRole("button", { name: en.compare.choose }).click();
    await page.waitForURL("**/account/configurations/compare?**");
    const table = page.getByTestId("compare-table");
    await table.waitFor();
    const wheels = table.locator('tr[data-feature="wheels"]');
    assert.equal(await wheels.getAttribute("data-differs"), recommended === "C4T" ? "false" : "true");
    await screenshot(page, "personal-service-compare");

    // The design sheet, with its QR code.
    await page.goto(`/configure/sedan-a6l/review?c=${chosen.join(",")}`);
    await hydrated(page);
    await page.getByTestId("design-sheet").click();
    await page.waitForURL(/\/share\/[^/]+\/sheet$/);
    await page.getByTestId("sheet-qr").locator("svg").waitFor();
    await screenshot(page, "personal-service-design-sheet");

    // Sent to a dealer, who opens the lead and starts a quote with exactly this car.
    await page.goto(`/configure/sedan-a6l/review?c=${chosen.join(",")}`);
    await hydrated(page);
    await page.getByTestId("send-to-dealer").click();
    await page.waitForURL("**/send-to-dealer?**");
    await hydrated(page);
    await page.getByLabel(en.leads.send.dealership).selectOption({ label: "Atelier München" });
    await page.getByLabel(en.leads.send.message).fill("Could I see it in Tango Red?");
    await page.getByTestId("send-lead").click();
    await page.getByTestId("lead-sent").waitFor();

    const dealer = await newPage(browser);
    await signIn(dealer.page, "dealer@atelier.test");
    await dealer.page.waitForURL("**/dealer");
    await dealer.page.goto("/dealer/leads");
    await hydrated(dealer.page);
    await dealer.page.getByTestId("lead-table").locator("tbody tr", { hasText: "Mia Journey" }).first().getByRole("link").click();
    await dealer.page.waitForURL("**/dealer/leads/*");
    await hydrated(dealer.page);
    await dealer.page.getByTestId("start-quote").click();
    await dealer.page.waitForURL(/\/dealer\/quotes\/Q-\d+\/edit$/);
    await hydrated(dealer.page);
    const quoted = await dealer.page.locator('input[type="hidden"][name="choices"]').first().inputValue();
    assert.deepEqual(quoted.split(",").sort(), [...chosen].sort());
    assert.match(await dealer.page.getByTestId("quote-subtitle").innerText(), /Mia Journey/);
    await done(dealer.context);
    await done(context);

    // Back to the demo catalog for the journeys that follow.
    await admin.page.goto("/admin/catalog");
    await hydrated(admin.page);
    await admin.page.getByRole("button", { name: en.adminCatalog.rollback.submit.replace("{{label}}", "Demo catalog 2026.1") }).click();
    await admin.page.waitForURL((url) => url.searchParams.has("rolledBack"));
    await done(admin.context);
  });
});
