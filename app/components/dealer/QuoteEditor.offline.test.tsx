// @vitest-environment jsdom
/**
 * The quote editor on a tablet that loses its connection, rendered for real
 * (the demo sedan, the real configurator and engine) in a data router whose
 * routes use the dealer routes' own clientAction and shouldRevalidate. Only
 * the server is played: one that answers, then can't be reached (every
 * fetch, the page's data too, rejects with a TypeError, as in Chromium),
 * then answers again.
 *
 * - an offline save keeps the editor and says so (no error page, though the
 *   page's data can't be reloaded either), and is sent by itself when the
 *   connection returns;
 * - a save refused as stale (someone saved another version meanwhile) shows
 *   both versions and what differs; the dealer's choice is sent on the
 *   quote as it is now;
 * - a draft of an older base, or one left over when the page opens with a
 *   share code's configuration, is asked about instead of being dropped or
 *   silently replacing the configuration.
 */
import { act, cleanup, configure, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { createMemoryRouter, Outlet, RouterProvider, useLoaderData, useRouteError } from "react-router-dom";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { sedan, withI18n } from "~/components/configurator/configurator.testing";
import type { QuoteOnServer } from "~/domain/forms/dealer";
import en from "~/locales/en.json";
import { clientAction as editClientAction, shouldRevalidate as editShouldRevalidate } from "~/routes/dealer.quotes.$number.edit";
import { clientAction as newClientAction, shouldRevalidate as newShouldRevalidate } from "~/routes/dealer.quotes.new.$line";
import { createDraftStore, draftKey } from "./quote-drafts";
import { QuoteEditor, type QuoteEditorProps } from "./QuoteEditor";

/** The demo sedan, complete: base trim, 40 TFSI, Ibis White, dynamic suspension, black Milano leather, 17-inch wheels. */
const COMPLETE = ["LB0", "40F", "T9T9", "1BA", "N4M-AF", "C4T"];
const NUMBER = "Q-0000042";

// The first render compiles the sedan for the engine: on a busy 2-core machine that takes more than the default second.
configure({ asyncUtilTimeout: 10_000 });

let online = true;
beforeEach(() => {
  online = true;
  Object.defineProperty(window.navigator, "onLine", { configurable: true, get: () => online });
  // jsdom has no canvas: the configurator's stage shows its still picture, as on a browser without WebGL.
  vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockReturnValue(null);
  // The delivery estimate beside the price asks the server too: here it just has none.
  vi.stubGlobal("fetch", vi.fn(async () => new Response("{}", { status: 404 })));
});
afterEach(() => {
  cleanup();
  window.localStorage.clear();
  window.sessionStorage.clear();
  vi.unstubAllGlobals();
});

/** A server that answers with `answer` (recording each form it gets) while `reachable`, and can't be reached otherwise. */
function playedServer(answer: (form: FormData) => unknown) {
  const state = { reachable: true, received: [] as Record<string, string>[], requests: [] as Request[] };
  const serverAction = (request: Request) => async () => {
    state.requests.push(request);
    if (!state.reachable) throw new TypeError("Failed to fetch");
    const form = await request.formData();
    state.received.push(Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)])));
    const reply = answer(form);
    if (reply instanceof Response) throw reply;
    return reply;
  };
  return { state, serverAction };
}

function ShellError() {
  useRouteError();
  return <p data-testid="error-page">ERROR</p>;
}

function Shell() {
  const data = useLoaderData() as { user: string };
  return (
    <>
      <p data-testid="signed-in-as">{data.user}</p>
      <Outlet />
    </>
  );
}

type Route = "edit" | "new";

