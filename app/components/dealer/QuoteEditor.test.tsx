// @vitest-environment jsdom
/**
 * Resubmitting a quote save when the connection returns, in a real data
 * router: the route's action is the same offline-aware wrapper the dealer
 * routes' clientAction uses, around a server that is unreachable at first.
 * The save is kept as pending on the device, "offline" is shown, and the
 * `online` event sends it again — once.
 */
import { act, cleanup, render, screen, waitFor } from "@testing-library/react";
import { createMemoryRouter, Form, RouterProvider, useActionData, useSubmit } from "react-router-dom";
import { useRef } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { useResubmitWhenOnline } from "./QuoteEditor";
import { createDraftStore, draftKey, submitOrKeep } from "./quote-drafts";

afterEach(() => {
  cleanup();
  window.localStorage.clear();
});

function SaveForm({ retryMs }: { retryMs?: number }) {
  const reply = useActionData() as { offline?: true; saved?: string } | undefined;
  const submit = useSubmit();
  const form = useRef<HTMLFormElement>(null);
  useResubmitWhenOnline(
    reply?.offline === true,
    () => {
      if (form.current) submit(form.current, { method: "post" });
    },
    retryMs,
  );
  return (
    <Form method="post" ref={form}>
      <input type="hidden" name="discountValue" value="7" />
      <button type="submit">save</button>
      {reply?.offline ? <p data-testid="offline">offline</p> : null}
      {reply?.saved ? <p data-testid="saved">{reply.saved}</p> : null}
    </Form>
  );
}

describe("a save while offline", () => {
  it("is kept on the device and sent again when the connection returns", async () => {
    const key = draftKey({ quote: "Q-0000007" });
    const store = createDraftStore(window.localStorage);
    store.save(key, { line: "sedan-a6l", choices: ["PQD"], texts: {}, discountKind: "percent", discountValue: "7" });
    let reachable = false;
    const received: string[] = [];
    const server = vi.fn(async (request: Request) => {
      if (!reachable) throw new TypeError("Failed to fetch");
      received.push(String((await request.formData()).get("discountValue")));
      return { saved: "Q-0000007" };
    });
    const router = createMemoryRouter(
      [
        {
          path: "/",
          element: <SaveForm />,
          action: ({ request }) =>
            submitOrKeep(() => server(request), { online: () => true, onOffline: () => store.setPending(key, true), onSaved: () => store.clear(key) }),
        },
      ],
      { initialEntries: ["/"] },
    );
    render(<RouterProvider router={router} future={{ v7_startTransition: true }} />);

    await act(async () => screen.getByRole("button", { name: "save" }).click());
    await screen.findByTestId("offline");
    expect(store.load(key)?.pending).toBe(true);
    expect(received).toEqual([]);

    reachable = true;
    await act(async () => {
      window.dispatchEvent(new Event("online"));
    });
    await waitFor(() => expect(screen.getByTestId("saved").textContent).toBe("Q-0000007"));
    expect(received).toEqual(["7"]);
    // No longer waiting: another `online` event sends nothing.
    await act(async () => {
      window.dispatchEvent(new Event("online"));
    });
    expect(server).toHaveBeenCalledTimes(2);
  });

  it("is tried again while the browser believes it is online, without an `online` event (a Wi-Fi that drops and returns unnoticed)", async () => {
    let reachable = false;
    const server = vi.fn(async () => {
      if (!reachable) throw new TypeError("Failed to fetch");
      return { saved: "Q-0000008" };
    });
    const router = createMemoryRouter(
      [{ path: "/", element: <SaveForm retryMs={40} />, action: () => submitOrKeep(() => server(), { online: () => true, onOffline: () => {}, onSaved: () => {} }) }],
      { initialEntries: ["/"] },
    );
    render(<RouterProvider router={router} future={{ v7_startTransition: true }} />);
    await act(async () => screen.getByRole("button", { name: "save" }).click());
    await screen.findByTestId("offline");
    // Still unreachable: the retries keep it waiting.
    await waitFor(() => expect(server.mock.calls.length).toBeGreaterThanOrEqual(3));
    expect(screen.getByTestId("offline")).toBeTruthy();
    reachable = true;
    await waitFor(() => expect(screen.getByTestId("saved").textContent).toBe("Q-0000008"));
  });
});
