import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { startServer, stopServer } from "./lib/server";
const dataRoot = mkdtempSync(join(tmpdir(), "shots-"));
const { baseUrl, server } = await startServer(process.cwd(), { env: { PGLITE_DIR: join(dataRoot, "p"), DATA_DIR: join(dataRoot, "d"), NODE_ENV: "production", ATELIER_SCENE_PAGE: "1" }, unset: ["DATABASE_URL"], host: "localhost", stderrTail: 2000 });
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
try {
  const page = await browser.newPage({ viewport: { width: 900, height: 600 } });
  page.on("console", (m) => console.log("console:", m.text()));
  await page.goto(`${baseUrl}/dev/scene?model=sedan&keys=paint:tango-red:metallic&camera=side&w=640&h=360`);
  await page.waitForSelector('[data-testid="product-scene"][data-state="ready"]', { timeout: 60000 });
  for (let i = 0; i < 6; i++) {
    console.log(await page.getAttribute('[data-testid="product-scene"]', "data-drawn"));
    await page.waitForTimeout(500);
  }
  await page.evaluate((url) => (window as any).__remixRouter.navigate(url, { replace: true }), `/dev/scene?model=sedan&keys=paint:tango-red:metallic,glass:privacy&camera=rear&w=640&h=360`);
  for (let i = 0; i < 6; i++) {
    console.log(await page.getAttribute('[data-testid="product-scene"]', "data-drawn"));
    await page.waitForTimeout(500);
  }
} finally {
  await browser.close();
  await stopServer(server);
}
