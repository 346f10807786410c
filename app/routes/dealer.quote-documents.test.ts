/**
 * The quote document routes against a real seeded database (PGlite, or
 * PostgreSQL with TEST_DATABASE_URL): the PDF of a quote version
 * (/dealer/quotes/<number>/v/<version>.pdf) generated and read back with
 * pdf-parse — its text has the total as formatted, the validity date, the
 * quote number and the share code — in English and in Chinese; sending the
 * newest version first; what the document hands over besides the prices
 * (the salesperson and how to reach them, the dealership's address and
 * contact, the product's picture drawn as vector paths, the delivery
 * estimate, the terms, the signature lines and the customer's signature once
 * given); and the full-screen customer view's data, which must hold nothing
 * only the dealer should see.
 */
import { inflateSync } from "node:zlib";
import { and, eq } from "drizzle-orm";
import { PDFParse } from "pdf-parse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { quoteVersions } from "#db/schema";
import { demoSedan, sessionCookie, signInAs, useSeededProcessDb, userId, type ProcessDb } from "~/.server/configurations/configurations.testing";
import { getLine } from "~/.server/catalog/catalog.server";
import { deliveryEstimate } from "~/.server/planning/delivery.server";
import { hasUnicodeFont } from "~/.server/quotes/quote-document.server";
import { addCustomer, createQuote, dealerContext, decideDiscount, getQuote, reviseQuote, sendQuote, signQuote, type DealerContext, type QuoteInput } from "~/.server/quotes/quotes.server";
import { formatShareCode } from "~/domain/forms/configuration";
import { formatLongDay } from "~/domain/quote-sheet";
import { formatMoney } from "~/utils/money";
import { loader as presentLoader } from "./dealer.quotes.$number_.present";
import { action as pdfAction, loader as pdfLoader } from "./dealer.quotes.$number_.v.$version[.pdf]";

let pdb: ProcessDb;
let db: Db;
let dealer: DealerContext;
let manager: DealerContext;
let dealerCookie: string;
let dealer2Cookie: string;
let customerCookie: string;
let input: QuoteInput;

const SEDAN = "sedan-a6l";
/** A fixed day, so the validity date is known: 2026-03-02 + 30 days. */
const MADE = new Date("2026-03-02T09:30:00Z");
const VALID_UNTIL_EN = "April 1, 2026";

beforeAll(async () => {
  pdb = await useSeededProcessDb();
  db = pdb.db;
  dealer = (await dealerContext(db, await userId(db, "dealer@atelier.test")))!;
  manager = (await dealerContext(db, await userId(db, "manager@atelier.test")))!;
  dealerCookie = await sessionCookie(db, dealer.userId);
  dealer2Cookie = await signInAs(db, "dealer2@atelier.test");
  customerCookie = await signInAs(db, "customer@atelier.test");
  input = { line: SEDAN, choices: (await demoSedan(db, ["PQD"])).choices, texts: {}, market: "DE", discount: { kind: "percent", value: 300 } };
});

afterAll(async () => {
  await pdb?.close();
});

type Args = { request: Request; params: Record<string, string>; context: Record<string, unknown> };

/** Run a loader or action; a thrown Response comes back like a returned one. */
async function run(fn: unknown, request: Request, params: Record<string, string>): Promise<{ status: number; response?: Response; data?: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any -- loader data under test
  try {
    const result = await (fn as (args: Args) => Promise<unknown>)({ request, params, context: {} });
    if (result instanceof Response) return { status: result.status, response: result };
    return { status: 200, data: result };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, response: thrown };
    throw thrown;
  }
}

const get = (path: string, cookie?: string, headers: Record<string, string> = {}) =>
  new Request(`http://localhost${path}`, { headers: { ...(cookie ? { Cookie: cookie } : {}), ...headers } });

const postForm = (path: string, fields: Record<string, string>, cookie?: string) =>
  new Request(`http://localhost${path}`, { method: "POST", body: new URLSearchParams(fields), headers: cookie ? { Cookie: cookie } : {} });

