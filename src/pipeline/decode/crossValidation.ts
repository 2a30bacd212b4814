/**
 * Stratified k-fold splitting exactly as sklearn's StratifiedKFold (1.2) allocates samples, and
 * cross-validated LDA probabilities as cross_val_predict(..., method='predict_proba').
 *
 * The original calls cross_val_predict(model, X, y, cv=4), i.e. StratifiedKFold(4) without
 * shuffling: within each class, the first quarter of its samples (in table order) form fold 0.
 * Because the table lists an identity's variations in order and bg = variation index, that puts
 * the same backgrounds in the same fold for every identity. We therefore shuffle by default:
 * the same per-class fold counts, with each class's fold labels permuted by a seeded sfc32
 * stream (sklearn does the same with its own RNG when shuffle=True). `shuffleSeed: null`
 * reproduces the original's folds exactly.
 */
import { GmfError } from '../../lib/errors';
import { type StreamKey, createRng } from '../../lib/random';
import { type LdaOptions, fitLda, ldaPredictProba } from './lda';
import { type Matrix, createMatrix, gram, selectRows } from '../../lib/linalg/matrix';

export const DEFAULT_FOLD_SEED = 0;

/** The fold (0..folds-1) in which each sample is held out. */
export function stratifiedKFold(
  labels: ArrayLike<number | string>,
  folds: number,
  shuffleSeed: StreamKey | null = DEFAULT_FOLD_SEED,
): Int32Array {
  const n = labels.length;
  if (!Number.isInteger(folds) || folds < 2)
    throw new GmfError('CV_BAD_FOLDS', `Cross-validation needs at least 2 folds, got ${folds}.`);
  if (folds > n) throw new GmfError('CV_TOO_FEW_SAMPLES', `Cannot split ${n} samples into ${folds} folds.`);
  // Classes numbered by order of first appearance, as sklearn does.
  const code = new Map<number | string, number>();
  const encoded = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const label = labels[i] ?? '';
    let c = code.get(label);
    if (c === undefined) {
      c = code.size;
      code.set(label, c);
    }
    encoded[i] = c;
  }
  const classes = code.size;
  const counts = new Int32Array(classes);
  for (const c of encoded) counts[c] = (counts[c] ?? 0) + 1;
  if (counts.every((count) => count < folds)) {
    throw new GmfError(
      'CV_TOO_FEW_SAMPLES',
      `${folds}-fold cross-validation needs at least ${folds} samples of some class; every class has fewer.`,
    );
  }
  // allocation[f][c]: how many samples of class c fold f holds, dealt round-robin over the sorted codes.
  const sorted = Int32Array.from(encoded).sort();
  const allocation = Array.from({ length: folds }, () => new Int32Array(classes));
  sorted.forEach((c, position) => {
    const fold = allocation[position % folds];
    if (fold !== undefined) fold[c] = (fold[c] ?? 0) + 1;
  });
  const rng = shuffleSeed === null ? null : createRng(shuffleSeed, 'stratifiedKFold', folds);
  const foldOf = new Int32Array(n);
  const members: number[][] = Array.from({ length: classes }, () => []);
  encoded.forEach((c, i) => members[c]?.push(i));
  members.forEach((indices, c) => {
    const foldsForClass: number[] = [];
    for (let f = 0; f < folds; f++) for (let k = 0; k < (allocation[f]?.[c] ?? 0); k++) foldsForClass.push(f);
    if (rng !== null) {
      for (let i = foldsForClass.length - 1; i > 0; i--) {
        const j = rng.int(0, i);
        const t = foldsForClass[i] ?? 0;
        foldsForClass[i] = foldsForClass[j] ?? 0;
        foldsForClass[j] = t;
      }
    }
    indices.forEach((sample, k) => (foldOf[sample] = foldsForClass[k] ?? 0));
  });
  return foldOf;
}

/**
 * Out-of-fold LDA class probabilities (n × classes): each fold is predicted by an LDA fitted on
 * the other folds; classes missing from a fold's training part get probability 0, as sklearn.
 * LDA's svd solver rescales features by their within-class std, so the StandardScaler the
 * original fits per fold changes nothing and is skipped. The full Gram matrix minus each
 * held-out fold's gives every training Gram; the full one is the sum of the folds' own.
 */
export function crossValPredictLdaProba(
  x: Matrix,
  labels: ArrayLike<number>,
  classes: number,
  foldOf: Int32Array,
  options: Pick<LdaOptions, 'tol' | 'whitening'> = {},
): Matrix {
  const folds = Math.max(-1, ...foldOf) + 1;
  // Rows of each fold; the last group holds rows outside every fold (always trained on).
  const members: number[][] = Array.from({ length: folds + 1 }, () => []);
  foldOf.forEach((g, i) => members[g >= 0 && g < folds ? g : folds]?.push(i));
  const grams = members.map((rows) => gram(selectRows(x, rows)).data);
  const size = x.cols * x.cols;
  const full = new Float64Array(size);
  for (const g of grams) for (let k = 0; k < size; k++) full[k] = (full[k] ?? 0) + (g[k] ?? 0);
  const out = createMatrix(x.rows, classes);
  for (let f = 0; f < folds; f++) {
    const test = members[f] ?? [];
    if (test.length === 0) continue;
    const train: number[] = [];
    for (let i = 0; i < x.rows; i++) if (foldOf[i] !== f) train.push(i);
    const held = grams[f] ?? new Float64Array(size);
    const trainGram = createMatrix(x.cols, x.cols);
    for (let k = 0; k < size; k++) trainGram.data[k] = (full[k] ?? 0) - (held[k] ?? 0);
    const model = fitLda(
      selectRows(x, train),
      train.map((i) => labels[i] ?? 0),
      classes,
      { ...options, gram: trainGram },
    );
    const proba = ldaPredictProba(model, selectRows(x, test));
    test.forEach((sample, r) => {
      out.data.set(proba.data.subarray(r * classes, (r + 1) * classes), sample * classes);
    });
  }
  return out;
}
