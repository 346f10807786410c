import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/**
 * Error messages may be i18n keys (our own, e.g. "login.invalid", or a shared
 * schema's "validation.email") or plain text; keys are translated, text is
 * shown as it is.
 */
export function useErrorText() {
  const { t, i18n } = useTranslation();
  return (message: string) => (i18n.exists(message) ? (t as (key: string) => string)(message) : message);
}

export function ErrorList({ id, errors, className = "field__error" }: { id?: string; errors?: string[]; className?: string }) {
  const text = useErrorText();
  if (!errors?.length) return null;
  return (
    <div id={id} className={className} role="alert">
      {errors.map((message) => (
        <p key={message}>{text(message)}</p>
      ))}
    </div>
  );
}

type FieldProps = {
  field: FieldMetadata<string>;
  label: string;
  type: "email" | "password" | "text";
  autoComplete: string;
  hint?: string;
};

/** A labelled input wired to conform: aria-invalid, aria-describedby and the field's errors. */
export function Field({ field, label, type, autoComplete, hint }: FieldProps) {
  const hintId = `${field.id}-hint`;
  // conform hands back a `key`; React wants keys passed directly, not spread.
  const { key, ...inputProps } = getInputProps(field, { type, ariaDescribedBy: hint ? hintId : undefined });
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <input key={key} {...inputProps} autoComplete={autoComplete} />
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

type IntentButtonProps = {
  /** The item the action is for (posted as `id`). */
  id: string;
  /** What to do with it (posted as `intent`). */
  intent: string;
  className: string;
  disabled?: boolean;
  /** The accessible name, when the visible text doesn't say which item. */
  label?: string;
  children: ReactNode;
};

/** A one-button POST form acting on one item of a list (share, delete, revoke …). */
export function IntentButton({ id, intent, className, disabled, label, children }: IntentButtonProps) {
  return (
    <Form method="post">
      <input type="hidden" name="id" value={id} />
      <button type="submit" name="intent" value={intent} className={className} disabled={disabled} aria-label={label}>
        {children}
      </button>
    </Form>
  );
}
