/**
 * Live order pages: listen to /events/orders (server-sent events, see
 * docs/api.md) and re-run the page's loaders when an order the page shows
 * changes, so new orders and status changes appear without a reload.
 *
 *   useLiveOrders();                          // any order change (queue pages)
 *   useLiveOrders({ number: order.number });  // only this order (order pages)
 *
 * Refreshes are throttled: a burst of changes (automatic scheduling moves
 * hundreds of orders at once) costs one reload at the start and one at the
 * end of each window. The browser's EventSource reconnects by itself; after
 * a reconnect the page reloads once, since changes may have been missed.
 */
import { useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { idleState, routerIdle, routerOf } from "~/utils/router-idle";

/** What an `order` event says (the server's OrderEventData). */
export interface LiveOrderEvent {
  kind: "order.received" | "order.status" | "order.scheduled" | "order.changed";
  number: string;
  status: string;
  from: string | null;
  line: string;
  buildDate: string | null;
  version: number;
}

export const LIVE_ORDERS_URL = "/events/orders";
export const DEFAULT_THROTTLE_MS = 1_000;

export interface LiveOrdersOptions {
  /** Only changes of this order. */
  number?: string;
  /** Only changes this returns true for (after `number`). */
  filter?: (event: LiveOrderEvent) => boolean;
  /** At most one refresh per this many milliseconds (default 1 s). */
  throttleMs?: number;
  /** Called with every matching event (e.g. to highlight a row). */
  onEvent?: (event: LiveOrderEvent) => void;
  /** False: don't listen (e.g. while a form on the page is being edited). Default true. */
  enabled?: boolean;
}

/** What is used of an EventSource (the browser's, or a test's stand-in). */
export interface EventSourceLike {
  addEventListener(type: string, listener: (event: Event) => void): void;
  close(): void;
}

export interface WatchOptions extends Omit<LiveOrdersOptions, "enabled"> {
  /** What to run when a matching change arrives (throttled). */
  refresh: () => void;
  url?: string;
  /** The EventSource constructor (tests pass one). */
  EventSourceImpl?: new (url: string) => EventSourceLike;
}

/** Open the stream and refresh on matching changes; returns the function that stops it all. */
export function watchLiveOrders(options: WatchOptions): () => void {
  const Impl = options.EventSourceImpl ?? (typeof EventSource === "undefined" ? undefined : EventSource);
  if (!Impl) return () => {};
  const throttleMs = options.throttleMs ?? DEFAULT_THROTTLE_MS;
  const source = new Impl(options.url ?? LIVE_ORDERS_URL);
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let hadError = false;

  const refreshSoon = () => {
    if (timer !== undefined) return; // one is already due
    const wait = last + throttleMs - Date.now();
    const run = () => {
      timer = undefined;
      last = Date.now();
      options.refresh();
    };
    if (wait <= 0) run();
    else timer = setTimeout(run, wait);
  };

  source.addEventListener("order", (event) => {
    let data: LiveOrderEvent;
    try {
      data = JSON.parse((event as MessageEvent<string>).data) as LiveOrderEvent;
    } catch {
      return;
    }
    if (options.number !== undefined && data.number !== options.number) return;
    if (options.filter && !options.filter(data)) return;
    options.onEvent?.(data);
    refreshSoon();
  });
  source.addEventListener("error", () => {
    hadError = true;
  });
  source.addEventListener("open", () => {
    if (hadError) refreshSoon();
    hadError = false;
  });

  return () => {
    clearTimeout(timer);
    source.close();
  };
}


/** Keep the page's data live: revalidate its loaders when a matching order changes. */
export function useLiveOrders(options: LiveOrdersOptions = {}): void {
  const { revalidate, state: revalidation } = useRevalidator();
  const navigation = useNavigation();
  // A revalidation started while a form is submitting or a page is loading would abort that
  // request mid-way (the router cancels the pending one): wait for the router to be idle, then
  // refresh once. The submission's own revalidation usually brings the change along anyway.
  const busy = navigation.state !== "idle" || revalidation !== "idle";
  const deferred = useRef(false);
  // Latest callbacks without re-opening the stream on every render.
  const latest = useRef({ revalidate, busy, filter: options.filter, onEvent: options.onEvent });
  latest.current = { revalidate, busy, filter: options.filter, onEvent: options.onEvent };
  const { number, throttleMs, enabled = true } = options;

  useEffect(() => {
    if (!busy && deferred.current) {
      deferred.current = false;
      revalidate();
    }
  }, [busy, revalidate]);

  useEffect(() => {
    if (!enabled) return;
    return watchLiveOrders({
      number,
      throttleMs,
      filter: (event) => latest.current.filter?.(event) ?? true,
      onEvent: (event) => latest.current.onEvent?.(event),
      refresh: () => {
        // Remix renders router updates in transitions (v7_startTransition), so the rendered `busy` can
        // still read idle while a submission is under way; the router itself knows. A revalidation
        // started after the action answered restarts the load without the action's result, and the
        // page would lose its confirmation.
        if (latest.current.busy || !routerIdle()) deferred.current = true;
        else latest.current.revalidate();
      },
    });
  }, [number, throttleMs, enabled]);

  // A change deferred while the router was busy is refreshed once the router is idle, even when
  // React never rendered the busy state in between.
  useEffect(() => {
    const router = routerOf();
    if (!enabled || !router) return;
    return router.subscribe((state) => {
      if (!deferred.current || !idleState(state)) return;
      deferred.current = false;
      // Not from inside the router's own notification.
      setTimeout(() => latest.current.revalidate(), 0);
    });
  }, [enabled]);
}
