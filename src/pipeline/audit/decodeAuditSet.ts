/**
 * How visible one factor is in its audit set: PCA fitted on the training images (as the original's
 * compress step fits on training data; one batch, so the exact PCA), every split projected on it,
 * then the original's decoder (`decodeLayer`): StandardScaler + ridge with alpha chosen on
 * validation from logspace(-3, 4, 8) and R² on testing (continuous), or StandardScaler + LDA and
 * rescaled one-vs-rest ROC-AUC on testing, plus the LDA's accuracy (categorical).
 */
import { GmfError } from '../../lib/errors';
import { type Matrix, topRows } from '../../lib/linalg/matrix';
import { fitIncrementalPca, pcaTransform } from '../compress/incrementalPca';
import { type FactorInput, type Splits, decodeLayer } from '../decode/decodeLayer';
import type { AuditTargets } from './auditSets';
import type { ResolvedAuditOptions } from './auditOptions';

export interface AuditScore {
  /** R² or rescaled AUC on the testing images. */
  value: number;
  /** Categorical only: fraction of testing images whose most probable class is the true one. */
  accuracy?: number;
}

function rowRange(x: Matrix, start: number, count: number): Matrix {
  return { rows: count, cols: x.cols, data: x.data.subarray(start * x.cols, (start + count) * x.cols) };
}

function splitOf<T>(split: ResolvedAuditOptions['split'], slice: (start: number, count: number) => T): Splits<T> {
  return {
    training: slice(0, split.training),
    validation: slice(split.training, split.validation),
    testing: slice(split.training + split.validation, split.testing),
  };
}

/** Decodes `targets` from `pixels` (one row per image, training rows first); see the file comment. */
export function decodeAuditSet(
  name: string,
  pixels: Matrix,
  targets: AuditTargets,
  options: Pick<ResolvedAuditOptions, 'split' | 'components'>,
): AuditScore {
  const { split } = options;
  const pca = fitIncrementalPca([topRows(pixels, split.training)], options.components);
  const features = splitOf(split, (start, count) => pcaTransform(pca, rowRange(pixels, start, count)));
  const factor: FactorInput =
    targets.kind === 'continuous'
      ? {
          name,
          data: {
            kind: 'continuous',
            values: splitOf(split, (start, count) => ({
              rows: count,
              cols: 1,
              data: targets.values.slice(start, start + count),
            })),
          },
        }
      : {
          name,
          data: {
            kind: 'categorical',
            labels: splitOf(split, (start, count) => targets.labels.slice(start, start + count)),
          },
        };
  const result = decodeLayer({
    layerName: 'layer00_pixels',
    opNr: 0,
    features,
    testIds: new Int32Array(split.testing),
    factors: [factor],
  });
  const row = result.rows[0];
  const prediction = result.predictions[0];
  if (!row || !prediction) {
    const reason = result.skipped[0]?.reason ?? 'the decoder returned nothing';
    throw new GmfError('AUDIT_NOT_DECODABLE', `The factor ${name} could not be decoded: ${reason}.`);
  }
  if (prediction.kind === 'continuous') return { value: row.corr };
  let correct = 0;
  prediction.true.forEach((label, i) => {
    if (prediction.predicted[i] === label) correct++;
  });
  return { value: row.corr, accuracy: correct / prediction.true.length };
}
