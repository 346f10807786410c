/**
 * The quote's discount fields: the kind (percent of the net or an amount off)
 * and the value as typed, with its errors and the dealer's cap as a hint; and,
 * above the cap, the dealer's justification for the sales manager.
 */
import { useTranslation } from "react-i18next";
import { ErrorList, useErrorText } from "~/components/forms";
import { MAX_APPROVAL_NOTE } from "~/domain/quotes";
import type { DiscountKind } from "~/domain/quotes";

export function DiscountKindChoice({ kind, onKind }: { kind: DiscountKind; onKind: (k: DiscountKind) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="quote-actions__kind">
      <legend className="visually-hidden">{t("quotes.discount.kind")}</legend>
      {(["percent", "amount"] as const).map((k) => (
        <label key={k} className="dealer-choice">
          <input type="radio" name="discountKind" value={k} checked={kind === k} onChange={() => onKind(k)} />
          <span>{t(`quotes.discount.${k}`)}</span>
        </label>
      ))}
    </fieldset>
  );
}

export interface DiscountValueFieldProps {
  /** The form's id: the field's elements are `${id}-value`, `${id}-error`, `${id}-cap`. */
  id: string;
  kind: DiscountKind;
  value: string;
  onValue: (v: string) => void;
  /** The price's currency, named in the label of an amount. */
  currency: string;
  errors: string[];
  capBasisPoints: number;
}

export function DiscountValueField({ id, kind, value, onValue, currency, errors, capBasisPoints }: DiscountValueFieldProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return (
    <div className="field">
      <label htmlFor={`${id}-value`}>{kind === "percent" ? t("quotes.discount.percentLabel") : t("quotes.discount.amountLabel", { currency })}</label>
      <input
        id={`${id}-value`}
        name="discountValue"
        inputMode="decimal"
        autoComplete="off"
        className="dealer-input"
        value={value}
        onChange={(e) => onValue(e.target.value)}
        aria-invalid={errors.length > 0 || undefined}
        aria-describedby={`${id}-cap ${id}-error`}
      />
      <div id={`${id}-error`}>
        {errors.map((m) => (
          <p key={m} className="field__error" role="alert">
            {errorText(m)}
          </p>
        ))}
      </div>
      <p id={`${id}-cap`} className="field__hint">
        {t("quotes.discount.cap", { percent: capBasisPoints / 100 })}
      </p>
    </div>
  );
}

/** Why the discount is above the cap, for the sales manager (kept with a version that needs approval). */
export function JustificationField({ id, defaultValue, errors }: { id: string; defaultValue: string; errors: string[] }) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={`${id}-justification`}>{t("quotes.discount.justificationLabel")}</label>
      <textarea
        id={`${id}-justification`}
        name="justification"
        rows={3}
        maxLength={MAX_APPROVAL_NOTE}
        defaultValue={defaultValue}
        className="dealer-input"
        aria-invalid={errors.length > 0 || undefined}
        aria-describedby={`${id}-justification-hint ${id}-justification-error`}
        data-testid="justification"
      />
      <p id={`${id}-justification-hint`} className="field__hint">
        {t("quotes.discount.justificationHint")}
      </p>
      <ErrorList id={`${id}-justification-error`} errors={errors} />
    </div>
  );
}
