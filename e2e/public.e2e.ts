/** Journeys without an account: the sign-in page, the language and market switches, error pages, health. */
import { createHash } from "node:crypto";
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { BASE_URL, LOCALES, hydrated, launchBrowser, newPage, screenshot, switchLanguage, done } from "./support";

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

describe("visitor", () => {
  it("sees the sign-in page in each language (screenshots)", async () => {
    const { context, page } = await newPage(browser);
    const response = await page.goto("/login");
    assert.equal(response?.status(), 200);
    assert.equal(await page.locator("html").getAttribute("lang"), "en");
    assert.equal(await page.locator("h1").innerText(), LOCALES.en.login.title);
    await screenshot(page, "login-en");
    for (const language of ["zh", "ja", "ko"] as const) {
      await switchLanguage(page, language);
      assert.equal(await page.locator("h1").innerText(), LOCALES[language].login.title);
      assert.equal(await page.getByText(LOCALES[language].login.email, { exact: true }).count(), 1);
      await screenshot(page, `login-${language}`);
    }
    await done(context);
  });

  it("switches the language: the page's text changes and <html lang> follows; the choice is kept", async () => {
    const { context, page } = await newPage(browser);
    await page.goto("/");
    assert.equal(await page.locator("h1").innerText(), LOCALES.en.home.title);
    await switchLanguage(page, "zh");
    assert.equal(await page.locator("h1").innerText(), LOCALES.zh.home.title);
    assert.equal(await page.locator("nav.main-nav a").first().innerText(), LOCALES.zh.nav.home);
    assert.equal(await page.title(), `${LOCALES.zh.home.title} · ${LOCALES.zh.app.name}`);
    // A full reload (server render) keeps the language: it is in a cookie.
    await page.reload();
    assert.equal(await page.locator("html").getAttribute("lang"), "zh");
    assert.equal(await page.locator("h1").innerText(), LOCALES.zh.home.title);
    await done(context);
  });

  it("picks the language from the browser when no choice was made", async () => {
    const { context, page } = await newPage(browser, { locale: "ja-JP" });
    await page.goto("/");
    assert.equal(await page.locator("html").getAttribute("lang"), "ja");
    assert.equal(await page.locator("h1").innerText(), LOCALES.ja.home.title);
    await done(context);
  });

  it("switches the market: prices change currency", async () => {
    const { context, page } = await newPage(browser);
    await page.goto("/");
    await hydrated(page);
    assert.match(await page.getByTestId("prices-in").innerText(), /\$1,000\.00/);
    await page.locator("#pref-market").selectOption("DE");
    await page.waitForFunction(() => document.querySelector('[data-testid="prices-in"]')?.textContent?.includes("€"));
    assert.match(await page.getByTestId("prices-in").innerText(), /€1,000\.00/);
    await screenshot(page, "home-en");
    await page.locator("#pref-market").selectOption("KR");
    await page.waitForFunction(() => document.querySelector('[data-testid="prices-in"]')?.textContent?.includes("₩"));
    assert.match(await page.getByTestId("prices-in").innerText(), /₩1,000(?![.,]\d)/);
    await done(context);
  });

  it("fetches only its own language's strings, and another's when switching to it", async () => {
    const { context, page } = await newPage(browser);
    const fetched: string[] = [];
    page.on("request", (request) => {
      const path = new URL(request.url()).pathname;
      // Once per language: after a switch the shell's preload of the new strings finds them in the cache.
      const language = path.split("/").pop()!.split("-")[0];
      if (/^\/assets\/.*\.json$/.test(path) && !fetched.includes(language)) fetched.push(language);
    });
    await page.goto("/login");
    await hydrated(page);
    assert.deepEqual(fetched, ["en"]);
    await switchLanguage(page, "ja");
    assert.equal(await page.locator("h1").innerText(), LOCALES.ja.login.title);
    assert.deepEqual(fetched, ["en", "ja"]);
    // A reload in Japanese starts from the Japanese strings alone.
    fetched.length = 0;
    await page.reload();
    await hydrated(page);
    assert.deepEqual(fetched, ["ja"]);
    assert.equal(await page.locator("h1").innerText(), LOCALES.ja.login.title);
    await done(context);
  });

  it("works without JavaScript: the switch is a plain form", async () => {
    const context = await browser.newContext({ baseURL: BASE_URL, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/login");
    await page.locator("#pref-language").selectOption("ko");
    await page.getByRole("button", { name: LOCALES.en.preferences.apply }).click();
    await page.waitForSelector('html[lang="ko"]');
    assert.equal(await page.locator("h1").innerText(), LOCALES.ko.login.title);
    await done(context);
  });

  it("gets a translated 404 page without internals", async () => {
    const { context, page } = await newPage(browser);
    const response = await page.goto("/no/such/page");
    assert.equal(response?.status(), 404);
    assert.equal(await page.locator("h1").innerText(), LOCALES.en.errors.notFound.title);
    await switchLanguage(page, "ko");
    assert.equal(await page.locator("h1").innerText(), LOCALES.ko.errors.notFound.title);
    await screenshot(page, "not-found-ko");
    const html = await page.content();
    assert.doesNotMatch(html, /at [\w.$<>]+ \(|node_modules|\.tsx?:\d+/);
    await done(context);
  });

  it("is sent to sign in when opening a role's page signed out", async () => {
    const { context, page } = await newPage(browser);
    await page.goto("/planning");
    assert.equal(new URL(page.url()).pathname, "/login");
    await done(context);
  });

  it("has a health check and request ids", async () => {
    const response = await fetch(`${BASE_URL}/healthz`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: "ok" });
    assert.match(response.headers.get("x-request-id") ?? "", /^[0-9a-f-]{36}$/);
    const echoed = await fetch(`${BASE_URL}/healthz`, { headers: { "x-request-id": "trace-123" } });
    assert.equal(echoed.headers.get("x-request-id"), "trace-123");
  });

  it("serves fingerprinted assets with immutable caching", async () => {
    const html = await (await fetch(`${BASE_URL}/login`)).text();
    const asset = html.match(/\/assets\/[^"]+\.css/)?.[0];
    assert.ok(asset, "the page links a stylesheet under /assets");
    const response = await fetch(`${BASE_URL}${asset}`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get("cache-control") ?? "", /immutable/);
  });

  it("answers bad form input with the form again and 400, never 500", async () => {
    const post = (path: string, body: BodyInit, headers: Record<string, string> = {}) =>
      fetch(`${BASE_URL}${path}`, { method: "POST", body, headers, redirect: "manual" });
    const cases: [string, () => BodyInit, Record<string, string>?][] = [
      ["missing field", () => new URLSearchParams({ password: "x" })],
      ["10 KB email", () => new URLSearchParams({ email: `${"a".repeat(10240)}@x.test`, password: "x", name: "X" })],
      ["malformed email", () => new URLSearchParams({ email: "nope", password: "x", name: "X" })],
      ["wrong type", () => {
        const form = new FormData();
        form.append("email", new Blob(["a@b.test"]), "email.txt");
        form.append("password", "x");
        return form;
      }],
      ["JSON body", () => JSON.stringify({ email: 1 }), { "Content-Type": "application/json" }],
      ["broken multipart", () => "garbage", { "Content-Type": "multipart/form-data; boundary=zz" }],
    ];
    for (const path of ["/login", "/signup"]) {
      for (const [name, body, headers] of cases) {
        const response = await post(path, body(), headers);
        assert.equal(response.status, 400, `${path}, ${name}`);
        const html = await response.text();
        assert.match(html, /class="field__error"/, `${path}, ${name}: a message at a field`);
      }
    }
  });

  it("is slowed down (429 with Retry-After) when guessing one account, while the account's owner signs in from the same address", async () => {
    // Another client address (through the trusted loopback proxy), so other journeys keep theirs.
    const headers = { "X-Forwarded-For": "203.0.113.7" };
    const attempt = () =>
      fetch(`${BASE_URL}/login`, { method: "POST", headers, body: new URLSearchParams({ email: "customer@atelier.test", password: "wrong-password" }) });
    const statuses: number[] = [];
    // Growing delays for this account + address pair (decision 043): a few free guesses, then waits of 1, 2, 4, 8 s …
    // Honour each wait, so the guesses count, until the wait is long enough for the form below to meet it.
    let wait = 0;
    while (wait < 8 && statuses.length < 20) {
      const response = await attempt();
      statuses.push(response.status);
      if (response.status === 429) {
        wait = Number(response.headers.get("Retry-After"));
        assert.ok(wait >= 1, "a 429 says how long to wait");
        if (wait < 8) await new Promise((resolve) => setTimeout(resolve, wait * 1000));
      }
    }
    assert.deepEqual(statuses.slice(0, 5), Array(5).fill(401), "the first guesses are free");
    assert.ok(wait >= 8, `statuses: ${statuses.join(",")}`);

    const context = await browser.newContext({ baseURL: BASE_URL, extraHTTPHeaders: headers });
    const page = await context.newPage();
    await page.goto("/login");
    await hydrated(page);
    await page.getByLabel(LOCALES.en.login.email).fill("customer@atelier.test");
    await page.getByLabel(LOCALES.en.login.password).fill("wrong-again");
    await page.getByRole("button", { name: LOCALES.en.login.submit, exact: true }).click();
    await page.getByText(LOCALES.en.login.rateLimited).waitFor();
    await done(context);

    // Someone else behind the same address (a dealership's NAT) is not locked out.
    const colleague = await fetch(`${BASE_URL}/login`, {
      method: "POST",
      headers,
      body: new URLSearchParams({ email: "dealer@atelier.test", password: "atelier-demo" }),
      redirect: "manual",
    });
    assert.equal(colleague.status, 302);
  });

  it("sends a Content-Security-Policy whose nonce every script of the page carries, and HSTS in production", async () => {
    for (const path of ["/", "/login"]) {
      const response = await fetch(`${BASE_URL}${path}`);
      const csp = response.headers.get("Content-Security-Policy") ?? "";
      const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(csp)?.[1];
      assert.ok(nonce, `${path}: ${csp}`);
      assert.doesNotMatch(csp, /unsafe-eval/);
      assert.equal(response.headers.get("Strict-Transport-Security"), "max-age=31536000");
      const scripts = (await response.text()).match(/<script\b[^>]*>/g) ?? [];
      assert.ok(scripts.length > 0, `${path}: no scripts`);
      for (const tag of scripts) assert.ok(tag.includes(`nonce="${nonce}"`), `${path}: ${tag}`);
    }
  });

  it("sends the visitor's configurator page (from the page cache, decision 056) with the hash of each inline script instead of a nonce", async () => {
    for (let i = 0; i < 2; i++) {
      const response = await fetch(`${BASE_URL}/configure/sedan-a6l`);
      const csp = response.headers.get("Content-Security-Policy") ?? "";
      assert.doesNotMatch(csp, /nonce-|unsafe-eval/);
      assert.equal(response.headers.get("Strict-Transport-Security"), "max-age=31536000");
      const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1]?.split(" ") ?? [];
      const inline = [...(await response.text()).matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter(([, attributes]) => !/\bsrc=/.test(attributes!));
      assert.ok(inline.length > 0, "no inline scripts");
      for (const [, , content] of inline) assert.ok(scriptSrc.includes(`'sha256-${createHash("sha256").update(content!).digest("base64")}'`), `not admitted: ${content!.slice(0, 80)}`);
      assert.equal(scriptSrc.length, 1 + new Set(inline.map(([, , content]) => content)).size, csp);
    }
  });
});
