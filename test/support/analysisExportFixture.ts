/**
 * A small synthetic analysis as loadAnalysisExport returns it (4 layers, 5/3/4 images per split,
 * every factor kind, predictions with probabilities and alphas, a performance table): the input
 * of the HDF5 writers' tests (analysisH5.test.ts) and what the IndexedDB loader must give back
 * (exportData.test.ts).
 */
import type { AnalysisExportData } from '../../src/pipeline/results/exportData';
import type { FactorPrediction } from '../../src/pipeline/decode/decodeLayer';
import {
  type AnalysisRecord,
  analysisKeys,
  type LayerPredictionsRecord,
  type ResultRow,
} from '../../src/pipeline/analyze/records';
import type { AnalysedLayerInfo } from '../../src/pipeline/compress/compressLayers';
import { SPLIT_NAMES, type SplitName } from '../../src/pipeline/dataset/splits';
import type { SplitFactorsRecord } from '../../src/pipeline/decompose/factors';

/** Deterministic values with full float32 mantissas. */
function values(n: number, seed: number, scale = 1): number[] {
  return Array.from({ length: n }, (_, i) => Math.fround(Math.sin(seed * 97.3 + i * 12.9898) * scale));
}
const f32 = (n: number, seed: number): Float32Array => Float32Array.from(values(n, seed));
const f64 = (n: number, seed: number, scale = 1): Float64Array =>
  Float64Array.from(values(n, seed, scale), (v) => v + 1e-9 * seed);

export const LAYERS: AnalysedLayerInfo[] = [
  {
    name: 'layer00_input',
    opNr: 1,
    operation: 'input',
    features: 10,
    sketchedTo: 6,
    components: 3,
    explainedVariance: 0.75,
    explainedVarianceRatio: [0.5, 0.15, 0.1],
  },
  {
    name: 'layer03_conv',
    opNr: 2,
    operation: 'conv',
    features: 5,
    sketchedTo: null,
    components: 3,
    explainedVariance: 0.9,
    explainedVarianceRatio: [0.6, 0.2, 0.1],
  },
  {
    name: 'layer06_globalpool',
    opNr: 3,
    operation: 'globalpool',
    features: 2,
    sketchedTo: null,
    components: 2,
    explainedVariance: 1,
    explainedVarianceRatio: [0.7, 0.3],
  },
];
const SAMPLES: Record<SplitName, number> = { training: 5, validation: 3, testing: 4 };
const GENDERS = ['M', 'F'];
const ETHNS = ['WC', 'EA', 'BA'];
const EMOS = ['happy', 'surprise', 'neutral'];

function splitFactors(split: SplitName, s: number): SplitFactorsRecord {
  const n = SAMPLES[split];
  const int = (k: number) => Float64Array.from({ length: n }, (_, i) => (i * 7 + s * 3 + k) % 11);
  return {
    key: analysisKeys.factors('a1', split),
    owner: 'a1',
    split,
    samples: n,
    numbers: {
      id: Float64Array.from({ length: n }, (_, i) => s * 10 + (i % 2)),
      age: int(20),
      bg: int(0),
      // Whole numbers (as the generator rounds them), stored int64; the others fall back to float64.
      xr: f64(n, s + 1, 30).map(Math.round),
      yr: f64(n, s + 2, 30),
      zr: f64(n, s + 3, 30),
      xt: f64(n, s + 4, 100),
      yt: f64(n, s + 5, 100),
      zt: f64(n, s + 6, 100).map(Math.round),
      xl: f64(n, s + 7, 90),
      yl: f64(n, s + 8, 90),
    },
    labels: {
      gender: Array.from({ length: n }, (_, i) => GENDERS[(i + s) % 2] ?? ''),
      ethn: Array.from({ length: n }, (_, i) => ETHNS[(i + s) % 3] ?? ''),
      emo: Array.from({ length: n }, (_, i) => EMOS[(i * 2 + s) % 3] ?? ''),
    },
    shape: f32(n * 4, s + 20),
    shapeComponents: 4,
    tex: f32(n * 5 * 3, s + 30),
    texBands: 5,
    texComponents: 3,
  };
}

