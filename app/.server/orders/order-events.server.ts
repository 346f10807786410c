/**
 * The server-sent event stream behind /events/orders: the process's live
 * order feed (live.server.ts), filtered for the person asking and written as
 * `text/event-stream`.
 *
 * Who hears what: planners and admins every order; a customer only their
 * own orders; dealers and sales managers only their dealership's. An event
 * carries what a page needs to decide whether to refresh (number, status,
 * line, build date, version), never who the customer is.
 */
import { eq } from "drizzle-orm";
import type { Executor } from "#db/client";
import { dealershipMembers } from "#db/schema";
import { can } from "~/domain/permissions";
import type { Role } from "~/domain/roles";
import { subscribeToOrders, type OrderSubscriber } from "~/.server/messages/live.server";
import type { OrderChangeMessage } from "./order-messages.server";

/** Who is listening, as far as filtering needs to know. */
export interface OrderAudience {
  userId: string;
  role: Role;
  /** The dealerships the user works at (dealers and sales managers). */
  dealershipIds: readonly string[];
}

export async function orderAudience(db: Executor, user: { id: string; role: Role }): Promise<OrderAudience> {
  const dealershipIds = can(user, "order.read.dealership")
    ? (await db.select({ id: dealershipMembers.dealershipId }).from(dealershipMembers).where(eq(dealershipMembers.userId, user.id))).map((r) => r.id)
    : [];
  return { userId: user.id, role: user.role, dealershipIds };
}

/** Whether this person may hear of this change. */
export function mayReceive(audience: OrderAudience, message: OrderChangeMessage): boolean {
  if (can(audience, "order.read.all")) return true;
  if (can(audience, "order.read.dealership")) return message.dealershipId !== null && audience.dealershipIds.includes(message.dealershipId);
  if (can(audience, "order.read.own")) return message.customerId === audience.userId;
  return false;
}

/** What an event says (the `data:` of `event: order`). */
export type OrderEventData = Pick<OrderChangeMessage, "kind" | "number" | "status" | "from" | "line" | "buildDate" | "version">;

export function eventData(message: OrderChangeMessage): OrderEventData {
  const { kind, number, status, from, line, buildDate, version } = message;
  return { kind, number, status, from, line, buildDate, version };
}

/** How often a comment line keeps proxies and the browser from dropping an idle stream. */
export const HEARTBEAT_MS = 20_000;
/** How long the browser waits before reconnecting after the stream drops. */
export const RETRY_MS = 3_000;

export interface StreamOptions {
  heartbeatMs?: number;
  /** The feed to subscribe to (default: the process's). */
  subscribe?: (subscriber: OrderSubscriber) => Promise<() => void>;
}

/**
 * A `text/event-stream` response of the order changes `audience` may hear,
 * open until `signal` aborts (the browser went away) or the reader cancels.
 * Resolves once the subscription is in place, so nothing committed after the
 * response starts is missed.
 */
export async function orderEventStream(source: Request | AbortSignal, audience: OrderAudience, options: StreamOptions = {}): Promise<Response> {
  const subscribe = options.subscribe ?? subscribeToOrders;
  const signal = source instanceof Request ? source.signal : source;
  // Node's Request follows the signal it was made with through a weak reference: once the
  // Request object is garbage-collected, an abort (the client went away) no longer reaches
  // `request.signal`. Holding the Request for the life of the stream keeps that link.
  let held: Request | AbortSignal | null = source;
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let closed = false;
  let unsubscribe: (() => void) | null = null;
  let heartbeat: ReturnType<typeof setInterval> | undefined;

  const close = () => {
    if (closed) return;
    closed = true;
    if (held !== null) held = null;
    clearInterval(heartbeat);
    unsubscribe?.();
    signal.removeEventListener("abort", close);
    try {
      controller.close();
    } catch {
      // Already closed or cancelled by the reader.
    }
  };
  const send = (text: string) => {
    if (closed) return;
    try {
      controller.enqueue(encoder.encode(text));
    } catch {
      close();
    }
  };

  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    cancel() {
      close();
    },
  });

  unsubscribe = await subscribe((message) => {
    if (mayReceive(audience, message)) send(`event: order\ndata: ${JSON.stringify(eventData(message))}\n\n`);
  });
  if (closed) unsubscribe();
  else {
    heartbeat = setInterval(() => send(": heartbeat\n\n"), options.heartbeatMs ?? HEARTBEAT_MS);
    signal.addEventListener("abort", close, { once: true });
    if (signal.aborted) close();
    send(`retry: ${RETRY_MS}\n: connected\n\n`);
  }

  return new Response(body, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store, no-transform",
      // nginx and similar proxies would otherwise buffer the stream.
      "X-Accel-Buffering": "no",
    },
  });
}
