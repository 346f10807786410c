/**
 * Small pieces the admins' pages share: a field's error messages from a form
 * reply, and a labelled plain input. Messages are i18n keys.
 */
import type { ReactNode } from "react";
import { ErrorList } from "~/components/forms";

export type ReplyErrors = Record<string, string[]> | undefined;

/** The reply's errors, if the action answered with one. */
export function errorsOf(actionData: unknown): ReplyErrors {
  return actionData && typeof actionData === "object" && "error" in actionData ? (actionData as { error: Record<string, string[]> }).error : undefined;
}

export function FieldErrors({ errors, name, id }: { errors: ReplyErrors; name: string; id?: string }) {
  return <ErrorList id={id} errors={errors?.[name]} />;
}

export function AdminInput({
  name,
  label,
  errors,
  defaultValue,
  type = "text",
  hint,
  idPrefix = "",
  autoComplete = "off",
}: {
  name: string;
  label: string;
  errors: ReplyErrors;
  defaultValue?: string | number | null;
  type?: "text" | "email" | "password" | "date" | "number";
  hint?: ReactNode;
  idPrefix?: string;
  autoComplete?: string;
}) {
  const id = `${idPrefix}${name}`;
  const invalid = !!errors?.[name]?.length;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type={type}
        defaultValue={defaultValue ?? undefined}
        autoComplete={autoComplete}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${id}-error` : undefined}
      />
      {hint ? <p className="field__hint">{hint}</p> : null}
      <FieldErrors errors={errors} name={name} id={`${id}-error`} />
    </div>
  );
}
