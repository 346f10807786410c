/**
 * Live order changes for open pages: ONE `LISTEN atelier_orders` per process,
 * fanned out to every subscriber (each open /events/orders stream is one).
 *
 * Order changes NOTIFY inside their own transaction (order-messages.server.ts),
 * so a subscriber hears of a change only once it is committed, never of a
 * rolled-back one; on PostgreSQL every app server's listener hears every
 * other's changes. The LISTEN starts with the first subscriber and stops
 * after the last one leaves, so a process without open live pages holds no
 * listening connection.
 */
import { getProcessDbHandle, type DbHandle, type Unlisten } from "#db/client";
import { ORDER_STATUSES } from "~/domain/orders";
import { log } from "~/.server/platform/logger.server";
import { ORDERS_CHANNEL, type OrderChangeMessage } from "~/.server/orders/order-messages.server";

export type OrderSubscriber = (message: OrderChangeMessage) => void;

export interface OrderFeed {
  /** Start receiving (resolves once the LISTEN is in place); call the result to stop. */
  subscribe(subscriber: OrderSubscriber): Promise<() => void>;
  /** How many subscribers are registered (for tests and diagnostics). */
  readonly size: number;
}

type Listen = (channel: string, onMessage: (payload: string) => void) => Promise<Unlisten>;

const KINDS = new Set(["order.received", "order.status", "order.scheduled", "order.changed"]);
const STATUSES = new Set<string>(ORDER_STATUSES);

/** A payload from the channel as a message, or null if it isn't one (the channel is a public name). */
export function parseOrderMessage(payload: string): OrderChangeMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const m = value as Record<string, unknown>;
  const ok =
    typeof m.kind === "string" &&
    KINDS.has(m.kind) &&
    typeof m.number === "string" &&
    typeof m.status === "string" &&
    STATUSES.has(m.status) &&
    typeof m.line === "string" &&
    typeof m.customerId === "string" &&
    (m.dealershipId === null || typeof m.dealershipId === "string") &&
    typeof m.version === "number";
  return ok ? (value as OrderChangeMessage) : null;
}

/**
 * A feed over any LISTEN (the process's database by default; tests pass a
 * given handle's). Subscribers are called in the order they subscribed; one
 * that throws does not keep the message from the others.
 */
export function createOrderFeed(listen: Listen): OrderFeed {
  const subscribers = new Set<OrderSubscriber>();
  // The running (or starting) LISTEN; null when nobody listens.
  let running: Promise<Unlisten> | null = null;

  const deliver = (payload: string) => {
    const message = parseOrderMessage(payload);
    if (!message) {
      log.warn("live: ignored a malformed message on the orders channel", { length: payload.length });
      return;
    }
    for (const subscriber of [...subscribers]) {
      try {
        subscriber(message);
      } catch (error) {
        log.error("live: a subscriber failed", { error });
      }
    }
  };

  // The last LISTEN's UNLISTEN, which a new start waits for so the two never interleave.
  let stopping: Promise<void> = Promise.resolve();

  const stopIfIdle = () => {
    if (subscribers.size > 0 || !running) return;
    const stopped = running;
    running = null;
    stopping = stopped.then((unlisten) => unlisten()).catch(() => {});
  };

  return {
    get size() {
      return subscribers.size;
    },
    async subscribe(subscriber) {
      subscribers.add(subscriber);
      if (!running) {
        // A fresh callback per LISTEN: PGlite keys registrations by callback, so an old
        // registration's unlisten must not be able to remove a new one.
        const starting = stopping.then(() => listen(ORDERS_CHANNEL, (payload) => deliver(payload)));
        running = starting;
        // A failed start must not stick: the next subscriber tries again.
        starting.catch(() => {
          if (running === starting) running = null;
        });
      }
      try {
        await running;
      } catch (error) {
        subscribers.delete(subscriber);
        throw error;
      }
      let done = false;
      return () => {
        if (done) return;
        done = true;
        subscribers.delete(subscriber);
        stopIfIdle();
      };
    },
  };
}

// One feed per database handle, on globalThis so Vite's dev server, which
// re-evaluates modules, keeps one per process; a closed and reopened process
// database (tests do that) gets a fresh feed.
const GLOBAL_KEY = Symbol.for("atelier.live.orders");
type Holder = { [GLOBAL_KEY]?: WeakMap<DbHandle, OrderFeed> };
const holder = globalThis as Holder;

/** The process's feed of order changes (LISTEN on the process's database, started by the first subscriber). */
export async function processOrderFeed(): Promise<OrderFeed> {
  const handle = await getProcessDbHandle();
  const feeds = (holder[GLOBAL_KEY] ??= new WeakMap());
  let feed = feeds.get(handle);
  if (!feed) {
    feed = createOrderFeed(handle.listen);
    feeds.set(handle, feed);
  }
  return feed;
}

/** Subscribe to the process's order changes. */
export async function subscribeToOrders(subscriber: OrderSubscriber): Promise<() => void> {
  return (await processOrderFeed()).subscribe(subscriber);
}
