import { useMemo } from 'react';
import type { TuningResult } from '../../../pipeline/beyond/records';
import { invarianceTsv, variancePartitionTsv } from '../../../pipeline/tuning/tables';
import { downloadBlob } from '../../download';
import { Plot } from '../../plots/Plot';
import { invariancePlot, variancePlot } from './tuningTraces';

const download = (text: string, filename: string) => {
  downloadBlob(new Blob([text], { type: 'text/tab-separated-values' }), filename);
};

/** Issue 13 §2: how much of each layer's variance each factor explains, and how view-invariant its identity code is. */
export function TuningPanel({ result, fileStem }: { result: TuningResult; fileStem: string }) {
  const variance = useMemo(() => variancePlot(result), [result]);
  const invariance = useMemo(() => invariancePlot(result), [result]);
  const identities = result.invariance[0]?.identities;

  return (
    <section aria-label="Tuning and invariance" className="results-tuning">
      <h3>Variance explained by each factor</h3>
      <p className="results-note">
        Share of each layer&apos;s testing variance predicted from the factors, on identities held out in 4 folds. Bars:
        each factor&apos;s unique share (R² of all factors minus R² without it; hover for the factor alone); the line:
        all factors together. The gap between the stacked bars and the line is variance the factors share.
      </p>
      <Plot label="Unique variance per factor" data={variance.data} layout={variance.layout} height={420} />
      <button
        type="button"
        onClick={() => {
          download(variancePartitionTsv(result), `${fileStem}_variance.tsv`);
        }}
      >
        Download variance TSV
      </button>
      <h3>View invariance of identity</h3>
      {result.invarianceSkipped !== undefined ? (
        <p className="results-note">{result.invarianceSkipped}</p>
      ) : (
        <>
          <p className="results-note">
            Identity decoded by LDA trained on faces turned one way (yaw &lt; 0) and tested on faces turned the other
            (yaw &gt; 0), and the reverse, against the same classifier cross-validated within one side
            {identities !== undefined && `; ${identities} identities seen on both sides`}. Across close to within: a
            view-invariant identity code.
          </p>
          <Plot label="Identity across views" data={invariance.data} layout={invariance.layout} height={380} />
        </>
      )}
      <button
        type="button"
        onClick={() => {
          download(invarianceTsv(result), `${fileStem}_invariance.tsv`);
        }}
      >
        Download invariance TSV
      </button>
    </section>
  );
}
