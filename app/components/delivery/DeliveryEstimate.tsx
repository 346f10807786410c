/**
 * "Estimated delivery: <date>" for the configuration being built, from
 * GET /api/v1/delivery-estimate (the real queue, capacity and lead times).
 * Asked a moment after the choices stop changing (debounced), an older
 * answer is dropped when a newer question is on its way, and the last date
 * stays on screen (marked busy) while the next one is fetched. The price
 * never waits for it: this is the only part of the summary that asks the server.
 */
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Language } from "~/domain/catalog";
import { deliveryEstimateHref } from "~/domain/forms/delivery";

export interface DeliveryQuoteJson {
  line: string;
  leadTimeDays: number;
  tier: string;
  buildDay: string | null;
  deliveryDay: string | null;
}

export interface DeliveryEstimateProps {
  line: string;
  choices: readonly string[];
  language: Language;
  /** Wait this long after the last change before asking (ms). */
  debounceMs?: number;
}

type State = { status: "pending" | "ready" | "error"; quote: DeliveryQuoteJson | null };

/** A calendar day ("2026-12-30") in the reader's language ("December 30, 2026", "2026年12月30日"). */
export function formatDay(day: string, language: Language): string {
  return new Intl.DateTimeFormat(language, { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
}

export function DeliveryEstimate({ line, choices, language, debounceMs = 400 }: DeliveryEstimateProps) {
  const { t } = useTranslation();
  const [state, setState] = useState<State>({ status: "pending", quote: null });
  const href = deliveryEstimateHref(line, choices);

  useEffect(() => {
    const controller = new AbortController();
    setState((s) => (s.status === "pending" ? s : { ...s, status: "pending" }));
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(href, { headers: { Accept: "application/json" }, credentials: "same-origin", signal: controller.signal });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const data = (await response.json()) as { estimate: DeliveryQuoteJson };
        if (!controller.signal.aborted) setState({ status: "ready", quote: data.estimate });
      } catch {
        if (!controller.signal.aborted) setState((s) => ({ status: "error", quote: s.quote }));
      }
    }, debounceMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [href, debounceMs]);

  const { status, quote } = state;
  let text: string;
  if (status === "error") text = t("delivery.error");
  else if (!quote) text = t("delivery.pending");
  else if (quote.deliveryDay === null) text = t("delivery.unavailable");
  else text = t("delivery.estimate", { date: formatDay(quote.deliveryDay, language) });

  return (
    <p className="price-summary__status delivery-estimate" data-testid="delivery-estimate" data-status={status} aria-live="polite" aria-busy={status === "pending"}>
      {text}
    </p>
  );
}
