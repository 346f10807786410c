// @vitest-environment jsdom
/**
 * The live-orders hook: which events refresh the page, throttling of bursts,
 * a refresh after a reconnect, and in a real data router that an event
 * re-runs the page's loader. EventSource is replaced by a stand-in the test
 * drives (jsdom has none); the server side is tested in events.orders.test.ts.
 */
import { act, cleanup, render, screen, waitFor } from "@testing-library/react";
import { createMemoryRouter, RouterProvider, useLoaderData } from "react-router-dom";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { useLiveOrders, watchLiveOrders, type LiveOrderEvent } from "./use-live-orders";

class FakeEventSource {
  static instances: FakeEventSource[] = [];
  readonly listeners = new Map<string, ((event: Event) => void)[]>();
  closed = false;
  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }
  addEventListener(type: string, listener: (event: Event) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {
    this.closed = true;
  }
  emit(type: string, data?: unknown) {
    const event = type === "order" ? new MessageEvent(type, { data: typeof data === "string" ? data : JSON.stringify(data) }) : new Event(type);
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
}

const change = (number: string, status = "scheduled"): LiveOrderEvent => ({ kind: "order.scheduled", number, status, from: "received", line: "sedan-a6l", buildDate: "2030-01-02", version: 2 });

beforeEach(() => {
  FakeEventSource.instances = [];
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe("watchLiveOrders", () => {
  it("refreshes on the order it watches only, and stops", () => {
    const refresh = vi.fn();
    const seen: string[] = [];
    const stop = watchLiveOrders({ number: "AT-0000002", refresh, onEvent: (e) => seen.push(e.number), throttleMs: 0, EventSourceImpl: FakeEventSource });
    const source = FakeEventSource.instances[0]!;
    expect(source.url).toBe("/events/orders");
    source.emit("order", change("AT-0000001"));
    expect(refresh).not.toHaveBeenCalled();
    source.emit("order", change("AT-0000002"));
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(seen).toEqual(["AT-0000002"]);
    source.emit("order", "not json");
    expect(refresh).toHaveBeenCalledTimes(1);
    stop();
    expect(source.closed).toBe(true);
  });

  it("applies a filter", () => {
    const refresh = vi.fn();
    watchLiveOrders({ filter: (e) => e.status === "built", refresh, throttleMs: 0, EventSourceImpl: FakeEventSource });
    const source = FakeEventSource.instances[0]!;
    source.emit("order", change("AT-0000001", "scheduled"));
    source.emit("order", change("AT-0000001", "built"));
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it("turns a burst into one refresh now and one at the end of the window", () => {
    vi.useFakeTimers();
    const refresh = vi.fn();
    const stop = watchLiveOrders({ refresh, throttleMs: 1000, EventSourceImpl: FakeEventSource });
    const source = FakeEventSource.instances[0]!;
    for (let i = 0; i < 50; i++) source.emit("order", change(`AT-${String(i).padStart(7, "0")}`));
    expect(refresh).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(999);
    expect(refresh).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(refresh).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(5000);
    expect(refresh).toHaveBeenCalledTimes(2);
    // A pending refresh is dropped when the page goes away.
    source.emit("order", change("AT-0000001"));
    source.emit("order", change("AT-0000002"));
    expect(refresh).toHaveBeenCalledTimes(3);
    source.emit("order", change("AT-0000003"));
    stop();
    vi.advanceTimersByTime(5000);
    expect(refresh).toHaveBeenCalledTimes(3);
  });

  it("refreshes once after a reconnect (changes may have been missed), not on the first open", () => {
    const refresh = vi.fn();
    watchLiveOrders({ refresh, throttleMs: 0, EventSourceImpl: FakeEventSource });
    const source = FakeEventSource.instances[0]!;
    source.emit("open");
    expect(refresh).not.toHaveBeenCalled();
    source.emit("error");
    source.emit("open");
    expect(refresh).toHaveBeenCalledTimes(1);
  });
});

describe("useLiveOrders", () => {
  /** A page whose loader counts its runs and which watches AT-0000009, after its first load. */
  async function renderLivePage() {
    let loads = 0;
    function Page() {
      const data = useLoaderData() as { loads: number };
      useLiveOrders({ number: "AT-0000009", throttleMs: 0 });
      return <p data-testid="loads">{data.loads}</p>;
    }
    const router = createMemoryRouter([{ path: "/", element: <Page />, loader: () => ({ loads: ++loads }) }]);
    const view = render(<RouterProvider router={router} future={{ v7_startTransition: true }} />);
    expect((await screen.findByTestId("loads")).textContent).toBe("1");
    return view;
  }
  /** Give a refresh that should not happen the time to happen. */
  const settle = () =>
    act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
    });

  it("re-runs the page's loader when a matching order changes, and closes the stream on unmount", async () => {
    vi.stubGlobal("EventSource", FakeEventSource);
    const view = await renderLivePage();
    // The stream opens in an effect, which may run a moment after the first paint.
    await waitFor(() => expect(FakeEventSource.instances).toHaveLength(1));
    const source = FakeEventSource.instances[0]!;
    act(() => source.emit("order", change("AT-0000001")));
    await settle();
    expect(screen.getByTestId("loads").textContent).toBe("1");
    act(() => source.emit("order", change("AT-0000009")));
    await screen.findByText("2");
    view.unmount();
    expect(source.closed).toBe(true);
    vi.unstubAllGlobals();
  });
  it("defers a refresh while Remix's router is busy, even before React has rendered that, and refreshes once it is idle", async () => {
    // Remix renders router updates in transitions: the router's own state (window.__remixRouter) can be
    // ahead of what the page has rendered. A revalidation started after an action answered would drop
    // the action's result, so the hook asks the router.
    vi.stubGlobal("EventSource", FakeEventSource);
    type RemixState = { navigation: { state: string }; revalidation: string };
    const listeners = new Set<(state: RemixState) => void>();
    const remix = {
      state: { navigation: { state: "loading" }, revalidation: "idle" } as RemixState,
      subscribe(listener: (state: RemixState) => void) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
    vi.stubGlobal("__remixRouter", remix);
    const view = await renderLivePage();
    await waitFor(() => expect(FakeEventSource.instances).toHaveLength(1));
    const source = FakeEventSource.instances[0]!;
    act(() => source.emit("order", change("AT-0000009")));
    await settle();
    expect(screen.getByTestId("loads").textContent).toBe("1");
    remix.state = { navigation: { state: "idle" }, revalidation: "idle" };
    act(() => listeners.forEach((listener) => listener(remix.state)));
    await screen.findByText("2");
    view.unmount();
    expect(listeners.size).toBe(0);
    vi.unstubAllGlobals();
  });
});
