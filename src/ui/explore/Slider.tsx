import { useId } from 'react';

interface Props {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  unit?: string;
  onChange: (value: number) => void;
}

/** A labelled range input (keyboard operable: arrows, Page Up/Down, Home/End) with its value. */
export function Slider({ label, value, min, max, step, unit = '', onChange }: Props) {
  const id = useId();
  return (
    <div className="slider">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        onChange={(e) => {
          onChange(Number(e.target.value));
        }}
      />
      <output htmlFor={id}>
        {Number.isInteger(step) ? value : value.toFixed(2)}
        {unit}
      </output>
    </div>
  );
}
