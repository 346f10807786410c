/** Dealership staff: dealers and sales managers share the dealer's home and navigation. */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { PDFParse } from "pdf-parse";
import type { Browser, Page } from "playwright-core";
import { done, hydrated, launchBrowser, LOCALES, newPage, roleHomeJourney, screenshot, signIn } from "./support";

const en = LOCALES.en;
const LINE = "sedan-a6l";
/** Base, 40 TFSI, Ibis White, dynamic suspension, black Milano leather: complete once the wheels are chosen. */
const START = ["LB0", "40F", "T9T9", "1BA", "N4M-AF"];
const TABLET = { width: 1024, height: 768 };
const TABLET_LARGE = { width: 1180, height: 820 };

/** Every visible button and link inside `selector` is at least 44 px both ways (touch targets). */
async function assertTouchTargets(page: Page, selector: string) {
  const small = await page.locator(`${selector} button:visible, ${selector} a.button:visible, ${selector} a.present__button:visible`).evaluateAll((elements) =>
    elements
      .map((e) => ({ text: (e.textContent ?? "").trim(), box: e.getBoundingClientRect() }))
      .filter(({ box }) => box.width < 44 || box.height < 44)
      .map(({ text, box }) => `${text} ${Math.round(box.width)}×${Math.round(box.height)}`),
  );
  assert.deepEqual(small, [], `touch targets under 44 px in ${selector}`);
}

async function screenshots(page: Page, name: string) {
  await page.setViewportSize(TABLET);
  await screenshot(page, `${name}-1024x768`);
  await page.setViewportSize(TABLET_LARGE);
  await screenshot(page, `${name}-1180x820`);
  await page.setViewportSize(TABLET);
}

/** A new customer of the signed-in dealer's dealership, made through the customers page; their id. */
async function createCustomer(page: Page, customer: { name: string; email: string; phone: string }): Promise<string> {
  await page.goto("/dealer/customers");
  await hydrated(page);
  await page.getByLabel(en.customers.name, { exact: true }).fill(customer.name);
  await page.getByLabel(en.customers.email, { exact: true }).fill(customer.email);
  await page.getByLabel(en.customers.phone, { exact: true }).fill(customer.phone);
  await page.getByLabel(en.customers.consent).check();
  await page.getByRole("button", { name: en.customers.create, exact: true }).tap();
  await page.getByRole("heading", { level: 1, name: customer.name }).waitFor();
  return new URL(page.url()).pathname.split("/").at(-1)!;
}

/** The discount of a version on the quote page, as it shows it ("(4 %)"). */
const shownPercent = (value: number) => `(${en.quotes.percent.replace("{{value}}", String(value))})`;

/** On the quote editor: type a discount and tap "save quote". */
async function saveDiscount(page: Page, value: string) {
  await page.locator('input[name="discountValue"]').fill(value);
  await page.getByTestId("save-quote").tap();
}

/** No error page, and the header still shows the dealer signed in. */
async function assertNoErrorPage(page: Page, email: string) {
  assert.equal(await page.locator(".error-page").count(), 0, `an error page: ${await page.locator("main").innerText()}`);
  assert.match(await page.getByTestId("signed-in-as").innerText(), new RegExp(email.replace(/[.]/g, "\\.")));
}

/** What the tests read of `GET /api/v1/quotes/<number>` (docs/api.md, "Dealers"). */
interface QuoteJson {
  quote: {
    lockVersion: number;
    versions: { sentAt: string | null; shareCode: string | null; pdfUrl: string | null; approval: { state: string; comment: string | null } }[];
  };
}

