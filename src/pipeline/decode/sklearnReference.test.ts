/**
 * Checks against scikit-learn 1.2 (Debian's python3-sklearn): the same numbers go to
 * test/python/sklearnReference.py and bench/analysisPeer.py and to our code. Their answers are
 * golden files (test/golden/sklearnReference*.json) with the SHA-256 of the input they saw;
 * `npm run golden` asks scikit-learn again and checks our code against the fresh answers.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/random';
import { OvrAucScorer } from './auc';
import { crossValPredictLdaProba, stratifiedKFold } from './crossValidation';
import { decodeLayer } from './decodeLayer';
import { fitIncrementalPca } from '../compress/incrementalPca';
import { fitLda, ldaPredictProba } from './lda';
import { type Matrix, concatColumns, createMatrix, selectRows, sliceColumns } from '../../lib/linalg/matrix';
import { r2Columns } from './metrics';
import { fitRidgeCv, ridgePredict } from './ridge';
import { standardize } from './standardize';
import { generateSyntheticDecomposition, syntheticDecodeInput } from '../../../bench/support/synthetic';
import { exportForPeer, peerDecodeInput } from '../../../bench/support/peerBlob';
import { maxAbsDiff, maxRelDiff, randomMatrix } from '../../../test/support/analysisTestHelpers';
import { golden, inputChanged, sha256 } from '../../../test/support/golden';
import { pythonJson } from '../../../test/support/python.mjs';

interface SklearnAnswers {
  /** SHA-256 of the cases JSON that scikit-learn read. */
  input: string;
  version: string;
  ridge: { alphas: number[]; validation: number[][]; pred: number[][]; r2: number[] }[];
  lda: number[][][];
  auc: number[];
  cv: { folds: number[]; proba: number[][] };
  ipca: { ratio: number[]; variance: number[]; components: number[][]; mean: number[]; noise: number };
}

interface PeerRow {
  corr: number;
  factor: string;
  feature_nr: number;
  layername: string;
}

/** Runs a scikit-learn script on `files` in a scratch folder; its one argument is that folder, or `argFile` in it. */
function runOracle(script: string, files: Record<string, string | Uint8Array>, argFile?: string): unknown {
  const dir = mkdtempSync(join(tmpdir(), 'gmf-sklearn-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return pythonJson(
    ['sklearn'],
    [fileURLToPath(new URL(script, import.meta.url)), argFile === undefined ? dir : join(dir, argFile)],
  );
}

const rowsOf = (m: Matrix): number[][] =>
  Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
const flat = (rows: number[][]): number[] => rows.flat();

/** Features with column scales over three decades and non-zero means, so the scaler matters. */
function features(n: number, p: number, seed: string): Matrix {
  const x = randomMatrix(n, p, seed);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < p; j++) x.data[i * p + j] = (x.data[i * p + j] ?? 0) * 10 ** ((j % 4) - 1) + j;
  return x;
}

function targets(x: Matrix, t: number, seed: string, noise: number): Matrix {
  const rng = createRng(seed, 'targets');
  const w = Array.from({ length: x.cols * t }, () => rng.normal());
  const y = createMatrix(x.rows, t);
  for (let i = 0; i < x.rows; i++) {
    for (let k = 0; k < t; k++) {
      let s = rng.normal(0, noise * 6 ** k);
      for (let j = 0; j < x.cols; j++) s += ((x.data[i * x.cols + j] ?? 0) / 10 ** ((j % 4) - 1)) * (w[j * t + k] ?? 0);
      y.data[i * t + k] = s;
    }
  }
  return y;
}

function classes(n: number, p: number, k: number, seed: string): { x: Matrix; labels: number[] } {
  const x = features(n, p, seed);
  const labels = Array.from({ length: n }, (_, i) => i % k);
  const shift = randomMatrix(k, p, `${seed}-shift`);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < p; j++)
      x.data[i * p + j] = (x.data[i * p + j] ?? 0) + (shift.data[(labels[i] ?? 0) * p + j] ?? 0) * 10 ** ((j % 4) - 1);
  return { x, labels };
}

