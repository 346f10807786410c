/**
 * One value of a feature: a toggle button with its name, code, price
 * difference and state. A value outside the valid domain stays visible and
 * choosable (that opens the conflict dialog); its reason shows on hover, on
 * keyboard focus, and on a tap of its "why" button (touch has no hover).
 * Reasons are asked of the engine only when shown: they cost far more than
 * availability.
 */
import { memo, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { localize, type Language, type Value } from "~/domain/catalog";
import type { ValueState } from "~/domain/engine";
import type { ReasonView } from "~/domain/configuration-view";
import { parseVisualKeys } from "~/scene/visual-keys";
import type { ValuePrice } from "./configurator-model";
import { ReasonText } from "./ReasonText";

export interface ValueOptionProps {
  value: Value;
  state: ValueState;
  price: ValuePrice | undefined;
  /** Name of the package that includes the value, when one is chosen. */
  includedInName?: string;
  /** Names of what a package brings, for a package value. */
  contents?: string[];
  language: Language;
  formatDelta: (minor: number) => string;
  /** May the customer take it back by clicking again (multiple choice, or an optional single choice)? */
  deselectable: boolean;
  onSelect: (code: string) => void;
  onDeselect: (code: string) => void;
  /** The reason the value is unavailable, computed on demand. */
  reasonOf: (code: string) => ReasonView | null;
  /** The engine is answering the last change elsewhere: choosing waits for it. */
  busy?: boolean;
}

export const ValueOption = memo(function ValueOption(props: ValueOptionProps) {
  const { value, state, price, includedInName, contents, language, formatDelta, deselectable, onSelect, onDeselect, reasonOf, busy = false } = props;
  const { t } = useTranslation();
  const id = useId();
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const [tapped, setTapped] = useState(false);
  const unavailable = !state.available && !state.chosen;
  const showReason = unavailable && (hovered || focused || tapped);
  const reason = showReason ? reasonOf(value.code) : null;
  const name = localize(value.name, language);
  const stateName = state.chosen ? "chosen" : state.implied ? "implied" : unavailable ? "unavailable" : "available";

  let status: string | null = null;
  if (unavailable) status = t("configurator.value.unavailable");
  else if (includedInName) status = t("configurator.value.includedIn", { name: includedInName });
  else if (state.implied && !state.chosen) status = t("configurator.value.implied");

  let priceText: string | null = null;
  if (price && !includedInName) priceText = price.delta === 0 ? t("configurator.value.noCharge") : formatDelta(price.delta);

  const click = () => {
    if (state.chosen) {
      if (deselectable) onDeselect(value.code);
    } else onSelect(value.code);
  };

  return (
    <li
      className="value"
      data-state={stateName}
      data-code={value.code}
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
    >
      <button
        type="button"
        className="value__choose"
        aria-pressed={state.chosen}
        disabled={busy}
        aria-describedby={[status ? `${id}-status` : "", showReason ? `${id}-reason` : ""].filter(Boolean).join(" ") || undefined}
        onClick={click}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
      >
        <Swatch visualKey={value.visualKey} />
        <span className="value__text">
          <span className="value__name">{name}</span>
          <span className="value__code">{value.code}</span>
          {contents && contents.length > 0 ? (
            <span className="value__contents">{t("configurator.value.contents", { names: contents.join(", ") })}</span>
          ) : null}
        </span>
        <span className="value__side">
          {priceText !== null ? <span className="value__price">{priceText}</span> : null}
          {status ? (
            <span id={`${id}-status`} className="value__status">
              {status}
            </span>
          ) : null}
        </span>
        <span className="value__mark" aria-hidden="true" />
      </button>
      {unavailable ? (
        <button
          type="button"
          className="value__why"
          aria-expanded={tapped}
          aria-controls={`${id}-reason`}
          aria-label={t("configurator.value.why", { name })}
          onClick={() => setTapped((v) => !v)}
        >
          ?
        </button>
      ) : null}
      {showReason ? (
        <div id={`${id}-reason`} className="value__reason" role="note">
          {reason ? <ReasonText reason={reason} /> : t("configurator.reason.none")}
        </div>
      ) : null}
    </li>
  );
});

/** A colour chip for paints, interiors and finishes, from the same palette as the 3D view. */
function Swatch({ visualKey }: { visualKey: string | undefined }) {
  const kind = visualKey?.split(":")[0];
  if (!visualKey || (kind !== "paint" && kind !== "interior" && kind !== "finish")) return null;
  const spec = parseVisualKeys([visualKey]);
  const color = kind === "paint" ? spec.paint.hex : kind === "interior" ? spec.interior.hex : spec.fridge.finish.hex;
  return <span className={`value__swatch value__swatch--${kind}`} style={{ background: color }} aria-hidden="true" />;
}
