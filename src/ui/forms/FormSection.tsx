import { type ReactNode, useEffect, useRef } from 'react';

/** A titled group of a form's fields (Data, Model, Optimisation, …), with an optional one-line intro. */
export function FormSection({ title, intro, children }: { title: string; intro?: string; children: ReactNode }) {
  return (
    <fieldset className="form-section">
      <legend>{title}</legend>
      {intro && <p className="form-section-intro">{intro}</p>}
      {children}
    </fieldset>
  );
}

/**
 * Options most runs leave at their defaults, folded under a summary that names them. It opens by
 * itself while one of them is invalid (`invalid`), so an error is never hidden.
 */
export function AdvancedOptions({
  summary,
  invalid = false,
  children,
}: {
  summary: string;
  invalid?: boolean;
  children: ReactNode;
}) {
  const details = useRef<HTMLDetailsElement>(null);
  // Opened, never closed, from here: the user's own toggling is left alone.
  useEffect(() => {
    if (invalid && details.current) details.current.open = true;
  }, [invalid]);
  return (
    <details ref={details} className="form-advanced">
      <summary>{summary}</summary>
      {children}
    </details>
  );
}