describe('against scikit-learn', () => {
  it('ridge alpha choice, predictions and R², LDA probabilities, ovr AUC, stratified folds, CV probabilities and IncrementalPCA agree', () => {
    const ridgeCases = [
      { n: 80, p: 10, t: 3, noise: 2 },
      { n: 20, p: 35, t: 2, noise: 1 }, // fewer samples than features: the dual form
    ].map(({ n, p, t, noise }, c) => {
      const xTrain = features(n, p, `r${c}-train`);
      const xVal = features(40, p, `r${c}-val`);
      const xTest = features(40, p, `r${c}-test`);
      return {
        xTrain,
        yTrain: targets(xTrain, t, `r${c}`, noise),
        xVal,
        yVal: targets(xVal, t, `r${c}`, noise),
        xTest,
        yTest: targets(xTest, t, `r${c}`, noise),
      };
    });
    const well = classes(120, 6, 3, 'l0');
    const constant = createMatrix(120, 1, new Float64Array(120).fill(4));
    const ldaCases = [
      { train: well, test: features(30, 6, 'l0-test') },
      {
        train: { x: concatColumns([well.x, sliceColumns(well.x, 2, 1), constant]), labels: well.labels },
        test: concatColumns([
          features(30, 6, 'l0-test'),
          sliceColumns(features(30, 6, 'l0-test'), 2, 1),
          createMatrix(30, 1, new Float64Array(30).fill(4)),
        ]),
      },
      { train: classes(30, 40, 3, 'l2'), test: features(20, 40, 'l2-test') }, // p > n: rank cut at n - K
      { train: classes(60, 5, 2, 'l3'), test: features(25, 5, 'l3-test') },
    ];
    const aucRng = createRng(1, 'auc-cases');
    const aucCases = [3, 2].map((k) => {
      const labels = Array.from({ length: 90 }, (_, i) => i % k);
      const proba = createMatrix(90, k);
      labels.forEach((l, i) => {
        const raw = Array.from({ length: k }, (_, c) => Math.exp(Math.round(aucRng.normal(c === l ? 0.7 : 0) * 4) / 4));
        const sum = raw.reduce((s, v) => s + v, 0);
        raw.forEach((v, c) => (proba.data[i * k + c] = v / sum));
      });
      return { labels, proba };
    });
    const cvData = classes(64, 5, 8, 'cv');
    const cvLabels = cvData.labels.map((l) => l * 3 + 1).sort((a, b) => a - b); // sorted like a table of ids
    const ipcaX = randomMatrix(300, 12, 'ipca');
    for (let i = 0; i < 300; i++)
      for (let j = 0; j < 12; j++)
        ipcaX.data[i * 12 + j] =
          (ipcaX.data[i * 12 + j] ?? 0) * (12 - j) + (j < 3 ? (ipcaX.data[i * 12] ?? 0) * 2 : 0) + 3;

    const cases = JSON.stringify({
      ridge: ridgeCases.map((c) => Object.fromEntries(Object.entries(c).map(([k, m]) => [k, rowsOf(m)]))),
      lda: ldaCases.map((c) => ({ xTrain: rowsOf(c.train.x), yTrain: c.train.labels, xTest: rowsOf(c.test) })),
      auc: aucCases.map((c) => ({ labels: c.labels, proba: rowsOf(c.proba) })),
      cv: { x: rowsOf(cvData.x), labels: cvLabels },
      ipca: { x: rowsOf(ipcaX), nComponents: 4, batchSize: 50 },
    });
    const ref = golden('sklearnReference', (): SklearnAnswers => ({
      input: sha256(cases),
      ...(runOracle('../../../test/python/sklearnReference.py', { 'cases.json': cases }, 'cases.json') as Omit<
        SklearnAnswers,
        'input'
      >),
    }));
    // The stored answers hold only for the very numbers scikit-learn read.
    expect(ref.input, inputChanged('sklearnReference')).toBe(sha256(cases));
    expect(ref.version).toMatch(/^1\./);

    // Ridge: the same alpha per column exactly; validation R², predictions and test R² to 1e-8.
    ridgeCases.forEach((c, k) => {
      const expected = ref.ridge[k];
      const { train, others } = standardize(c.xTrain, c.xVal, c.xTest);
      const cv = fitRidgeCv(train, c.yTrain, others[0], c.yVal);
      const pred = ridgePredict(cv.path, others[1], cv.alphas);
      expect(Array.from(cv.alphas)).toEqual(expected?.alphas);
      expect(new Set(cv.alphas).size, 'alphas differ between columns').toBeGreaterThan(1);
      expect(maxAbsDiff(cv.validationScores.data, flat(expected?.validation ?? []))).toBeLessThan(1e-8);
      expect(maxRelDiff(pred.data, flat(expected?.pred ?? []))).toBeLessThan(1e-8);
      expect(maxAbsDiff(r2Columns(c.yTest, pred), expected?.r2 ?? [])).toBeLessThan(1e-8);
    });

    // LDA predict_proba to 1e-8 (well conditioned, collinear + constant, p > n, binary).
    ldaCases.forEach((c, k) => {
      const { train, others } = standardize(c.train.x, c.test);
      const proba = ldaPredictProba(fitLda(train, c.train.labels, Math.max(...c.train.labels) + 1), others[0]);
      expect(maxAbsDiff(proba.data, flat(ref.lda[k] ?? [])), `LDA case ${k}`).toBeLessThan(1e-8);
    });

    // roc_auc_score(multi_class='ovr') to 1e-12.
    aucCases.forEach((c, k) => {
      expect(Math.abs(new OvrAucScorer(c.proba).score(c.labels) - (ref.auc[k] ?? Number.NaN))).toBeLessThan(1e-12);
    });

    // StratifiedKFold(4) unshuffled: the same folds; cross_val_predict probabilities to 1e-8 without the per-fold scaler.
    const folds = stratifiedKFold(cvLabels, 4, null);
    expect(Array.from(folds)).toEqual(ref.cv.folds);
    const codes = cvLabels.map((l) => (l - 1) / 3);
    expect(maxAbsDiff(crossValPredictLdaProba(cvData.x, codes, 8, folds).data, flat(ref.cv.proba))).toBeLessThan(1e-8);

    // IncrementalPCA over the same 6 batches: ratios and variances 1e-9 relative, components 1e-7, noise 1e-8 relative.
    const batches = Array.from({ length: 6 }, (_, b) =>
      selectRows(
        ipcaX,
        Array.from({ length: 50 }, (_, i) => b * 50 + i),
      ),
    );
    const pca = fitIncrementalPca(batches, 4);
    expect(maxRelDiff(pca.explainedVarianceRatio, ref.ipca.ratio)).toBeLessThan(1e-9);
    expect(maxRelDiff(pca.explainedVariance, ref.ipca.variance)).toBeLessThan(1e-9);
    expect(maxAbsDiff(pca.components.data, flat(ref.ipca.components))).toBeLessThan(1e-7);
    expect(maxAbsDiff(pca.mean, ref.ipca.mean)).toBeLessThan(1e-12);
    expect(Math.abs(pca.noiseVariance - ref.ipca.noise) / ref.ipca.noise).toBeLessThan(1e-8);
  });

  it('decodeLayer reproduces the original analyze step (bench/analysisPeer.py) on every row to 1e-7', () => {
    const set = generateSyntheticDecomposition({
      seed: 5,
      identities: { training: 30, validation: 10, testing: 8 },
      imagesPerIdentity: 8,
      components: 12,
      shapeComponents: 3,
      texComponents: 2,
      noise: 1,
      layers: [
        { name: 'layer01_conv', gains: { bg: 1, rotation: 1, id: 1, gender: 1 } },
        { name: 'layer02_globalpool', gains: { lights: 1, age: 1, shape: 1, emo: 1, ethn: 1 } },
      ],
    });
    const { header, blob } = exportForPeer(set);
    const headerJson = JSON.stringify(header);
    const peer = golden('sklearnReference.analysisPeer', () => {
      const out = runOracle('../../../bench/analysisPeer.py', { 'header.json': headerJson, 'data.bin': blob }) as {
        sklearn: string;
        rows: PeerRow[];
      };
      // Only what is compared: the peer's timings differ from run to run.
      return {
        input: sha256(headerJson, blob),
        sklearn: out.sklearn,
        rows: out.rows.map(({ layername, factor, feature_nr, corr }): PeerRow => ({
          layername,
          factor,
          feature_nr,
          corr,
        })),
      };
    });
    expect(peer.input, inputChanged('sklearnReference.analysisPeer')).toBe(sha256(headerJson, blob));
    const ours = set.layers.flatMap((_, l) => decodeLayer(peerDecodeInput(header, blob, l), { foldSeed: null }).rows);
    // The blob read back is the set itself.
    expect(set.layers.flatMap((_, l) => decodeLayer(syntheticDecodeInput(set, l), { foldSeed: null }).rows)).toEqual(
      ours,
    );
    expect(ours.map((r) => `${r.layername}/${r.factor}/${r.feature_nr}`)).toEqual(
      peer.rows.map((r) => `${r.layername}/${r.factor}/${r.feature_nr}`),
    );
    expect(
      maxAbsDiff(
        ours.map((r) => r.corr),
        peer.rows.map((r) => r.corr),
      ),
    ).toBeLessThan(1e-7);
  });
});