/** The editor in a data router: a shell route with the header's data, the editor route with its loader, the real clientAction and shouldRevalidate. */
function renderEditor(route: Route, props: Partial<QuoteEditorProps>, server: ReturnType<typeof playedServer>, url = "/editor") {
  const loads = { shell: 0, editor: 0 };
  // Loaders that fail like the browser's fetch while the server is unreachable.
  const reach = (what: keyof typeof loads) => {
    if (!server.state.reachable) throw new TypeError("Failed to fetch");
    loads[what]++;
    return { user: "dealer@atelier.test" };
  };
  const editorProps: QuoteEditorProps = {
    line: sedan,
    version: "test",
    market: "DE",
    language: "en",
    initial: { choices: COMPLETE, texts: {} },
    openedWith: route === "edit" ? "quote" : "address",
    initialDiscount: { kind: "percent", value: "" },
    capBasisPoints: 500,
    draftKey: route === "edit" ? draftKey({ quote: NUMBER }) : draftKey({ customer: "c1", line: sedan.code }),
    ...(route === "edit" ? { expectedLock: 3 } : { customerId: "c1" }),
    address: () => "/editor",
    subtitle: "a quote",
    backHref: "/back",
    ...props,
  };
  const router = createMemoryRouter(
    [
      {
        id: "root",
        path: "/",
        element: <Shell />,
        errorElement: <ShellError />,
        loader: () => reach("shell"),
        shouldRevalidate: route === "edit" ? editShouldRevalidate : newShouldRevalidate,
        children: [
          {
            path: "editor",
            element: <QuoteEditor {...editorProps} />,
            loader: () => reach("editor"),
            shouldRevalidate: route === "edit" ? editShouldRevalidate : newShouldRevalidate,
            action: ({ request, params }) =>
              route === "edit"
                ? editClientAction({ request, params: { ...params, number: NUMBER }, serverAction: server.serverAction(request) as never })
                : newClientAction({ request, params: { ...params, line: sedan.code }, serverAction: server.serverAction(request) as never }),
          },
          { path: "quote", element: <p data-testid="saved-quote">saved</p> },
          { path: "back", element: <p>the quote</p> },
        ],
      },
    ],
    { initialEntries: [url] },
  );
  // As RemixBrowser does: the page asks the router itself whether a request is under way (~/utils/router-idle).
  vi.stubGlobal("__remixRouter", router);
  render(withI18n(<RouterProvider router={router} future={{ v7_startTransition: true }} />));
  return { router, loads, editorProps };
}

const discountField = () => document.querySelector<HTMLInputElement>('input[name="discountValue"]')!;
const hidden = (name: string) => document.querySelector<HTMLInputElement>(`input[type="hidden"][name="${name}"]`)?.value;

async function typeDiscountAndSave(value: string) {
  await screen.findByTestId("save-quote");
  fireEvent.change(discountField(), { target: { value } });
  await act(async () => {
    fireEvent.click(screen.getByTestId("save-quote"));
  });
}

const goOnline = async () => {
  online = true;
  await act(async () => {
    window.dispatchEvent(new Event("online"));
  });
};

describe("saving a quote while offline", () => {
  it("keeps the editor and says so (no error page, still signed in), then sends the save by itself when the connection returns", async () => {
    const server = playedServer(() => new Response(null, { status: 302, headers: { Location: "/quote" } }));
    const { router } = renderEditor("edit", {}, server);
    await screen.findByTestId("signed-in-as");
    online = false;
    server.state.reachable = false;
    await typeDiscountAndSave("4");

    expect(await screen.findByTestId("offline")).toBeTruthy();
    expect(screen.getByTestId("offline").textContent).toBe(en.quotes.draft.offline);
    expect(screen.queryByTestId("error-page")).toBeNull();
    expect(screen.getByTestId("signed-in-as").textContent).toBe("dealer@atelier.test");
    expect(discountField().value).toBe("4");
    const key = draftKey({ quote: NUMBER });
    expect(createDraftStore(window.localStorage).load(key)).toMatchObject({ pending: true, discountValue: "4", choices: COMPLETE, expectedLock: 3 });
    expect(server.state.received).toEqual([]);

    server.state.reachable = true;
    await goOnline();
    await waitFor(() => expect(router.state.location.pathname).toBe("/quote"));
    expect(server.state.received).toHaveLength(1);
    expect(server.state.received[0]).toMatchObject({ discountValue: "4", choices: COMPLETE.join(","), expectedLock: "3", line: sedan.code });
    // Saved: the draft is gone from the device.
    expect(createDraftStore(window.localStorage).load(key)).toBeNull();
  });

  it("a connection that drops during the request (the browser still 'online') is kept the same way", async () => {
    const server = playedServer(() => new Response(null, { status: 302, headers: { Location: "/quote" } }));
    const { loads } = renderEditor("new", {}, server);
    await screen.findByTestId("signed-in-as");
    server.state.reachable = false;
    await typeDiscountAndSave("3");
    expect(await screen.findByTestId("offline")).toBeTruthy();
    expect(screen.queryByTestId("error-page")).toBeNull();
    expect(createDraftStore(window.localStorage).load(draftKey({ customer: "c1", line: sedan.code }))).toMatchObject({ pending: true, discountValue: "3" });
    // The page's data was not asked for again: it would have failed the same way.
    expect(loads).toEqual({ shell: 1, editor: 1 });
  });
});

