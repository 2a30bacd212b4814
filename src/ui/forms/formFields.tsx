import { type ReactNode, useId } from 'react';

/** Error text for a field, by the validator's field path. */
export type FieldIssues = ReadonlyMap<string, string>;

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <span id={id} className="field-error error">
      {message}
    </span>
  ) : null;
}

/** What a field means, in the original's terms; shown under the input. */
function FieldHelp({ id, help }: { id: string; help: string | undefined }) {
  return help ? (
    <span id={id} className="field-help">
      {help}
    </span>
  ) : null;
}

/**
 * The input's description: its error while invalid (the message already says the allowed range
 * and why, so the help is not read twice), else its help.
 */
function describedBy(id: string, message: string | undefined, help: string | undefined): string | undefined {
  if (message) return `${id}-error`;
  return help ? `${id}-help` : undefined;
}

/** The input and its unit, side by side. */
function Control({ unit, children }: { unit: string | undefined; children: ReactNode }) {
  return (
    <span className="field-control">
      {children}
      {unit && <span className="field-unit">{unit}</span>}
    </span>
  );
}

/** Optional parts every single-input field may have. */
interface FieldExtras {
  /** Unit shown after the input (not part of the label). */
  unit?: string;
  /** One sentence on what the value means; shown under the input. */
  help?: string;
}

interface NumberFieldProps extends FieldExtras {
  label: string;
  field: string;
  value: number;
  step?: number;
  issues: FieldIssues;
  onChange: (value: number) => void;
}

/** A labelled number input; its validation message sits next to it and is announced with it. */
export function NumberField({ label, field, value, step = 1, unit, help, issues, onChange }: NumberFieldProps) {
  const id = useId();
  const message = issues.get(field);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <Control unit={unit}>
        <input
          id={id}
          type="number"
          step={step}
          value={Number.isNaN(value) ? '' : value}
          aria-invalid={message ? true : undefined}
          aria-describedby={describedBy(id, message, help)}
          onChange={(e) => {
            onChange(e.target.value === '' ? Number.NaN : Number(e.target.value));
          }}
        />
      </Control>
      <FieldHelp id={`${id}-help`} help={help} />
      <FieldError id={`${id}-error`} message={message} />
    </div>
  );
}

interface RangeFieldProps {
  label: string;
  field: string;
  value: { min: number; max: number };
  unit: string;
  help?: string;
  issues: FieldIssues;
  onChange: (value: { min: number; max: number }) => void;
}

export function RangeField({ label, field, value, unit, help, issues, onChange }: RangeFieldProps) {
  const id = useId();
  const message = issues.get(field);
  const input = (end: 'min' | 'max') => (
    <input
      type="number"
      aria-label={`${label} ${end === 'min' ? 'minimum' : 'maximum'}`}
      value={Number.isNaN(value[end]) ? '' : value[end]}
      aria-invalid={message ? true : undefined}
      aria-describedby={describedBy(id, message, help)}
      onChange={(e) => {
        onChange({ ...value, [end]: e.target.value === '' ? Number.NaN : Number(e.target.value) });
      }}
    />
  );
  return (
    <div className="field range-field" role="group" aria-label={label}>
      <span className="field-label">{label}</span>
      <span className="field-control">
        {input('min')}
        <span className="range-to">to</span>
        {input('max')}
        <span className="field-unit">{unit}</span>
      </span>
      <FieldHelp id={`${id}-help`} help={help} />
      <FieldError id={`${id}-error`} message={message} />
    </div>
  );
}

interface ChoiceFieldProps<T extends string> {
  label: string;
  field: string;
  options: readonly { value: T; name: string }[];
  value: readonly T[];
  issues: FieldIssues;
  onChange: (value: T[]) => void;
}

export function ChoiceField<T extends string>({ label, field, options, value, issues, onChange }: ChoiceFieldProps<T>) {
  const id = useId();
  const message = issues.get(field);
  return (
    <fieldset className="field choice-field" aria-describedby={message ? `${id}-error` : undefined}>
      <legend>{label}</legend>
      <div className="choice-grid">
        {options.map((o) => (
          <label key={o.value} className="check">
            <input
              type="checkbox"
              checked={value.includes(o.value)}
              onChange={(e) => {
                onChange(e.target.checked ? [...value, o.value] : value.filter((v) => v !== o.value));
              }}
            />{' '}
            {o.name}
          </label>
        ))}
      </div>
      <FieldError id={`${id}-error`} message={message} />
    </fieldset>
  );
}

interface SelectFieldProps<T extends string> extends FieldExtras {
  label: string;
  field: string;
  value: T;
  options: readonly { value: T; name: string; disabled?: boolean }[];
  issues: FieldIssues;
  onChange: (value: T) => void;
}

export function SelectField<T extends string>({
  label,
  field,
  value,
  options,
  unit,
  help,
  issues,
  onChange,
}: SelectFieldProps<T>) {
  const id = useId();
  const message = issues.get(field);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <Control unit={unit}>
        <select
          id={id}
          value={value}
          aria-invalid={message ? true : undefined}
          aria-describedby={describedBy(id, message, help)}
          onChange={(e) => {
            const chosen = options.find((o) => o.value === e.target.value);
            if (chosen) onChange(chosen.value);
          }}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value} disabled={o.disabled}>
              {o.name}
            </option>
          ))}
        </select>
      </Control>
      <FieldHelp id={`${id}-help`} help={help} />
      <FieldError id={`${id}-error`} message={message} />
    </div>
  );
}

export function TextField({
  label,
  field,
  value,
  help,
  placeholder,
  issues,
  onChange,
}: {
  label: string;
  field: string;
  value: string;
  help?: string;
  placeholder?: string;
  issues: FieldIssues;
  onChange: (value: string) => void;
}) {
  const id = useId();
  const message = issues.get(field);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <span className="field-control">
        <input
          id={id}
          value={value}
          placeholder={placeholder}
          aria-invalid={message ? true : undefined}
          aria-describedby={describedBy(id, message, help)}
          onChange={(e) => {
            onChange(e.target.value);
          }}
        />
      </span>
      <FieldHelp id={`${id}-help`} help={help} />
      <FieldError id={`${id}-error`} message={message} />
    </div>
  );
}
