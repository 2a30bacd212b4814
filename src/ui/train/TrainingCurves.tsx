import type { PlotTrace } from 'plotly.js-cartesian-dist-min';
import { useMemo, useSyncExternalStore } from 'react';
import type { BatchPoint, EpochRow } from '../../pipeline/train/runRecords';
import { Plot } from '../plots/Plot';
import { liveCurves } from '../../app/train/liveCurves';

/** Exponential moving average, as TensorBoard's smoothing (weight 0.9), debiased at the start. */
export function smooth(values: readonly number[], weight = 0.9): number[] {
  let last = 0;
  return values.map((v, i) => {
    last = weight * last + (1 - weight) * v;
    return last / (1 - weight ** (i + 1));
  });
}

/** One chart per quantity: per-batch values (raw and smoothed) and per-epoch training vs validation. */
export function TrainingCurves({
  batches,
  epochs,
  batchesPerEpoch,
}: {
  batches: readonly BatchPoint[];
  epochs: readonly EpochRow[];
  batchesPerEpoch: number;
}) {
  const keys = useMemo(() => {
    const names = new Set<string>();
    for (const row of epochs)
      for (const k of Object.keys(row))
        if (!k.startsWith('val_') && !['epoch', 'lr', 'seconds'].includes(k)) names.add(k);
    const last = batches.at(-1);
    if (last) for (const k of Object.keys(last.values)) names.add(k);
    return [...names].sort((a, b) => (a === 'loss' ? -1 : b === 'loss' ? 1 : a.localeCompare(b)));
  }, [batches, epochs]);
  return (
    <div className="training-curves">
      {keys.map((key) => {
        const points = batches.filter((p) => p.values[key] !== undefined);
        const steps = points.map((p) => p.step + 1);
        const raw = points.map((p) => p.values[key] ?? NaN);
        const epochX = epochs.map((r) => (r.epoch ?? 0) * batchesPerEpoch);
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
            height={260}
            layout={{ xaxis: { title: { text: 'batch' } }, legend: { orientation: 'h', y: -0.3 } }}
          />
        );
      })}
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
