/**
 * The customer's configurator in Chromium: the sedan from nothing to review
 * (a conflict met and accepted, then undone), a conflict on a complete car
 * whose fixes stand side by side and leave it complete, the configuration surviving a
 * reload and the back button, saving signed in, a share code opened in a
 * second browser context, the still picture by default on this software
 * renderer with a "Show 3D view" button, the 3D view's pixels turning red with a red paint,
 * a recommendation from the demo's order history shown with its reason and added,
 * and the layouts at phone, tablet and desktop size (screenshots in
 * e2e/screenshots/configurator-*.png).
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { LOCALES, SCREENSHOT_DIR, hydrated, launchBrowser, newPage, screenshot, signIn } from "./support";

const en = LOCALES.en;
const LINE = "sedan-a6l";
/** A complete sedan: Base, 40 TFSI, Ibis White, 17-inch wheels, dynamic suspension, black Milano leather. */
const COMPLETE = ["LB0", "40F", "T9T9", "C4T", "1BA", "N4M-AF"];
/** A well-equipped Premium sedan (7 packages' worth of content), for the printed summary. */
const RICH = ["LP3", "55Q", "2D2D", "CN7", "2MA", "N5W-MZ", "WB6", "PCZ", "PGC", "PXC", "PW1", "3FU", "KS1", "9WX", "3Y5", "6XL", "VT7"];
/** The software renderer is slow on a busy machine: give the 3D view time. */
const SCENE_TIMEOUT = 120_000;

/**
 * Two browsers: one without WebGL for the journeys (the still picture stands
 * in, as it does on any browser without WebGL), so a software-rendered 3D view
 * on a busy machine can't slow every click; and one with WebGL for the 3D view.
 */
let browser: Browser;
let webgl: Browser;
before(async () => {
  webgl = await launchBrowser();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-webgl", "--disable-3d-apis", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
});
after(async () => {
  await browser?.close();
  await webgl?.close();
});

const value = (page: Page, code: string) => page.locator(`li[data-code="${code}"]`);

async function openStep(page: Page, step: string) {
  await page.locator(`#step-tab-${step}`).click();
  await page.waitForSelector(`#step-panel[data-step="${step}"]`);
}

async function choose(page: Page, step: string, code: string) {
  await openStep(page, step);
  await value(page, code).locator(".value__choose").click();
  await page.waitForSelector(`li[data-code="${code}"][data-state="chosen"]`);
}

async function total(page: Page): Promise<string> {
  return (await page.getByTestId("price-total").innerText()).trim();
}

async function choicesInAddress(page: Page): Promise<string[]> {
  return (new URL(page.url()).searchParams.get("c") ?? "").split(",").filter(Boolean);
}

async function openConfigurator(page: Page, choices: string[] = []) {
  await page.goto(`/configure/${LINE}${choices.length ? `?c=${choices.join(",")}` : ""}`);
  await hydrated(page);
  await page.getByTestId("configurator").waitFor();
}

/** Share of the canvas' pixels that are clearly red, read back from the WebGL drawing buffer. */
async function redShare(page: Page): Promise<number> {
  return page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="product-scene"] canvas');
    if (!canvas) return -1;
    const probe = document.createElement("canvas");
    probe.width = 160;
    probe.height = 90;
    const ctx = probe.getContext("2d", { willReadFrequently: true })!;
    ctx.drawImage(canvas, 0, 0, probe.width, probe.height);
    const data = ctx.getImageData(0, 0, probe.width, probe.height).data;
    let red = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
      if (r > 90 && r > g * 1.8 && r > b * 1.8) red++;
    }
    return red / (data.length / 4);
  });
}

