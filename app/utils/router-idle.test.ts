// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from "vitest";
import { routerIdle, whenRouterIdle, type RouterView } from "./router-idle";

type State = RouterView["state"];

/** A stand-in for Remix's router: its state and the listeners it notifies on each change. */
function fakeRouter(state: State) {
  const listeners = new Set<(state: State) => void>();
  const router = {
    state,
    subscribe(listener: (state: State) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(next: State) {
      router.state = next;
      listeners.forEach((listener) => listener(next));
    },
    listeners,
  };
  return router;
}

const idle: State = { navigation: { state: "idle" }, revalidation: "idle" };
const submitting: State = { navigation: { state: "submitting" }, revalidation: "idle" };
const revalidating: State = { navigation: { state: "idle" }, revalidation: "loading" };

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("routerIdle", () => {
  it("reads the router's own state: a submission or a revalidation under way is not idle", () => {
    expect(routerIdle(fakeRouter(idle))).toBe(true);
    expect(routerIdle(fakeRouter(submitting))).toBe(false);
    expect(routerIdle(fakeRouter(revalidating))).toBe(false);
  });

  it("asks window.__remixRouter by default, and is idle where there is none (the server)", () => {
    expect(routerIdle()).toBe(true);
    vi.stubGlobal("__remixRouter", fakeRouter(submitting));
    expect(routerIdle()).toBe(false);
  });
});

describe("whenRouterIdle", () => {
  it("runs at once when nothing is under way", () => {
    const run = vi.fn();
    whenRouterIdle(run, fakeRouter(idle));
    expect(run).toHaveBeenCalledOnce();
  });

  it("waits for the request under way to settle, then runs once (outside the router's notification)", () => {
    vi.useFakeTimers();
    const router = fakeRouter(submitting);
    const run = vi.fn();
    whenRouterIdle(run, router);
    router.set({ navigation: { state: "loading" }, revalidation: "idle" });
    vi.runAllTimers();
    expect(run).not.toHaveBeenCalled();
    router.set(idle);
    expect(run).not.toHaveBeenCalled();
    vi.runAllTimers();
    expect(run).toHaveBeenCalledOnce();
    router.set(submitting);
    router.set(idle);
    vi.runAllTimers();
    expect(run).toHaveBeenCalledOnce();
    expect(router.listeners.size).toBe(0);
  });

  it("runs nothing once cancelled (the effect's cleanup: the page went elsewhere)", () => {
    vi.useFakeTimers();
    const router = fakeRouter(revalidating);
    const run = vi.fn();
    const cancel = whenRouterIdle(run, router);
    cancel();
    router.set(idle);
    vi.runAllTimers();
    expect(run).not.toHaveBeenCalled();
    expect(router.listeners.size).toBe(0);
    // Cancelled between the idle state and the deferred run.
    const later = vi.fn();
    const cancelLater = whenRouterIdle(later, (router.set(submitting), router));
    router.set(idle);
    cancelLater();
    vi.runAllTimers();
    expect(later).not.toHaveBeenCalled();
  });
});
