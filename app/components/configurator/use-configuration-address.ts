/**
 * Keeps the configuration in the address (`?c=…&t.<field>=…`, replaced on
 * each change) and in this tab's sessionStorage, so a reload or the back
 * button finds it again.
 */
import { useLocation } from "@remix-run/react";
import { useEffect } from "react";
import { storageKey } from "./configurator-model";

export function useConfigurationAddress(address: string, saved: { line: string; version: string; choices: string[]; texts: Record<string, string> }) {
  const location = useLocation();
  const { line, version, choices, texts } = saved;
  useEffect(() => {
    const url = new URL(address, window.location.origin);
    if (window.location.pathname + window.location.search !== url.pathname + url.search) {
      // Keep the router's own history state so back/forward still work.
      window.history.replaceState(window.history.state, "", url.pathname + url.search);
    }
    try {
      window.sessionStorage.setItem(storageKey(line), JSON.stringify({ version, choices, texts }));
    } catch {
      // Storage may be full or disabled (private mode): the address still has it.
    }
    // location.key: a navigation to this same page (the language switch) put the old address back.
  }, [address, line, version, choices, texts, location.key]);
}
