import type { ReactNode } from "react";

export const INPUT_CLASS = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm aria-[invalid=true]:border-red-500";

/**
 * A labelled control with its hint and the server's message for it. The control gets `id`
 * and, when there is an error or a hint, `aria-describedby` from `describedBy(id)`.
 */
export function FormField({ id, label, hint, error, className, children }: { id: string; label: string; hint?: ReactNode; error?: string; className?: string; children: ReactNode }) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
      {hint && !error && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
      <FieldError id={id} error={error} />
    </div>
  );
}

export function FieldError({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
      {error}
    </p>
  );
}

/** The aria props tying a control to its message (or its hint). */
export function describedBy(id: string, error: string | undefined, hasHint = false) {
  return { "aria-invalid": Boolean(error), "aria-describedby": error ? `${id}-error` : hasHint ? `${id}-hint` : undefined };
}

/** A one-line text field in its FormField, tied to its message (or its hint): the reason and note fields of confirm dialogs, the asset-class forms. */
export function TextField({ id, label, value, onChange, error, hint, required }: { id: string; label: string; value: string; onChange: (value: string) => void; error?: string; hint?: ReactNode; required?: boolean }) {
  return (
    <FormField id={id} label={label} error={error} hint={hint}>
      <input id={id} value={value} onChange={(e) => onChange(e.target.value)} required={required} {...describedBy(id, error, Boolean(hint))} className={INPUT_CLASS} />
    </FormField>
  );
}
