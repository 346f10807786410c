// @vitest-environment jsdom
/**
 * The design sheet, against a real seeded database and rendered through a
 * data router with the real root and page loaders: the review page's "Print
 * design sheet" makes a share code of the configuration and opens its sheet;
 * the sheet shows the picture as configured, every choice with its code, the
 * price with the market's tax, the delivery estimate, and the share code with
 * a QR code that encodes the address reopening it. A configuration that can't
 * be shared is a 400; an unknown code a 404.
 */
import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { Outlet } from "react-router-dom";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { demoSedan, useSeededProcessDb, type ProcessDb } from "~/.server/configurations/configurations.testing";
import { getSharedConfiguration } from "~/.server/configurations/configurations.server";
import { configureHref } from "~/domain/forms/configuration";
import { getI18n } from "~/i18n";
import { loader as rootLoader } from "~/root";
import { action as reviewAction } from "./configure.$line.review";
import DesignSheet, { loader as sheetLoader } from "./share.$code_.sheet";
import { run } from "./pages.testing";

let pdb: ProcessDb;
let db: Db;
let choices: string[];

beforeAll(async () => {
  pdb = await useSeededProcessDb();
  db = pdb.db;
  choices = (await demoSedan(db, ["PQD"])).choices;
});

afterAll(async () => {
  await pdb?.close();
});

const SEDAN = "sedan-a6l";
const reviewPost = (query: string) => new Request(`http://localhost/configure/${SEDAN}/review${query}`, { method: "POST", body: new FormData() });

async function renderSheet(code: string): Promise<string> {
  const path = `/share/${code}/sheet`;
  const headers = { "Accept-Language": "en-US" };
  const call = async (fn: unknown) => JSON.parse(JSON.stringify(await (fn as (a: object) => Promise<unknown>)({ request: new Request(`http://localhost${path}`, { headers }), params: { code }, context: {} })));
  const rootData = await call(rootLoader);
  const pageData = await call(sheetLoader);
  const handler = createStaticHandler([{ id: "root", path: "/", loader: () => rootData, element: <Outlet />, children: [{ id: "page", path: path.slice(1), loader: () => pageData, Component: DesignSheet }] }]);
  const context = await handler.query(new Request(`http://localhost${path}`));
  if (context instanceof Response) throw new Error(`unexpected response ${context.status}`);
  return renderToString(
    <I18nextProvider i18n={getI18n("en")}>
      <StaticRouterProvider router={createStaticRouter(handler.dataRoutes, context)} context={context} hydrate={false} />
    </I18nextProvider>,
  );
}

describe("the design sheet", () => {
  it("is made from the review page: a share code of exactly the configuration, then its sheet", async () => {
    const query = configureHref(SEDAN, choices, {}).slice(`/configure/${SEDAN}`.length);
    const out = await run(reviewAction, reviewPost(query), { line: SEDAN });
    expect(out.status).toBe(302);
    const code = /^\/share\/([A-Z0-9]{8})\/sheet$/.exec(out.response!.headers.get("Location")!)![1]!;
    const shared = await getSharedConfiguration(db, code);
    expect(shared).toMatchObject({ line: SEDAN, choices });

    document.body.innerHTML = await renderSheet(code);
    const sheet = document.querySelector('[data-testid="design-sheet"]')!;
    expect(sheet.getAttribute("data-code")).toBe(code);
    // The share code, readable, and a QR code (an SVG with modules drawn) beside it, with the address it opens.
    expect(document.querySelector('[data-testid="sheet-code"]')!.textContent).toContain(`${code.slice(0, 4)} ${code.slice(4)}`);
    expect(document.querySelector('[data-testid="sheet-code"]')!.textContent).toContain(`/share/${code}`);
    const qr = document.querySelector('[data-testid="sheet-qr"] svg')!;
    expect(qr).not.toBeNull();
    expect(qr.querySelectorAll("path").length).toBeGreaterThan(0);
    // The picture as configured.
    expect(document.querySelector('[data-testid="product-scene-still"]')!.getAttribute("data-kind")).toBe("sedan");
    // Every choice with its code, and the price with the US market's tax as it is named there.
    for (const c of choices) expect(document.querySelector(`[data-code="${c}"]`), c).not.toBeNull();
    expect(sheet.textContent).toContain("Sales tax (estimated, added at delivery)");
    expect(document.querySelector('[data-testid="sheet-delivery"]')!.textContent).toMatch(/^Estimated delivery if ordered today: \w+ \d{1,2}, \d{4}$/);
  });

  it("encodes the share page's address in the QR code", async () => {
    const out = await run(reviewAction, reviewPost(configureHref(SEDAN, choices, {}).slice(`/configure/${SEDAN}`.length)), { line: SEDAN });
    const code = out.response!.headers.get("Location")!.split("/")[2]!;
    const data = (await run<Awaited<ReturnType<typeof sheetLoader>>>(sheetLoader, new Request(`http://localhost/share/${code}/sheet`), { code })).data!;
    expect(data.shareUrl).toMatch(new RegExp(`^https?://[^/]+/share/${code}$`));
    // The same text made into a QR code gives the same SVG: the code holds exactly that address.
    const QRCode = (await import("qrcode")).default;
    expect(data.qr).toBe(await QRCode.toString(data.shareUrl, { type: "svg", errorCorrectionLevel: "M", margin: 0 }));
    expect(QRCode.create(data.shareUrl, { errorCorrectionLevel: "M" }).segments.map((s) => Buffer.from(s.data as unknown as Uint8Array).toString("utf8")).join("")).toBe(data.shareUrl);
  });

  it("answers a configuration that can't be shared (an unknown value or line) with 400 and its reason, and an unknown code with 404", async () => {
    expect((await run(reviewAction, reviewPost("?c=NOPE"), { line: SEDAN })).status).toBe(400);
    const unknownLine = await run<{ error: string }>(reviewAction, reviewPost(""), { line: "no-such-line" });
    expect(unknownLine.status).toBe(400);
    expect(unknownLine.data!.error).toMatch(/\w/);
    expect((await run(sheetLoader, new Request("http://localhost/share/ZZZZ2222/sheet"), { code: "ZZZZ2222" })).status).toBe(404);
    expect((await run(sheetLoader, new Request("http://localhost/share/nonsense!/sheet"), { code: "nonsense!" })).status).toBe(404);
  });
});
