import { useId, useState } from 'react';
import { type FaceState, identityOf } from '../../app/explore/faceState';
import { renderItemOf, renderRequestFor } from '../../app/explore/renderRequest';
import {
  DEFAULT_SWEEP_FACTOR_ID,
  formatSweepValue,
  MAX_SWEEP_COUNT,
  MIN_SWEEP_COUNT,
  SWEEP_FACTORS,
  sweepFaces,
  sweepFactor,
  sweepRangeProblem,
  sweepValues,
} from '../../app/explore/sweep';
import type { FaceModelMessage } from '../../pipeline/generate/faceJobs';
import { PixelCanvas } from './NetworkView';
import { useBatchRender } from './useBatchRender';

interface Props {
  face: FaceState;
  model: FaceModelMessage | null;
  setFace: (face: FaceState) => void;
}

const GROUPS = [...new Set(SWEEP_FACTORS.map((f) => f.group))];

function NumberField({
  label,
  value,
  step,
  onChange,
}: {
  label: string;
  value: number;
  step: number;
  onChange: (v: number) => void;
}) {
  const id = useId();
  return (
    <span className="sweep-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        value={Number.isFinite(value) ? value : ''}
        step={step}
        onChange={(e) => {
          onChange(e.target.value === '' ? Number.NaN : Number(e.target.value));
        }}
      />
    </span>
  );
}

/**
 * A row of network images along one factor, everything else at the current face; clicking one
 * sets the face to it. Rendered in the face worker as one batch while the panel is open.
 */
export function SweepStrip({ face, model, setFace }: Props) {
  const [factorId, setFactorId] = useState(DEFAULT_SWEEP_FACTOR_ID);
  const factor = sweepFactor(factorId);
  const [range, setRange] = useState({ from: factor.from, to: factor.to });
  const [count, setCount] = useState(7);
  const selectId = useId();

  const problem =
    sweepRangeProblem(factor, range.from, range.to) ??
    (Number.isInteger(count) && count >= MIN_SWEEP_COUNT && count <= MAX_SWEEP_COUNT
      ? null
      : `Choose ${MIN_SWEEP_COUNT} to ${MAX_SWEEP_COUNT} images.`);
  const values = problem ? [] : sweepValues(range.from, range.to, count);
  // The swept factor is left out of the key: clicking an image (setting the face to it) does not re-render.
  const key =
    model && model.info.id === face.model && !problem
      ? JSON.stringify({ factorId, values, base: factor.set(face, 0) })
      : null;
  const render = useBatchRender(key, () => {
    const shapes = model?.sds.shapeSd.length ?? 0;
    const textures = model?.sds.textureSd[0]?.length ?? 0;
    const faces = sweepFaces(face, factor, values);
    return renderRequestFor(
      face,
      faces.map((f) => renderItemOf(f, identityOf(f, shapes, textures))),
      { centreOnly: true },
    );
  });
  const current = factor.get(face);
  const unitNote = factor.unit ? ` (${factor.unit.trim()})` : '';
  // While a new batch renders, the previous one stays, dimmed (.pending), if it has as many images.
  const shown = render.images && render.images.length === values.length ? render.images : null;

  return (
    <div className="sweep">
      <div className="sweep-settings">
        <span className="sweep-field">
          <label htmlFor={selectId}>Factor</label>
          <select
            id={selectId}
            value={factorId}
            onChange={(e) => {
              const next = sweepFactor(e.target.value);
              setFactorId(next.id);
              setRange({ from: next.from, to: next.to });
            }}
          >
            {GROUPS.map((group) => (
              <optgroup key={group} label={group}>
                {SWEEP_FACTORS.filter((f) => f.group === group).map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </span>
        <NumberField
          label={`From${unitNote}`}
          value={range.from}
          step={(factor.max - factor.min) / 100}
          onChange={(from) => {
            setRange((r) => ({ ...r, from }));
          }}
        />
        <NumberField
          label={`To${unitNote}`}
          value={range.to}
          step={(factor.max - factor.min) / 100}
          onChange={(to) => {
            setRange((r) => ({ ...r, to }));
          }}
        />
        <NumberField label="Images" value={count} step={1} onChange={setCount} />
      </div>
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      {!problem && (
        <p role="status" className="note" aria-label="Sweep status">
          {render.error
            ? `The sweep could not be rendered: ${render.error}`
            : render.progress
              ? `Rendering ${render.progress.done} of ${render.progress.total} images in the face worker…`
              : render.pending
                ? 'Waiting for the face worker…'
                : `${values.length} images, ${factor.label.toLowerCase()} from ${formatSweepValue(range.from, factor.unit)} to ${formatSweepValue(range.to, factor.unit)}; everything else as the current face. Click one to set the face to it.`}
        </p>
      )}
      {!problem && (
        <ol className={`sweep-strip${render.pending ? ' pending' : ''}`} aria-label={`Sweep of ${factor.label}`}>
          {values.map((v, i) => {
            const label = formatSweepValue(v, factor.unit);
            const image = shown?.[i]?.[0];
            return (
              <li key={i}>
                <button
                  type="button"
                  aria-pressed={v === current}
                  aria-label={`Set ${factor.label} to ${label}`}
                  disabled={!image}
                  onClick={() => {
                    setFace(factor.set(face, v));
                  }}
                >
                  {image ? (
                    <PixelCanvas image={image} size={render.size} label={`${factor.label} ${label}`} />
                  ) : (
                    <span className="sweep-placeholder" />
                  )}
                  <span className="sweep-value">{label}</span>
                </button>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
