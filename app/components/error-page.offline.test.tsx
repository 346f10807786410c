// @vitest-environment jsdom
/**
 * A page whose data can't be loaded because the connection dropped is not
 * a server error: the error page says "offline" (no 500) and loads the page
 * by itself when the connection returns. In a real data router, with a
 * loader that fails as the browser's fetch does.
 */
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { createMemoryRouter, RouterProvider, useRouteError } from "react-router-dom";
import { afterEach, describe, expect, it, vi } from "vitest";
import en from "~/locales/en.json";
import { withI18n } from "./configurator/configurator.testing";
import { ErrorPage } from "./error-page";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function Boundary() {
  return <ErrorPage error={useRouteError()} />;
}

describe("ErrorPage when the connection dropped", () => {
  it("says offline instead of 500, and loads the page when the connection returns", async () => {
    let reachable = false;
    const router = createMemoryRouter(
      [
        {
          path: "/",
          errorElement: <Boundary />,
          loader: () => {
            if (!reachable) throw new TypeError("Failed to fetch");
            return null;
          },
          element: <h1>the dealer's page</h1>,
        },
      ],
      { initialEntries: ["/"] },
    );
    render(withI18n(<RouterProvider router={router} future={{ v7_startTransition: true }} />));
    const offline = await screen.findByTestId("offline-page");
    expect(offline.dataset.status).toBe("offline");
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe(en.errors.offline.title);
    expect(document.body.textContent).not.toContain("500");
    expect(document.body.textContent).not.toContain(en.errors.server.title);

    // The error page was rendered by the router outside act(), so its effect (the "online" listener) may still be
    // pending: flush effects first, or the event can fire before anyone listens (a fresh-clone run under load did).
    await act(async () => {});
    reachable = true;
    await act(async () => {
      window.dispatchEvent(new Event("online"));
    });
    // Waiting, not timing: the revalidation is a macrotask away and the CI machine may be busy.
    expect(await screen.findByRole("heading", { name: "the dealer's page" }, { timeout: 10_000 })).toBeTruthy();
  });

  it("doesn't start another load over a 'try again' under way when the connection returns (the router would abort it)", async () => {
    // In Chromium, Remix logs the read it aborts ("AbortError: signal is aborted without reason"); the page reads its
    // rendered state in a transition, so the router is asked (~/utils/router-idle).
    let reachable = false;
    const requests: Request[] = [];
    let release = () => {};
    const router = createMemoryRouter(
      [
        {
          path: "/",
          errorElement: <Boundary />,
          loader: ({ request }) => {
            requests.push(request);
            if (!reachable) throw new TypeError("Failed to fetch");
            return new Promise((resolve) => (release = () => resolve(null)));
          },
          element: <h1>the dealer's page</h1>,
        },
      ],
      { initialEntries: ["/"] },
    );
    vi.stubGlobal("__remixRouter", router);
    render(withI18n(<RouterProvider router={router} future={{ v7_startTransition: true }} />));
    await screen.findByTestId("offline-page");
    await act(async () => {});
    reachable = true;
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: en.errors.offline.retry }));
      window.dispatchEvent(new Event("online"));
    });
    await act(async () => release());
    expect(await screen.findByRole("heading", { name: "the dealer's page" }, { timeout: 10_000 })).toBeTruthy();
    expect(requests).toHaveLength(2);
    expect(requests.filter((request) => request.signal.aborted)).toEqual([]);
  });

  it("still shows a TypeError of our own as a 500", async () => {
    const router = createMemoryRouter(
      [
        {
          path: "/",
          errorElement: <Boundary />,
          loader: () => {
            throw new TypeError("Cannot read properties of undefined (reading 'name')");
          },
          element: <h1>never</h1>,
        },
      ],
      { initialEntries: ["/"] },
    );
    render(withI18n(<RouterProvider router={router} future={{ v7_startTransition: true }} />));
    expect(await screen.findByText(en.errors.server.title)).toBeTruthy();
    expect(screen.queryByTestId("offline-page")).toBeNull();
  });
});
