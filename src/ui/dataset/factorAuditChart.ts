/** Plotly traces of a factor audit: one bar per factor, coloured by group, with the targets (pure: no React). */
import type { PlotLayout, PlotTrace } from 'plotly.js-cartesian-dist-min';
import { AUDIT_GROUPS, auditTarget } from '../../pipeline/audit/record/auditFactors';
import type { FactorAuditResult } from '../../pipeline/audit/record/auditRecord';
import { targetValue } from '../../pipeline/audit/record/auditTsv';

const GROUP_COLOURS: Record<(typeof AUDIT_GROUPS)[number], string> = {
  pose: '#1f77b4',
  translation: '#17becf',
  light: '#bcbd22',
  expression: '#d62728',
  demographics: '#9467bd',
  shape: '#2ca02c',
  texture: '#ff7f0e',
};

/** Bars can run far below 0 (a useless decoder's R²); the axis stops at -1 and the hover says the value. */
const AXIS_FLOOR = -1;

/** Rows in group order (pose, translation, light, expression, demographics, shape, texture). */
export function rowsInGroupOrder(audit: FactorAuditResult): FactorAuditResult['rows'] {
  return AUDIT_GROUPS.flatMap((group) => audit.rows.filter((r) => r.group === group));
}

export function factorAuditTraces(audit: FactorAuditResult): PlotTrace[] {
  const rows = rowsInGroupOrder(audit);
  const traces: PlotTrace[] = AUDIT_GROUPS.map((group) => {
    const of = rows.filter((r) => r.group === group);
    return {
      type: 'bar',
      name: group,
      x: of.map((r) => r.factor),
      y: of.map((r) => Math.max(AXIS_FLOOR, r.value)),
      text: of.map((r) => `${r.metric === 'r2' ? 'R²' : 'AUC (rescaled)'} ${r.value.toFixed(3)}`),
      hovertemplate: '%{x}: %{text}<extra></extra>',
      marker: { color: GROUP_COLOURS[group] },
      textposition: 'none',
    };
  });
  const categorical = rows.filter((r) => r.accuracy !== undefined);
  traces.push({
    type: 'scatter',
    mode: 'markers',
    name: 'accuracy',
    x: categorical.map((r) => r.factor),
    y: categorical.map((r) => r.accuracy ?? 0),
    marker: { color: '#333', symbol: 'diamond', size: 9 },
    hovertemplate: '%{x}: accuracy %{y:.3f}<extra></extra>',
  });
  const targeted = rows.flatMap((r) => {
    const target = auditTarget(r.factor);
    return target ? [{ row: r, target }] : [];
  });
  traces.push({
    type: 'scatter',
    mode: 'markers',
    name: 'target',
    x: targeted.map((t) => t.row.factor),
    y: targeted.map((t) => t.target.min),
    text: targeted.map(
      (t) => `${t.target.measure} ≥ ${t.target.min} (${(targetValue(t.row, t.target) ?? 0).toFixed(3)})`,
    ),
    marker: { color: '#000', symbol: 'line-ew-open', size: 14 },
    hovertemplate: '%{x}: target %{text}<extra></extra>',
  });
  return traces;
}

export const FACTOR_AUDIT_LAYOUT: PlotLayout = {
  barmode: 'group',
  yaxis: { title: { text: 'R² or rescaled AUC' }, range: [AXIS_FLOOR, 1.05], zeroline: true },
  xaxis: { tickangle: -60, type: 'category', dtick: 1 },
  legend: { orientation: 'h', y: -0.35 },
  margin: { l: 50, r: 20, t: 30, b: 110 },
};
