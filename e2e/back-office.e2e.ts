/**
 * The maker's back office, end to end (issue 13): an admin uploads a draft
 * that raises the sedan's price and retires an option, reads what that does
 * to live business (a dealer's open quote changes price, a customer's saved
 * configuration can't be built any more), fixes the catalog test the raise
 * broke with the edit forms, publishes after the checks, finds the
 * publication in the audit log, and rolls back.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { LOCALES, done, heading, hydrated, launchBrowser, newPage, screenshot, signIn } from "./support";

const en = LOCALES.en;
let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** A complete sedan: Base, 40 TFSI, Ibis White, 17-inch wheels, dynamic suspension, black Milano leather. */
const COMPLETE = ["LB0", "40F", "T9T9", "C4T", "1BA", "N4M-AF"];
/** The option the draft retires (no rule or package names it). */
const RETIRED = "3S1";
const DRAFT_LABEL = `Model year 2027 ${Date.now()}`;
/** The demo's catalog test the base-price raise breaks. */
const CHEAPEST_TEST = "The cheapest sedan can be built and costs €55,335 in Germany";

/** The demo catalog with the sedan's base price €500 (net) higher in Germany and the roof rails retired. */
function draftCatalog(): Buffer {
  const catalog = JSON.parse(readFileSync(new URL("../db/catalog/demo.json", import.meta.url), "utf8"));
  const sedan = catalog.productLines.find((l: { code: string }) => l.code === "sedan-a6l");
  sedan.basePrice.DE += 50_000;
  for (const feature of sedan.features) if (feature.values) feature.values = feature.values.filter((v: { code: string }) => v.code !== RETIRED);
  return Buffer.from(JSON.stringify(catalog, null, 2));
}

/** Send one of the edit page's forms and wait for the page of the next revision. */
async function submit(page: Page, form: string, button = page.getByTestId(form).getByRole("button", { name: en.catalogEdit.submit })) {
  const revision = await page.getByTestId("revision").innerText();
  await button.click();
  await page.waitForFunction((before) => document.querySelector('[data-testid="revision"]')?.textContent !== before, revision);
  await hydrated(page);
}