function predictionsOf(layer: string, l: number): LayerPredictionsRecord {
  const n = SAMPLES.testing;
  const matrix = (cols: number, seed: number) => ({ rows: n, cols, data: f64(n * cols, seed) });
  const classProba = (k: number, seed: number) => ({
    rows: n,
    cols: k,
    data: Float64Array.from({ length: n * k }, (_, i) => ((i * 5 + seed) % 7) / 7),
  });
  const predictions: FactorPrediction[] = [
    {
      factor: 'id',
      kind: 'identity',
      classes: [30, 31],
      true: Int32Array.from([0, 1, 0, 1]),
      predicted: Int32Array.from([0, 0, 0, 1]),
      proba: classProba(2, l),
      pTrue: f64(n, l + 40),
    },
    {
      factor: 'gender',
      kind: 'categorical',
      classes: ['F', 'M'],
      true: Int32Array.from([1, 0, 1, 0]),
      predicted: Int32Array.from([1, 1, 0, 0]),
      proba: classProba(2, l + 1),
      pTrue: f64(n, l + 41),
    },
    {
      factor: 'bg',
      kind: 'categorical',
      classes: [1, 4, 8],
      true: Int32Array.from([2, 0, 1, 2]),
      predicted: Int32Array.from([2, 1, 1, 0]),
      proba: classProba(3, l + 2),
      pTrue: f64(n, l + 42),
    },
    {
      factor: 'age',
      kind: 'continuous',
      true: matrix(1, l + 50),
      predicted: matrix(1, l + 51),
      alphas: Float64Array.from([10]),
    },
    {
      factor: 'shape',
      kind: 'continuous',
      true: matrix(4, l + 52),
      predicted: matrix(4, l + 53),
      alphas: Float64Array.from([0.001, 0.01, 0.1, 1]),
    },
  ];
  return { key: analysisKeys.predictions('a1', layer), owner: 'a1', layer, predictions };
}

function perfRows(): ResultRow[] {
  return LAYERS.flatMap((layer) =>
    ['id', 'age', 'shape'].map((factor, k) => ({
      corr: values(1, layer.opNr * 3 + k)[0] ?? 0,
      factor,
      feature_nr: 1,
      layername: layer.name,
      layer: layer.name.slice(5, 7),
      operation: layer.operation,
      op_nr: layer.opNr,
      p_value: k === 0 ? NaN : 0.01 * k,
      ci_low: k === 0 ? NaN : -0.5,
      ci_high: k === 0 ? NaN : 0.75,
    })),
  );
}

export function synthetic(): AnalysisExportData {
  const record: AnalysisRecord = {
    id: 'a1',
    name: 'Analysis 1',
    createdAt: 1,
    runId: 'r1',
    runName: 'resnet6 id',
    datasetId: 'd1',
    query: { name: 'young', text: 'age < 50' },
    options: {
      nComponents: 3,
      nBatches: 3,
      batchSize: 4,
      maxFeatures: 6,
      memoryBudgetMb: 64,
      permutations: 10,
      bootstraps: 10,
      seed: 1,
    },
    // Asked for 3 batches, 2 ran: the files say 2.
    batchesUsed: 2,
    // Compressed on wasm, resumed after a reload on webgpu: the files say both.
    provenance: { appVersion: '0.1.0', backends: ['wasm', 'webgpu'], faceModel: 'ict-facekit v3' },
    status: 'complete',
    stage: 'done',
    layers: LAYERS,
    samples: SAMPLES,
    decomposed: [...SPLIT_NAMES],
    decodedLayers: LAYERS.map((l) => l.name),
    perf: perfRows(),
    skipped: [],
  };
  const pca = new Map(
    LAYERS.map((layer, l) => {
      const width = layer.sketchedTo ?? layer.features;
      return [layer.name, { mu: f32(width, 60 + l), W: f32(width * layer.components, 70 + l) }] as const;
    }),
  );
  const split = (name: SplitName, s: number) => ({
    factors: splitFactors(name, s),
    activations: new Map(
      LAYERS.map((layer, l) => [layer.name, f32(SAMPLES[name] * layer.components, 80 + 10 * s + l)] as const),
    ),
  });
  return {
    record,
    pca,
    splits: { training: split('training', 0), validation: split('validation', 1), testing: split('testing', 2) },
    predictions: LAYERS.map((l, i) => predictionsOf(l.name, i)),
    beyond: [],
  };
}
