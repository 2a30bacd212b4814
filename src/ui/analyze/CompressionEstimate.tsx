import { useMemo, useState } from 'react';
import type { AnalysisOptions } from '../../pipeline/analyze/records';
import { type CompressionPlan, MIB, planCompression, tapsFromSummary } from '../../pipeline/compress/plan';
import { measureMultiplyAddRate } from '../../pipeline/compress/speed';
import type { RunRecord } from '../../pipeline/train/runRecords';

let measuredRate: number | null = null;

/** Measured once per page: a tenth of a second of the fit's own arithmetic. */
function useMultiplyAddRate(): number {
  const [rate] = useState(() => (measuredRate ??= measureMultiplyAddRate()));
  return rate;
}

export interface ImageCounts {
  training: number;
  /** Every split, as the analysis will decompose them. */
  all: number;
}

/** Seconds per image of a forward pass, from the run's own training speed (a step is about 3 forward passes). */
function forwardSecondsPerImage(run: RunRecord): number | null {
  const epochs = run.history.filter((row) => Number.isFinite(row.seconds));
  const seconds = epochs.reduce((sum, row) => sum + (row.seconds ?? 0), 0);
  if (epochs.length === 0 || run.images.training === 0) return null;
  return seconds / (epochs.length * run.images.training) / 3;
}

function mib(bytes: number): string {
  return `${Math.max(1, Math.round(bytes / MIB)).toLocaleString('en')} MiB`;
}

function duration(seconds: number): string {
  if (seconds < 1) return '< 1 s';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** The plan for `run` with `options`, or the reason there is none. */
export function compressionPlanFor(
  run: RunRecord,
  options: AnalysisOptions,
  images: ImageCounts,
): { plan: CompressionPlan } | { problem: string } {
  const taps = tapsFromSummary(run.summary);
  if (taps.length === 0) return { problem: 'The run lists no analysable layer.' };
  try {
    return { plan: planCompression(taps, options, images.training, images.all) };
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Before starting: per layer what compression does (sketched or not, components) and costs
 * (memory held, time), the peak against the budget, and how many batches will really run.
 */
export function CompressionEstimate({
  run,
  options,
  images,
}: {
  run: RunRecord;
  options: AnalysisOptions;
  images: ImageCounts;
}) {
  const rate = useMultiplyAddRate();
  const result = useMemo(() => compressionPlanFor(run, options, images), [run, options, images]);
  if ('problem' in result) return null;
  const { plan } = result;
  const forward = forwardSecondsPerImage(run);
  const forwardImages = plan.batches * options.batchSize + images.all;
  const total = plan.work / rate + (forward ?? 0) * forwardImages;
  const sketched = plan.layers.filter((l) => l.sketchedTo !== null);
  return (
    <section className="compression-estimate" aria-label="Compression estimate">
      <p>
        Peak memory about {mib(plan.peakBytes)}
        {plan.budgetBytes !== null && ` of the ${mib(plan.budgetBytes)} budget`}; about {duration(total)} to compress
        and decompose, decoding after it (PCA at {(rate / 1e9).toFixed(2)} G multiply-adds/s measured here
        {forward === null
          ? '; forward passes not included: the run has no timed epoch'
          : ', forward passes at the run’s training speed'}
        ).{' '}
        {sketched.length === 0
          ? 'No layer is sketched.'
          : `Sketched to ${options.maxFeatures} features to fit the budget: ${sketched.map((l) => l.name).join(', ')}.`}
      </p>
      {plan.batches < options.nBatches && (
        <p role="note">
          Only {plan.batches} of the {options.nBatches} PCA batches will run: the training split has {images.training}{' '}
          images, {plan.batches} batch{plan.batches === 1 ? '' : 'es'} of {options.batchSize}. The files record{' '}
          {plan.batches}.
        </p>
      )}
      {!plan.fits && (
        <p role="alert" className="field-error">
          Even with every wide layer sketched, the fit needs about {mib(plan.peakBytes)}, more than the budget: use
          fewer components, smaller batches or a narrower sketch.
        </p>
      )}
      <table className="compression-plan">
        <thead>
          <tr>
            <th>Layer</th>
            <th>Features</th>
            <th>Sketched to</th>
            <th>Components</th>
            <th>Memory</th>
            <th>PCA time</th>
          </tr>
        </thead>
        <tbody>
          {plan.layers.map((l) => (
            <tr key={l.name} aria-label={`Plan ${l.name}`}>
              <td>{l.name}</td>
              <td>{l.features.toLocaleString('en')}</td>
              <td>{l.sketchedTo === null ? '—' : l.sketchedTo.toLocaleString('en')}</td>
              <td>{l.components}</td>
              <td>{mib(l.bytes)}</td>
              <td>{duration((l.fitWork + l.projectWork) / rate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
