import { useMemo } from 'react';
import { auditTarget } from '../../pipeline/audit/record/auditFactors';
import type { FactorAuditResult, FactorAuditRow } from '../../pipeline/audit/record/auditRecord';
import { describeRange, meetsTarget } from '../../pipeline/audit/record/auditTsv';
import { formatEta } from '../../lib/jobs/progress';
import { Plot } from '../plots/Plot';
import { FACTOR_AUDIT_LAYOUT, factorAuditTraces, rowsInGroupOrder } from './factorAuditChart';

const fmt = (v: number | undefined) => (v === undefined ? '' : v.toFixed(3));

function measure(row: FactorAuditRow): string {
  return row.metric === 'r2' ? 'R²' : 'AUC (rescaled)';
}

function targetText(row: FactorAuditRow): string {
  const target = auditTarget(row.factor);
  if (!target) return row.factor === 'zl' ? 'none (no effect by design)' : '';
  const name = target.measure === 'r2' ? 'R²' : target.measure === 'auc' ? 'AUC' : 'accuracy';
  return `${name} ≥ ${target.min}`;
}

/** A stored or fresh factor audit: its settings, one table row per factor and a bar chart. */
export function FactorAuditReport({ audit, name }: { audit: FactorAuditResult; name: string }) {
  const rows = useMemo(() => rowsInGroupOrder(audit), [audit]);
  const traces = useMemo(() => factorAuditTraces(audit), [audit]);
  const passed = rows.filter((r) => meetsTarget(r) === true).length;
  const targeted = rows.filter((r) => meetsTarget(r) !== null).length;
  return (
    <section aria-label={`Factor audit result of ${name}`} className="factor-audit-report">
      <p>
        {audit.modelId ? `Model ${audit.modelId}, ` : ''}
        {audit.resolution} px (render scale {audit.renderScale}), {audit.background ? 'with' : 'no'} background, other
        factors at {audit.base === 'mean' ? 'the mean face' : "the dataset's identity 0"}; {rows[0]?.images ?? 0} images
        per factor ({audit.split.training} / {audit.split.validation} / {audit.split.testing}), PCA {audit.components}{' '}
        components of {audit.pixelSide}×{audit.pixelSide} RGB; took {formatEta(audit.seconds)} on{' '}
        {new Date(audit.createdAt).toLocaleString()}. Targets met: {passed} of {targeted}.
      </p>
      <table aria-label={`Factor audit of ${name}`} className="factor-audit-table">
        <thead>
          <tr>
            <th scope="col">Factor</th>
            <th scope="col">Measure</th>
            <th scope="col">Value</th>
            <th scope="col">Accuracy</th>
            <th scope="col">Varied over</th>
            <th scope="col">Pixel change (grey levels, RMS)</th>
            <th scope="col">Target</th>
            <th scope="col">Met</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const met = meetsTarget(r);
            return (
              <tr key={r.factor} aria-label={`Audit ${r.factor}`}>
                <th scope="row">{r.factor}</th>
                <td>{measure(r)}</td>
                <td>{fmt(r.value)}</td>
                <td>{fmt(r.accuracy)}</td>
                <td>
                  {describeRange(r.range)}
                  {r.range.source === 'default' && r.range.kind !== 'levels' ? ' (audit default)' : ''}
                </td>
                <td>{r.effect === 0 ? 'none' : r.effect.toPrecision(2)}</td>
                <td>{targetText(r)}</td>
                <td>{met === null ? '' : met ? '✓ pass' : '✗ fail'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <Plot label={`Factor audit of ${name}`} data={traces} layout={FACTOR_AUDIT_LAYOUT} height={380} />
    </section>
  );
}
