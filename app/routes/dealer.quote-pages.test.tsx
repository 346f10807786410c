// @vitest-environment jsdom
/**
 * The dealer's quote pages as rendered, against a real seeded database.
 *
 * The quote page's money (/dealer/quotes/<number>) against a real seeded
 * database, rendered through a data router with the real root and page
 * loaders: a dealer whose market preference is the United States (the site's
 * header says "United States (USD)") reads a German quote. Every price row is
 * in euros and says what it is — list price (net), discount, net after the
 * discount, VAT with its rate, total (gross) — and the rows add up; the page
 * says which market the quote is priced in. (It once printed the gross list
 * price above a discount taken off the net.) The customer view gets the same
 * checks, and the dealership's quote list prints each total in its quote's
 * own currency (it once used the dealership's for every row).
 *
 * The customer view hands over what the PDF does: the product's picture (the
 * same vector drawing, tinted with the chosen paint), the delivery estimate,
 * the salesperson and the dealership's address and contact, and the terms.
 */
import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { Outlet, useLoaderData } from "react-router-dom";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { users } from "#db/schema";
import { demoSedan, sessionCookie, useSeededProcessDb, userId, type ProcessDb } from "~/.server/configurations/configurations.testing";
import { addCustomer, createQuote, dealerContext, getQuote, sendQuote, signQuote, type DealerContext } from "~/.server/quotes/quotes.server";
import { QuoteTable, type QuoteRow } from "~/components/dealer/QuoteBits";
import { getI18n } from "~/i18n";
import { productPicture } from "~/scene/product-picture";
import en from "~/locales/en.json";
import { loader as rootLoader } from "~/root";
import { formatMoney } from "~/utils/money";
import { loader as homeLoader } from "./dealer._index";
import QuotePage, { loader as quoteLoader } from "./dealer.quotes.$number._index";
import PresentQuote, { loader as presentLoader } from "./dealer.quotes.$number_.present";

let pdb: ProcessDb;
let db: Db;
let dealer: DealerContext;
let cookie: string;
let number: string;

beforeAll(async () => {
  pdb = await useSeededProcessDb();
  db = pdb.db;
  dealer = (await dealerContext(db, await userId(db, "dealer@atelier.test")))!;
  cookie = await sessionCookie(db, dealer.userId);
  const customer = await addCustomer(db, dealer, { name: "Jonas Müller", email: `jonas.${Date.now()}@example.test`, consentToContact: true });
  if (!customer.ok) throw new Error(customer.problem.message);
  const choices = (await demoSedan(db, ["PQD"])).choices;
  const quote = await createQuote(db, dealer, customer.value.id, { line: "sedan-a6l", choices, texts: {}, market: "DE", discount: { kind: "percent", value: 300 } });
  if (!quote.ok) throw new Error(quote.problem.message);
  const sent = await sendQuote(db, dealer, quote.value.number, quote.value.lockVersion);
  if (!sent.ok) throw new Error(sent.problem.message);
  number = quote.value.number;
});

afterAll(async () => {
  await pdb?.close();
});

/** Render a page as Remix would: the real root loader (the reader's preferences) above the page's real loader. */
async function renderPage(path: string, page: { loader: unknown; Component: () => JSX.Element }, params: Record<string, string>): Promise<string> {
  // "en-US": the reader's market preference is the United States, unlike the quote's.
  const headers = { Cookie: cookie, "Accept-Language": "en-US" };
  const call = async (fn: unknown) => JSON.parse(JSON.stringify(await (fn as (a: object) => Promise<unknown>)({ request: new Request(`http://localhost${path}`, { headers }), params, context: {} })));
  const rootData = await call(rootLoader);
  expect(rootData.market).toBe("US");
  const pageData = await call(page.loader);
  const handler = createStaticHandler([
    { id: "root", path: "/", loader: () => rootData, element: <Outlet />, children: [{ id: "page", path: path.slice(1), loader: () => pageData, Component: page.Component }] },
  ]);
  const context = await handler.query(new Request(`http://localhost${path}`));
  if (context instanceof Response) throw new Error(`unexpected response ${context.status}`);
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToString(
    <I18nextProvider i18n={getI18n("en")}>
      <StaticRouterProvider router={router} context={context} hydrate={false} />
    </I18nextProvider>,
  );
}

