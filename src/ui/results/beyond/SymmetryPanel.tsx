import { useMemo, useState } from 'react';
import type { SymmetryResult } from '../../../pipeline/beyond/records';
import { symmetryTsv } from '../../../pipeline/symmetry/tables';
import { downloadBlob } from '../../download';
import { Plot } from '../../plots/Plot';
import { symmetryIndexPlot, viewRdmPlot, yawLabel } from './symmetryTraces';

/** Issue 13 §3: how alike each layer responds to mirrored views (yaw θ and −θ) of the same face. */
export function SymmetryPanel({ result, fileStem }: { result: SymmetryResult; fileStem: string }) {
  const index = useMemo(() => symmetryIndexPlot(result), [result]);
  const [layerChoice, setLayer] = useState<string | null>(null);
  // The deepest layer by default: where mirror symmetry is expected to emerge.
  const row = result.rows.find((r) => r.layer === layerChoice) ?? result.rows.at(-1);
  const rdm = useMemo(() => (row ? viewRdmPlot(result, row) : null), [result, row]);
  const views = result.views;
  const span = views.length > 0 ? ` from ${yawLabel(views[0] ?? 0)} to ${yawLabel(views.at(-1) ?? 0)}` : '';

  return (
    <section aria-label="Mirror-symmetric viewpoint tuning" className="results-symmetry">
      <h3>Mirror-symmetric viewpoint tuning</h3>
      <p className="results-note">
        Farzmahdi et al. (2024): per identity, the correlation of the view RDM with its left-right flip (1: θ and −θ
        evoke alike responses), averaged over {result.identities} identities seen at {views.length} yaw views{span}. The
        dashed line is the index with each identity&apos;s views shuffled.
      </p>
      <Plot label="Mirror-symmetry index" data={index.data} layout={index.layout} height={360} />
      {row && rdm && (
        <>
          <label className="select">
            Symmetry layer{' '}
            <select
              aria-label="Symmetry layer"
              value={row.layer}
              onChange={(e) => {
                setLayer(e.target.value);
              }}
            >
              {result.rows.map((r) => (
                <option key={r.layer} value={r.layer}>
                  {r.layer}
                </option>
              ))}
            </select>
          </label>
          <Plot label="View RDM" data={rdm.data} layout={rdm.layout} height={420} />
        </>
      )}
      <button
        type="button"
        onClick={() => {
          downloadBlob(
            new Blob([symmetryTsv(result)], { type: 'text/tab-separated-values' }),
            `${fileStem}_symmetry.tsv`,
          );
        }}
      >
        Download symmetry TSV
      </button>
    </section>
  );
}
