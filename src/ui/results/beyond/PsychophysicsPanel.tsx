import { useMemo, useState } from 'react';
import type { PsychophysicsResult } from '../../../pipeline/beyond/records';
import { confusionTsv, errorCurvesTsv } from '../../../pipeline/psychophysics/tables';
import { downloadBlob } from '../../download';
import { Plot } from '../../plots/Plot';
import {
  confusionFactors,
  confusionLayers,
  confusionPlot,
  confusionSummary,
  curveFactors,
  errorCurvePlot,
} from './psychophysicsTraces';

/** `choice` while it is still offered, else `fallback`. */
const offered = (choice: string | null, options: readonly string[], fallback: string): string =>
  choice !== null && options.includes(choice) ? choice : fallback;

function Select({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: readonly string[];
  onChange: (value: string) => void;
}) {
  return (
    <label className="select">
      {label}{' '}
      <select
        aria-label={label}
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
        }}
      >
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  );
}

const downloadTsv = (text: string, name: string) => {
  downloadBlob(new Blob([text], { type: 'text/tab-separated-values' }), name);
};

/** Issue 13 §1: where along each factor's range each layer's decoder errs, and which classes it confuses. */
export function PsychophysicsPanel({ result, fileStem }: { result: PsychophysicsResult; fileStem: string }) {
  const factors = useMemo(() => curveFactors(result), [result]);
  const [factorChoice, setFactor] = useState<string | null>(null);
  const factor = offered(factorChoice, factors, factors[0] ?? '');
  const curves = useMemo(() => (factor ? errorCurvePlot(result, factor) : null), [result, factor]);

  const classFactors = useMemo(() => confusionFactors(result), [result]);
  const [classFactorChoice, setClassFactor] = useState<string | null>(null);
  const classFactor = offered(classFactorChoice, classFactors, classFactors[0] ?? '');
  const layers = useMemo(() => confusionLayers(result, classFactor), [result, classFactor]);
  const [layerChoice, setLayer] = useState<string | null>(null);
  // The deepest decoded layer by default: where decoding is usually read off.
  const layer = offered(layerChoice, layers, layers.at(-1) ?? '');
  const matrix = useMemo(
    () => result.confusions.find((m) => m.factor === classFactor && m.layer === layer),
    [result, classFactor, layer],
  );
  const heatmap = useMemo(() => (matrix ? confusionPlot(matrix) : null), [matrix]);

  return (
    <section aria-label="Decoding error by factor value" className="results-psychophysics">
      <h3>Decoding error by factor value</h3>
      {curves ? (
        <>
          <Select label="Factor" value={factor} options={factors} onChange={setFactor} />
          <Plot label="Decoding error by value" data={curves.data} layout={curves.layout} height={380} />
          <p className="results-note">
            Mean |predicted − true| of the testing images in each bin of the factor&apos;s true value, one line per
            layer; bars: 95 % bootstrap interval over identities. Hover for the bin, its n and the mean signed error.
          </p>
        </>
      ) : (
        <p>No continuous factor with a single value per image varies in the testing split.</p>
      )}
      {heatmap && matrix ? (
        <>
          <Select label="Confusion factor" value={classFactor} options={classFactors} onChange={setClassFactor} />
          <Select label="Confusion layer" value={layer} options={layers} onChange={setLayer} />
          <Plot
            label="Confusion matrix"
            data={heatmap.data}
            layout={heatmap.layout}
            height={Math.max(320, 120 + 22 * matrix.classes.length)}
          />
          <p className="results-note">{confusionSummary(matrix)} Hover for counts.</p>
        </>
      ) : (
        <p>No categorical factor was decoded.</p>
      )}
      <p>
        <button
          type="button"
          disabled={result.curves.length === 0}
          onClick={() => {
            downloadTsv(errorCurvesTsv(result), `${fileStem}_error_curves.tsv`);
          }}
        >
          Download error curves TSV
        </button>{' '}
        <button
          type="button"
          disabled={result.confusions.length === 0}
          onClick={() => {
            downloadTsv(confusionTsv(result), `${fileStem}_confusion.tsv`);
          }}
        >
          Download confusion TSV
        </button>
      </p>
    </section>
  );
}