/** "€55,335.00" / "-€1,394.40" → minor units. */
function minorOf(text: string): number {
  const match = /^(-?)€([\d,]+)\.(\d{2})$/.exec(text.trim());
  if (!match) throw new Error(`not an amount in euros: ${JSON.stringify(text)}`);
  return (match[1] ? -1 : 1) * Number(match[2]!.replace(/,/g, "") + match[3]);
}

/** The rows of the first price table: data-row → [label, amount text]. */
function priceTable(html: string): Map<string, [string, string]> {
  document.body.innerHTML = html;
  const table = document.querySelector('[data-testid="quote-price"]');
  if (!table) throw new Error("no price table on the page");
  return new Map([...table.querySelectorAll("tr[data-row]")].map((tr) => [tr.getAttribute("data-row")!, [tr.querySelector("th")!.textContent!, tr.querySelector("td")!.textContent!]]));
}

describe("the quote page's money", () => {
  it("labels list net, discount, net after the discount, VAT with its rate and total gross, in the quote's currency, adding up — whatever the reader's market", async () => {
    const html = await renderPage(`/dealer/quotes/${number}`, { loader: quoteLoader, Component: QuotePage }, { number });
    const rows = priceTable(html);
    expect([...rows.keys()]).toEqual(["listNet", "discount", "net", "vat", "total"]);
    expect(rows.get("listNet")![0]).toBe(en.quotes.price.list);
    expect(rows.get("discount")![0]).toBe("Discount (3 %)");
    expect(rows.get("net")![0]).toBe("Net after discount");
    expect(rows.get("vat")![0]).toBe("VAT (19 %)");
    expect(rows.get("total")![0]).toBe("Total (gross)");
    const amount = (key: string) => minorOf(rows.get(key)![1]);
    expect(amount("listNet") + amount("discount")).toBe(amount("net"));
    expect(amount("net") + amount("vat")).toBe(amount("total"));
    // The discount is 3 % of the net list price (rounded), not of the gross.
    expect(Math.abs(amount("discount"))).toBe(Math.round(amount("listNet") * 0.03));
    // The gross list price (what the page once labelled "List price" above a discount off the net) is printed nowhere.
    const price = (await getQuote(db, dealer, number))!.versions[0].price;
    expect(amount("listNet")).toBe(price.list.net);
    expect(document.body.textContent).not.toContain(formatMoney(price.list.total, "DE", "en"));
    // Dollars nowhere; the page says the quote is priced for Germany in euros.
    expect(document.body.textContent).not.toContain("$");
    expect(document.querySelector('[data-testid="quote-market"]')?.textContent).toBe("Priced for Germany (EUR): every amount of this quote is in EUR.");
  });

  it("prints the customer view's rows the same way, in euros, with the quote's market", async () => {
    const html = await renderPage(`/dealer/quotes/${number}/present`, { loader: presentLoader, Component: PresentQuote }, { number });
    document.body.innerHTML = html;
    const rows = new Map([...document.querySelectorAll(".present__price [data-row]")].map((el) => [el.getAttribute("data-row")!, el.textContent!]));
    expect([...rows.keys()]).toEqual(["listNet", "discount", "net", "vat", "total"]);
    const amount = (key: string) => minorOf(/-?€[\d,]+\.\d{2}/.exec(rows.get(key)!)![0]);
    expect(rows.get("net")).toContain("Net after discount");
    expect(rows.get("total")).toContain("Total (gross)");
    expect(amount("listNet") + amount("discount")).toBe(amount("net"));
    expect(amount("net") + amount("vat")).toBe(amount("total"));
    expect(document.body.textContent).not.toContain("$");
    expect(document.querySelector('[data-testid="quote-market"]')?.getAttribute("data-market")).toBe("DE");
  });

  it("lists each quote's total in its own market's currency on the dealership's home, even one priced for another market than the dealership's", async () => {
    // The API lets a dealer price a quote for another market (api.v1.quotes: body.market).
    const customer = await addCustomer(db, dealer, { name: "Aiko Tanaka", email: `aiko.${Date.now()}@example.test`, consentToContact: true });
    if (!customer.ok) throw new Error(customer.problem.message);
    const choices = (await demoSedan(db, ["PQD"])).choices;
    const jp = await createQuote(db, dealer, customer.value.id, { line: "sedan-a6l", choices, texts: {}, market: "JP", discount: { kind: "percent", value: 0 } });
    if (!jp.ok) throw new Error(jp.problem.message);
    // The list itself, from the home's real loader (the rest of the home page is not about money).
    const List = () => <QuoteTable quotes={(useLoaderData() as { quotes: QuoteRow[] }).quotes} />;
    const html = await renderPage("/dealer", { loader: homeLoader, Component: List }, {});
    document.body.innerHTML = html;
    const cell = (n: string) => document.querySelector(`[data-quote="${n}"] td.num`)?.textContent;
    expect(cell(jp.value.number)).toBe(formatMoney(jp.value.versions[0].total, "JP", "en"));
    expect(cell(jp.value.number)).toMatch(/^¥[\d,]+$/);
    expect(cell(number)).toMatch(/^€[\d,]+\.\d{2}$/);
  });
});

