/**
 * Step 6 of the pipeline for one layer (DESIGN.md section 1): decode every generative factor
 * from the layer's compressed activations, as the original's analyze_model.py does, sharing the
 * expensive parts across factors:
 * - features standardised with the training split's StandardScaler;
 * - continuous factors: one ridge tridiagonalisation for all their target columns, alpha per
 *   column chosen on validation from logspace(-3, 4, 8), R² on testing per column;
 * - categorical factors: LDA fitted on training (one shared scatter and its Cholesky factor),
 *   rescaled one-vs-rest ROC-AUC of predict_proba on testing;
 * - identity: stratified 4-fold cross-validation within testing (see crossValidation.ts).
 * Plain data in, plain data out, so a worker can run it per layer.
 */
import { GmfError } from '../../lib/errors';
import type { StreamKey } from '../../lib/random';
import { OvrAucScorer, rescaleAuc } from './auc';
import { DEFAULT_FOLD_SEED, crossValPredictLdaProba, stratifiedKFold } from './crossValidation';
import { type InferenceOptions, type RowInference, categoricalInference, continuousInference } from './inference';
import { type Label, countDistinct, encodeLabels } from './labels';
import { LdaScatter, fitLda, ldaPredictProba } from './lda';
import { type Matrix, concatColumns, gram, sliceColumns } from '../../lib/linalg/matrix';
import { r2Columns } from './metrics';
import { type PerformanceRow, parseLayerName } from './performanceTable';
import { DEFAULT_RIDGE_ALPHAS, decomposeRidge, ridgePredict, selectRidgeAlphas } from './ridge';
import { standardize } from './standardize';

export interface Splits<T> {
  readonly training: T;
  readonly validation: T;
  readonly testing: T;
}

export type FactorData =
  /** Scalars as n × 1, shape/tex as n × components. */
  | { readonly kind: 'continuous'; readonly values: Splits<Matrix> }
  /** Validation labels are not used (LDA has no penalty to choose), as in the original. */
  | { readonly kind: 'categorical'; readonly labels: Splits<ArrayLike<Label>> }
  /** Decoded from `testIds` by cross-validation within the testing split. */
  | { readonly kind: 'identity' };

export interface FactorInput {
  readonly name: string;
  readonly data: FactorData;
}

/** The original's row order: all_factors + ['shape', 'tex']. */
export const ORIGINAL_FACTOR_ORDER = [
  'id',
  'bg',
  'ethn',
  'gender',
  'age',
  'xr',
  'yr',
  'zr',
  'xt',
  'yt',
  'zt',
  'xl',
  'yl',
  'emo',
  'shape',
  'tex',
] as const;

export interface DecodeLayerInput {
  /** e.g. "layer03_conv"; layer and operation columns are parsed from it. */
  readonly layerName: string;
  readonly opNr: number;
  /** Compressed activations, samples × components, as decomposed (standardised here). */
  readonly features: Splits<Matrix>;
  /** Identity of each testing sample: the id factor, and the unit of shuffles and resamples. */
  readonly testIds: ArrayLike<Label>;
  /** Decoded and reported in this order. */
  readonly factors: readonly FactorInput[];
}

export interface DecodeOptions extends InferenceOptions {
  readonly alphas?: ArrayLike<number>;
  readonly folds?: number;
  /** Seed of the fold shuffle for id; null for the original's unshuffled folds. */
  readonly foldSeed?: StreamKey | null;
  readonly ldaTol?: number;
}

export type FactorPrediction =
  | {
      readonly factor: string;
      readonly kind: 'continuous';
      readonly true: Matrix;
      readonly predicted: Matrix;
      readonly alphas: Float64Array;
    }
  | {
      readonly factor: string;
      readonly kind: 'categorical' | 'identity';
      readonly classes: readonly Label[];
      /** Class codes (indices into classes) of the testing samples. */
      readonly true: Int32Array;
      /** Most probable class code per sample. */
      readonly predicted: Int32Array;
      /** n × classes. */
      readonly proba: Matrix;
      /** p(true class) per sample. */
      readonly pTrue: Float64Array;
    };

