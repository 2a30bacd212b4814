/**
 * Incremental PCA following sklearn's IncrementalPCA.partial_fit (1.2): running mean and
 * variance (Chan et al.), then the SVD of
 *   [ diag(S) Vᵀ ; X_batch - batch mean ; √(n_seen · n_batch / n_total) (mean_old - mean_batch) ]
 * keeping the leading n_components; explained_variance_ratio = S² / (n_total · Σ var). The thin
 * SVD comes from the smaller Gram matrix of that stack (see linalg/thinSvd.ts for its accuracy).
 */
import { GmfError } from '../../lib/errors';
import { thinSvd } from '../../lib/linalg/thinSvd';
import { type Matrix, createMatrix, matmulTransposeB, subtractRowVector } from '../../lib/linalg/matrix';

export interface IncrementalPca {
  readonly nComponents: number;
  readonly nFeatures: number;
  readonly nSamplesSeen: number;
  readonly mean: Float64Array;
  /** Population variance of each feature over every sample seen. */
  readonly variance: Float64Array;
  /** nComponents × nFeatures, unit rows (sklearn's components_); empty before the first batch. */
  readonly components: Matrix;
  readonly singularValues: Float64Array;
  /** S² / (n - 1). */
  readonly explainedVariance: Float64Array;
  readonly explainedVarianceRatio: Float64Array;
  /** Mean of the explained variances past nComponents (sklearn's noise_variance_). */
  readonly noiseVariance: number;
}

export function createIncrementalPca(nComponents: number, nFeatures: number): IncrementalPca {
  if (!Number.isInteger(nComponents) || nComponents < 1)
    throw new GmfError('PCA_BAD_COMPONENTS', `PCA needs a whole number of components ≥ 1, got ${nComponents}.`);
  if (nComponents > nFeatures)
    throw new GmfError('PCA_BAD_COMPONENTS', `Cannot keep ${nComponents} components of ${nFeatures} features.`);
  return {
    nComponents,
    nFeatures,
    nSamplesSeen: 0,
    mean: new Float64Array(nFeatures),
    variance: new Float64Array(nFeatures),
    components: createMatrix(0, nFeatures),
    singularValues: new Float64Array(0),
    explainedVariance: new Float64Array(0),
    explainedVarianceRatio: new Float64Array(0),
    noiseVariance: 0,
  };
}

/** One batch folded into the fit; returns the new state (the old one is left as it was). */
export function partialFitIncrementalPca(state: IncrementalPca, batch: Matrix): IncrementalPca {
  const p = state.nFeatures;
  const nb = batch.rows;
  if (batch.cols !== p)
    throw new GmfError('PCA_SHAPE', `The PCA was started on ${p} features but this batch has ${batch.cols}.`);
  if (state.nComponents > nb) {
    throw new GmfError(
      'PCA_BATCH_TOO_SMALL',
      `Each batch needs at least as many samples as components: ${nb} samples for ${state.nComponents} components.`,
    );
  }
  const seen = state.nSamplesSeen;
  const total = seen + nb;
  // _incremental_mean_and_var, as sklearn (the correction term absorbs rounding in the batch mean).
  const x = batch.data;
  const batchSum = new Float64Array(p);
  for (let i = 0; i < nb; i++) for (let j = 0; j < p; j++) batchSum[j] = (batchSum[j] ?? 0) + (x[i * p + j] ?? 0);
  const batchMean = batchSum.map((s) => s / nb);
  const correction = new Float64Array(p);
  const batchSq = new Float64Array(p);
  for (let i = 0; i < nb; i++) {
    for (let j = 0; j < p; j++) {
      const d = (x[i * p + j] ?? 0) - (batchMean[j] ?? 0);
      correction[j] = (correction[j] ?? 0) + d;
      batchSq[j] = (batchSq[j] ?? 0) + d * d;
    }
  }
  const mean = new Float64Array(p);
  const variance = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const lastSum = (state.mean[j] ?? 0) * seen;
    const newUnnormalised = (batchSq[j] ?? 0) - (correction[j] ?? 0) ** 2 / nb;
    mean[j] = (lastSum + (batchSum[j] ?? 0)) / total;
    let unnormalised = newUnnormalised;
    if (seen > 0) {
      const lastOverNew = seen / nb;
      unnormalised +=
        (state.variance[j] ?? 0) * seen + (lastOverNew / total) * (lastSum / lastOverNew - (batchSum[j] ?? 0)) ** 2;
    }
    variance[j] = unnormalised / total;
  }

  let stacked: Matrix;
  if (seen === 0) {
    stacked = subtractRowVector(batch, mean);
  } else {
    const k = state.components.rows;
    stacked = createMatrix(k + nb + 1, p);
    const out = stacked.data;
    const components = state.components.data;
    for (let r = 0; r < k; r++) {
      const s = state.singularValues[r] ?? 0;
      for (let j = 0; j < p; j++) out[r * p + j] = s * (components[r * p + j] ?? 0);
    }
    for (let i = 0; i < nb; i++) {
      const o = (k + i) * p;
      for (let j = 0; j < p; j++) out[o + j] = (x[i * p + j] ?? 0) - (batchMean[j] ?? 0);
    }
    const w = Math.sqrt((seen / total) * nb);
    for (let j = 0; j < p; j++) out[(k + nb) * p + j] = w * ((state.mean[j] ?? 0) - (batchMean[j] ?? 0));
  }
  const svd = thinSvd(stacked, state.nComponents);
  let frobenius = 0;
  const all = stacked.data;
  for (let i = 0; i < all.length; i++) frobenius += (all[i] ?? 0) ** 2;
  let kept = 0;
  for (const s of svd.values) kept += s * s;
  let totalVariance = 0;
  for (const v of variance) totalVariance += v * total;
  const tail = Math.min(stacked.rows, p) - state.nComponents;
  return {
    nComponents: state.nComponents,
    nFeatures: p,
    nSamplesSeen: total,
    mean,
    variance,
    components: svd.vt,
    singularValues: svd.values,
    explainedVariance: svd.values.map((s) => (s * s) / (total - 1)),
    explainedVarianceRatio: svd.values.map((s) => (s * s) / totalVariance),
    noiseVariance: tail > 0 && state.nComponents !== nb ? Math.max(frobenius - kept, 0) / (total - 1) / tail : 0,
  };
}

/** Fits on every batch in turn (as the original's compress step over n training batches). */
export function fitIncrementalPca(batches: Iterable<Matrix>, nComponents: number): IncrementalPca {
  let state: IncrementalPca | null = null;
  for (const batch of batches)
    state = partialFitIncrementalPca(state ?? createIncrementalPca(nComponents, batch.cols), batch);
  if (state === null) throw new GmfError('PCA_NO_DATA', 'Incremental PCA got no batches to fit.');
  return state;
}

/** (X - mean) Wᵀ: the compressed activations (n × nComponents), as sklearn's transform. */
export function pcaTransform(pca: IncrementalPca, x: Matrix): Matrix {
  return matmulTransposeB(subtractRowVector(x, pca.mean), pca.components);
}
