/**
 * When a run has diverged, and what it says. A run that diverged must end 'failed', never
 * 'complete' (issue 14 §2): its weights are garbage, and an analysis of them dies much later.
 *
 * The rule. The reference is the run's first batch loss: the untrained network's (ln K for K
 * classes, about 1 for standardised regression targets).
 * - After every batch: its loss is NaN or ±Infinity, or the running mean of the epoch's loss
 *   exceeds 100 × the reference (an explosion, stopped before float32 overflows).
 * - At an epoch's end: its mean loss exceeds 10 × the reference, or the validation loss is not
 *   finite. Cross-entropy is clipped (at most −ln 1e-7 ≈ 16), so a classifier whose weights blew
 *   up (learning rate 1e9: every softmax saturated, half of them wrong) sits at ~8 for 2 classes,
 *   12 × ln 2, for ever: no "×100" rule sees it, and its layers' activations are ~1e9.
 * Why not "the loss grew for K checks in a row": that fires on runs that merely plateau on noisy
 * data; and a healthy run never averages an epoch 10 × worse than the untrained net, while
 * single-batch spikes stay below 100 ×. A wrongly failed run costs the researcher too.
 */
import { GmfError } from '../../lib/errors';

/** Running epoch mean over the reference that stops a run at once. */
export const EXPLOSION_FACTOR = 100;
/** Epoch mean over the reference that stops a run at the epoch's end. */
export const DIVERGENCE_FACTOR = 10;

const inRange = (reference: number | null): reference is number =>
  reference !== null && Number.isFinite(reference) && reference > 0;

/** Why the run diverged at this batch, or null while it has not. */
export function batchDivergence(batchLoss: number, epochMeanLoss: number, reference: number | null): string | null {
  if (!Number.isFinite(batchLoss)) return `the loss became ${String(batchLoss)}`;
  if (inRange(reference) && epochMeanLoss > EXPLOSION_FACTOR * reference)
    return `the loss rose to ${epochMeanLoss.toPrecision(3)}, more than ${EXPLOSION_FACTOR} × its start (${reference.toPrecision(3)})`;
  return null;
}

/** Why the run diverged at the end of an epoch, or null while it has not. */
export function epochDivergence(
  epoch: number,
  meanLoss: number,
  validationLoss: number | undefined,
  reference: number | null,
): string | null {
  if (validationLoss !== undefined && !Number.isFinite(validationLoss))
    return `the validation loss became ${String(validationLoss)}`;
  if (inRange(reference) && meanLoss > DIVERGENCE_FACTOR * reference)
    return `epoch ${epoch + 1}'s mean loss ${meanLoss.toPrecision(3)} is more than ${DIVERGENCE_FACTOR} × its start (${reference.toPrecision(3)}): it predicts far worse than the untrained network`;
  return null;
}

/** A checkpoint's place in words: "epoch 2" (after it ended) or "epoch 3, batch 5" (5 batches into it). */
export function checkpointPlace(at: { epoch: number; batch: number }): string {
  return at.batch === 0 ? `epoch ${at.epoch}` : `epoch ${at.epoch + 1}, batch ${at.batch}`;
}

export interface Divergence {
  /** 0-based epoch and batch where it was detected. */
  epoch: number;
  batch: number;
  reason: string;
  learningRate: number;
  /** The last checkpoint stored before it (finite weights), or null when none was. */
  lastGood: { epoch: number; batch: number } | null;
}

/** Training stopped because the loss became NaN/Inf or exploded; the last good checkpoint is kept. */
export class TrainingDivergedError extends GmfError {
  constructor(readonly divergence: Divergence) {
    const { epoch, batch, reason, learningRate, lastGood } = divergence;
    super(
      'TRAINING_DIVERGED',
      `Training diverged at epoch ${epoch + 1}, batch ${batch + 1}: ${reason}. The learning rate ${learningRate} is likely too high; lower it and train again. ` +
        (lastGood
          ? `The last good checkpoint (${checkpointPlace(lastGood)}) is kept: use it as the model, or resume from it (with the same learning rate it will likely diverge again).`
          : 'No checkpoint was stored before it, so there is no model to keep.'),
    );
  }
}

/**
 * Largest trainable weight a sane run reaches. Weights start O(0.1) (Glorot) and Adam moves each
 * by about the learning rate (≤ 1) per step, so thousands of steps stay far below it; beyond it
 * a few layers in series carry activations towards float32's limit (3.4e38), and the analysis
 * of such a model dies in its eigensolver. A learning rate of 1e9 puts weights at ~1e9 in one
 * step, while the clipped cross-entropy stays finite and unremarkable (about 8 for 2 classes).
 */
export const MAX_WEIGHT = 1e6;

/** Why a checkpoint's weights are unusable (not finite, or blown up), or null when they are fine. */
export function weightTrouble(
  arrays: readonly { name: string; data: Float32Array }[],
  trainable: readonly boolean[],
): string | null {
  let largest = 0;
  for (const [i, { data }] of arrays.entries()) {
    for (const v of data) {
      if (!Number.isFinite(v)) return 'the weights became NaN or Infinity';
      if (trainable[i] === true && Math.abs(v) > largest) largest = Math.abs(v);
    }
  }
  return largest > MAX_WEIGHT
    ? `a weight grew to ${largest.toPrecision(2)}, beyond ${MAX_WEIGHT.toExponential()} (a sane run stays near 1)`
    : null;
}
