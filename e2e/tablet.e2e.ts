/**
 * Dealership staff on a landscape touch tablet (1024×768): every page a dealer
 * or a sales manager uses is measured in the browser, not looked at.
 *
 * Touch targets (WCAG 2.5.5, and Apple's and Google's 44/48 px guides): every
 * visible `a[href]`, `button`, `select`, `textarea`, `input`, `summary` and
 * `[role=tab]` is at least 44×44 CSS px, measured with getBoundingClientRect.
 * - A checkbox or radio is hit through its label too, so its target is the
 *   box of the `label` that wraps it (the input's own box when none does).
 * - Exempt: a link that flows inline inside a paragraph of running text
 *   (`p` with words outside the link, not inside a `nav`): its height is the
 *   line's, which is WCAG 2.5.8's "inline" exception. Navigation and
 *   breadcrumb links live in a `nav`, so they are never exempt.
 * - Not measured: what a finger cannot reach — elements with no box
 *   (display: none, closed details), visually hidden ones (1 px), and ones
 *   placed off the page (the skip link until it is focused).
 *
 * Clipping: no table cell whose content is wider than the cell, no element
 * with overflow hidden/clip that cuts its content off (unless it ends in an
 * ellipsis and has a title with the whole text), no table wider than the box
 * it sits in (at 1024 px every table fits; nothing is left to scroll to), and
 * no page wider than the viewport. On the customer's page the texts of the
 * facts (email, phone, …) don't run into each other.
 *
 * The planners' queue, on a 1440×900 desktop, uses ≥ 90 % of the width.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { done, hydrated, launchBrowser, LOCALES, newPage, screenshot, signIn, switchLanguage } from "./support";

const en = LOCALES.en;
const TABLET = { width: 1024, height: 768 };
const DESKTOP = { width: 1440, height: 900 };
const MIN_TARGET = 44;
const LINE = "sedan-a6l";
/** Base, 40 TFSI, Ibis White, dynamic suspension, black Milano leather: complete once the wheels are chosen. */
const START = ["LB0", "40F", "T9T9", "1BA", "N4M-AF"];
/** The configurator is measured once its step tabs and camera presets are there. */
const EDITOR: Measure = { ready: '[role="tab"]', least: 30 };

/**
 * tsx (esbuild) names the functions declared inside a page.evaluate callback
 * with a `__name` helper that exists in Node, not in the page: give the pages one.
 */
async function tabletPage(viewport: { width: number; height: number }, hasTouch: boolean) {
  const opened = await newPage(browser, { viewport, hasTouch });
  await opened.context.addInitScript("window.__name = (f) => f;");
  return opened;
}

/**
 * Measure the page (or the part of it under `scope`) in the browser: the
 * touch targets under 44 px and what is cut off, each as a readable line.
 * Fewer than `least` targets found is a problem too (a page that didn't
 * render would otherwise pass). A table wider than its box is a problem,
 * unless `tablesMayScroll` and the box scrolls sideways with the edge shadow
 * that shows there is more (the --scroll-shadows background).
 */
