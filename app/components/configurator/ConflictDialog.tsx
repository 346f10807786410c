/**
 * The conflict dialog: a wanted value is outside the valid domain, and the
 * engine proposes up to three ways to make it possible, each a whole
 * configuration. They stand side by side (a row that scrolls sideways on a
 * phone), each with what goes, what comes, the price difference and, when it
 * moves, the change of the delivery time; the customer accepts one or
 * declines (Esc, the backdrop or the button).
 *
 * An accessible modal: role="dialog" with aria-modal, labelled by its title,
 * focus moves in on open, Tab cycles inside, and focus goes back to where it
 * was (the value that was clicked) on close.
 */
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { Language, ProductLine } from "~/domain/catalog";
import type { Conflict } from "~/domain/configurator.machine";
import { valueName, type ReasonView } from "~/domain/configuration-view";
import { ReasonText } from "./ReasonText";

export interface ConflictDialogProps {
  line: ProductLine;
  language: Language;
  conflict: Conflict;
  /** Why the wanted value is unavailable now (null when the engine has none to give). */
  reason: ReasonView | null;
  /** A signed money difference, e.g. "+€1,166.20". */
  formatDelta: (minor: number) => string;
  onAccept: (index: number) => void;
  onDecline: () => void;
}

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function ConflictDialog({ line, language, conflict, reason, formatDelta, onAccept, onDecline }: ConflictDialogProps) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDivElement>(null);
  const wantName = valueName(line, conflict.want, language);

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const first = dialog.current?.querySelector<HTMLElement>(FOCUSABLE);
    (first ?? dialog.current)?.focus();
    return () => {
      // Back to the value that opened the dialog, if it is still on the page.
      if (previous && previous.isConnected) previous.focus();
    };
  }, []);

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      onDecline();
      return;
    }
    if (event.key !== "Tab" || !dialog.current) return;
    const items = [...dialog.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    if (items.length === 0) return;
    const first = items[0];
    const last = items[items.length - 1];
    if (event.shiftKey && (document.activeElement === first || document.activeElement === dialog.current)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  const names = (codes: readonly string[]) => codes.map((code) => ({ code, name: valueName(line, code, language) }));
  // "7 days", "7天", "7日": the unit in the reader's language, plural included.
  const days = (n: number) => new Intl.NumberFormat(language, { style: "unit", unit: "day", unitDisplay: "long" }).format(n);
  const several = conflict.resolutions.length > 1;

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onDecline()}>
      <div
        ref={dialog}
        className={`dialog conflict-dialog${several ? " conflict-dialog--alternatives" : ""}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby="conflict-title"
        aria-describedby="conflict-lead"
        tabIndex={-1}
        onKeyDown={onKeyDown}
        data-testid="conflict-dialog"
      >
        <h2 id="conflict-title">{t("configurator.conflict.title", { name: wantName })}</h2>
        <div id="conflict-lead" className="conflict-dialog__lead">
          {reason ? (
            <p>
              <ReasonText reason={reason} />
            </p>
          ) : null}
          <p className="muted">
            {conflict.resolutions.length > 0 ? t("configurator.conflict.lead") : t("configurator.conflict.impossible")}
          </p>
          {conflict.resolutions.length > 0 && !conflict.resolutions.some((r) => r.minimal) ? (
            <p className="muted" data-testid="conflict-not-minimal">
              {t("configurator.conflict.notMinimal")}
            </p>
          ) : null}
        </div>
        {conflict.resolutions.length > 0 ? (
          <ol className="resolutions">
            {conflict.resolutions.map((resolution, index) => (
              <li key={resolution.choices.join(",")} className="resolution" data-testid="resolution">
                <h3 className="resolution__title">{t("configurator.conflict.option", { n: index + 1 })}</h3>
                <div className="resolution__changes">
                  <ChangeList kind="remove" label={t("configurator.conflict.removes")} items={names(resolution.remove)} />
                  <ChangeList kind="add" label={t("configurator.conflict.adds")} items={names([conflict.want, ...resolution.add])} />
                </div>
                <p className="resolution__price">
                  {t("configurator.conflict.priceDelta")} <strong>{formatDelta(resolution.priceDelta)}</strong>
                </p>
                {resolution.leadTimeDelta !== 0 ? (
                  <p className="resolution__delivery">
                    {resolution.leadTimeDelta > 0
                      ? t("configurator.conflict.deliveryLater", { days: days(resolution.leadTimeDelta) })
                      : t("configurator.conflict.deliverySooner", { days: days(-resolution.leadTimeDelta) })}
                  </p>
                ) : null}
                <button type="button" className="button resolution__accept" onClick={() => onAccept(index)}>
                  {several ? t("configurator.conflict.acceptOption", { n: index + 1 }) : t("configurator.conflict.accept")}
                </button>
              </li>
            ))}
          </ol>
        ) : null}
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={onDecline}>
            {t("configurator.conflict.decline")}
          </button>
        </div>
      </div>
    </div>
  );
}

function ChangeList({ kind, label, items }: { kind: "add" | "remove"; label: string; items: { code: string; name: string }[] }) {
  if (items.length === 0) return null;
  return (
    <div className={`changes changes--${kind}`}>
      <p className="changes__label">{label}</p>
      <ul>
        {items.map((item) => (
          <li key={item.code}>
            <span aria-hidden="true">{kind === "add" ? "+ " : "\u2212 "}</span>
            {item.name} <span className="code">{item.code}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
