// @vitest-environment jsdom
/**
 * The notifications page as rendered, against a real seeded database: news
 * about a followed configuration (written when a catalog version is
 * published) reads as a sentence in the reader's language with the money in
 * the customer's market, and links to the nearest configuration by its name.
 */
import { eq } from "drizzle-orm";
import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { Outlet } from "react-router-dom";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { notifications, users } from "#db/schema";
import { insertPublishedVersion } from "#db/seed";
import { parseCatalog } from "~/domain/catalog";
import { demoCatalog, sessionCookie, useSeededProcessDb, userId, type ProcessDb } from "~/.server/configurations/configurations.testing";
import { saveConfiguration } from "~/.server/configurations/configurations.server";
import { followConfiguration } from "~/.server/configurations/follows.server";
import { getI18n } from "~/i18n";
import { loader as rootLoader } from "~/root";
import { formatMoney } from "~/utils/money";
import Notifications, { loader } from "./account.notifications";

let pdb: ProcessDb;
let db: Db;
let cookie: string;

beforeAll(async () => {
  pdb = await useSeededProcessDb();
  db = pdb.db;
  const clara = await userId(db, "customer@atelier.test");
  cookie = await sessionCookie(db, clara);
  await db.update(users).set({ preferredMarket: "DE", preferredLanguage: "ko" }).where(eq(users.id, clara));
  const saved = await saveConfiguration(db, clara, { line: "sedan-a6l", choices: ["PQD", "VT7", "WQS"], texts: {}, name: "주말 차" });
  if (!saved.ok) throw new Error(saved.problem.message);
  const followed = await followConfiguration(db, clara, saved.value.id);
  if (!followed.ok) throw new Error(followed.problem.message);
  const catalog = demoCatalog();
  const sedan = catalog.productLines.find((l) => l.code === "sedan-a6l")!;
  sedan.basePrice.DE = sedan.basePrice.DE! + 250_000;
  await db.transaction((tx) => insertPublishedVersion(tx, { id: "notify-v2", label: "2027.1", catalog: parseCatalog(catalog) }, new Date(Date.now() + 60_000)));
});

afterAll(async () => {
  await pdb?.close();
});

async function render(): Promise<void> {
  const path = "/account/notifications";
  const headers = { Cookie: cookie };
  const call = async (fn: unknown) => JSON.parse(JSON.stringify(await (fn as (a: object) => Promise<unknown>)({ request: new Request(`http://localhost${path}`, { headers }), params: {}, context: {} })));
  const rootData = await call(rootLoader);
  const pageData = await call(loader);
  const handler = createStaticHandler([
    { id: "root", path: "/", loader: () => rootData, element: <Outlet />, children: [{ id: "page", path: path.slice(1), loader: () => pageData, Component: Notifications }] },
  ]);
  const context = await handler.query(new Request(`http://localhost${path}`));
  if (context instanceof Response) throw new Error(`unexpected response ${context.status}`);
  document.body.innerHTML = renderToString(
    <I18nextProvider i18n={getI18n("ko")}>
      <StaticRouterProvider router={createStaticRouter(handler.dataRoutes, context)} context={context} hydrate={false} />
    </I18nextProvider>,
  );
}

describe("/account/notifications", () => {
  it("tells a followed configuration's new price in the reader's language and the customer's market, linking to it by name", async () => {
    const [news] = await db.select().from(notifications).where(eq(notifications.kind, "configuration.price"));
    expect(news).toBeDefined();
    await render();
    const item = document.querySelector('[data-kind="configuration.price"]')!;
    expect(item).not.toBeNull();
    const text = item.textContent!;
    expect(text).toContain("카탈로그 2027.1");
    expect(text).toContain("주말 차");
    expect(text).toContain(formatMoney(Number(news!.data.priceAfter), "DE", "ko"));
    expect(text).toContain(formatMoney(Number(news!.data.priceBefore), "DE", "ko"));
    expect(text).not.toMatch(/\{\{|\}\}|undefined|NaN/);
    const link = item.querySelector("a")!;
    expect(link.getAttribute("href")).toBe("/configure/sedan-a6l?c=PQD%2CVT7%2CWQS");
    expect(link.textContent).toBe("주말 차 열기");
  });
});
