/**
 * The planner sequences the demo sedan line's busy day (issue 16): drags a car
 * to another place (it is locked there), moves one with the keyboard,
 * optimises with a short budget (the locked car stays), publishes, exports.
 */
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
  it("opens /planning/sequence from the navigation, drags a car and locks it, optimises for 2 s around it, publishes, and the positions stay", async () => {
    const en = LOCALES.en;
    const { context, page } = await newPage(browser, { viewport: { width: 1440, height: 900 } });
    await signIn(page, "planner@atelier.test");
    await heading(page, en.queue.title);
    await page.getByRole("link", { name: en.planning.nav.sequence }).click();
    await heading(page, en.sequence.title);
    await hydrated(page);
    // The demo's busy sedan day (some forty cars): the day link with the most orders.
    const dayLinks = page.locator(".sequence__days a");
    const counts = await dayLinks.evaluateAll((links) => links.map((a) => Number(/\((\d+)\)\s*$/.exec(a.textContent ?? "")?.[1] ?? 0)));
    await dayLinks.nth(counts.indexOf(Math.max(...counts))).click();
    await page.waitForURL(/day=/);
    await hydrated(page);
    const cars = page.locator(".sequence-strip__car");
    assert.ok((await cars.count()) >= 30, "the busy demo day has some forty cars");
    const car = (i: number) => page.locator(`.sequence-strip__car[data-index="${i}"]`);
    // Drag the first car onto the sixth place, with the pointer in small steps as a hand would.
    const dragged = (await car(0).getAttribute("data-order"))!;
    const from = (await car(0).boundingBox())!;
    const to = (await car(5).boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
    await page.mouse.up();
    await page.getByText(en.sequence.source.draft).waitFor();
    await page.locator(`.sequence-strip__car--locked[data-order="${dragged}"]`).waitFor();
    assert.equal(await car(5).getAttribute("data-order"), dragged, "the dragged car is at the sixth place");
    // The keyboard moves a focused car one place (the table's ↑/↓ buttons stay as well).
    const keyed = (await car(10).getAttribute("data-order"))!;
    await car(10).focus();
    await page.keyboard.press("ArrowRight");
    await page.locator(`.sequence-strip__car--locked[data-order="${keyed}"][data-index="11"]`).waitFor();
    await page.getByRole("row", { name: new RegExp(en.sequence.fcfs) }).waitFor();
    // The score (1e6, 1e3, 1 by rank: seven digits or more on a day with a high-priority violation) in English digit groups.
    assert.match((await page.locator('tr[data-row="fcfs"] td').last().textContent())!, /^\d{1,3}(,\d{3})+$/, "the score has thousands separators");
    await page.getByLabel(en.sequence.budget).fill("2");
    await page.getByRole("button", { name: en.sequence.optimise, exact: true }).click();
    await page.getByRole("progressbar", { name: en.sequence.progress }).waitFor();
    await page.getByRole("status").filter({ hasText: /^Optimised:/ }).waitFor({ timeout: 20_000 });
    await page.getByText(en.sequence.source.draft).waitFor();
    // Optimising kept the locked cars where the planner put them.
    assert.equal(await car(5).getAttribute("data-order"), dragged);
    assert.equal(await car(11).getAttribute("data-order"), keyed);
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

  it("on a touch screen, a finger drags a car to another place (locked there)", async () => {
    const en = LOCALES.en;
    const { context, page } = await newPage(browser, { viewport: { width: 1024, height: 768 }, hasTouch: true });
    await signIn(page, "planner@atelier.test");
    await heading(page, en.queue.title);
    await page.goto("/planning/sequence");
    await hydrated(page);
    const dayLinks = page.locator(".sequence__days a");
    const counts = await dayLinks.evaluateAll((links) => links.map((a) => Number(/\((\d+)\)\s*$/.exec(a.textContent ?? "")?.[1] ?? 0)));
    await dayLinks.nth(counts.indexOf(Math.max(...counts))).click();
    await page.waitForURL(/day=/);
    await hydrated(page);
    const car = (i: number) => page.locator(`.sequence-strip__car[data-index="${i}"]`);
    const dragged = (await car(2).getAttribute("data-order"))!;
    const from = (await car(2).boundingBox())!;
    const to = (await car(8).boundingBox())!;
    // Real touch events (touchstart, touchmove, touchend), as a finger sends them: the page sees pointer events of type "touch".
    const cdp = await context.newCDPSession(page);
    // A slow tablet: moves and the lift arrive before React has rendered the moves (the drop must use the last one).
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 8 });
    const point = (box: { x: number; y: number; width: number; height: number }, t = 1) => ({ x: box.x + box.width / 2, y: box.y + (box.height / 2) * t });
    await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [point(from)] });
    for (let k = 1; k <= 10; k++) {
      const a = point(from);
      const b = point(to);
      await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ x: a.x + ((b.x - a.x) * k) / 10, y: a.y + ((b.y - a.y) * k) / 10 }] });
    }
    await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
    await page.locator(`.sequence-strip__car--locked[data-order="${dragged}"][data-index="8"]`).waitFor();
    await screenshot(page, "planner-sequence-touch-drag");
    await done(context);
  });
});
