// @vitest-environment jsdom
/**
 * The quote draft store on a real (jsdom) localStorage: kept per quote or per
 * customer and line, read back tolerantly, pending across a reload, and the
 * offline-aware submit that keeps a save the server never got.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { configurationDiffers, createDraftStore, draftDiffers, draftKey, parseDraft, submitOrKeep, type QuoteDraft } from "./quote-drafts";

const draft = { line: "sedan-a6l", choices: ["PQD", "VT7"], texts: { inscription: "FOR ANNA" }, discountKind: "percent" as const, discountValue: "7.5" };

afterEach(() => {
  window.localStorage.clear();
});

describe("draft keys", () => {
  it("are per quote, and per customer and line for a new quote", () => {
    expect(draftKey({ quote: "Q-0000042" })).toBe("atelier.quoteDraft.quote:Q-0000042");
    expect(draftKey({ customer: "c1", line: "sedan-a6l" })).not.toBe(draftKey({ customer: "c2", line: "sedan-a6l" }));
    expect(draftKey({ customer: "c1", line: "sedan-a6l" })).not.toBe(draftKey({ customer: "c1", line: "fridge-fs" }));
  });
});

describe("the draft store", () => {
  it("keeps a draft in localStorage and reads it back (as a new page would)", () => {
    const key = draftKey({ quote: "Q-0000001" });
    createDraftStore(window.localStorage).save(key, { ...draft, expectedLock: 3 }, new Date("2030-01-02T03:04:05Z"));
    const again = createDraftStore(window.localStorage).load(key);
    expect(again).toEqual({ ...draft, expectedLock: 3, pending: false, savedAt: "2030-01-02T03:04:05.000Z" });
  });

  it("keeps 'pending' across later edits until it is cleared, and forgets the draft on clear", () => {
    const store = createDraftStore(window.localStorage);
    const key = draftKey({ customer: "c1", line: "sedan-a6l" });
    store.save(key, draft);
    store.setPending(key, true);
    store.save(key, { ...draft, discountValue: "8" });
    expect(store.load(key)).toMatchObject({ pending: true, discountValue: "8" });
    store.setPending(key, false);
    expect(store.load(key)?.pending).toBe(false);
    store.clear(key);
    expect(store.load(key)).toBeNull();
    expect(window.localStorage.getItem(key)).toBeNull();
  });

  it("treats malformed stored values as no draft", () => {
    for (const raw of ["", "{", "null", "[]", JSON.stringify({ ...draft, choices: "PQD" }), JSON.stringify({ ...draft, discountKind: "free" }), JSON.stringify({ ...draft, savedAt: 1 }), JSON.stringify({ ...draft, texts: { a: 1 }, savedAt: "x" })])
      expect(parseDraft(raw), raw).toBeNull();
  });

  it("never throws when storage is missing, full or disabled", () => {
    const broken = {
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
      removeItem: () => {
        throw new Error("SecurityError");
      },
    };
    for (const store of [createDraftStore(null), createDraftStore(broken)]) {
      expect(() => store.save("k", draft)).not.toThrow();
      expect(store.load("k")).toBeNull();
      expect(() => store.setPending("k", true)).not.toThrow();
      expect(() => store.clear("k")).not.toThrow();
    }
  });

  it("tells whether a draft differs from the page's start", () => {
    const stored: QuoteDraft = { ...draft, pending: false, savedAt: "x" };
    const start = { choices: ["PQD", "VT7"], texts: { inscription: "FOR ANNA" }, discountKind: "percent" as const, discountValue: "7.5" };
    expect(draftDiffers(stored, start)).toBe(false);
    expect(draftDiffers(stored, { ...start, choices: ["PQD"] })).toBe(true);
    expect(draftDiffers(stored, { ...start, texts: {} })).toBe(true);
    expect(draftDiffers(stored, { ...start, discountKind: "amount" })).toBe(true);
    expect(draftDiffers(stored, { ...start, discountValue: "7" })).toBe(true);
  });

  it("compares configurations regardless of the order of the choices, and apart from the discount", () => {
    expect(configurationDiffers({ choices: ["A", "B"], texts: { x: "1" } }, { choices: ["B", "A"], texts: { x: "1" } })).toBe(false);
    expect(configurationDiffers({ choices: ["A"], texts: {} }, { choices: ["A", "B"], texts: {} })).toBe(true);
    expect(configurationDiffers({ choices: [], texts: { x: "1" } }, { choices: [], texts: { x: "2" } })).toBe(true);
  });
});

describe("submitOrKeep", () => {
  const options = () => ({ online: vi.fn(() => true), onOffline: vi.fn(), onSaved: vi.fn() });

  it("doesn't try while the browser is offline", async () => {
    const o = { ...options(), online: () => false };
    const serverAction = vi.fn();
    expect(await submitOrKeep(serverAction, o)).toEqual({ offline: true });
    expect(serverAction).not.toHaveBeenCalled();
    expect(o.onOffline).toHaveBeenCalledOnce();
  });

  it("keeps the draft when the connection drops during the request (fetch throws a TypeError)", async () => {
    const o = options();
    expect(await submitOrKeep(() => Promise.reject(new TypeError("Failed to fetch")), o)).toEqual({ offline: true });
    expect(o.onOffline).toHaveBeenCalledOnce();
    expect(o.onSaved).not.toHaveBeenCalled();
  });

  it("passes a redirect through as saved, and the server's answers and other errors as they are", async () => {
    const o = options();
    const redirect = new Response(null, { status: 302, headers: { Location: "/dealer/quotes/Q-0000001" } });
    await expect(submitOrKeep(() => Promise.reject(redirect), o)).rejects.toBe(redirect);
    expect(o.onSaved).toHaveBeenCalledOnce();
    const reply = { status: "error", error: { discountValue: ["quotes.errors.negative"] } };
    expect(await submitOrKeep(() => Promise.resolve(reply), o)).toBe(reply);
    const forbidden = new Response(null, { status: 403 });
    await expect(submitOrKeep(() => Promise.reject(forbidden), o)).rejects.toBe(forbidden);
    await expect(submitOrKeep(() => Promise.reject(new Error("bug")), o)).rejects.toThrow("bug");
    expect(o.onOffline).not.toHaveBeenCalled();
    expect(o.onSaved).toHaveBeenCalledOnce();
  });

  it("passes a TypeError of our own (a bug, not the network) through as an error", async () => {
    const o = options();
    await expect(submitOrKeep(() => Promise.reject(new TypeError("Cannot read properties of undefined")), o)).rejects.toThrow("Cannot read");
    expect(o.onOffline).not.toHaveBeenCalled();
  });

  it("a request the router aborted (superseded by another) is neither kept as pending nor answered 'offline', even with the browser offline by then", async () => {
    const controller = new AbortController();
    const o = { ...options(), signal: controller.signal };
    let offline = false;
    o.online.mockImplementation(() => !offline);
    const superseded = submitOrKeep(
      () =>
        new Promise((_, reject) => {
          controller.abort();
          offline = true;
          reject(new DOMException("signal is aborted without reason", "AbortError"));
        }),
      o,
    );
    await expect(superseded).rejects.toMatchObject({ name: "AbortError" });
    expect(o.onOffline).not.toHaveBeenCalled();
    expect(o.onSaved).not.toHaveBeenCalled();
  });

  it("a dropped connection on a request nobody aborted is still kept (the signal given)", async () => {
    const o = { ...options(), signal: new AbortController().signal };
    expect(await submitOrKeep(() => Promise.reject(new TypeError("Failed to fetch")), o)).toEqual({ offline: true });
    expect(o.onOffline).toHaveBeenCalledOnce();
  });
});