describe("the customer view's hand-over", () => {
  it("shows the product's picture, the delivery estimate, the salesperson, the dealership's address and contact, and the terms", async () => {
    const html = await renderPage(`/dealer/quotes/${number}/present`, { loader: presentLoader, Component: PresentQuote }, { number });
    document.body.innerHTML = html;
    const picture = document.querySelector('[data-testid="present-picture"] svg[data-testid="product-scene-still"]');
    expect(picture?.getAttribute("data-kind")).toBe("sedan");
    expect(picture?.getAttribute("aria-label")).toBe("A6 L Executive Sedan");
    expect(picture?.querySelectorAll('path[data-part="tyre"]')).toHaveLength(2);
    // Tinted with the configuration's paint (the demo sedan's cheapest: Ibis White).
    const body = picture?.querySelector('path[data-part="body"]')?.getAttribute("fill");
    expect(body).toMatch(/^#[0-9a-f]{6}$/i);
    expect(body).not.toBe(productPicture("sedan", []).shapes.find((s) => s.part === "body")!.fill);
    const delivery = document.querySelector('[data-testid="present-delivery"]')?.textContent ?? "";
    expect(delivery).toMatch(/^Estimated delivery(\w+ \d{1,2}, \d{4}|On request)/);
    const contact = document.querySelector('[data-testid="present-contact"]')?.textContent ?? "";
    for (const words of ["Your salesperson", "Daniel Weber", "Email dealer@atelier.test", "Phone +49 89 2180 4412", "Leopoldstraße 120", "80802 München", "Germany", "Phone +49 89 2180 4400", "muenchen@atelier.test", "Terms", "The order comes about only when the customer has signed this quote"])
      expect(contact).toContain(words);
  });
});

describe("turning a signed quote into an order", () => {
  it("pre-fills the order form from the customer's profile: phone and postal address, not only name and email", async () => {
    const email = `lena.${Date.now()}@example.test`;
    const customer = await addCustomer(db, dealer, { name: "Lena Hoffmann", email, consentToContact: true });
    if (!customer.ok) throw new Error(customer.problem.message);
    await db
      .update(users)
      .set({ phone: "+49 30 1234567", address: { street: "Unter den Linden 5", postalCode: "10117", city: "Berlin", country: "DE" } })
      .where(eq(users.id, customer.value.id));
    const choices = (await demoSedan(db, ["PQD"])).choices;
    const quote = await createQuote(db, dealer, customer.value.id, { line: "sedan-a6l", choices, texts: {}, market: "DE", discount: { kind: "percent", value: 0 } });
    if (!quote.ok) throw new Error(quote.problem.message);
    const signed = await signQuote(db, dealer, quote.value.number, { signature: "M10 10 L60 40 L90 20", expectedLock: quote.value.lockVersion });
    if (!signed.ok) throw new Error(signed.problem.message);

    const html = await renderPage(`/dealer/quotes/${quote.value.number}`, { loader: quoteLoader, Component: QuotePage }, { number: quote.value.number });
    document.body.innerHTML = html;
    const value = (field: string) => document.querySelector<HTMLInputElement>(`#order-${field}`)?.value;
    expect([value("name"), value("email"), value("phone"), value("street"), value("postalCode"), value("city"), value("country")]).toEqual([
      "Lena Hoffmann",
      email,
      "+49 30 1234567",
      "Unter den Linden 5",
      "10117",
      "Berlin",
      "DE",
    ]);
  });
});
