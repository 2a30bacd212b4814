import { useMemo } from 'react';
import type { UnitAucRow } from '../../../pipeline/reproductions/parde';
import { unitAucTsv } from '../../../pipeline/reproductions/tables';
import { downloadBlob } from '../../download';
import { Plot } from '../../plots/Plot';
import { unitAucPlot } from './reproductionsTraces';

export interface ReproductionsPanelProps {
  rows: UnitAucRow[] | null;
  /** The top layer the rows were computed on (null before a run). */
  layer: string | null;
  running: boolean;
  onRun: () => void;
  error: string | null;
  fileStem: string;
}

/** Published analyses rerun on this network and its stimuli: Parde et al.'s identity AUC vs random units. */
export function ReproductionsPanel({ rows, layer, running, onRun, error, fileStem }: ReproductionsPanelProps) {
  const plot = useMemo(() => (rows ? unitAucPlot(rows, layer ?? 'top layer') : null), [rows, layer]);
  return (
    <section aria-label="Reproductions" className="results-beyond">
      <h3>Reproductions</h3>
      <p className="results-note">
        Parde et al. 2020: identity verification (same vs different identity pairs of testing images, scored by the
        cosine of their activations) with k top-layer units chosen at random, raw activations, not PCA components; with
        one unit pairs are scored by −|a − b|. The paper&apos;s network and images differ from ours: compare the shape
        of the curve, not its values.
      </p>
      <button type="button" disabled={running} onClick={onRun}>
        {running ? 'Running…' : 'Run identity AUC vs units'}
      </button>
      {error && <p className="error">{error}</p>}
      {rows && plot && (
        <>
          <Plot label="Identity AUC vs units" data={plot.data} layout={plot.layout} height={340} />
          <button
            type="button"
            onClick={() => {
              const text = unitAucTsv(rows, layer ?? '');
              downloadBlob(new Blob([text], { type: 'text/tab-separated-values' }), `${fileStem}_units_auc.tsv`);
            }}
          >
            Download units AUC TSV
          </button>
        </>
      )}
    </section>
  );
}
