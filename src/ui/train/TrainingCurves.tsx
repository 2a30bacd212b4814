import type { PlotTrace } from 'plotly.js-cartesian-dist-min';
import { useMemo, useSyncExternalStore } from 'react';
import type { BatchPoint, EpochRow } from '../../pipeline/train/runRecords';
import { Plot } from '../plots/Plot';
import { liveCurves } from '../../app/train/liveCurves';
import { metricRows } from './metricRows';

/** Exponential moving average, as TensorBoard's smoothing (weight 0.9), debiased at the start. */
export function smooth(values: readonly number[], weight = 0.9): number[] {
  let last = 0;
  return values.map((v, i) => {
    last = weight * last + (1 - weight) * v;
    return last / (1 - weight ** (i + 1));
  });
}

/** A faint vertical line at every epoch's end (x in batches), so per-batch curves show where epochs fall. */
function epochMarkers(epochX: readonly number[]): Record<string, unknown>[] {
  return epochX.map((x) => ({
    type: 'line',
    xref: 'x',
    yref: 'paper',
    x0: x,
    x1: x,
    y0: 0,
    y1: 1,
    line: { color: 'rgba(128, 128, 128, 0.35)', width: 1, dash: 'dot' },
  }));
}

/**
 * Small multiples, one row per target (metricRows): per-batch values (raw and smoothed) and
 * per-epoch training vs validation, with the epochs marked. A stored run's history has epochs
 * only: with `axis` 'epoch' its x axis is the epoch, ticked at whole epochs.
 */
export function TrainingCurves({
  batches,
  epochs,
  batchesPerEpoch,
  axis = 'batch',
}: {
  batches: readonly BatchPoint[];
  epochs: readonly EpochRow[];
  batchesPerEpoch: number;
  axis?: 'batch' | 'epoch';
}) {
  const rows = useMemo(() => {
    const names = new Set<string>();
    for (const row of epochs)
      for (const k of Object.keys(row))
        if (!k.startsWith('val_') && !['epoch', 'lr', 'seconds'].includes(k)) names.add(k);
    const last = batches.at(-1);
    if (last) for (const k of Object.keys(last.values)) names.add(k);
    return metricRows(names);
  }, [batches, epochs]);
  const epochX = epochs.map((r) => (r.epoch ?? 0) * (axis === 'epoch' ? 1 : batchesPerEpoch));
  // Whole epochs, about ten ticks at most.
  const xaxis =
    axis === 'epoch'
      ? { title: { text: 'epoch' }, tick0: 0, dtick: Math.max(1, Math.ceil(epochs.length / 10)) }
      : { title: { text: 'batch' } };
  const chart = (key: string) => {
    const points = batches.filter((p) => p.values[key] !== undefined);
    const steps = points.map((p) => p.step + 1);
    const raw = points.map((p) => p.values[key] ?? NaN);
    const data: PlotTrace[] = [
      { x: steps, y: raw, name: 'batch', mode: 'lines', line: { color: '#9ab', width: 1 }, opacity: 0.6 },
      { x: steps, y: smooth(raw), name: 'batch (smoothed)', mode: 'lines', line: { color: '#1f77b4', width: 2 } },
      {
        x: epochX,
        y: epochs.map((r) => r[key] ?? NaN),
        name: 'epoch: training',
        mode: 'lines+markers',
        line: { color: '#2ca02c' },
      },
      {
        x: epochX,
        y: epochs.map((r) => r[`val_${key}`] ?? NaN),
        name: 'epoch: validation',
        mode: 'lines+markers',
        line: { color: '#d62728' },
      },
    ];
    return (
      <Plot
        key={key}
        label={key}
        data={data}
        height={240}
        layout={{
          xaxis,
          legend: { orientation: 'h', y: -0.35 },
          margin: { l: 50, r: 10, t: 30, b: 40 },
          shapes: points.length > 0 ? epochMarkers(epochX) : [],
        }}
      />
    );
  };
  return (
    <div className="training-curves">
      {rows.map((row) => (
        <div key={row.join()} className="training-curves-row">
          {row.map(chart)}
        </div>
      ))}
    </div>
  );
}

/** The watched run's curves, redrawn a few times a second as batches arrive. */
export function LiveTrainingCurves({
  epochs,
  batchesPerEpoch,
}: {
  epochs: readonly EpochRow[];
  batchesPerEpoch: number;
}) {
  const batches = useSyncExternalStore(liveCurves.subscribe, liveCurves.get);
  return <TrainingCurves batches={batches} epochs={epochs} batchesPerEpoch={batchesPerEpoch} />;
}