export interface DecodeLayerResult {
  readonly rows: PerformanceRow[];
  /** Aligned with rows; present when permutations or bootstraps were asked for. */
  readonly inference: RowInference[] | null;
  readonly predictions: FactorPrediction[];
  /** Factors that cannot be scored here (a single class, a constant value), with the reason. */
  readonly skipped: { readonly factor: string; readonly reason: string }[];
}

/** Errors that concern one factor's data, not the call: that factor is skipped with the message. */
const SKIPPABLE = new Set(['LDA_TOO_FEW_SAMPLES', 'CV_TOO_FEW_SAMPLES']);

function checkRows(what: string, rows: number, expected: number, split: string): void {
  if (rows !== expected)
    throw new GmfError('DECODE_SHAPE', `${what} has ${rows} ${split} samples but the features have ${expected}.`);
}

function isConstantColumns(y: Matrix): boolean {
  for (let j = 0; j < y.cols; j++)
    for (let i = 1; i < y.rows; i++) if (y.data[i * y.cols + j] !== y.data[j]) return false;
  return true;
}

function classProbabilities(
  factor: string,
  kind: 'categorical' | 'identity',
  classes: readonly Label[],
  truth: Int32Array,
  proba: Matrix,
): FactorPrediction {
  const k = proba.cols;
  const predicted = new Int32Array(proba.rows);
  const pTrue = new Float64Array(proba.rows);
  for (let i = 0; i < proba.rows; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if ((proba.data[i * k + c] ?? 0) > (proba.data[i * k + best] ?? 0)) best = c;
    predicted[i] = best;
    pTrue[i] = proba.data[i * k + (truth[i] ?? 0)] ?? 0;
  }
  return { factor, kind, classes, true: truth, predicted, proba, pTrue };
}