async function audit(page: Page, scope: string, least: number, tablesMayScroll: boolean): Promise<string[]> {
  // least = 0: the targets aren't measured (a page for a mouse), only what is cut off.
  return page.evaluate(
    ({ scope, min, least, tablesMayScroll }) => {
      const problems: string[] = [];
      const root = document.querySelector(scope);
      if (!root) return [`nothing matches ${scope}`];
      const viewport = document.documentElement.clientWidth;
      const name = (el: Element) => {
        const text = (el.getAttribute("aria-label") || el.textContent || el.getAttribute("placeholder") || el.getAttribute("name") || "").replace(/\s+/g, " ").trim();
        const classes = typeof el.className === "string" && el.className.trim() ? `.${el.className.trim().split(/\s+/).join(".")}` : "";
        return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${classes} "${text.slice(0, 40)}"`;
      };
      const size = (r: DOMRect) => `${Math.round(r.width * 10) / 10}×${Math.round(r.height * 10) / 10}`;
      // A box a finger can touch: laid out, not visually hidden (1 px), not placed above or left of the page.
      const reachable = (el: Element) => {
        const r = el.getBoundingClientRect();
        if (r.width <= 1 || r.height <= 1 || getComputedStyle(el).visibility === "hidden") return false;
        return r.bottom + window.scrollY > 0 && r.right + window.scrollX > 0;
      };
      const inRunningText = (el: Element) => {
        const paragraph = el.closest("p");
        if (el.tagName !== "A" || !paragraph || el.closest("nav") || getComputedStyle(el).display !== "inline") return false;
        return (paragraph.textContent ?? "").replace(el.textContent ?? "", "").trim() !== "";
      };

      let targets = 0;
      for (const el of least === 0 ? [] : root.querySelectorAll("a[href], button, select, textarea, input:not([type=hidden]), summary, [role=tab]")) {
        const choice = el.matches("input[type=checkbox], input[type=radio]");
        const target = (choice && el.closest("label")) || el;
        if (!reachable(target) || inRunningText(el)) continue;
        targets += 1;
        const r = target.getBoundingClientRect();
        if (r.width + 0.5 < min || r.height + 0.5 < min) problems.push(`target ${name(target)} is ${size(r)}`);
      }
      if (targets < least) problems.push(`only ${targets} touch target(s) under ${scope}, expected at least ${least}`);

      for (const el of root.querySelectorAll("*")) {
        if (!reachable(el)) continue;
        const style = getComputedStyle(el);
        const cut = el.scrollWidth - el.clientWidth;
        if (cut <= 1) continue;
        if (el.matches("td, th")) problems.push(`cell ${name(el)} needs ${el.scrollWidth}px, has ${el.clientWidth}px`);
        else if ((style.overflowX === "hidden" || style.overflowX === "clip") && !(style.textOverflow === "ellipsis" && el.getAttribute("title")))
          problems.push(`${name(el)} cuts off ${cut}px of its content`);
      }

      for (const table of root.querySelectorAll("table")) {
        if (!reachable(table)) continue;
        // The box that would clip or scroll the table: its nearest ancestor that doesn't let it overflow; else the viewport.
        let box = table.parentElement;
        while (box && box !== document.body && getComputedStyle(box).overflowX === "visible") box = box.parentElement;
        const limit = box && box !== document.body ? box.getBoundingClientRect() : new DOMRect(0, 0, viewport, 0);
        const right = Math.min(limit.right, viewport);
        const r = table.getBoundingClientRect();
        const scrolls = box && box !== document.body && ["auto", "scroll"].includes(getComputedStyle(box).overflowX);
        if (r.right > right + 1 && tablesMayScroll && scrolls) {
          if (!getComputedStyle(box!).backgroundImage.includes("gradient")) problems.push(`table ${name(table).slice(0, 60)} scrolls with no shadow at the edge`);
        } else if (r.right > right + 1) {
          const hidden = [...table.querySelectorAll("thead th")].filter((th) => th.getBoundingClientRect().right > right + 1).map((th) => th.textContent?.trim());
          problems.push(`table ${name(table.querySelector("caption, thead") ?? table).slice(0, 60)} is ${Math.round(r.width)}px wide in ${Math.round(right - limit.left)}px: cut off at ${JSON.stringify(hidden)}`);
        }
      }

      // A select draws its chosen option itself (no scrollWidth to read): measure that text in the select's font.
      const pen = document.createElement("canvas").getContext("2d")!;
      for (const select of root.querySelectorAll("select")) {
        if (!reachable(select)) continue;
        const style = getComputedStyle(select);
        pen.font = style.font;
        const chosen = select.selectedOptions[0]?.text ?? "";
        const arrow = 16;
        const needed = pen.measureText(chosen).width + parseFloat(style.paddingLeft) + parseFloat(style.paddingRight) + arrow;
        if (needed > select.clientWidth + 1) problems.push(`${name(select).replace(/ ".*/, "")} cuts off its choice "${chosen}" (needs ${Math.ceil(needed)}px, has ${select.clientWidth}px)`);
      }

      const pageWidth = document.documentElement.scrollWidth;
      if (pageWidth > viewport + 1) problems.push(`the page is ${pageWidth}px wide in a ${viewport}px viewport`);
      return problems;
    },
    { scope, min: MIN_TARGET, least, tablesMayScroll },
  );
}

interface Measure {
  /** Only the part of the page under this selector (default: the whole page). */
  scope?: string;
  /** Wait for this selector to be visible first (what the page is about, e.g. the configurator's tabs). */
  ready?: string;
  /** At least this many targets (default 8: the header's brand, three nav links, two selects, Apply, Sign out); 0: don't measure targets. */
  least?: number;
  /** A table may be wider than its box if the box scrolls and shows so (default: every table fits). */
  tablesMayScroll?: boolean;
}

/** Open `path`, wait for it to be live, and measure it (screenshot: tablet-<who>-<name>.png). */
async function visit(page: Page, who: string, name: string, path: string, measure: Measure = {}): Promise<string[]> {
  await page.goto(path);
  await hydrated(page);
  return measured(page, who, name, measure);
}

/** Measure the page as it is; each offender comes back prefixed with who saw it where. */
async function measured(page: Page, who: string, name: string, { scope = "body", ready, least = 8, tablesMayScroll = false }: Measure = {}): Promise<string[]> {
  if (ready) await page.locator(ready).first().waitFor();
  await screenshot(page, `tablet-${who}-${name}`);
  const path = new URL(page.url()).pathname;
  return (await audit(page, scope, least, tablesMayScroll)).map((problem) => `${who} ${path}: ${problem}`);
}

/** The texts of the customer's facts (email, phone, …), and which of them overlap one another on screen. */
async function overlappingFacts(page: Page): Promise<{ texts: string[]; overlaps: string[] }> {
  return page.locator("dl.dealer-facts dd").evaluateAll((dds) => {
    const boxes = dds.map((dd) => {
      const range = document.createRange();
      range.selectNodeContents(dd);
      return { text: (dd.textContent ?? "").trim(), r: range.getBoundingClientRect() };
    });
    const overlaps: string[] = [];
    for (const [i, a] of boxes.entries())
      for (const b of boxes.slice(i + 1))
        if (a.r.left < b.r.right && b.r.left < a.r.right && a.r.top < b.r.bottom && b.r.top < a.r.bottom) overlaps.push(`"${a.text}" runs into "${b.text}"`);
    return { texts: boxes.map((b) => b.text), overlaps };
  });
}

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

describe("dealership staff on a 1024×768 touch tablet", () => {
  it("every page a dealer and a sales manager use has touch targets of 44 px or more and cuts nothing off", async () => {
    const stamp = Date.now();
    // A long email with no place to break: the kind that ran over the phone number.
    const customer = { name: `Tablet Test ${stamp}`, email: `konstantin.leutheusser-schnarrenberger.${stamp}@autohaus-beispiel-muenchen.test`, phone: "+49 89 5550101 22" };
    const offenders: string[] = [];
    const factsOverlap = async (who: string, page: Page) => {
      const { texts, overlaps } = await overlappingFacts(page);
      assert.deepEqual(texts.slice(0, 2), [customer.email, customer.phone], "the customer's page shows the email, then the phone");
      return overlaps.map((o) => `${who} ${new URL(page.url()).pathname}: ${o}`);
    };

    const dealer = await tabletPage(TABLET, true);
    const d = dealer.page;
    await signIn(d, "dealer@atelier.test");
    await d.waitForURL((url) => url.pathname === "/dealer");
    offenders.push(...(await visit(d, "dealer", "quotes", "/dealer")));
    // The product lines, where the header's brand leads (and the language and market switch sends back to).
    offenders.push(...(await visit(d, "dealer", "product-lines", "/")));
    offenders.push(...(await visit(d, "dealer", "customers", "/dealer/customers")));

    await d.getByLabel(en.customers.name, { exact: true }).fill(customer.name);
    await d.getByLabel(en.customers.email, { exact: true }).fill(customer.email);
    await d.getByLabel(en.customers.phone, { exact: true }).fill(customer.phone);
    await d.getByLabel(en.customers.consent).check();
    await d.getByRole("button", { name: en.customers.create, exact: true }).tap();
    await d.getByRole("heading", { level: 1, name: customer.name }).waitFor();
    const customerPage = new URL(d.url()).pathname;
    const customerId = customerPage.split("/").at(-1)!;
    await hydrated(d);
    offenders.push(...(await measured(d, "dealer", "customer")));
    offenders.push(...(await factsOverlap("dealer", d)));

    offenders.push(...(await visit(d, "dealer", "new-quote", `/dealer/quotes/new?customer=${customerId}`)));
    // The quote editor with the configurator; a discount over the cap, so the sales manager has a quote to approve.
    offenders.push(...(await visit(d, "dealer", "new-quote-editor", `/dealer/quotes/new/${LINE}?customer=${customerId}&c=${START.join(",")}`, EDITOR)));
    await d.locator("#step-tab-wheels").tap();
    await d.waitForSelector('#step-panel[data-step="wheels"]');
    await d.locator('li[data-code="C4T"] .value__choose').tap();
    await d.waitForSelector('li[data-code="C4T"][data-state="chosen"]');
    await d.locator('input[name="discountValue"]').fill("8");
    await d.getByTestId("needs-approval").waitFor();
    await d.getByTestId("save-quote").tap();
    await d.waitForURL((url) => /^\/dealer\/quotes\/Q-\d{7}$/.test(url.pathname));
    const quotePage = new URL(d.url()).pathname;

    const orders = async (who: string, page: Page) => {
      const found = await visit(page, who, "orders", "/dealer/orders");
      const first = page.getByTestId("order-table").locator("tbody a").first();
      const orderPage = (await first.getAttribute("href"))!;
      return [...found, ...(await visit(page, who, "order", orderPage))];
    };
    const quote = async (who: string, page: Page) => [
      ...(await visit(page, who, "quote", quotePage)),
      ...(await visit(page, who, "quote-editor", `${quotePage}/edit`, EDITOR)),
      // The customer view covers the viewport; the site's header underneath can't be touched.
      ...(await visit(page, who, "present", `${quotePage}/present`, { scope: '[data-testid="present"]', least: 2 })),
    ];

    offenders.push(...(await quote("dealer", d)));
    offenders.push(...(await orders("dealer", d)));
    await done(dealer.context);

    const manager = await tabletPage(TABLET, true);
    const m = manager.page;
    await signIn(m, "manager@atelier.test");
    await m.waitForURL((url) => url.pathname === "/dealer");
    offenders.push(...(await visit(m, "manager", "quotes", "/dealer")));
    assert.equal(await m.getByTestId("pending-approvals").locator(`tr[data-quote="${quotePage.split("/").at(-1)}"]`).count(), 1, "the manager sees the quote waiting for approval");
    offenders.push(...(await visit(m, "manager", "customers", "/dealer/customers")));
    offenders.push(...(await visit(m, "manager", "customer", customerPage)));
    offenders.push(...(await factsOverlap("manager", m)));
    offenders.push(...(await quote("manager", m)));
    offenders.push(...(await orders("manager", m)));
    // Another script, other widths: the lists and the editor in Japanese.
    await switchLanguage(m, "ja");
    offenders.push(...(await visit(m, "manager-ja", "quotes", "/dealer")));
    offenders.push(...(await visit(m, "manager-ja", "quote-editor", `${quotePage}/edit`, EDITOR)));
    await done(manager.context);

    assert.equal(offenders.length, 0, `${offenders.length} problem(s) on the tablet:\n${offenders.join("\n")}`);
  });
});

describe("planners on a 1440×900 desktop", () => {
  it("the queue uses the width of the screen; on smaller ones its table fits or scrolls in its own box, showing so", async () => {
    const { context, page } = await tabletPage(DESKTOP, false);
    await signIn(page, "planner@atelier.test");
    await page.waitForURL((url) => url.pathname === "/planning");
    await hydrated(page);
    await screenshot(page, "planner-queue-1440x900");
    const width = (await page.locator("table.data-table").boundingBox())!.width;
    assert.ok(width >= 0.9 * DESKTOP.width, `the queue table is ${Math.round(width)}px wide on a ${DESKTOP.width}px screen (< 90 %)`);

    // A smaller screen: the queue's many columns may scroll inside their own box, never the page, never cut off.
    // Planners work with a mouse: the queue's dense rows are not measured as touch targets.
    await page.setViewportSize(TABLET);
    const offenders = await measured(page, "planner", "queue-1024", { tablesMayScroll: true, least: 0 });
    // Portrait (768 px): now the table is wider than its box, which must scroll and show the shadow at its edge.
    await page.setViewportSize({ width: 768, height: 1024 });
    assert.ok(await page.locator(".table-scroll").evaluate((box) => box.scrollWidth > box.clientWidth), "at 768 px the queue's table is wider than its box");
    offenders.push(...(await measured(page, "planner", "queue-768", { tablesMayScroll: true, least: 0 })));
    assert.equal(offenders.length, 0, `${offenders.length} problem(s) on the planners' queue at 1024 and 768 px:\n${offenders.join("\n")}`);
    await done(context);
  });
});
