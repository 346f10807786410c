/** Frame times while a pointer drags the 3D view left and right for about three seconds (bench:ui, bench:scene). */
import type { Locator, Page } from "playwright-core";

export async function orbitFrameTimes(page: Page, canvas: Locator): Promise<number[]> {
  const box = (await canvas.boundingBox())!;
  await page.evaluate(() => {
    const w = window as Window & { __frames?: number[]; __recording?: boolean };
    w.__frames = [];
    w.__recording = true;
    let last = performance.now();
    const tick = (now: number) => {
      w.__frames!.push(now - last);
      last = now;
      if (w.__recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame((now) => {
      last = now;
      requestAnimationFrame(tick);
    });
  });
  const y = box.y + box.height * 0.5;
  await page.mouse.move(box.x + box.width * 0.3, y);
  await page.mouse.down();
  const started = Date.now();
  let i = 0;
  while (Date.now() - started < 3000) {
    const phase = (i++ % 60) / 60;
    const x = box.x + box.width * (0.3 + 0.4 * Math.abs(1 - 2 * phase));
    await page.mouse.move(x, y + Math.sin(phase * Math.PI * 2) * 20, { steps: 1 });
    await page.waitForTimeout(16);
  }
  await page.mouse.up();
  return page.evaluate(() => {
    const w = window as Window & { __frames?: number[]; __recording?: boolean };
    w.__recording = false;
    return w.__frames ?? [];
  });
}
