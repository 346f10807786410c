/**
 * The request guard in front of Remix's real request handler (a small build
 * of three routes: a page with an action, a resource route like /logout, an
 * API route): a state-changing request from another site is a 403 page
 * before any action runs, where Remix alone answered a 500 or, for resource
 * routes and data requests, ran the action; behind a proxy a real form post
 * still works.
 */
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { beforeEach, describe, expect, it } from "vitest";
import { LARGEST_BODY_BYTES, readFormData } from "~/utils/form-data.server";
import { guardRequestHandler, refuseRequest, sameOrigin } from "./request-guard.server";

let ran: string[] = [];

const route = (id: string, path: string | undefined, module: Record<string, unknown>, parentId?: string) => ({ id, path, parentId, index: undefined, caseSensitive: undefined, module });

function testBuild(): ServerBuild {
  return {
    mode: "production",
    entry: {
      module: {
        default: () => new Response("<!DOCTYPE html><p>page</p>", { headers: { "Content-Type": "text/html" } }),
        // Remix's 500s are expected in the "without the guard" case: keep them off the console.
        handleError: () => {},
      },
    },
    routes: {
      root: route("root", "", { default: () => null }),
      "routes/form": route(
        "routes/form",
        "form",
        {
          default: () => null,
          action: async ({ request }: { request: Request }) => {
            ran.push("form");
            const form = await readFormData(request);
            return { got: form.get("name") };
          },
        },
        "root",
      ),
      "routes/logout": route("routes/logout", "logout", { action: async () => (ran.push("logout"), new Response(null, { status: 302, headers: { Location: "/" } })) }, "root"),
      "routes/api": route("routes/api", "api/v1/thing", { action: async () => (ran.push("api"), Response.json({ ok: true })) }, "root"),
    },
    assets: { entry: { module: "/entry.js", imports: [] }, routes: {}, url: "/manifest.js", version: "1" },
    publicPath: "/",
    assetsBuildDirectory: "build/client",
    future: { v3_singleFetch: true },
    isSpaMode: false,
  } as unknown as ServerBuild;
}

const remix = createRequestHandler(testBuild(), "production");
const guarded = guardRequestHandler(remix, { publicUrl: undefined });

function post(path: string, headers: Record<string, string>, body: BodyInit = new URLSearchParams({ name: "Ada" })) {
  return new Request(`http://atelier.test${path}`, { method: "POST", headers: { Host: "atelier.test", ...headers }, body });
}

beforeEach(() => {
  ran = [];
});

describe("a state-changing request from another site", () => {
  it("was a 500 from Remix's own check on a page's action (what the guard replaces)", async () => {
    const answer = await remix(post("/form", { Origin: "https://evil.example" }));
    expect(answer.status).toBe(500);
  });

  it("ran a resource route's action under Remix alone (/logout, the PDF's send, /preferences)", async () => {
    const answer = await remix(post("/logout", { Origin: "https://evil.example" }));
    expect(answer.status).toBe(302);
    expect(ran).toEqual(["logout"]);
  });

  it.each([
    ["a foreign Origin", "https://evil.example"],
    ["a `null` Origin (sandboxed frame, privacy redirect)", "null"],
    ["a malformed Origin", "http://"],
    ["an Origin with a path", "http://atelier.test/form"],
    ["another port of the same host", "http://atelier.test:8080"],
    ["a non-http scheme", "file://atelier.test"],
  ])("is a 403 page for %s on a page, a resource route and a data request, and no action runs", async (_name, origin) => {
    for (const path of ["/form", "/logout", "/form.data"]) {
      const answer = await guarded(post(path, { Origin: origin, "Accept-Language": "ja" }));
      expect(answer.status, path).toBe(403);
      expect(answer.headers.get("Content-Type")).toMatch(/^text\/html/);
      const page = await answer.text();
      expect(page).toContain('lang="ja"');
      expect(page).toContain("他のサイトからの送信");
    }
    expect(ran).toEqual([]);
  });

  it("is a 403 in the API's error shape when the API is called with the session cookie", async () => {
    const answer = await guarded(post("/api/v1/thing", { Origin: "https://evil.example", Cookie: "__session=x", "Content-Type": "application/json" }, "{}"));
    expect(answer.status).toBe(403);
    expect(await answer.json()).toEqual({ error: { code: "cross-site-request", message: expect.any(String) } });
    expect(ran).toEqual([]);
  });

  it("passes on the API with its own credentials (a token a foreign page cannot make a browser send)", async () => {
    const answer = await guarded(post("/api/v1/thing", { Origin: "https://integrator.example", Authorization: "Bearer atk_x", "Content-Type": "application/json" }, "{}"));
    expect(answer.status).toBe(200);
    expect(ran).toEqual(["api"]);
  });
});