describe("a save sent again when the connection returns", () => {
  it("is sent once though 'online' and the retry come together before the page shows the send under way: the router never aborts it", async () => {
    // Remix renders router updates in transitions, so the page can read "idle" while its send is on its way. A
    // second send then made the router abort the first (in Chromium, Remix logs the aborted read: "AbortError:
    // signal is aborted without reason"), though the first had reached the server; the second met it as stale.
    // Two events in one task are the same moment for the page: nothing renders between them.
    const saved = { lock: 3, discountValue: "" };
    const server = playedServer((form) => {
      if (form.get("expectedLock") !== String(saved.lock)) {
        return { status: "error", code: "stale", error: { "": ["quotes.errors.stale"] }, server: { lock: saved.lock, version: 2, choices: COMPLETE, texts: {}, discountKind: "percent", discountValue: saved.discountValue } };
      }
      saved.lock += 1;
      saved.discountValue = String(form.get("discountValue"));
      return new Response(null, { status: 302, headers: { Location: "/quote" } });
    });
    const { router } = renderEditor("edit", {}, server);
    await screen.findByTestId("signed-in-as");
    online = false;
    server.state.reachable = false;
    await typeDiscountAndSave("4");
    await screen.findByTestId("offline");
    server.state.reachable = true;
    server.state.requests.length = 0;

    online = true;
    await act(async () => {
      window.dispatchEvent(new Event("online"));
      window.dispatchEvent(new Event("online"));
    });
    await waitFor(() => expect(router.state.location.pathname).toBe("/quote"));
    expect(server.state.requests.filter((request) => request.signal.aborted)).toEqual([]);
    expect(server.state.received).toEqual([expect.objectContaining({ discountValue: "4", expectedLock: "3" })]);
    expect(saved).toEqual({ lock: 4, discountValue: "4" });
    expect(createDraftStore(window.localStorage).load(draftKey({ quote: NUMBER }))).toBeNull();
  });
});

describe("a save refused because the quote changed meanwhile", () => {
  const server409 = (now: QuoteOnServer) =>
    playedServer((form) =>
      form.get("expectedLock") === String(now.lock)
        ? new Response(null, { status: 302, headers: { Location: "/quote" } })
        : { status: "error", code: "stale", error: { "": ["quotes.errors.stale"] }, server: now },
    );

  it("shows both versions and what differs; 'keep mine' sends the draft on the quote as it is now", async () => {
    // Someone else saved version 4 with 18-inch wheels and 5 %.
    const now: QuoteOnServer = { lock: 4, version: 4, choices: [...COMPLETE.slice(0, 5), "CH1"], texts: {}, discountKind: "percent", discountValue: "5" };
    const server = server409(now);
    const { router } = renderEditor("edit", {}, server);
    await screen.findByTestId("signed-in-as");
    online = false;
    server.state.reachable = false;
    await typeDiscountAndSave("4");
    await screen.findByTestId("offline");

    server.state.reachable = true;
    await goOnline();
    const choice = await screen.findByTestId("draft-choice");
    expect(choice.dataset.reason).toBe("changed-on-server");
    const rows = within(screen.getByTestId("draft-differences"));
    const discount = rows.getByText(en.quotes.price.discountLabel).closest("tr")!;
    expect(within(discount).getByText("4 %").dataset.side).toBe("mine");
    expect(within(discount).getByText("5 %").dataset.side).toBe("theirs");
    const wheels = document.querySelector('tr[data-feature="wheels"]')!;
    expect(wheels.querySelector('[data-side="mine"]')!.textContent).not.toBe(wheels.querySelector('[data-side="theirs"]')!.textContent);
    expect(server.state.received).toHaveLength(1);
    // Nothing is dropped while the dealer decides.
    expect(createDraftStore(window.localStorage).load(draftKey({ quote: NUMBER }))).toMatchObject({ discountValue: "4", pending: true });

    await act(async () => {
      fireEvent.click(screen.getByTestId("keep-mine"));
    });
    await waitFor(() => expect(router.state.location.pathname).toBe("/quote"));
    expect(server.state.received).toHaveLength(2);
    expect(server.state.received[1]).toMatchObject({ discountValue: "4", expectedLock: "4", choices: COMPLETE.join(",") });
  });

  it("'keep the saved version' drops the draft and continues from the server's version", async () => {
    const now: QuoteOnServer = { lock: 4, version: 4, choices: COMPLETE, texts: {}, discountKind: "percent", discountValue: "5" };
    const server = server409(now);
    renderEditor("edit", {}, server);
    await screen.findByTestId("signed-in-as");
    online = false;
    server.state.reachable = false;
    await typeDiscountAndSave("4");
    await screen.findByTestId("offline");
    server.state.reachable = true;
    await goOnline();
    await screen.findByTestId("draft-choice");
    await act(async () => {
      fireEvent.click(screen.getByTestId("keep-theirs"));
    });
    await screen.findByTestId("save-quote");
    expect(discountField().value).toBe("5");
    expect(hidden("expectedLock")).toBe("4");
    expect(screen.queryByRole("alert")).toBeNull();
    expect(createDraftStore(window.localStorage).load(draftKey({ quote: NUMBER }))).toMatchObject({ discountValue: "5", expectedLock: 4, pending: false });
    expect(server.state.received).toHaveLength(1);
  });
  it("a send whose answer was lost (the server already has the draft) goes to the quote without asking", async () => {
    const now: QuoteOnServer = { lock: 4, version: 1, choices: COMPLETE, texts: {}, discountKind: "percent", discountValue: "4" };
    const server = server409(now);
    const { router } = renderEditor("edit", {}, server);
    await screen.findByTestId("signed-in-as");
    online = false;
    server.state.reachable = false;
    await typeDiscountAndSave("4");
    await screen.findByTestId("offline");
    server.state.reachable = true;
    await goOnline();
    await waitFor(() => expect(router.state.location.pathname).toBe("/back"));
    expect(screen.queryByTestId("draft-choice")).toBeNull();
    expect(createDraftStore(window.localStorage).load(draftKey({ quote: NUMBER }))).toBeNull();
  });
});