async function pdfText(response: Response): Promise<{ bytes: Uint8Array; text: string; images: number }> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  const parser = new PDFParse({ data: bytes.slice() });
  try {
    const { text } = await parser.getText();
    const { pages } = await parser.getImage({ imageThreshold: 0 });
    return { bytes, text, images: pages.reduce((n, p) => n + p.images.length, 0) };
  } finally {
    await parser.destroy();
  }
}

/**
 * The PDF's drawing operators, from its (deflated) content streams: how many
 * path segments it draws — straight ("x y l") and curved ("… c", what arcs
 * become) — and the content itself (colours, e.g. the signature's ink).
 */
function drawingOps(bytes: Uint8Array): { lines: number; curves: number; text: string } {
  const raw = Buffer.from(bytes).toString("latin1");
  let text = "";
  for (const m of raw.matchAll(/stream\r?\n/g)) {
    const start = m.index! + m[0].length;
    const end = raw.indexOf("endstream", start);
    try {
      text += inflateSync(Buffer.from(raw.slice(start, end), "latin1")).toString("latin1") + "\n";
    } catch {
      // Not a deflated stream (fonts are, images too; neither draws paths).
    }
  }
  return { lines: (text.match(/^-?[\d.]+ -?[\d.]+ l$/gm) ?? []).length, curves: (text.match(/^(?:-?[\d.]+ ){6}c$/gm) ?? []).length, text };
}

async function quoteFor(name: string, discount = input.discount) {
  const c = await addCustomer(db, dealer, { name, email: `${name.split(" ")[0].toLowerCase()}.${Date.now()}@example.test`, phone: "+49 89 555 0101", consentToContact: true });
  if (!c.ok) throw new Error(c.problem.message);
  const q = await createQuote(db, dealer, c.value.id, { ...input, discount }, MADE);
  if (!q.ok) throw new Error(q.problem.message);
  return q.value;
}

const pdfPath = (number: string, version: number) => `/dealer/quotes/${number}/v/${version}.pdf`;