export function decodeLayer(input: DecodeLayerInput, options: DecodeOptions = {}): DecodeLayerResult {
  const { training, validation, testing } = input.features;
  const nTrain = training.rows;
  const nVal = validation.rows;
  const nTest = testing.rows;
  checkRows('The identity list', input.testIds.length, nTest, 'testing');
  const { layer, operation } = parseLayerName(input.layerName);
  const row = (factor: string, featureNr: number, corr: number): PerformanceRow => ({
    corr,
    factor,
    feature_nr: featureNr,
    layername: input.layerName,
    layer,
    operation,
    op_nr: input.opNr,
  });
  const inferring = (options.permutations ?? 0) > 0 || (options.bootstraps ?? 0) > 0;

  const scaled = standardize(training, validation, testing);
  const xTrain = scaled.train;
  const [xVal, xTest] = scaled.others;
  // The training features' total scatter: centred Gram for ridge, and (with its inverse
  // Cholesky factor, computed once) the part every LDA on the training rows shares.
  const trainScatter = new LdaScatter(xTrain, gram(xTrain));
  const testIdentities = encodeLabels(input.testIds);
  const testGroups = testIdentities.codes[0] ?? new Int32Array(0);

  const results = new Map<
    string,
    { rows: PerformanceRow[]; inference: RowInference[]; prediction: FactorPrediction }
  >();
  const skipped: { factor: string; reason: string }[] = [];

  // Continuous factors: one decomposition, all target columns side by side.
  const continuous: { name: string; values: Splits<Matrix> }[] = [];
  for (const f of input.factors) {
    if (f.data.kind !== 'continuous') continue;
    const v = f.data.values;
    checkRows(`Factor ${f.name}`, v.training.rows, nTrain, 'training');
    checkRows(`Factor ${f.name}`, v.validation.rows, nVal, 'validation');
    checkRows(`Factor ${f.name}`, v.testing.rows, nTest, 'testing');
    if (isConstantColumns(v.testing))
      skipped.push({ factor: f.name, reason: 'it takes a single value in the testing split' });
    else continuous.push({ name: f.name, values: v });
  }
  if (continuous.length > 0) {
    const stack = (split: keyof Splits<Matrix>): Matrix => concatColumns(continuous.map((c) => c.values[split]));
    // The standardised training features have mean 0 up to rounding; centre the Gram exactly anyway.
    const path = decomposeRidge(xTrain, stack('training'), { centredGram: trainScatter.centred });
    const { alphas } = selectRidgeAlphas(path, xVal, stack('validation'), options.alphas ?? DEFAULT_RIDGE_ALPHAS);
    const predicted = ridgePredict(path, xTest, alphas);
    let offset = 0;
    for (const c of continuous) {
      const t = c.values.testing.cols;
      const pred = sliceColumns(predicted, offset, t);
      const scores = r2Columns(c.values.testing, pred);
      results.set(c.name, {
        rows: Array.from(scores, (s, j) => row(c.name, j + 1, s)),
        inference: inferring ? continuousInference(c.values.testing, pred, testGroups, c.name, options) : [],
        prediction: {
          factor: c.name,
          kind: 'continuous',
          true: c.values.testing,
          predicted: pred,
          alphas: alphas.slice(offset, offset + t),
        },
      });
      offset += t;
    }
  }

  for (const f of input.factors) {
    if (f.data.kind === 'continuous') continue;
    let classes: readonly Label[];
    let truth: Int32Array;
    let proba: Matrix;
    try {
      if (f.data.kind === 'categorical') {
        const l = f.data.labels;
        checkRows(`Factor ${f.name}`, l.training.length, nTrain, 'training');
        checkRows(`Factor ${f.name}`, l.testing.length, nTest, 'testing');
        const encoded = encodeLabels(l.training, l.testing);
        const [trainCodes, testCodes] = encoded.codes;
        if (trainCodes === undefined || testCodes === undefined) continue;
        if (countDistinct(trainCodes) < 2 || countDistinct(testCodes) < 2) {
          skipped.push({ factor: f.name, reason: 'it takes a single value in the training or testing split' });
          continue;
        }
        classes = encoded.classes;
        truth = testCodes;
        const model = fitLda(xTrain, trainCodes, classes.length, {
          scatter: trainScatter,
          ...(options.ldaTol === undefined ? {} : { tol: options.ldaTol }),
        });
        proba = ldaPredictProba(model, xTest);
      } else {
        classes = testIdentities.classes;
        truth = testGroups;
        if (classes.length < 2) {
          skipped.push({ factor: f.name, reason: 'the testing split holds a single identity' });
          continue;
        }
        const foldOf = stratifiedKFold(
          truth,
          options.folds ?? 4,
          options.foldSeed === undefined ? DEFAULT_FOLD_SEED : options.foldSeed,
        );
        proba = crossValPredictLdaProba(
          xTest,
          truth,
          classes.length,
          foldOf,
          options.ldaTol === undefined ? {} : { tol: options.ldaTol },
        );
      }
    } catch (error) {
      // Too few samples for LDA or for the folds: report it with the factor, decode the rest.
      if (!(error instanceof GmfError) || !SKIPPABLE.has(error.code)) throw error;
      skipped.push({ factor: f.name, reason: error.message });
      continue;
    }
    const score = rescaleAuc(new OvrAucScorer(proba).score(truth));
    results.set(f.name, {
      rows: [row(f.name, 1, score)],
      inference: inferring
        ? [
            categoricalInference(
              truth,
              proba,
              testGroups,
              f.name,
              options,
              f.data.kind === 'identity' ? false : undefined,
            ),
          ]
        : [],
      prediction: classProbabilities(f.name, f.data.kind, classes, truth, proba),
    });
  }

  const rows: PerformanceRow[] = [];
  const inference: RowInference[] = [];
  const predictions: FactorPrediction[] = [];
  for (const f of input.factors) {
    const r = results.get(f.name);
    if (r === undefined) continue;
    rows.push(...r.rows);
    inference.push(...r.inference);
    predictions.push(r.prediction);
  }
  return { rows, inference: inferring ? inference : null, predictions, skipped };
}
