// @vitest-environment jsdom
/**
 * The draft edit and impact pages as rendered, against a real seeded database
 * through a data router with the real root and page loaders: the edit page
 * shows the values with their prices, every edit form carrying the draft's
 * revision, and the catalog tests with a failing one worded in the reader's
 * language; the impact page shows each group's counts and the affected saved
 * configuration with its nearest configuration and prices. A published
 * version renders the 409 explanation instead of forms.
 */
import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { Outlet } from "react-router-dom";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { catalogVersions } from "#db/schema";
import { demoCatalog, signInAs, userId, useSeededProcessDb, type ProcessDb } from "~/.server/configurations/configurations.testing";
import { saveConfiguration } from "~/.server/configurations/configurations.server";
import { getLine } from "~/.server/catalog/catalog.server";
import { applyCatalogEdit } from "~/domain/catalog-edit";
import { complete } from "~/domain/engine";
import { getI18n } from "~/i18n";
import { loader as rootLoader } from "~/root";
import type { Language } from "~/domain/catalog";
import EditPage, { loader as editLoader } from "./admin.catalog.$id_.edit";
import ImpactPage, { loader as impactLoader } from "./admin.catalog.$id_.impact";

let pdb: ProcessDb;
let db: Db;
let cookie: string;
const DRAFT = "draft-pages";
const SEDAN = "sedan-a6l";

beforeAll(async () => {
  pdb = await useSeededProcessDb();
  db = pdb.db;
  cookie = await signInAs(db, "admin@atelier.test");
  // A draft with a failing catalog test and the sedan's base price raised in Germany.
  let catalog = demoCatalog();
  const failing = applyCatalogEdit(catalog, { op: "add-example", example: { name: "Side-by-side in 60 cm", line: "fridge-fs", choices: ["S60", "DSS"], texts: {}, expect: "buildable" } });
  if (!failing.ok) throw new Error(failing.problem.message);
  catalog = failing.value.catalog;
  const raised = applyCatalogEdit(catalog, { op: "price", line: SEDAN, target: "base", market: "DE", amount: 5_000_000 });
  if (!raised.ok) throw new Error(raised.problem.message);
  catalog = raised.value.catalog;
  await db.insert(catalogVersions).values({ id: DRAFT, label: "Draft pages", catalog, status: "draft" });
  // A saved configuration whose price the draft raises.
  const loaded = (await getLine(SEDAN, undefined, { db }))!;
  const choices = complete(loaded.compiled, { choices: [] }, { market: "DE" })!;
  const saved = await saveConfiguration(db, await userId(db, "customer@atelier.test"), { line: SEDAN, choices, texts: {}, name: "Clara's sedan" });
  if (!saved.ok) throw new Error(saved.problem.message);
}, 120_000);

afterAll(async () => {
  await pdb?.close();
});

async function renderPage(path: string, page: { loader: unknown; Component: () => JSX.Element }, params: Record<string, string>, language: Language = "en"): Promise<string> {
  const headers = { Cookie: cookie, "Accept-Language": language };
  const call = async (fn: unknown) => {
    const answer = await (fn as (a: object) => Promise<unknown>)({ request: new Request(`http://localhost${path}`, { headers }), params, context: {} });
    const value = answer && typeof answer === "object" && "data" in answer && "init" in answer ? (answer as { data: unknown }).data : answer;
    return JSON.parse(JSON.stringify(value));
  };
  const rootData = await call(rootLoader);
  const pageData = await call(page.loader);
  const handler = createStaticHandler([
    { id: "root", path: "/", loader: () => rootData, element: <Outlet />, children: [{ id: "page", path: path.slice(1).split("?")[0], loader: () => pageData, Component: page.Component }] },
  ]);
  const context = await handler.query(new Request(`http://localhost${path}`));
  if (context instanceof Response) throw new Error(`unexpected response ${context.status}`);
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToString(
    <I18nextProvider i18n={getI18n(language)}>
      <StaticRouterProvider router={router} context={context} hydrate={false} />
    </I18nextProvider>,
  );
}

describe("the draft edit page", () => {
  it("shows values with prices, forms carrying the revision, and the catalog tests with the failing one explained", async () => {
    document.body.innerHTML = await renderPage(`/admin/catalog/${DRAFT}/edit?line=fridge-fs`, { loader: editLoader, Component: EditPage }, { id: DRAFT });
    expect(document.querySelector('[data-testid="revision"]')?.textContent).toBe("Revision 1");
    expect(document.querySelector('tr[data-value="DSS"] td[data-market="DE"]')?.textContent).toBe("€450.00");
    expect(document.querySelector('tr[data-value="DSS"] li[data-language="en"]')?.textContent).toBe("Side-by-side");
    const forms = [...document.querySelectorAll("form[method='post']")];
    expect(forms.length).toBeGreaterThanOrEqual(8);
    for (const form of forms) expect(form.querySelector("input[name='revision']")?.getAttribute("value")).toBe("1");
    const tests = [...document.querySelectorAll('[data-testid="tests"] li')];
    const failing = tests.filter((li) => li.getAttribute("data-pass") === "false");
    // The added test, and the demo's own price test, which the raised base price breaks.
    expect(failing).toHaveLength(2);
    expect(failing[0]!.textContent).toMatch(/Should cost €55,335\.00 but costs €[\d,.]+\./);
    expect(failing[1]!.textContent).toContain("Side-by-side in 60 cm");
    expect(failing[1]!.textContent).toContain("Should be buildable but is refused: DSS can't be had with the rest.");
    expect(document.querySelector("a[download]")?.getAttribute("href")).toBe(`/admin/catalog/${DRAFT}/download`);
  });

  it("renders in Japanese too", async () => {
    document.body.innerHTML = await renderPage(`/admin/catalog/${DRAFT}/edit`, { loader: editLoader, Component: EditPage }, { id: DRAFT }, "ja");
    expect(document.querySelector("h1")?.textContent).toBe("下書き Draft pages の編集");
  });

  it("explains that a published version can't be edited", async () => {
    document.body.innerHTML = await renderPage("/admin/catalog/demo-2026.1/edit", { loader: editLoader, Component: EditPage }, { id: "demo-2026.1" });
    expect(document.querySelector("[role='alert']")?.textContent).toContain("Catalog version demo-2026.1 is published");
    expect(document.querySelectorAll("form[method='post']")).toHaveLength(0);
  });
});

describe("the impact page", () => {
  it("shows counts per group and the saved configuration whose price changes, with before and after", async () => {
    document.body.innerHTML = await renderPage(`/admin/catalog/${DRAFT}/impact`, { loader: impactLoader, Component: ImpactPage }, { id: DRAFT });
    const group = document.querySelector('[data-testid="impact-configurations"]')!;
    expect(Number(group.getAttribute("data-price"))).toBeGreaterThanOrEqual(1);
    const row = group.querySelector('tr[data-item="Clara\'s sedan"]')!;
    expect(row.getAttribute("data-kind")).toBe("price");
    const cells = [...row.querySelectorAll("td")].map((td) => td.textContent);
    expect(cells[2]).toBe("Price changes");
    expect(cells[5]).not.toBe(cells[6]);
  });
});
