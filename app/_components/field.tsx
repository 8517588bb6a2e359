/**
 * Form furniture shared by every charting form: a label on every input, the field's own error next
 * to it (aria-describedby + aria-invalid), and a summary at the top that links to each wrong field.
 */
import type { ReactNode } from "react";

export type FieldErrors = Record<string, string>;

/** The element id of the input for an error path: "vasopressors[0].agent" -> "obs-vasopressors-0-agent". */
export function fieldId(prefix: string, path: string): string {
  return `${prefix}-${path.replace(/[[\].]+/g, "-").replace(/-$/, "")}`;
}

/** Props that tie an input to its error and hint. */
export function describe(id: string, error: string | undefined, hint?: boolean) {
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ");
  return {
    id,
    "aria-invalid": error ? (true as const) : undefined,
    "aria-describedby": describedBy || undefined,
  };
}

export function Field({
  id,
  label,
  error,
  hint,
  children,
  className,
}: {
  id: string;
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={className ? `field ${className}` : "field"}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
      {children}
      {error && (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

/** role="alert" so a screen reader announces it; each line links to its field. */
export function ErrorSummary({
  title,
  errors,
  prefix,
  labels,
  refCallback,
}: {
  title: string;
  errors: FieldErrors;
  prefix: string;
  labels: (path: string) => string;
  refCallback?: (element: HTMLDivElement | null) => void;
}) {
  const entries = Object.entries(errors);
  if (entries.length === 0 && !title) return null;
  return (
    <div role="alert" className="form-error" tabIndex={-1} ref={refCallback}>
      <strong>{title}</strong>
      {entries.length > 0 && (
        <ul>
          {entries.map(([path, message]) => (
            <li key={path}>
              {path === "(input)" ? (
                message
              ) : (
                <a href={`#${fieldId(prefix, path)}`}>
                  {labels(path)}: {message}
                </a>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
