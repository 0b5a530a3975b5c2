import type { ReactNode } from "react";
import { useRootData, useT } from "./i18n";

/** The CSRF token every state-changing form carries. */
export function CsrfField() {
  const { csrfToken } = useRootData();
  return <input type="hidden" name="_csrf" value={csrfToken} />;
}

type FieldProps = {
  name: string;
  label: string;
  error?: string | undefined;
  hint?: string;
  children: (props: { id: string; "aria-invalid"?: boolean; "aria-describedby"?: string }) => ReactNode;
};

/** A labelled field with its error announced to assistive technology. */
export function Field({ name, label, error, hint, children }: FieldProps) {
  const id = `field-${name}`;
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div className={error ? "field field-error" : "field"}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {children({
        id,
        ...(error ? { "aria-invalid": true } : {}),
        ...(describedBy ? { "aria-describedby": describedBy } : {}),
      })}
      {error ? (
        <p className="error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A summary of form errors at the top of a form, focusable for screen readers. */
export function ErrorSummary({ message, fields }: { message?: string | undefined; fields?: Record<string, string> }) {
  const { t } = useT();
  if (!message && (!fields || Object.keys(fields).length === 0)) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1}>
      <p>{message ?? t("errors:validation")}</p>
      {fields && Object.keys(fields).length > 0 ? (
        <ul>
          {Object.entries(fields).map(([name, problem]) => (
            <li key={name}>
              <a href={`#field-${name}`}>{problem}</a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