describe("a request from this site", () => {
  it("runs the page's action (same host, or no Origin: not a browser)", async () => {
    for (const headers of [{ Origin: "http://atelier.test" }, {}] as Record<string, string>[]) {
      const answer = await guarded(post("/form.data", headers));
      expect(answer.status).toBe(200);
    }
    expect(ran).toEqual(["form", "form"]);
  });

  it("works behind a reverse proxy that rewrites Host and says X-Forwarded-Host (where Remix alone answered 500 when they disagreed)", async () => {
    const proxied = () => post("/form", { Host: "127.0.0.1:3000", "X-Forwarded-Host": "atelier.example", Origin: "https://atelier.example" });
    expect((await guarded(proxied())).status).toBe(200);
    const noForwardedHost = () => new Request("http://127.0.0.1:3000/form", { method: "POST", headers: { Host: "127.0.0.1:3000", Origin: "https://atelier.example" }, body: new URLSearchParams({ name: "Ada" }) });
    expect((await remix(noForwardedHost())).status).toBe(500);
    expect((await guarded(noForwardedHost())).status).toBe(403);
    // A proxy that sends no X-Forwarded-Host: PUBLIC_URL names the address people use.
    const withPublicUrl = guardRequestHandler(remix, { publicUrl: "https://atelier.example" });
    expect((await withPublicUrl(noForwardedHost())).status).toBe(200);
    expect(ran).toEqual(["form", "form"]);
  });

  it("never checks GET, HEAD or OPTIONS", () => {
    for (const method of ["GET", "HEAD", "OPTIONS"]) expect(sameOrigin(method, "/", new Headers({ Origin: "https://evil.example", Host: "atelier.test" }), undefined)).toBe(true);
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) expect(sameOrigin(method, "/", new Headers({ Origin: "https://evil.example", Host: "atelier.test" }), undefined)).toBe(false);
  });
});

describe("addresses and bodies no route can use", () => {
  it("answers an address with a NUL character 400, page or API", async () => {
    expect((await guarded(new Request("http://atelier.test/dealer?q=%00"))).status).toBe(400);
    const api = await guarded(new Request("http://atelier.test/api/v1/lines/x?version=%00"));
    expect(api.status).toBe(400);
    expect((await api.json()).error.code).toBe("invalid-character");
  });

  it("answers a declared body larger than any route takes 413 without reading it", async () => {
    const request = new Request("http://atelier.test/login", { method: "POST", headers: { "Content-Length": String(LARGEST_BODY_BYTES + 1) }, body: "x" });
    expect(refuseRequest(request, undefined)).toEqual({ status: 413, kind: "too-large" });
  });

  it("reads an endless undeclared body no further than the route's limit (a form's 64 KB, and a little buffering)", async () => {
    const chunk = new Uint8Array(64 * 1024).fill(120);
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const request = new Request("http://atelier.test/form.data", { method: "POST", headers: { Host: "atelier.test", "Content-Type": "application/x-www-form-urlencoded" }, body: endless, duplex: "half" } as RequestInit);
    const answer = await guarded(request);
    expect(answer.status).toBe(413);
    expect(sent).toBeLessThan(1024 * 1024);
  });
});
