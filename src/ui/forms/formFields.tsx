import { useId } from 'react';

/** Error text for a field, by the validator's field path. */
export type FieldIssues = ReadonlyMap<string, string>;

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <span id={id} className="field-error error">
      {message}
    </span>
  ) : null;
}

interface NumberFieldProps {
  label: string;
  field: string;
  value: number;
  step?: number;
  issues: FieldIssues;
  onChange: (value: number) => void;
}

/** A labelled number input; its validation message sits next to it and is announced with it. */
export function NumberField({ label, field, value, step = 1, issues, onChange }: NumberFieldProps) {
  const id = useId();
  const message = issues.get(field);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        step={step}
        value={Number.isNaN(value) ? '' : value}
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? `${id}-error` : undefined}
        onChange={(e) => {
          onChange(e.target.value === '' ? Number.NaN : Number(e.target.value));
        }}
      />
      <FieldError id={`${id}-error`} message={message} />
    </div>
  );
}

interface RangeFieldProps {
  label: string;
  field: string;
  value: { min: number; max: number };
  unit: string;
  issues: FieldIssues;
  onChange: (value: { min: number; max: number }) => void;
}

export function RangeField({ label, field, value, unit, issues, onChange }: RangeFieldProps) {
  const id = useId();
  const message = issues.get(field);
  const input = (end: 'min' | 'max') => (
    <input
      type="number"
      aria-label={`${label} ${end === 'min' ? 'minimum' : 'maximum'}`}
      value={Number.isNaN(value[end]) ? '' : value[end]}
      aria-invalid={message ? true : undefined}
      aria-describedby={message ? `${id}-error` : undefined}
      onChange={(e) => {
        onChange({ ...value, [end]: e.target.value === '' ? Number.NaN : Number(e.target.value) });
      }}
    />
  );
  return (
    <div className="field range-field" role="group" aria-label={label}>
      <span className="field-label">
        {label} ({unit})
      </span>
      {input('min')} to {input('max')}
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
      <FieldError id={`${id}-error`} message={message} />
    </fieldset>
  );
}

interface SelectFieldProps<T extends string> {
  label: string;
  field: string;
  value: T;
  options: readonly { value: T; name: string; disabled?: boolean }[];
  issues: FieldIssues;
  onChange: (value: T) => void;
}

export function SelectField<T extends string>({ label, field, value, options, issues, onChange }: SelectFieldProps<T>) {
  const id = useId();
  const message = issues.get(field);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? `${id}-error` : undefined}
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
      <FieldError id={`${id}-error`} message={message} />
    </div>
  );
}

export function TextField({
  label,
  field,
  value,
  issues,
  onChange,
}: {
  label: string;
  field: string;
  value: string;
  issues: FieldIssues;
  onChange: (value: string) => void;
}) {
  const id = useId();
  const message = issues.get(field);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={value}
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? `${id}-error` : undefined}
        onChange={(e) => {
          onChange(e.target.value);
        }}
      />
      <FieldError id={`${id}-error`} message={message} />
    </div>
  );
}