describe("customer configurator", () => {
  it("opens a link that breaks rules with the broken rules named, repairs it in one click and reaches review", async () => {
    const { context, page } = await newPage(browser);
    // S line with Valcona leather (Advanced or Premium only) and an inscription without its option, plus a code the catalog lacks.
    await page.goto(`/configure/${LINE}?c=PQD,45Q,Y1Y1,C3U,N5W-AF,1BE,PCZ,PW1,NOPE1&t.inscription=ERIKA`);
    await hydrated(page);
    const notice = page.getByTestId("repair-notice");
    await notice.waitFor();
    assert.match(await notice.innerText(), /Black Valcona leather requires Advanced or Premium\./);
    assert.match(await notice.locator('li[data-field="inscription"]').innerText(), /only with/);
    await page.getByText(/NOPE1/).first().waitFor();
    await screenshot(page, "configurator-repair-desktop");

    await notice.getByTestId("repair").click();
    await notice.waitFor({ state: "detached" });
    const repaired = await choicesInAddress(page);
    assert.ok(!repaired.includes("N5W-AF") && repaired.includes("PQD") && repaired.includes("PW1"), `repaired: ${repaired}`);
    assert.equal(new URL(page.url()).searchParams.get("t.inscription"), null);

    await openStep(page, "summary");
    const review = page.getByTestId("review-link");
    assert.equal(await review.getAttribute("aria-disabled"), "false");
    await review.click();
    await page.waitForURL(`**/configure/${LINE}/review?**`);
    await context.close();
  });

  it("configures the sedan from nothing to review: a conflict accepted, undone and redone, reload and back kept", async () => {
    const { context, page } = await newPage(browser);
    await page.goto("/");
    await hydrated(page);
    const card = page.locator(`li[data-line="${LINE}"]`);
    assert.match(await card.getByTestId("starting-price").innerText(), /^From \$[\d,]+\.\d\d$/);
    await card.getByRole("link").click();
    await page.waitForURL(`**/configure/${LINE}`);
    await hydrated(page);
    await page.getByRole("heading", { level: 1, name: "A6 L Executive Sedan" }).waitFor();
    assert.equal(await page.getByTestId("completeness").innerText(), en.configurator.price.missing.replace("{{n}}", "6"));

    await choose(page, "trim", "LB0");
    await choose(page, "powertrain", "40F");
    assert.deepEqual(await choicesInAddress(page), ["LB0", "40F"]);

    // 21-inch wheels are out with Base and 40 TFSI: marked, with the reason on hover.
    await openStep(page, "wheels");
    const wheels21 = value(page, "C9X");
    assert.equal(await wheels21.getAttribute("data-state"), "unavailable");
    await wheels21.hover();
    const reason = await wheels21.locator(".value__reason").innerText();
    assert.match(reason, /^Not with: /);
    await screenshot(page, "configurator-reason-desktop");

    // Choosing it anyway opens the conflict dialog; accept the proposal.
    const before = await total(page);
    await wheels21.locator(".value__choose").click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    assert.match(await dialog.getByRole("heading", { level: 2 }).innerText(), /^Change needed for 21-inch forged wheels/);
    const proposal = dialog.getByTestId("resolution").first();
    assert.match(await proposal.locator(".changes--remove").innerText(), /Base/);
    assert.match(await proposal.locator(".changes--add").innerText(), /S line/);
    assert.match(await proposal.locator(".resolution__price").innerText(), /\+\$[\d,]+\.\d\d/);
    await screenshot(page, "configurator-conflict-desktop");
    await proposal.getByRole("button").click();
    await dialog.waitFor({ state: "detached" });
    await page.waitForSelector('li[data-code="C9X"][data-state="chosen"]');
    const accepted = await choicesInAddress(page);
    assert.ok(accepted.includes("C9X") && accepted.includes("PQD") && !accepted.includes("LB0"), `accepted: ${accepted}`);
    assert.notEqual(await total(page), before);

    // Undo with the keyboard, redo with Ctrl+Y, undo again with the button.
    await page.keyboard.press("Control+z");
    await page.waitForSelector('li[data-code="C9X"][data-state="unavailable"]');
    assert.deepEqual(await choicesInAddress(page), ["LB0", "40F"]);
    assert.equal(await total(page), before);
    await page.keyboard.press("Control+y");
    await page.waitForSelector('li[data-code="C9X"][data-state="chosen"]');
    await page.getByRole("button", { name: en.configurator.history.undo, exact: true }).click();
    await page.waitForSelector('li[data-code="C9X"][data-state="unavailable"]');
    assert.deepEqual(await choicesInAddress(page), ["LB0", "40F"]);

    // A reload finds the configuration in the address.
    await page.reload();
    await hydrated(page);
    await page.waitForSelector('li[data-code="LB0"][data-state="chosen"]');
    assert.deepEqual(await choicesInAddress(page), ["LB0", "40F"]);
    assert.equal(await total(page), before);

    await choose(page, "exterior", "T9T9");
    await choose(page, "wheels", "C4T");
    await choose(page, "wheels", "1BA");
    await choose(page, "interior", "N4M-AF");
    await openStep(page, "summary");
    assert.equal(await page.getByTestId("completeness").innerText(), en.configurator.price.complete);
    const configuredTotal = await total(page);
    await screenshot(page, "configurator-summary-desktop");

    await page.getByTestId("review-link").click();
    await page.waitForURL(`**/configure/${LINE}/review?**`);
    await page.getByTestId("review-valid").waitFor();
    const review = page.getByTestId("review");
    for (const code of COMPLETE) assert.ok(await review.locator(`[data-testid="review-table"] tr[data-code="${code}"]`).count(), `review lists ${code}`);
    assert.equal((await page.getByTestId("price-total-cell").innerText()).trim(), configuredTotal);
    await screenshot(page, "configurator-review-desktop");
    await page.emulateMedia({ media: "print" });
    await screenshot(page, "configurator-review-print");
    await page.emulateMedia({ media: "screen" });

    // The back button returns to the configurator with every choice.
    await page.goBack();
    await page.waitForURL(`**/configure/${LINE}?**`);
    await hydrated(page);
    await page.getByTestId("configurator").waitFor();
    assert.deepEqual((await choicesInAddress(page)).sort(), [...COMPLETE].sort());
    assert.equal(await total(page), configuredTotal);

    // Opened again from the home page (no configuration in the address): this tab's configuration comes back.
    await page.getByRole("link", { name: en.nav.home, exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/");
    await page.locator(`li[data-line="${LINE}"] a`).click();
    await page.getByText(en.configurator.restored).waitFor();
    await page.waitForSelector('li[data-code="LB0"][data-state="chosen"]');
    assert.deepEqual((await choicesInAddress(page)).sort(), [...COMPLETE].sort());
    assert.equal(await total(page), configuredTotal);
    await context.close();
  });

  for (const [name, viewport] of [
    ["desktop", { width: 1280, height: 800 }],
    ["phone", { width: 390, height: 844 }],
  ] as const) {
    it(`a conflict on a complete car (${name}): the fixes side by side, each a whole car; applying one reaches review with no further choice`, async () => {
      const context = await browser.newContext({ viewport, locale: "en-US", baseURL: process.env.BASE_URL, hasTouch: name === "phone", isMobile: name === "phone" });
      const page = await context.newPage();
      page.on("pageerror", (error) => {
        throw error;
      });
      await openConfigurator(page, COMPLETE);
      assert.equal(await page.getByTestId("completeness").innerText(), en.configurator.price.complete);
      // The plug-in hybrid needs the Advanced trim and 18-inch wheels or larger: not with Base and 17-inch wheels.
      await openStep(page, "powertrain");
      const hybrid = value(page, "55E");
      assert.equal(await hybrid.getAttribute("data-state"), "unavailable");
      await hybrid.locator(".value__choose").click();
      const dialog = page.getByRole("dialog");
      await dialog.waitFor();
      const cards = dialog.getByTestId("resolution");
      assert.equal(await cards.count(), 2);
      const [first, second] = [await cards.nth(0).boundingBox(), await cards.nth(1).boundingBox()];
      assert.ok(first && second && Math.abs(first.y - second.y) < 1 && second.x > first.x, `side by side: ${JSON.stringify([first, second])}`);
      for (let i = 0; i < 2; i++) {
        const card = cards.nth(i);
        assert.match(await card.locator(".changes--remove").innerText(), /Base/);
        assert.match(await card.locator(".changes--add").innerText(), /Advanced/);
        assert.match(await card.locator(".resolution__price").innerText(), /\+\$[\d,]+\.\d\d/);
        assert.equal(await card.locator(".resolution__delivery").innerText(), "Delivery: 7 days later");
      }
      assert.notEqual(await cards.nth(0).locator(".changes--add").innerText(), await cards.nth(1).locator(".changes--add").innerText());
      await screenshot(page, `configurator-conflict-alternatives-${name}`);

      await cards.nth(0).getByRole("button").click();
      await dialog.waitFor({ state: "detached" });
      await page.waitForSelector('li[data-code="55E"][data-state="chosen"]');
      // A whole car: nothing left to choose.
      assert.equal(await page.getByTestId("completeness").innerText(), en.configurator.price.complete);
      const accepted = await choicesInAddress(page);
      assert.ok(accepted.includes("55E") && accepted.includes("LA1") && !accepted.includes("LB0") && !accepted.includes("C4T"), `accepted: ${accepted}`);
      await openStep(page, "summary");
      await page.getByTestId("review-link").click();
      await page.waitForURL(`**/configure/${LINE}/review?**`);
      await page.getByTestId("review-valid").waitFor();
      await context.close();
    });
  }

  it("switching the market re-prices the configuration and keeps it", async () => {
    const { context, page } = await newPage(browser);
    await openConfigurator(page, ["LB0"]);
    await choose(page, "powertrain", "45F");
    await choose(page, "exterior", "Y1Y1");
    assert.match(await total(page), /^\$/);
    await page.locator("#pref-market").selectOption("DE");
    await page.waitForFunction(() => document.querySelector('[data-testid="price-total"]')?.textContent?.startsWith("€"));
    await hydrated(page);
    await page.waitForSelector('li[data-code="Y1Y1"][data-state="chosen"]');
    assert.deepEqual((await choicesInAddress(page)).sort(), ["45F", "LB0", "Y1Y1"]);
    // The German price includes 19 % VAT.
    assert.match(await page.locator('tr[data-kind="vat"]').innerText(), /19 %/);
    await context.close();
  });

  it("recommends what customers who chose Base often add, with its reason, and Add chooses it", async () => {
    const { context, page } = await newPage(browser);
    // The demo's synthetic order history (db/seed-history.ts) is mined at start-up.
    await openConfigurator(page, ["LB0"]);
    await openStep(page, "wheels");
    const box = page.getByRole("region", { name: en.configurator.recommend.title });
    await box.waitFor();
    const first = box.locator("li").first();
    const code = await first.getAttribute("data-recommended");
    assert.ok(code, "a recommended value");
    assert.match(await first.innerText(), /^Customers who chose Base often add .+ \(\d+ %\)/);
    assert.ok((await box.locator("li").count()) <= 3);
    await screenshot(page, "configurator-recommendations-desktop");
    await first.getByRole("button", { name: /^Add / }).click();
    await page.waitForSelector(`li[data-code="${code}"][data-state="chosen"]`);
    assert.ok((await choicesInAddress(page)).includes(code!));
    assert.equal(await box.locator(`li[data-recommended="${code}"]`).count(), 0);
    await context.close();
  });

  it("is keyboard operable: arrows move between steps, Enter chooses, Esc declines a conflict", async () => {
    const { context, page } = await newPage(browser);
    await openConfigurator(page, ["LB0", "40F"]);
    await page.locator("#step-tab-trim").focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "step-tab-wheels");
    await page.waitForSelector('#step-panel[data-step="wheels"]');
    await value(page, "CH1").locator(".value__choose").focus();
    await page.keyboard.press("Enter");
    await page.waitForSelector('li[data-code="CH1"][data-state="chosen"]');
    // Focus on an unavailable value shows its reason; Enter opens the dialog; Esc declines.
    await value(page, "C9X").locator(".value__choose").focus();
    await value(page, "C9X").locator(".value__reason").waitFor();
    await page.keyboard.press("Enter");
    await page.getByRole("dialog").waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.closest('[role="dialog"]') !== null), true);
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "detached" });
    assert.deepEqual(await choicesInAddress(page), ["LB0", "40F", "CH1"]);
    assert.equal(await page.evaluate(() => document.activeElement?.closest('li[data-code="C9X"]') !== null), true, "focus returns to the value");
    await context.close();
  });

  it("saves for a signed-in customer and shares a code that a second browser context opens", async () => {
    const { context, page } = await newPage(browser);
    // Signed out: saving asks to sign in and comes back here.
    await openConfigurator(page, COMPLETE);
    await openStep(page, "summary");
    const signInLink = page.getByRole("link", { name: en.configurator.save.signIn });
    const redirectTo = new URL((await signInLink.getAttribute("href")) ?? "", "http://x").searchParams.get("redirectTo");
    assert.equal(redirectTo, `/configure/${LINE}?c=${encodeURIComponent(COMPLETE.join(","))}`);

    await signIn(page, "customer@atelier.test");
    await page.waitForURL("**/account");
    await openConfigurator(page, COMPLETE);
    await openStep(page, "summary");
    const name = `E2E sedan ${Date.now()}`;
    await page.getByLabel(en.configurator.save.name).fill(name);
    await page.getByRole("button", { name: en.configurator.save.submit }).click();
    await page.getByTestId("saved").waitFor();
    assert.match(await page.getByTestId("saved").innerText(), new RegExp(name));
    const saved = (await (await page.request.get("/api/v1/configurations")).json()) as { configurations: { name: string; choices: string[] }[] };
    const mine = saved.configurations.find((c) => c.name === name);
    assert.ok(mine, "the saved configuration is listed by the API");
    assert.deepEqual([...mine.choices].sort(), [...COMPLETE].sort());

    await page.getByRole("button", { name: en.configurator.share.submit }).click();
    const codeLink = page.getByTestId("share-code");
    await codeLink.waitFor();
    const code = await codeLink.getAttribute("data-code");
    assert.match(code ?? "", /^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{8}$/);
    await screenshot(page, "configurator-saved-shared-desktop");

    // Anyone can open the code: a second context, signed out.
    const other = await browser.newContext({ baseURL: new URL(page.url()).origin, locale: "en-US" });
    const visitor = await other.newPage();
    const response = await visitor.goto(`/share/${code}`);
    assert.equal(response?.status(), 200);
    await visitor.locator(`[data-code="${code}"]`).first().waitFor();
    const text = await visitor.locator("main").innerText();
    assert.match(text, /A6 L Executive Sedan/);
    assert.match(text, /Ibis White/);
    await screenshot(visitor, "configurator-share-opened");
    await other.close();
    await context.close();
  });

  it("shows the still picture by default on this software renderer, and a 'Show 3D view' button", async () => {
    const { context, page } = await newPage(webgl);
    await openConfigurator(page, ["LB0", "40F", "T9T9"]);
    // Chromium's WebGL here is SwiftShader (no GPU): the renderer probe runs when the browser is idle after hydration.
    const preview = page.getByTestId("scene-preview");
    await page.waitForSelector('[data-testid="scene-preview"]:not([data-renderer="unknown"])', { timeout: SCENE_TIMEOUT });
    assert.equal(await preview.getAttribute("data-renderer"), "software");
    assert.equal(await preview.getAttribute("data-view"), "still");
    assert.ok(await page.getByTestId("product-scene-still").isVisible());
    assert.equal(await page.getByTestId("product-scene").count(), 0);
    const show = page.getByRole("button", { name: en.configurator.scene.show3d, exact: true });
    assert.ok(await show.isVisible());
    // No three.js until asked for.
    assert.ok(!(await page.evaluate(() => performance.getEntriesByType("resource").some((e) => /ProductScene\.client/.test(e.name)))), "the 3D chunk loaded unasked");
    await screenshot(page, "configurator-software-still");
    await context.close();
  });

  it("paints the 3D body red when a red paint is chosen (canvas pixels)", async () => {
    const { context, page } = await newPage(webgl);
    await openConfigurator(page, ["LB0", "40F", "T9T9"]);
    // A software renderer here: the 3D view comes on request.
    await page.getByRole("button", { name: en.configurator.scene.show3d, exact: true }).click({ timeout: SCENE_TIMEOUT });
    const scene = page.getByTestId("product-scene");
    await page.waitForSelector('[data-testid="product-scene"][data-state="ready"]', { timeout: SCENE_TIMEOUT });
    await scene.locator('[data-preset="side"]').click();
    await page.waitForTimeout(1500);
    const white = await redShare(page);
    assert.ok(white >= 0 && white < 0.01, `white car shows ${(white * 100).toFixed(1)} % red pixels`);

    await choose(page, "exterior", "Y1Y1");
    // Frames render on demand: poll until the repaint is on the canvas.
    await page.waitForFunction(
      () => {
        const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="product-scene"] canvas');
        if (!canvas) return false;
        const probe = document.createElement("canvas");
        probe.width = 160;
        probe.height = 90;
        const ctx = probe.getContext("2d")!;
        ctx.drawImage(canvas, 0, 0, 160, 90);
        const d = ctx.getImageData(0, 0, 160, 90).data;
        let red = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i] > 90 && d[i] > d[i + 1] * 1.8 && d[i] > d[i + 2] * 1.8) red++;
        return red / (d.length / 4) > 0.05;
      },
      undefined,
      { timeout: SCENE_TIMEOUT, polling: 500 },
    );
    const red = await redShare(page);
    assert.ok(red > 0.05, `red car shows ${(red * 100).toFixed(1)} % red pixels`);
    await screenshot(page, "configurator-red-desktop");
    // The choice is kept for the tab: a reload brings the 3D view back, and the way back to the picture is there.
    await page.reload();
    await hydrated(page);
    await scene.waitFor({ timeout: SCENE_TIMEOUT });
    await page.getByRole("button", { name: en.configurator.scene.showPicture, exact: true }).click();
    await page.getByTestId("product-scene-still").waitFor();
    assert.equal(await scene.count(), 0);
    await context.close();
  });

  for (const [name, viewport] of [
    ["phone", { width: 390, height: 844 }],
    ["tablet", { width: 1024, height: 768 }],
    ["desktop", { width: 1440, height: 900 }],
  ] as const) {
    it(`lays out the configurator and the review at ${name} size (${viewport.width}×${viewport.height})`, async () => {
      const context = await browser.newContext({ viewport, locale: "en-US", baseURL: process.env.BASE_URL, hasTouch: name !== "desktop", isMobile: name === "phone" });
      const page = await context.newPage();
      page.on("pageerror", (error) => {
        throw error;
      });
      await openConfigurator(page, ["PQD", "45Q", "Y1Y1", "C3U"]);
      await openStep(page, "options");
      // Nothing is wider than the screen.
      assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= viewport.width, "no horizontal scrolling");
      // Without WebGL the still picture stands in for the 3D view.
      assert.ok(await page.getByTestId("product-scene-still").isVisible());
      // The total stays in view.
      assert.ok(await page.getByTestId("price-total").isVisible());
      // The viewport as a person sees it, from the top (a full-page shot would misplace the sticky price bar).
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(SCREENSHOT_DIR, `configurator-${name}.png`) });
      // The reason of an unavailable value: a tap on "why" on touch screens, hover with a mouse.
      const unavailable = page.locator('li[data-state="unavailable"]').first();
      if (name === "desktop") await unavailable.hover();
      else await unavailable.locator(".value__why").tap();
      await unavailable.locator(".value__reason").waitFor();
      await page.screenshot({ path: join(SCREENSHOT_DIR, `configurator-${name}-reason.png`) });
      await page.goto(`/configure/${LINE}/review?c=${COMPLETE.join(",")}`);
      await page.getByTestId("review-valid").waitFor();
      assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= viewport.width, "review: no horizontal scrolling");
      await screenshot(page, `configurator-review-${name}`);
      if (name === "desktop") {
        // The print stylesheet fits a well-equipped configuration on one page.
        await page.goto(`/configure/${LINE}/review?c=${RICH.join(",")}&t.inscription=ANNA`);
        await page.getByTestId("review-valid").waitFor();
        const pdf = await page.pdf({ format: "A4", path: join(SCREENSHOT_DIR, "configurator-review.pdf") });
        const pages = pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
        assert.equal(pages, 1, `the printed summary has ${pages} pages`);
      }
      await context.close();
    });
  }
});