/** The text of a PDF, as pdf-parse reads it. */
async function pdfText(bytes: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

describe("dealership staff", () => {
  it("a dealer signs in to /dealer, in English and Chinese", async () => {
    const { context } = await roleHomeJourney(browser, {
      name: "dealer",
      email: "dealer@atelier.test",
      home: "/dealer",
      nav: ["dealer", (l) => l.dealerLists.navOrders, (l) => l.dealerPages.navCustomers],
      title: (l) => l.dealer.title,
      language: "zh",
    });
    await done(context);
  });

  it("a sales manager signs in to /dealer, in English and Korean", async () => {
    const { context } = await roleHomeJourney(browser, {
      name: "manager",
      email: "manager@atelier.test",
      home: "/dealer",
      nav: ["dealer", (l) => l.dealerLists.navOrders, (l) => l.dealerPages.navCustomers],
      title: (l) => l.dealer.title,
      language: "ko",
    });
    await done(context);
  });

  it("a dealer of another dealership signs in to /dealer, in English and Japanese", async () => {
    const { context } = await roleHomeJourney(browser, {
      name: "dealer2",
      email: "dealer2@atelier.test",
      home: "/dealer",
      nav: ["dealer", (l) => l.dealerLists.navOrders, (l) => l.dealerPages.navCustomers],
      title: (l) => l.dealer.title,
      language: "ja",
    });
    await done(context);
  });

  it("a dealer quotes the sedan on a tablet with a discount over the cap; the sales manager approves; the customer signs; the order reaches the planners", async () => {
    const stamp = Date.now();
    const customer = { name: `Jonas Tablet ${stamp}`, email: `jonas.${stamp}@example.test`, phone: "+49 89 5550101" };

    // The dealer, on a landscape tablet with touch.
    const dealer = await newPage(browser, { viewport: TABLET, hasTouch: true });
    await signIn(dealer.page, "dealer@atelier.test");
    await dealer.page.waitForURL((url) => url.pathname === "/dealer");
    const customerId = await createCustomer(dealer.page, customer);

    // A quote for the sedan: the configurator opens with most choices made; the wheels are a tap away.
    await dealer.page.goto(`/dealer/quotes/new/${LINE}?customer=${customerId}&c=${START.join(",")}`);
    await hydrated(dealer.page);
    await dealer.page.locator("#step-tab-wheels").tap();
    await dealer.page.waitForSelector('#step-panel[data-step="wheels"]');
    await dealer.page.locator('li[data-code="C4T"] .value__choose').tap();
    await dealer.page.waitForSelector('li[data-code="C4T"][data-state="chosen"]');
    await dealer.page.locator('input[name="discountValue"]').fill("8");
    await dealer.page.getByTestId("needs-approval").waitFor();
    await screenshots(dealer.page, "dealer-quote-editor");
    await dealer.page.getByTestId("save-quote").tap();
    await dealer.page.waitForURL((url) => /^\/dealer\/quotes\/Q-\d{7}$/.test(url.pathname));
    const number = new URL(dealer.page.url()).pathname.split("/").at(-1)!;
    await dealer.page.locator('[data-testid="version-1"] [data-approval="pending"]').first().waitFor();

    // The sales manager, in a second browser context, approves with a comment.
    const manager = await newPage(browser, { viewport: TABLET, hasTouch: true });
    await signIn(manager.page, "manager@atelier.test");
    await manager.page.waitForURL((url) => url.pathname === "/dealer");
    await manager.page.goto(`/dealer/quotes/${number}`);
    await hydrated(manager.page);
    await manager.page.locator("#decide-comment").fill("Loyal customer: 8 % is fine.");
    await manager.page.getByTestId("approve").tap();
    await manager.page.locator('[data-testid="version-1"] [data-approval="approved"]').first().waitFor();
    await done(manager.context);

    // Back on the dealer's tablet: the customer view, then the customer signs with a finger.
    await dealer.page.reload();
    await hydrated(dealer.page);
    await dealer.page.locator('[data-testid="version-1"] [data-approval="approved"]').first().waitFor();
    await dealer.page.getByTestId("customer-view").first().tap();
    await dealer.page.getByTestId("present").waitFor();
    await hydrated(dealer.page);
    assert.match(await dealer.page.getByTestId("present-total").innerText(), /^€\d{2},\d{3}\.\d{2}$/);
    assert.match(await dealer.page.getByTestId("present-discount").innerText(), /^-€/);
    await assertTouchTargets(dealer.page, '[data-testid="present"]');
    await screenshots(dealer.page, "dealer-customer-view");
    await dealer.page.getByTestId("present-back").tap();
    await dealer.page.getByTestId("sign").waitFor();

    const pad = dealer.page.getByTestId("signature-area");
    await pad.scrollIntoViewIfNeeded();
    const box = (await pad.boundingBox())!;
    await dealer.page.mouse.move(box.x + box.width * 0.15, box.y + box.height * 0.6);
    await dealer.page.mouse.down();
    for (let i = 1; i <= 12; i++) await dealer.page.mouse.move(box.x + box.width * (0.15 + i * 0.05), box.y + box.height * (0.6 - 0.25 * Math.sin(i / 2)));
    await dealer.page.mouse.up();
    await screenshots(dealer.page, "dealer-signature");
    await dealer.page.getByTestId("signature-accept").tap();
    await dealer.page.getByTestId("order").waitFor();

    // The quote becomes an order with the delivery details.
    const delivery = { street: "Leopoldstraße 1", postalCode: "80802", city: "München", country: "DE" };
    for (const [field, text] of Object.entries({ name: customer.name, email: customer.email, phone: customer.phone, ...delivery })) {
      const input = dealer.page.locator(`#order-${field}`);
      if ((await input.inputValue()) === "") await input.fill(text);
    }
    await dealer.page.getByTestId("place-order").tap();
    const ordered = dealer.page.getByTestId("quote-order");
    await ordered.waitFor();
    const orderNumber = (await ordered.getByRole("link").innerText()).trim();
    assert.match(orderNumber, /^[A-Z]+-\d+$/);
    await screenshots(dealer.page, "dealer-quote-ordered");

    // The PDF of the signed version is there for the customer.
    const pdf = await dealer.page.request.get(`/dealer/quotes/${number}/v/1.pdf`);
    assert.equal(pdf.status(), 200);
    assert.equal((await pdf.body()).subarray(0, 5).toString("latin1"), "%PDF-");
    await done(dealer.context);

    // The planners' queue shows the order.
    const planner = await newPage(browser);
    await signIn(planner.page, "planner@atelier.test");
    await planner.page.waitForURL((url) => url.pathname === "/planning");
    await planner.page.getByRole("link", { name: orderNumber, exact: true }).waitFor();
    await done(planner.context);
  });

  it("a dealer's tablet loses its connection: the save is kept and says so, is sent by itself when it returns, a version saved meanwhile is shown beside it; a share code with a leftover draft asks", async () => {
    const stamp = Date.now();
    const email = "dealer@atelier.test";
    const dealer = await newPage(browser, { viewport: TABLET, hasTouch: true });
    await signIn(dealer.page, email);
    await dealer.page.waitForURL((url) => url.pathname === "/dealer");
    const customerId = await createCustomer(dealer.page, { name: `Lena Offline ${stamp}`, email: `lena.${stamp}@example.test`, phone: "+49 89 5550102" });

    // A quote within the dealer's cap, saved while online.
    await dealer.page.goto(`/dealer/quotes/new/${LINE}?customer=${customerId}&c=${[...START, "C4T"].join(",")}`);
    await hydrated(dealer.page);
    await saveDiscount(dealer.page, "3");
    await dealer.page.waitForURL((url) => /^\/dealer\/quotes\/Q-\d{7}$/.test(url.pathname));
    const number = new URL(dealer.page.url()).pathname.split("/").at(-1)!;

    // Offline, "save" keeps the change on the tablet and says so: no error page, still signed in.
    await dealer.page.goto(`/dealer/quotes/${number}/edit`);
    await hydrated(dealer.page);
    await dealer.context.setOffline(true);
    await saveDiscount(dealer.page, "4");
    await dealer.page.getByTestId("offline").waitFor();
    await assertNoErrorPage(dealer.page, email);
    assert.equal(await dealer.page.locator('input[name="discountValue"]').inputValue(), "4");
    await screenshot(dealer.page, "dealer-quote-offline-1024x768");

    // The connection returns: the save goes out by itself and the quote page shows it, read again from the server.
    await dealer.context.setOffline(false);
    await dealer.page.waitForURL((url) => url.pathname === `/dealer/quotes/${number}`);
    await dealer.page.reload();
    await hydrated(dealer.page);
    assert.match(await dealer.page.getByTestId("version-1").innerText(), new RegExp(shownPercent(4).replace(/[()]/g, "\\$&")));

    // Any dealer page: a link tapped offline says "offline" (not a 500, still signed in) and the page loads by itself when the connection returns.
    await dealer.context.setOffline(true);
    await dealer.page.locator("nav.main-nav").getByRole("link", { name: en.dealerPages.navCustomers, exact: true }).tap();
    await dealer.page.getByTestId("offline-page").waitFor();
    assert.equal(await dealer.page.locator('.error-page[data-status="500"]').count(), 0);
    assert.match(await dealer.page.getByTestId("signed-in-as").innerText(), /dealer@atelier\.test/);
    await screenshot(dealer.page, "dealer-offline-page-1024x768");
    await dealer.context.setOffline(false);
    await dealer.page.getByLabel(en.customers.name, { exact: true }).waitFor();
    assert.equal(await dealer.page.getByTestId("offline-page").count(), 0);

    // Offline again with another change, while the sales manager saves another discount on the same quote.
    await dealer.page.goto(`/dealer/quotes/${number}/edit`);
    await hydrated(dealer.page);
    await dealer.context.setOffline(true);
    await saveDiscount(dealer.page, "2");
    await dealer.page.getByTestId("offline").waitFor();
    const manager = await newPage(browser, { viewport: TABLET, hasTouch: true });
    await signIn(manager.page, "manager@atelier.test");
    await manager.page.waitForURL((url) => url.pathname === "/dealer");
    await manager.page.goto(`/dealer/quotes/${number}/edit`);
    await hydrated(manager.page);
    await saveDiscount(manager.page, "1");
    await manager.page.waitForURL((url) => url.pathname === `/dealer/quotes/${number}`);
    await done(manager.context);

    // Back online, the dealer's save meets the manager's version: both are shown with what differs, the dealer keeps theirs.
    await dealer.context.setOffline(false);
    const choice = dealer.page.getByTestId("draft-choice");
    await choice.waitFor();
    assert.equal(await choice.getAttribute("data-reason"), "changed-on-server");
    const discountRow = dealer.page.locator('[data-testid="draft-differences"] tr[data-feature="discount"]');
    assert.equal(await discountRow.locator('[data-side="mine"]').innerText(), en.quotes.percent.replace("{{value}}", "2"));
    assert.equal(await discountRow.locator('[data-side="theirs"]').innerText(), en.quotes.percent.replace("{{value}}", "1"));
    await assertNoErrorPage(dealer.page, email);
    await screenshot(dealer.page, "dealer-quote-conflict-1024x768");
    await dealer.page.getByTestId("keep-mine").tap();
    await dealer.page.waitForURL((url) => url.pathname === `/dealer/quotes/${number}`);
    await dealer.page.reload();
    await hydrated(dealer.page);
    assert.match(await dealer.page.getByTestId("version-1").innerText(), new RegExp(shownPercent(2).replace(/[()]/g, "\\$&")));

    // A new quote left unsaved on the tablet (no wheels yet, 6 %), then a share code for the same customer and line: the editor asks.
    await dealer.page.goto(`/dealer/quotes/new/${LINE}?customer=${customerId}&c=${START.join(",")}`);
    await hydrated(dealer.page);
    await dealer.page.locator('input[name="discountValue"]').fill("6");
    await dealer.page.waitForFunction((key) => window.localStorage.getItem(key)?.includes('"discountValue":"6"') ?? false, `atelier.quoteDraft.new:${customerId}:${LINE}`);
    const shared = await dealer.page.request.post("/api/v1/share", { data: { line: LINE, choices: [...START, "CH1"], texts: {} } });
    assert.equal(shared.status(), 201);
    const { code } = (await shared.json()) as { code: string };
    await dealer.page.goto(`/dealer/quotes/new?customer=${customerId}&share=${code}`);
    await hydrated(dealer.page);
    await choice.waitFor();
    assert.equal(await choice.getAttribute("data-reason"), "opened-with-other");
    assert.equal(await dealer.page.getByTestId("draft-restored").count(), 0);
    const wheels = dealer.page.locator('[data-testid="draft-differences"] tr[data-feature="wheels"]');
    assert.equal(await wheels.locator('[data-side="mine"]').innerText(), "\u2014");
    assert.notEqual(await wheels.locator('[data-side="theirs"]').innerText(), "\u2014");
    await screenshot(dealer.page, "dealer-share-or-draft-1024x768");
    await dealer.page.getByTestId("keep-theirs").tap();
    await dealer.page.locator("#step-tab-wheels").tap();
    await dealer.page.waitForSelector('li[data-code="CH1"][data-state="chosen"]');
    assert.equal(await dealer.page.locator('input[name="discountValue"]').inputValue(), "");
    await done(dealer.context);
  });

  it("a sales manager rejects a discount over the dealer's cap, saying why: the dealer reads the comment and can't hand that version over (no button, the customer view and the PDF say draft or refuse, the API answers 409 rejected); a new version within the cap can", async () => {
    const stamp = Date.now();
    const email = "dealer@atelier.test";
    const comment = "Too generous for the Base trim: 4 % at most.";
    const dealer = await newPage(browser, { viewport: TABLET, hasTouch: true });
    await signIn(dealer.page, email);
    await dealer.page.waitForURL((url) => url.pathname === "/dealer");
    const customerId = await createCustomer(dealer.page, { name: `Paul Rejected ${stamp}`, email: `paul.${stamp}@example.test`, phone: "+49 89 5550103" });

    // A complete sedan with 9 %: over the dealer's cap, so it waits for a sales manager.
    await dealer.page.goto(`/dealer/quotes/new/${LINE}?customer=${customerId}&c=${[...START, "C4T"].join(",")}`);
    await hydrated(dealer.page);
    await dealer.page.locator('input[name="discountValue"]').fill("9");
    await dealer.page.getByTestId("needs-approval").waitFor();
    await dealer.page.getByTestId("save-quote").tap();
    await dealer.page.waitForURL((url) => /^\/dealer\/quotes\/Q-\d{7}$/.test(url.pathname));
    const number = new URL(dealer.page.url()).pathname.split("/").at(-1)!;
    await dealer.page.locator('[data-testid="version-1"] [data-approval="pending"]').first().waitFor();

    // The sales manager: a rejection without a comment is refused and says why, under the comment; with one it is recorded.
    const manager = await newPage(browser, { viewport: TABLET, hasTouch: true });
    await signIn(manager.page, "manager@atelier.test");
    await manager.page.waitForURL((url) => url.pathname === "/dealer");
    await manager.page.goto(`/dealer/quotes/${number}`);
    await hydrated(manager.page);
    const decide = manager.page.getByTestId("decide");
    await decide.waitFor();
    await manager.page.getByTestId("reject").tap();
    await manager.page.locator('#decide-comment[aria-invalid="true"]').waitFor();
    assert.equal(await decide.locator(".field__error").innerText(), en.quotes.errors.commentRequired);
    const stillPending = (await (await manager.page.request.get(`/api/v1/quotes/${number}`)).json()) as QuoteJson;
    assert.equal(stillPending.quote.versions[0].approval.state, "pending", "a rejection without a comment was recorded");
    await screenshot(manager.page, "manager-reject-needs-comment-1024x768");
    await manager.page.locator("#decide-comment").fill(comment);
    await manager.page.getByTestId("reject").tap();
    await manager.page.locator('[data-testid="version-1"] [data-approval="rejected"]').first().waitFor();
    assert.equal(await manager.page.getByTestId("decide").count(), 0);
    await done(manager.context);

    // The dealer reads the rejection and the manager's words; once that page is there, nothing offers to hand the version over.
    await dealer.page.reload();
    await hydrated(dealer.page);
    const rejection = dealer.page.getByTestId("rejection");
    await rejection.waitFor();
    assert.equal(await rejection.locator("blockquote").innerText(), comment);
    assert.match(await rejection.innerText(), new RegExp(`^${en.quotes.rejection.lead}`));
    await dealer.page.locator('[data-testid="version-1"] [data-approval="rejected"]').first().waitFor();
    assert.equal(await dealer.page.getByTestId("edit-quote").innerText(), en.quotes.newVersion);
    assert.equal(await dealer.page.getByTestId("send-quote").count(), 0, "a rejected version is offered for hand-over");
    assert.equal(await dealer.page.getByRole("button", { name: en.quotes.send, exact: true }).count(), 0);
    for (const testId of ["sign", "order", "quote-pdf"]) assert.equal(await dealer.page.getByTestId(testId).count(), 0, `${testId} offered for a rejected version`);
    await assertNoErrorPage(dealer.page, email);
    await screenshot(dealer.page, "dealer-quote-rejected-1024x768");

    // The customer view of that version: a draft that is being revised, no validity date, none of the manager's words.
    await dealer.page.getByTestId("customer-view").first().tap();
    await dealer.page.getByTestId("present").waitFor();
    await hydrated(dealer.page);
    assert.equal(await dealer.page.getByTestId("present-draft").innerText(), en.present.draft);
    assert.equal(await dealer.page.getByTestId("present-valid").count(), 0);
    assert.equal(await dealer.page.locator(".present__notice").innerText(), en.present.rejected);
    assert.doesNotMatch(await dealer.page.getByTestId("present").innerText(), /too generous/i);
    await screenshot(dealer.page, "dealer-customer-view-rejected-1024x768");
    await dealer.page.getByTestId("present-back").tap();
    await rejection.waitFor();

    // Asked directly, the server refuses too and writes nothing: the API's hand-over, the PDF, and the PDF's "send and print".
    const before = (await (await dealer.page.request.get(`/api/v1/quotes/${number}`)).json()) as QuoteJson;
    const lock = before.quote.lockVersion;
    const refused = await dealer.page.request.post(`/api/v1/quotes/${number}/send`, { data: { expectedLock: lock } });
    assert.equal(refused.status(), 409);
    assert.equal(((await refused.json()) as { error: { code: string } }).error.code, "rejected");
    const pdf = await dealer.page.request.get(`/dealer/quotes/${number}/v/1.pdf`);
    assert.equal(pdf.status(), 409);
    assert.equal(await pdf.text(), en.quoteDocument.errors.notSent.replace("{{version}}", "1").replace("{{number}}", number));
    const print = await dealer.page.request.post(`/dealer/quotes/${number}/v/1.pdf`, { form: { intent: "send", expectedLock: String(lock) }, maxRedirects: 0 });
    assert.equal(print.status(), 409);
    assert.equal(await print.text(), en.quoteDocument.errors.rejected);
    const after = (await (await dealer.page.request.get(`/api/v1/quotes/${number}`)).json()) as QuoteJson;
    assert.equal(after.quote.lockVersion, lock);
    assert.deepEqual(
      after.quote.versions.map((v) => ({ sentAt: v.sentAt, shareCode: v.shareCode, pdfUrl: v.pdfUrl, approval: v.approval.state, comment: v.approval.comment })),
      [{ sentAt: null, shareCode: null, pdfUrl: null, approval: "rejected", comment }],
    );

    // A new version within the cap stands: it is offered for hand-over, sent, and its PDF is a valid quote, not a draft.
    await dealer.page.getByTestId("edit-quote").tap();
    await dealer.page.waitForURL((url) => url.pathname === `/dealer/quotes/${number}/edit`);
    await hydrated(dealer.page);
    await saveDiscount(dealer.page, "4");
    await dealer.page.waitForURL((url) => url.pathname === `/dealer/quotes/${number}`);
    await dealer.page.locator('[data-testid="version-2"] [data-approval="not_needed"]').first().waitFor();
    assert.equal(await dealer.page.getByTestId("rejection").count(), 0);
    await dealer.page.getByTestId("send-quote").tap();
    await dealer.page.locator('[data-testid="quote-documents-v2"] [data-testid="quote-pdf"]').waitFor();
    const valid = await dealer.page.request.get(`/dealer/quotes/${number}/v/2.pdf`);
    assert.equal(valid.status(), 200);
    const text = await pdfText(await valid.body());
    assert.doesNotMatch(text, /DRAFT/);
    assert.match(text, /Discount \(4 %\)/);
    assert.equal((await dealer.page.request.get(`/dealer/quotes/${number}/v/1.pdf`)).status(), 409);
    await done(dealer.context);
  });

  it("a customer's share code typed on the dealer's home opens a quote for the customer the dealer picks, with the shared configuration", async () => {
    const stamp = Date.now();
    const customer = { name: `Mia Share ${stamp}`, email: `mia.${stamp}@example.test`, phone: "+49 89 5550104" };
    const dealer = await newPage(browser, { viewport: TABLET, hasTouch: true });
    await signIn(dealer.page, "dealer@atelier.test");
    await dealer.page.waitForURL((url) => url.pathname === "/dealer");
    const customerId = await createCustomer(dealer.page, customer);

    // The customer shared a sedan with the 20" wheels (CH1) from their phone.
    const shared = await dealer.page.request.post("/api/v1/share", { data: { line: LINE, choices: [...START, "CH1"], texts: {} } });
    assert.equal(shared.status(), 201);
    const { code } = (await shared.json()) as { code: string };

    await dealer.page.goto("/dealer");
    await hydrated(dealer.page);
    const field = dealer.page.getByLabel(en.share.code, { exact: true });
    // A code nobody shared: the home says so and stays where it is.
    await field.fill(code === "ZZZZ2222" ? "YYYY3333" : "ZZZZ2222");
    await dealer.page.getByTestId("quote-from-share").tap();
    await dealer.page.getByText(en.dealerPages.shareUnknown, { exact: true }).waitFor();
    assert.equal(new URL(dealer.page.url()).pathname, "/dealer");

    // The customer's code as read off their phone, in two groups and lower case: the page asks whom the quote is for.
    await field.fill(`${code.slice(0, 4)} ${code.slice(4)}`.toLowerCase());
    await dealer.page.getByTestId("quote-from-share").tap();
    await dealer.page.waitForURL((url) => url.pathname === "/dealer/quotes/new" && url.searchParams.get("share") === code && !url.searchParams.has("customer"));
    const summary = dealer.page.getByTestId("share-summary");
    await summary.waitFor();
    assert.match(await summary.innerText(), new RegExp(`${code.slice(0, 4)} ${code.slice(4)}`));
    await hydrated(dealer.page);
    await screenshot(dealer.page, "dealer-share-pick-customer-1024x768");

    // The dealer finds the customer and starts the quote from their row.
    await dealer.page.locator("#pick-customer-q").fill(customer.email);
    await dealer.page.locator('form[role="search"]:has(#pick-customer-q) button[type="submit"]').tap();
    await dealer.page.waitForURL((url) => url.searchParams.get("q") === customer.email && url.searchParams.get("share") === code);
    const rows = dealer.page.locator('[data-testid="pick-customer"] li');
    await rows.filter({ hasText: customer.email }).waitFor();
    assert.equal(await rows.count(), 1);
    await rows.getByRole("link", { name: en.customers.quoteFromThis, exact: true }).tap();

    // The quote editor for that customer, with the shared configuration.
    await dealer.page.waitForURL((url) => url.pathname === `/dealer/quotes/new/${LINE}` && url.searchParams.get("customer") === customerId);
    await hydrated(dealer.page);
    await dealer.page.locator("#step-tab-wheels").tap();
    await dealer.page.waitForSelector('#step-panel[data-step="wheels"]');
    await dealer.page.waitForSelector('li[data-code="CH1"][data-state="chosen"]');
    await dealer.page.getByTestId("save-quote").tap();
    await dealer.page.waitForURL((url) => /^\/dealer\/quotes\/Q-\d{7}$/.test(url.pathname));
    await dealer.page.locator('[data-testid="version-1"] [data-testid="configuration-list"] [data-code="CH1"]').waitFor();
    assert.equal(await dealer.page.locator(`a[href="/dealer/customers/${customerId}"]`).first().innerText(), customer.name);
    await done(dealer.context);
  });
});
