/**
 * `npm run bench:analysis`: the analyze step (decode every factor from every decoded layer), the
 * four views beyond decoding computed after it (src/pipeline/beyond), and the incremental PCA of
 * the compress step, in the browser, on a synthetic decomposed set shaped like an 8-layer ResNet6
 * analysis (./support/viewGrid.ts). Node loads this module through the dev server to build the set
 * and write it as one blob; scikit-learn/NumPy (bench/analysisPeer.py, bench/beyondPeer.py) and
 * Chromium both read that blob, so they compute on the same bytes; the checksum confirms the
 * browser received them intact.
 */
import { type FactorPrediction, decodeLayer } from '../src/pipeline/decode/decodeLayer';
import { fitIncrementalPca } from '../src/pipeline/compress/incrementalPca';
import { type Matrix, createMatrix } from '../src/lib/linalg/matrix';
import { blobChecksum, exportForPeer, peerArray, peerDecodeInput } from './support/peerBlob';
import type { PerformanceRow } from '../src/pipeline/decode/performanceTable';
import { syntheticActivations } from './support/synthetic';
import { type BenchHeader, beyondPeerInfo, isDecoded, testingDataFromBlob } from './support/beyondData';
import { type BeyondTimings, runBeyondViews } from './support/beyondViews';
import { type ViewGridSpec, generateViewGridDecomposition, resnet6Layers } from './support/viewGrid';

export interface AnalysisBenchConfig {
  readonly identities: { readonly training: number; readonly validation: number; readonly testing: number };
  readonly imagesPerIdentity: number;
  readonly components: number;
  readonly layers: number;
  readonly pca: {
    readonly rows: number;
    readonly features: number;
    readonly nComponents: number;
    readonly batchSize: number;
  };
}

/**
 * An 8-layer ResNet6 analysis of 4096 images: 160 / 32 / 64 identities × 16 images (2560 / 512 /
 * 1024), the eight layers a ResNet6 analysis decomposes at the analysis default of 128 components
 * (the softmax compressed but not decoded); each identity seen at the 9 yaw views of the
 * "Mirror symmetry" preset's grid (-90..90°) and at 7 random yaws. 64 testing identities, as that
 * preset has: with fewer, the variance partition's 4 identity folds leave about as many training
 * identities as identity-level design columns (24), and held-out R² collapses to 0. PCA of
 * 4096 × 1024 to 128 in batches of 512.
 */
export const DEFAULT_ANALYSIS_BENCH: AnalysisBenchConfig = {
  identities: { training: 160, validation: 32, testing: 64 },
  imagesPerIdentity: 16,
  components: 128,
  layers: 8,
  pca: { rows: 4096, features: 1024, nComponents: 128, batchSize: 512 },
};

const PCA_RANK = 200;

export function benchSpec(config: AnalysisBenchConfig): ViewGridSpec {
  return {
    seed: 2024,
    identities: config.identities,
    imagesPerIdentity: config.imagesPerIdentity,
    views: 9,
    maxYaw: 90,
    backgrounds: 8,
    components: config.components,
    shapeComponents: 50,
    texComponents: 50,
    noise: 1,
    layers: resnet6Layers().slice(0, config.layers),
  };
}

/** Node side: the benchmark's data as the header and blob both peers read. */
export function buildBenchData(config: AnalysisBenchConfig): {
  header: BenchHeader;
  blob: Uint8Array;
  checksum: string;
} {
  const set = generateViewGridDecomposition(benchSpec(config));
  const { rows, features, nComponents, batchSize } = config.pca;
  const pcaData = syntheticActivations(rows, features, Math.min(PCA_RANK, features), 7);
  const { header, blob } = exportForPeer(set, { data: pcaData, rows, cols: features, nComponents, batchSize });
  return { header: { ...header, beyond: beyondPeerInfo(set) }, blob, checksum: blobChecksum(blob) };
}

export interface AnalysisBenchResult {
  /** Of the blob as the browser received it (Node computed the same over what it wrote). */
  checksum: string;
  decodeMs: number;
  /** Per decoded layer. */
  layerMs: number[];
  rows: PerformanceRow[];
  /** Layer 0 again with 1000 permutations and 1000 bootstrap resamples. */
  layer0WithInferenceMs: number;
  /** The views beyond decoding after decode, on the testing split with its predictions. */
  beyond: BeyondTimings;
  pca: { ms: number; explainedVarianceRatio: number[]; noiseVariance: number };
}

/** Browser side: fetches the blob Node wrote (the bytes scikit-learn reads) and times src/analysis on it. */
export async function runAnalysisBench(header: BenchHeader, blobUrl: string): Promise<AnalysisBenchResult> {
  const blob = new Uint8Array(await (await fetch(blobUrl)).arrayBuffer());
  const rows: PerformanceRow[] = [];
  const layerMs: number[] = [];
  const predictions: FactorPrediction[][] = [];
  const start = performance.now();
  header.layers.forEach((layer, l) => {
    if (!isDecoded(layer.name)) {
      predictions.push([]);
      return;
    }
    const t = performance.now();
    // foldSeed null: the original's unshuffled StratifiedKFold(4), so scikit-learn sees the same folds.
    const decoded = decodeLayer(peerDecodeInput(header, blob, l), { foldSeed: null });
    rows.push(...decoded.rows);
    predictions.push(decoded.predictions);
    layerMs.push(performance.now() - t);
  });
  const decodeMs = performance.now() - start;

  const beyond = runBeyondViews(testingDataFromBlob(header, blob, predictions), header.beyond.options);

  const tInference = performance.now();
  decodeLayer(peerDecodeInput(header, blob, 0), { foldSeed: null, permutations: 1000, bootstraps: 1000, seed: 1 });
  const layer0WithInferenceMs = performance.now() - tInference;

  if (header.ipca === undefined) throw new Error('The blob holds no PCA data.');
  const { data, nComponents, batchSize } = header.ipca;
  const [n = 0, features = 0] = data.shape;
  const values = peerArray(blob, data);
  const tPca = performance.now();
  const batches = function* (): Generator<Matrix> {
    for (let s = 0; s < n; s += batchSize) {
      const r = Math.min(batchSize, n - s);
      yield createMatrix(r, features, values.subarray(s * features, (s + r) * features));
    }
  };
  const pca = fitIncrementalPca(batches(), nComponents);
  const pcaMs = performance.now() - tPca;

  return {
    checksum: blobChecksum(blob),
    decodeMs,
    layerMs,
    rows,
    layer0WithInferenceMs,
    beyond,
    pca: {
      ms: pcaMs,
      explainedVarianceRatio: Array.from(pca.explainedVarianceRatio),
      noiseVariance: pca.noiseVariance,
    },
  };
}
