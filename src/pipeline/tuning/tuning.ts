/** §2 of the views beyond decoding: variance partitioning and view invariance of every decoded layer. */
import { GmfError, throwIfCancelled } from '../../lib/errors';
import type { InvarianceRow, TestingData, TuningResult, VariancePartition } from '../beyond/records';
import { tuningDesign } from './design';
import { invarianceNotApplicable, invarianceOfSides, invarianceSides } from './invariance';
import { identityFolds, partitionVariance } from './variancePartition';

/**
 * Tuning and invariance over the layers that were decoded (a softmax layer, which has no
 * predictions, is skipped); the design, folds and view sides are shared by every layer.
 */
export function tuningOf(
  data: TestingData,
  seed: number,
  progress?: (done: number, total: number) => void,
  signal?: AbortSignal,
): TuningResult {
  const { factors } = data;
  const layers = data.layers.filter((l) => l.predictions.length > 0);
  const design = tuningDesign(factors);
  const foldOf = identityFolds(factors.numbers.id, seed);
  const skipped = invarianceNotApplicable(factors);
  const sides = skipped === null ? invarianceSides(factors) : null;
  const partitions: VariancePartition[] = [];
  const invariance: InvarianceRow[] = [];
  progress?.(0, layers.length);
  layers.forEach((layer, k) => {
    if (signal) throwIfCancelled(signal);
    if (layer.features.rows !== factors.samples)
      throw new GmfError(
        'TUNING_SHAPE',
        `Layer ${layer.name} has ${layer.features.rows} testing samples but the testing factors ${factors.samples}.`,
      );
    partitions.push(partitionVariance(layer.name, layer.features, design, foldOf));
    if (sides !== null) invariance.push(invarianceOfSides(layer, sides));
    progress?.(k + 1, layers.length);
  });
  return { kind: 'tuning', partitions, invariance, ...(skipped === null ? {} : { invarianceSkipped: skipped }) };
}