describe("the quote PDF", () => {
  it("refuses an unsent version (409), sends the newest on POST and redirects (303), then prints dealership, customer, configuration, prices, validity and share code", async () => {
    const quote = await quoteFor("Jonas Müller");
    const params = { number: quote.number, version: "1" };
    const unsent = await run(pdfLoader, get(pdfPath(quote.number, 1), dealerCookie), params);
    expect(unsent.status).toBe(409);
    expect(await unsent.response!.text()).toMatch(/has not been handed to the customer yet/);

    const sent = await run(pdfAction, postForm(pdfPath(quote.number, 1), { intent: "send", expectedLock: String(quote.lockVersion) }, dealerCookie), params);
    expect(sent.status).toBe(303);
    expect(sent.response!.headers.get("Location")).toBe(pdfPath(quote.number, 1));
    const v = (await getQuote(db, dealer, quote.number))!.versions[0];
    expect(v.sentAt).not.toBeNull();
    expect(v.shareCode).toMatch(/^[2-9A-Z]{8}$/);

    const out = await run(pdfLoader, get(pdfPath(quote.number, 1), dealerCookie, { "Accept-Language": "en-US" }), params);
    expect(out.status).toBe(200);
    expect(out.response!.headers.get("Content-Type")).toBe("application/pdf");
    expect(out.response!.headers.get("Content-Disposition")).toBe(`inline; filename="${quote.number}-v1.pdf"`);
    expect(out.response!.headers.get("Cache-Control")).toBe("private, no-store");
    const { bytes, text, images } = await pdfText(out.response!);
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
    const total = formatMoney(v.total, "DE", "en");
    expect(total).toMatch(/^€\d{2,3},\d{3}\.\d{2}$/);
    expect(text).toContain(total);
    expect(text).toContain(VALID_UNTIL_EN);
    expect(text).toContain(quote.number);
    expect(text).toContain(formatShareCode(v.shareCode!));
    expect(text).toContain(`http://localhost/share/${v.shareCode}`);
    expect(text).toContain("Atelier München");
    expect(text).toContain("MUC-01");
    expect(text).toContain("Jonas Müller");
    expect(text).toContain("+49 89 555 0101");
    expect(text).toContain(`-${formatMoney(v.price.discountAmount, "DE", "en")}`);
    expect(text).toContain("Discount (3 %)");
    for (const code of input.choices.slice(0, 5)) expect(text).toContain(code);
    expect(images).toBe(2); // the product's picture (decision 050) and the QR code
  });

  it.skipIf(!hasUnicodeFont())("prints in the reader's language with a CJK font: Chinese labels, a Chinese customer name, the total written the Chinese way", async () => {
    const quote = await quoteFor("李 雷");
    const sent = await sendQuote(db, dealer, quote.number, quote.lockVersion, MADE);
    if (!sent.ok) throw new Error(sent.problem.message);
    const out = await run(pdfLoader, get(pdfPath(quote.number, 1), dealerCookie, { "Accept-Language": "zh-CN" }), { number: quote.number, version: "1" });
    expect(out.status).toBe(200);
    const { text } = await pdfText(out.response!);
    expect(text).toContain(`报价单 ${quote.number}`);
    expect(text).toContain("李 雷");
    expect(text).toContain(formatMoney(sent.value.versions[0].total, "DE", "zh"));
    expect(text).toContain("2026年4月1日");
  });

  it("keeps earlier versions printable, and refuses to send while a discount waits for approval or after a rejection", async () => {
    const quote = await quoteFor("Anna Berg");
    const sent = await sendQuote(db, dealer, quote.number, quote.lockVersion, MADE);
    if (!sent.ok) throw new Error(sent.problem.message);
    // Over the cap: version 2 waits for a sales manager.
    const revised = await reviseQuote(db, dealer, quote.number, { ...input, discount: { kind: "percent", value: 800 }, expectedLock: sent.value.lockVersion });
    if (!revised.ok) throw new Error(revised.problem.message);
    expect(revised.value.versions.map((v) => v.approval)).toEqual(["not_needed", "pending"]);
    const v1 = await run(pdfLoader, get(pdfPath(quote.number, 1), dealerCookie), { number: quote.number, version: "1" });
    expect(v1.status).toBe(200);
    const params2 = { number: quote.number, version: "2" };
    expect((await run(pdfLoader, get(pdfPath(quote.number, 2), dealerCookie), params2)).status).toBe(409);
    const pending = await run(pdfAction, postForm(pdfPath(quote.number, 2), { intent: "send", expectedLock: String(revised.value.lockVersion) }, dealerCookie), params2);
    expect(pending.status).toBe(409);
    expect(await pending.response!.text()).toMatch(/waits for a sales manager/);
    const rejected = await decideDiscount(db, manager, quote.number, { approve: false, comment: "Too much for this trim", expectedLock: revised.value.lockVersion });
    if (!rejected.ok) throw new Error(rejected.problem.message);
    const refused = await run(pdfAction, postForm(pdfPath(quote.number, 2), { intent: "send", expectedLock: String(rejected.value.lockVersion) }, dealerCookie), params2);
    expect(refused.status).toBe(409);
    expect(await refused.response!.text()).toMatch(/rejected the discount/);
    // Version 1 was sent already: the POST only opens its PDF. A malformed form is a 400.
    expect((await run(pdfAction, postForm(pdfPath(quote.number, 1), { intent: "send", expectedLock: "1" }, dealerCookie), { number: quote.number, version: "1" })).status).toBe(303);
    expect((await run(pdfAction, postForm(pdfPath(quote.number, 2), { intent: "print" }, dealerCookie), params2)).status).toBe(400);
    const after = (await getQuote(db, dealer, quote.number))!;
    expect(after.versions[1].sentAt).toBeNull();
    expect(after.lockVersion).toBe(rejected.value.lockVersion);
  });

  it("stamps a version whose discount doesn't stand as a draft, without a validity date: handed over before the rule (like Q-0000003), pending or rejected; approved, it prints as valid", async () => {
    const quote = await quoteFor("Lukas Brandt", { kind: "percent", value: 2000 });
    // Handed over while its discount waited for approval, as the rule now refuses: what such a version prints.
    await db.update(quoteVersions).set({ sentAt: MADE }).where(and(eq(quoteVersions.quoteId, quote.id), eq(quoteVersions.version, 1)));
    const params = { number: quote.number, version: "1" };
    const print = async (language = "en-US") => {
      const out = await run(pdfLoader, get(pdfPath(quote.number, 1), dealerCookie, { "Accept-Language": language }), params);
      expect(out.status).toBe(200);
      return (await pdfText(out.response!)).text;
    };
    const total = formatMoney(quote.versions[0].total, "DE", "en");
    const pending = await print();
    expect(pending).toContain("DRAFT — not valid");
    expect(pending).toContain(total);
    expect(pending).toContain("Discount (20 %)");
    expect(pending).not.toMatch(/valid until/i);
    expect(pending).not.toContain(VALID_UNTIL_EN);
    if (hasUnicodeFont()) {
      const zh = await print("zh-CN");
      expect(zh).toContain("草稿 — 无效");
      expect(zh).not.toContain("2026年4月1日");
    }

    const rejected = await decideDiscount(db, manager, quote.number, { approve: false, comment: "Too much for this trim", expectedLock: quote.lockVersion });
    if (!rejected.ok) throw new Error(rejected.problem.message);
    const afterRejection = await print();
    expect(afterRejection).toContain("DRAFT — not valid");
    expect(afterRejection).not.toContain(VALID_UNTIL_EN);
    expect(afterRejection).not.toContain("Too much for this trim");

    const approved = await quoteFor("Sara Lind", { kind: "percent", value: 2000 });
    const decided = await decideDiscount(db, manager, approved.number, { approve: true, comment: "", expectedLock: approved.lockVersion });
    if (!decided.ok) throw new Error(decided.problem.message);
    const sent = await sendQuote(db, dealer, approved.number, decided.value.lockVersion, MADE);
    if (!sent.ok) throw new Error(sent.problem.message);
    const out = await run(pdfLoader, get(pdfPath(approved.number, 1), dealerCookie), { number: approved.number, version: "1" });
    const valid = (await pdfText(out.response!)).text;
    expect(valid).not.toContain("DRAFT");
    expect(valid).toContain(VALID_UNTIL_EN);
    expect(valid).toContain("Discount (20 %)");
  });

  it("hands over the salesperson with their contact, the dealership's address and contact, the product's picture, the delivery estimate, the terms and the signature lines", async () => {
    const quote = await quoteFor("Greta Vogel");
    const sent = await sendQuote(db, dealer, quote.number, quote.lockVersion, MADE);
    if (!sent.ok) throw new Error(sent.problem.message);
    const out = await run(pdfLoader, get(pdfPath(quote.number, 1), dealerCookie, { "Accept-Language": "en-US" }), { number: quote.number, version: "1" });
    expect(out.status).toBe(200);
    const { bytes, text: printed } = await pdfText(out.response!);
    // Lines wrap where the page ends them.
    const text = printed.replace(/\s+/g, " ");
    // The salesperson who made the version (the seeded dealer) and how to reach them.
    expect(text).toContain("Your salesperson");
    expect(text).toContain("Daniel Weber");
    expect(text).toContain("Email dealer@atelier.test");
    expect(text).toContain("Phone +49 89 2180 4412");
    // The dealership's address and contact (seeded).
    expect(text).toContain("Leopoldstraße 120 · 80802 München · Germany");
    expect(text).toContain("Phone +49 89 2180 4400 · Email muenchen@atelier.test");
    // The delivery estimate the planning gives this configuration today.
    const loaded = (await getLine(SEDAN, sent.value.versions[0].catalogVersion, { db }))!;
    const estimate = await deliveryEstimate(db, { line: loaded.line, choices: input.choices, tier: "standard" });
    expect(estimate.deliveryDay).not.toBeNull();
    expect(text).toContain("Estimated delivery");
    expect(text).toContain(formatLongDay(estimate.deliveryDay!, "en"));
    // The terms, with the validity.
    expect(text).toContain("Terms");
    expect(text).toContain("The order comes about only when the customer has signed this quote");
    expect(text).toContain(`This quote is valid until ${VALID_UNTIL_EN}`);
    // The signature lines, unsigned.
    expect(text).toContain("Customer: Greta Vogel");
    expect(text).toContain("For Atelier München: Daniel Weber");
    expect(text).toContain("Place, date, signature");
    expect(text).not.toContain("Signed on");
    // The picture: the configuration rendered from the 3D view's model, an image with its transparency (decision 050).
    const raw = Buffer.from(bytes).toString("latin1");
    expect(raw).toMatch(/\/Subtype \/Image/);
    expect(raw).toMatch(/\/SMask/);
  });

  it("draws the customer's signature on their line once they signed, with the day", async () => {
    const quote = await quoteFor("Hannah Kraus");
    const sent = await sendQuote(db, dealer, quote.number, quote.lockVersion, MADE);
    if (!sent.ok) throw new Error(sent.problem.message);
    const params = { number: quote.number, version: "1" };
    const print = async () => {
      const out = await run(pdfLoader, get(pdfPath(quote.number, 1), dealerCookie, { "Accept-Language": "en-US" }), params);
      expect(out.status).toBe(200);
      return pdfText(out.response!);
    };
    const before = await print();
    const signedAt = new Date("2026-03-04T10:00:00Z");
    const signed = await signQuote(db, dealer, quote.number, { signature: "M 20 150 L 120 40 L 220 160 L 320 30 L 420 170 L 580 60", expectedLock: sent.value.lockVersion }, signedAt);
    if (!signed.ok) throw new Error(signed.problem.message);
    const after = await print();
    expect(after.text).toContain("Signed on March 4, 2026");
    expect(before.text).not.toContain("Signed on");
    // The strokes: five more line segments, stroked in the signature's ink.
    expect(drawingOps(after.bytes).lines - drawingOps(before.bytes).lines).toBe(5);
    expect(drawingOps(after.bytes).text).toMatch(/^0\.10\d* 0\.16\d* 0\.41\d* SCN$/m);
    expect(drawingOps(before.bytes).text).not.toMatch(/^0\.10\d* 0\.16\d* 0\.41\d* SCN$/m);
  });

  it.skipIf(!hasUnicodeFont())("prints the hand-over in Chinese: salesperson, delivery, terms and signature lines", async () => {
    const quote = await quoteFor("王 芳");
    const sent = await sendQuote(db, dealer, quote.number, quote.lockVersion, MADE);
    if (!sent.ok) throw new Error(sent.problem.message);
    const out = await run(pdfLoader, get(pdfPath(quote.number, 1), dealerCookie, { "Accept-Language": "zh-CN" }), { number: quote.number, version: "1" });
    const text = (await pdfText(out.response!)).text.replace(/\s+/g, " ");
    for (const words of ["您的销售顾问", "预计交付", "条款", "本报价有效期至 2026年4月1日", "客户：王 芳", "地点、日期、签名", "德国"]) expect(text).toContain(words);
  });

  it("answers 404 for a version the quote doesn't have, 403 for another dealership's quote or a number that doesn't exist, 403 for a customer, and sends a signed-out visitor to sign in", async () => {
    const quote = await quoteFor("Eva Roth");
    const path = pdfPath(quote.number, 1);
    for (const version of ["2", "0", "x", "1e3"]) expect((await run(pdfLoader, get(path, dealerCookie), { number: quote.number, version })).status, version).toBe(404);
    expect((await run(pdfLoader, get(path, dealer2Cookie), { number: quote.number, version: "1" })).status).toBe(403);
    expect((await run(pdfAction, postForm(path, { intent: "send", expectedLock: "1" }, dealer2Cookie), { number: quote.number, version: "1" })).status).toBe(403);
    expect((await getQuote(db, dealer, quote.number))!.versions[0].sentAt).toBeNull();
    expect((await run(pdfLoader, get("/dealer/quotes/Q-9999999/v/1.pdf", dealerCookie), { number: "Q-9999999", version: "1" })).status).toBe(403);
    expect((await run(pdfLoader, get(path, customerCookie), { number: quote.number, version: "1" })).status).toBe(403);
    const out = await run(pdfLoader, get(path), { number: quote.number, version: "1" });
    expect(out.status).toBe(302);
    expect(out.response!.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
  });
});

describe("the customer view", () => {
  it("shows the configuration, the price with the discount, total and validity — and nothing only the dealer sees", async () => {
    const quote = await quoteFor("Paul Weber", { kind: "percent", value: 800 });
    const decided = await decideDiscount(db, manager, quote.number, { approve: true, comment: "Loyal customer, OK up to 8", expectedLock: quote.lockVersion });
    if (!decided.ok) throw new Error(decided.problem.message);
    const out = await run(presentLoader, get(`/dealer/quotes/${quote.number}/present`, dealerCookie), { number: quote.number });
    expect(out.status).toBe(200);
    const v = decided.value.versions[0];
    expect(out.data.sheet).toMatchObject({ number: quote.number, version: 1, total: v.total, net: v.price.net, discountAmount: v.price.discountAmount, validUntil: "2026-04-01", vatRate: 19 });
    expect(out.data).toMatchObject({ customerName: "Paul Weber", dealershipName: "Atelier München", notice: null });
    expect(out.data.sheet.valid).toBe(true);
    const codes = out.data.sheet.groups.flatMap((g: { items: { code: string }[] }) => g.items.map((i) => i.code));
    for (const code of input.choices) expect(codes).toContain(code);
    const json = JSON.stringify(out.data);
    for (const secret of ["Loyal customer", "approvedBy", "approvalComment", "capBasisPoints", "lockVersion", "signature", dealer.userId, manager.userId]) expect(json).not.toContain(secret);
  });

  it("tells the customer a pending discount is not final, shows earlier versions by ?version=, and refuses other dealerships (403) and unknown versions (404)", async () => {
    const quote = await quoteFor("Mia Koch", { kind: "percent", value: 800 });
    const out = await run(presentLoader, get(`/dealer/quotes/${quote.number}/present?version=1`, dealerCookie), { number: quote.number });
    expect(out.data.notice).toBe("pending");
    // Not a valid offer yet: the view says so and promises no validity date.
    expect(out.data.sheet.valid).toBe(false);
    const rejected = await decideDiscount(db, manager, quote.number, { approve: false, comment: "No", expectedLock: quote.lockVersion });
    if (!rejected.ok) throw new Error(rejected.problem.message);
    const afterRejection = await run(presentLoader, get(`/dealer/quotes/${quote.number}/present`, dealerCookie), { number: quote.number });
    expect(afterRejection.data).toMatchObject({ notice: "rejected", sheet: { valid: false } });
    expect((await run(presentLoader, get(`/dealer/quotes/${quote.number}/present?version=7`, dealerCookie), { number: quote.number })).status).toBe(404);
    expect((await run(presentLoader, get(`/dealer/quotes/${quote.number}/present`, dealer2Cookie), { number: quote.number })).status).toBe(403);
    expect((await run(presentLoader, get(`/dealer/quotes/${quote.number}/present`, customerCookie), { number: quote.number })).status).toBe(403);
  });
});