describe("the back office: a catalog change from draft to rollback", () => {
  it("edits a draft, reads its impact, fixes a catalog test, publishes, audits and rolls back", async () => {
    // Live business the draft will touch: a dealer's open quote in Germany and a customer's saved configuration with the option.
    const dealer = await newPage(browser);
    await signIn(dealer.page, "dealer@atelier.test");
    await dealer.page.waitForURL("**/dealer");
    const customer = await dealer.page.request.post("/api/v1/customers", {
      data: { name: "Impact Kunde", email: `impact-${Date.now()}@example.test`, consentToContact: true },
    });
    assert.equal(customer.status(), 201, await customer.text());
    const customerId = ((await customer.json()) as { customer: { id: string } }).customer.id;
    const quote = await dealer.page.request.post("/api/v1/quotes", { data: { customer: customerId, line: "sedan-a6l", choices: COMPLETE, market: "DE" } });
    assert.equal(quote.status(), 201, await quote.text());
    const quoteNumber = ((await quote.json()) as { quote: { number: string } }).quote.number;
    await done(dealer.context);

    const owner = await newPage(browser);
    await signIn(owner.page, "customer@atelier.test");
    await owner.page.waitForURL("**/account");
    const savedName = `Roof rails ${Date.now()}`;
    const saved = await owner.page.request.post("/api/v1/configurations", { data: { line: "sedan-a6l", choices: [...COMPLETE, RETIRED], texts: {}, name: savedName } });
    assert.equal(saved.status(), 201, await saved.text());
    await done(owner.context);

    const { context, page } = await newPage(browser, { viewport: { width: 1440, height: 900 } });
    await signIn(page, "admin@atelier.test");
    await page.waitForURL((url) => url.pathname === "/admin");
    await page.goto("/admin/catalog");
    await hydrated(page);
    await page.getByLabel(en.adminCatalog.upload.file).setInputFiles({ name: "model-year-2027.json", mimeType: "application/json", buffer: draftCatalog() });
    await page.getByLabel(en.adminCatalog.label).first().fill(DRAFT_LABEL);
    await page.getByRole("button", { name: en.adminCatalog.upload.submit }).click();
    await heading(page, DRAFT_LABEL);
    const draftUrl = new URL(page.url()).pathname;

    await page.getByRole("link", { name: en.adminCatalog.edit, exact: true }).click();
    await page.waitForURL("**/edit**");
    await hydrated(page);
    assert.equal((await page.getByTestId("values").innerText()).includes(`(${RETIRED})`), false, "the retired option is not in the draft");

    // The raise breaks the demo's own test of the cheapest sedan's price: replaced by the right one.
    const failing = page.getByTestId("tests").locator("li", { hasText: CHEAPEST_TEST });
    assert.equal(await failing.getAttribute("data-pass"), "false");
    assert.match(await failing.innerText(), /Should cost €55,335\.00 but costs €55,930\.00/);
    await screenshot(page, "back-office-failing-test");
    await submit(page, "tests", failing.getByRole("button", { name: en.catalogEdit.remove }));
    const add = page.getByTestId("form-add-example");
    await add.locator("#example-name").fill("The cheapest sedan costs €55,930 in Germany");
    await add.locator("#example-expect").selectOption("buildable");
    await add.locator("#example-market").selectOption("DE");
    await add.locator("#example-total").fill("55930");
    await submit(page, "form-add-example");
    const tests = await page.getByTestId("tests").locator("li").evaluateAll((items) => items.map((i) => i.getAttribute("data-pass")));
    assert.ok(tests.length >= 4 && tests.every((p) => p === "true"), `every catalog test passes: ${tests.join(", ")}`);

    // What it does to live business, before anything changes.
    await page.getByRole("link", { name: en.catalogEdit.impact }).click();
    await page.waitForURL("**/impact");
    await hydrated(page);
    const quoteRow = page.getByTestId("impact-quotes").locator(`tr[data-item="${quoteNumber}"]`);
    assert.equal(await quoteRow.getAttribute("data-kind"), "price");
    const savedRow = page.getByTestId("impact-configurations").locator(`tr[data-item="${savedName}"]`);
    assert.equal(await savedRow.getAttribute("data-kind"), "unbuildable");
    assert.match(await savedRow.innerText(), new RegExp(RETIRED));
    await screenshot(page, "back-office-impact");

    // Publish after the checks; the confirmation names the impact.
    await page.goto(draftUrl);
    await hydrated(page);
    await page.getByTestId("publish-link").click();
    await heading(page, en.adminCatalog.publish.title);
    const checks = page.getByTestId("publish-checks").locator("> li");
    const outcomes = () => checks.evaluateAll((items) => items.map((li) => li.getAttribute("data-ok")));
    // The analysis of the last edit runs in its worker: the "analysed" check turns green once it is done.
    for (let i = 0; i < 120 && !(await outcomes()).every((ok) => ok === "true"); i++) {
      await page.waitForTimeout(1_000);
      await page.reload();
      await hydrated(page);
    }
    assert.deepEqual(await checks.evaluateAll((items) => items.map((li) => li.getAttribute("data-ok"))), ["true", "true", "true", "true"]);
    const impact = page.getByTestId("publish-impact");
    assert.ok(Number(await impact.locator('li[data-group="quotes"]').getAttribute("data-price")) >= 1);
    assert.ok(Number(await impact.locator('li[data-group="configurations"]').getAttribute("data-unbuildable")) >= 1);
    await screenshot(page, "back-office-publish");
    await page.getByTestId("publish-confirm").click();
    await heading(page, DRAFT_LABEL);
    assert.equal(await page.getByTestId("version-status").innerText(), en.adminCatalog.statuses.active);
    const versionId = decodeURIComponent(draftUrl.split("/").pop()!);

    // The audit log has the publication, with who did it.
    await page.goto(`/admin/audit?action=catalog.publish&subjectId=${encodeURIComponent(versionId)}`);
    await hydrated(page);
    const row = page.getByTestId("audit").locator("tbody tr").first();
    assert.match(await row.innerText(), /catalog\.publish/);
    assert.match(await row.innerText(), /admin@atelier\.test/);

    // Roll back in one step: the demo catalog is active again.
    await page.goto("/admin/catalog");
    await hydrated(page);
    await page.getByRole("button", { name: en.adminCatalog.rollback.submit.replace("{{label}}", "Demo catalog 2026.1") }).click();
    await page.waitForURL((url) => url.searchParams.has("rolledBack"));
    // The list as the rollback left it: its notice, then the demo catalog's row marked active.
    assert.equal(await page.getByTestId("rolled-back").innerText(), en.adminCatalog.rollback.done.replace("{{label}}", "Demo catalog 2026.1"));
    await page.locator('tr[data-version="demo-2026.1"]').getByText(en.adminCatalog.statuses.active, { exact: true }).waitFor();
    await page.goto("/admin/audit?action=catalog.rollback");
    await hydrated(page);
    assert.match(await page.getByTestId("audit").locator("tbody tr").first().innerText(), /catalog\.rollback/);
    await done(context);
  });
});
