/**
 * The production server's security headers (security-headers.js, used by
 * server.js), on a real express app: a Content-Security-Policy with a fresh
 * nonce per request that the document's scripts get (res.locals.cspNonce),
 * no inline or eval'd script without it, and HSTS only in production. The
 * browser journeys check the same policy against the real pages (any CSP
 * violation fails a journey, and public.e2e.ts checks every script's nonce).
 */
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { securityHeaders } from "../../../security-headers.js";

const servers: Server[] = [];

async function serve(production: boolean): Promise<string> {
  const app = express();
  app.use(securityHeaders({ production }));
  app.get("/", (_req, res) => {
    res.type("html").send(`<script nonce="${res.locals.cspNonce}">1</script>`);
  });
  app.get("/quote.pdf", (_req, res) => {
    res.type("pdf").send("%PDF-");
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

let production: string;
let development: string;
beforeAll(async () => {
  [production, development] = await Promise.all([serve(true), serve(false)]);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

const directives = (header: string | null) =>
  Object.fromEntries((header ?? "").split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));

describe("security headers", () => {
  it("send a Content-Security-Policy whose scripts need this request's nonce, which the page gets", async () => {
    const response = await fetch(production);
    const csp = directives(response.headers.get("Content-Security-Policy"));
    const nonce = /nonce="([^"]+)"/.exec(await response.text())?.[1];
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/); // 128 random bits
    expect(csp["script-src"]).toEqual(["'self'", `'nonce-${nonce}'`]);
    expect(csp["script-src-attr"]).toEqual(["'none'"]);
    expect(csp["default-src"]).toEqual(["'self'"]);
    expect(csp["object-src"]).toEqual(["'none'"]);
    expect(csp["frame-ancestors"]).toEqual(["'none'"]);
    expect(JSON.stringify(csp)).not.toMatch(/unsafe-eval|\*/);
  });

  it("make a new nonce for every request", async () => {
    const [a, b] = await Promise.all([fetch(production), fetch(production)]);
    expect(a.headers.get("Content-Security-Policy")).not.toBe(b.headers.get("Content-Security-Policy"));
  });

  it("send Strict-Transport-Security in production only", async () => {
    expect((await fetch(production)).headers.get("Strict-Transport-Security")).toBe("max-age=31536000");
    expect((await fetch(development)).headers.get("Strict-Transport-Security")).toBeNull();
  });

  it("keep the headers server.js set by hand before", async () => {
    const { headers } = await fetch(development);
    expect(headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(headers.get("Referrer-Policy")).toBe("strict-origin-when-cross-origin");
    expect(headers.get("X-Frame-Options")).toBe("DENY");
    expect(headers.get("Content-Security-Policy")).toContain("script-src 'self' 'nonce-");
  });

  it("leave a PDF without the CSP (the browser's viewer is a plugin) but with the other headers", async () => {
    const { headers } = await fetch(`${production}quote.pdf`);
    expect(headers.get("Content-Security-Policy")).toBeNull();
    expect(headers.get("Strict-Transport-Security")).toBe("max-age=31536000");
    expect(headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(headers.get("X-Frame-Options")).toBe("DENY");
  });
});
