import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { startServer, stopServer } from "./lib/server";
const shots = JSON.parse(process.argv[2]) as [string, string, string, string][];
const dataRoot = mkdtempSync(join(tmpdir(), "shots-"));
const { baseUrl, server } = await startServer(process.cwd(), { env: { PGLITE_DIR: join(dataRoot, "p"), DATA_DIR: join(dataRoot, "d"), NODE_ENV: "production", ATELIER_SCENE_PAGE: "1" }, unset: ["DATABASE_URL"], host: "localhost", stderrTail: 2000 });
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
try {
  const page = await browser.newPage({ viewport: { width: 900, height: 500 } });
  for (const [name, model, keys, camera] of shots) {
    await page.goto(`${baseUrl}/dev/scene?model=${model}&keys=${encodeURIComponent(keys)}&camera=${camera}&w=880&h=460`);
    await page.waitForSelector('[data-testid="product-scene"][data-state="ready"]', { timeout: 60000 });
    await page.waitForTimeout(2500);
    await page.screenshot({ path: `/tmp/shots/${name}.png` });
  }
} finally {
  await browser.close();
  await stopServer(server);
}
