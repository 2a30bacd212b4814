/**
 * `factor_audit.tsv`: the audit as a table pandas reads with `pd.read_csv(path, sep='\t')`: one
 * row per factor; empty fields are NaN (accuracy of continuous factors, target where none is set).
 */
import { type AuditTarget, auditTarget } from './auditFactors';
import type { AuditRange, FactorAuditResult, FactorAuditRow } from './auditRecord';

export const FACTOR_AUDIT_COLUMNS = [
  'factor',
  'kind',
  'metric',
  'value',
  'accuracy',
  'group',
  'range',
  'range_source',
  'images',
  'effect',
  'target_measure',
  'target',
  'passed',
] as const;

/** The row's value of the measure a target is set on (accuracy for categorical targets on accuracy). */
export function targetValue(row: FactorAuditRow, target: AuditTarget): number | undefined {
  return target.measure === 'accuracy' ? row.accuracy : row.value;
}

/** true / false against the target; null where it sets none. */
export function meetsTarget(row: FactorAuditRow): boolean | null {
  const target = auditTarget(row.factor);
  if (!target) return null;
  const value = targetValue(row, target);
  return value !== undefined && value >= target.min;
}

/** "uniform -30..30", "normal 0 ± 1", "levels M, F". */
export function describeRange(range: AuditRange): string {
  switch (range.kind) {
    case 'uniform':
      return `uniform ${range.min}..${range.max}`;
    case 'normal':
      return `normal ${range.mu} ± ${range.sd}`;
    case 'levels':
      return `levels ${range.levels.join(', ')}`;
  }
}

export function factorAuditTsv(audit: FactorAuditResult): string {
  const lines: string[] = [FACTOR_AUDIT_COLUMNS.join('\t')];
  for (const row of audit.rows) {
    const target = auditTarget(row.factor);
    const passed = meetsTarget(row);
    lines.push(
      [
        row.factor,
        row.kind,
        row.metric,
        String(row.value),
        row.accuracy === undefined ? '' : String(row.accuracy),
        row.group,
        describeRange(row.range),
        row.range.source,
        String(row.images),
        String(row.effect),
        target?.measure ?? '',
        target ? String(target.min) : '',
        passed === null ? '' : passed ? 'True' : 'False',
      ].join('\t'),
    );
  }
  return `${lines.join('\n')}\n`;
}
