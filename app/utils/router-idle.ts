/**
 * Whether Remix's router has a request in flight, read from the router itself.
 *
 * Starting a navigation, a submission or a revalidation while another one is
 * under way makes the router abort the one under way. If its response has
 * begun to arrive, Remix's single fetch logs the aborted read
 * (`console.error(AbortError: signal is aborted without reason)`) though
 * nothing failed; a submission it aborts may also have reached the server
 * already, so a second send of the same form then meets it as "changed
 * meanwhile". Code that starts one of these by itself (a timer, an `online`
 * event, an effect after an answer) first waits for the router to be idle.
 * A poll (a progress bar) uses a plain fetch instead: the router aborts a
 * fetcher's load when a revalidation starts, which no waiting can prevent.
 *
 * The rendered `useNavigation()` / `useRevalidator()` state is not enough:
 * Remix renders router updates in transitions (v7_startTransition), so the
 * page can still read "idle" while a request is on its way. The router is
 * `window.__remixRouter` (set by RemixBrowser; tests set it to their own).
 */

type RouterState = { navigation: { state: string }; revalidation: string };

/** The slice of Remix's router read here. */
export interface RouterView {
  state: RouterState;
  subscribe(listener: (state: RouterState) => void): () => void;
}

export const routerOf = (): RouterView | undefined => (globalThis as { __remixRouter?: RouterView }).__remixRouter;

/** A router state without a request under way. */
export const idleState = (state: RouterState) => state.navigation.state === "idle" && state.revalidation === "idle";

/** No navigation, submission or revalidation under way (true where there is no router to ask, e.g. on the server). */
export function routerIdle(router: RouterView | undefined = routerOf()): boolean {
  return !router || idleState(router.state);
}

/**
 * Run `run` once the router is idle: now if it is, else after the request
 * under way has settled. Returns a cancel (an effect's cleanup).
 */
export function whenRouterIdle(run: () => void, router: RouterView | undefined = routerOf()): () => void {
  if (routerIdle(router)) {
    run();
    return () => {};
  }
  let done = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const unsubscribe = router!.subscribe((state) => {
    if (done || !idleState(state)) return;
    done = true;
    unsubscribe();
    // Not from inside the router's own notification (a navigation started there would nest in it).
    timer = setTimeout(run, 0);
  });
  return () => {
    done = true;
    unsubscribe();
    if (timer !== undefined) clearTimeout(timer);
  };
}
