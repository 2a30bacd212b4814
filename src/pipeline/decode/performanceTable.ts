/**
 * The original's performance table ({run}_perf.tsv): one row per layer × factor × target column.
 */
export interface PerformanceRow {
  /** R² (continuous) or rescaled ROC-AUC (AUC - 0.5) / 0.5 (categorical, id). */
  readonly corr: number;
  readonly factor: string;
  /** 1-based target column (shape/tex component; 1 for scalar factors). */
  readonly feature_nr: number;
  readonly layername: string;
  /** The digits after "layer" in the layer name, as text ("03"), as the original. */
  readonly layer: string;
  /** The last "_" part of the layer name ("conv", "globalpool", ...). */
  readonly operation: string;
  /** Position of the layer among the analysed ones. */
  readonly op_nr: number;
}

export const PERFORMANCE_COLUMNS = [
  'corr',
  'factor',
  'feature_nr',
  'layername',
  'layer',
  'operation',
  'op_nr',
] as const;

/** The original's parsing: layer = name.split('_')[0].split('layer')[1], operation = last '_' part. */
export function parseLayerName(name: string): { layer: string; operation: string } {
  const head = name.split('_')[0] ?? '';
  const layer = head.split('layer')[1] ?? '';
  const parts = name.split('_');
  return { layer, operation: parts[parts.length - 1] ?? '' };
}

/** Tab-separated text as pandas' to_csv(sep='\t', index=False) writes it (NaN as an empty field). */
export function performanceTableTsv(rows: readonly PerformanceRow[]): string {
  const lines = [PERFORMANCE_COLUMNS.join('\t')];
  for (const r of rows) {
    lines.push(
      [
        Number.isNaN(r.corr) ? '' : String(r.corr),
        r.factor,
        String(r.feature_nr),
        r.layername,
        r.layer,
        r.operation,
        String(r.op_nr),
      ].join('\t'),
    );
  }
  return `${lines.join('\n')}\n`;
}