describe("a draft left on the device", () => {
  it("of an older state of the quote is shown beside the saved one, not dropped", async () => {
    const store = createDraftStore(window.localStorage);
    store.save(draftKey({ quote: NUMBER }), { line: sedan.code, choices: COMPLETE, texts: {}, discountKind: "percent", discountValue: "4", expectedLock: 2 });
    const server = playedServer(() => null);
    renderEditor("edit", { initialDiscount: { kind: "percent", value: "5" } }, server);
    expect((await screen.findByTestId("draft-choice")).dataset.reason).toBe("changed-on-server");
    expect(store.load(draftKey({ quote: NUMBER }))).toMatchObject({ discountValue: "4", expectedLock: 2 });
    await act(async () => {
      fireEvent.click(screen.getByTestId("keep-mine"));
    });
    await screen.findByTestId("save-quote");
    expect(discountField().value).toBe("4");
    // Kept on the quote as it is now: a save goes on the page's lock.
    expect(hidden("expectedLock")).toBe("3");
    expect(server.state.received).toEqual([]);
  });

  it("when the page opens with a share code's configuration: asks which to keep, and nothing is lost until then", async () => {
    const store = createDraftStore(window.localStorage);
    const key = draftKey({ customer: "c1", line: sedan.code });
    const leftover = ["LB0", "40F"];
    store.save(key, { line: sedan.code, choices: leftover, texts: {}, discountKind: "percent", discountValue: "2" });
    const server = playedServer(() => null);
    renderEditor("new", {}, server);

    const choice = await screen.findByTestId("draft-choice");
    expect(choice.dataset.reason).toBe("opened-with-other");
    expect(screen.queryByTestId("draft-restored")).toBeNull();
    expect(screen.queryByTestId("save-quote")).toBeNull();
    expect(within(choice).getByTestId("keep-theirs").textContent).toBe(en.quotes.draftChoice.keepOpened);
    expect(document.querySelector('tr[data-feature="wheels"] [data-side="theirs"]')!.textContent).not.toBe("\u2014");
    expect(document.querySelector('tr[data-feature="wheels"] [data-side="mine"]')!.textContent).toBe("\u2014");
    expect(store.load(key)).toMatchObject({ choices: leftover, discountValue: "2" });

    await act(async () => {
      fireEvent.click(screen.getByTestId("keep-theirs"));
    });
    await screen.findByTestId("save-quote");
    expect(hidden("choices")).toBe(COMPLETE.join(","));
    expect(discountField().value).toBe("");
    expect(store.load(key)).toMatchObject({ choices: COMPLETE, discountValue: "" });
  });

  it("'keep my draft' over a share code's configuration continues the draft", async () => {
    const store = createDraftStore(window.localStorage);
    const key = draftKey({ customer: "c1", line: sedan.code });
    store.save(key, { line: sedan.code, choices: ["LB0", "40F"], texts: {}, discountKind: "percent", discountValue: "2" });
    renderEditor("new", {}, playedServer(() => null));
    await screen.findByTestId("draft-choice");
    await act(async () => {
      fireEvent.click(screen.getByTestId("keep-mine"));
    });
    await screen.findByTestId("save-quote");
    expect(hidden("choices")?.split(",").slice(0, 2)).toEqual(["LB0", "40F"]);
    expect(discountField().value).toBe("2");
  });

  it("a save that could not be sent before is sent by itself when the editor opens again", async () => {
    const store = createDraftStore(window.localStorage);
    const key = draftKey({ quote: NUMBER });
    store.save(key, { line: sedan.code, choices: COMPLETE, texts: {}, discountKind: "percent", discountValue: "4", expectedLock: 3, pending: true });
    const server = playedServer(() => new Response(null, { status: 302, headers: { Location: "/quote" } }));
    const { router } = renderEditor("edit", {}, server);
    await waitFor(() => expect(router.state.location.pathname).toBe("/quote"));
    expect(server.state.received).toEqual([expect.objectContaining({ discountValue: "4", expectedLock: "3" })]);
    expect(store.load(key)).toBeNull();
  });
});
