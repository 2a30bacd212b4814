/**
 * `npm run bench:analysis`: the analyze step (decode every factor from every layer) and the
 * incremental PCA of the compress step, in the browser, on a synthetic decomposed set. Node loads
 * this module through the dev server to build the set and write it as one blob; scikit-learn
 * (bench/analysisPeer.py) and Chromium (src/analysis) both read that blob, so they compute on the
 * same bytes; the checksum confirms the browser received them intact.
 */
import { decodeLayer } from '../src/pipeline/decode/decodeLayer';
import { fitIncrementalPca } from '../src/pipeline/compress/incrementalPca';
import { type Matrix, createMatrix } from '../src/lib/linalg/matrix';
import { type PeerHeader, blobChecksum, exportForPeer, peerArray, peerDecodeInput } from './support/peerBlob';
import type { PerformanceRow } from '../src/pipeline/decode/performanceTable';
import {
  type SyntheticSpec,
  defaultSyntheticLayers,
  generateSyntheticDecomposition,
  syntheticActivations,
} from './support/synthetic';

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

/** 4096 / 1024 / 1024 samples, 8 layers × 500 components; PCA of 4096 × 1024 to 128 in batches of 512. */
export const DEFAULT_ANALYSIS_BENCH: AnalysisBenchConfig = {
  identities: { training: 256, validation: 64, testing: 64 },
  imagesPerIdentity: 16,
  components: 500,
  layers: 8,
  pca: { rows: 4096, features: 1024, nComponents: 128, batchSize: 512 },
};

const PCA_RANK = 200;

export function benchSpec(config: AnalysisBenchConfig): SyntheticSpec {
  return {
    seed: 2024,
    identities: config.identities,
    imagesPerIdentity: config.imagesPerIdentity,
    components: config.components,
    shapeComponents: 50,
    texComponents: 50,
    noise: 1,
    layers: defaultSyntheticLayers().slice(0, config.layers),
  };
}

/** Node side: the benchmark's data as the header and blob both peers read. */
export function buildBenchData(config: AnalysisBenchConfig): {
  header: PeerHeader;
  blob: Uint8Array;
  checksum: string;
} {
  const set = generateSyntheticDecomposition(benchSpec(config));
  const { rows, features, nComponents, batchSize } = config.pca;
  const pcaData = syntheticActivations(rows, features, Math.min(PCA_RANK, features), 7);
  const { header, blob } = exportForPeer(set, { data: pcaData, rows, cols: features, nComponents, batchSize });
  return { header, blob, checksum: blobChecksum(blob) };
}

export interface AnalysisBenchResult {
  /** Of the blob as the browser received it (Node computed the same over what it wrote). */
  checksum: string;
  decodeMs: number;
  layerMs: number[];
  rows: PerformanceRow[];
  /** Layer 0 again with 1000 permutations and 1000 bootstrap resamples. */
  layer0WithInferenceMs: number;
  pca: { ms: number; explainedVarianceRatio: number[]; noiseVariance: number };
}

/** Browser side: fetches the blob Node wrote (the bytes scikit-learn reads) and times src/analysis on it. */
export async function runAnalysisBench(header: PeerHeader, blobUrl: string): Promise<AnalysisBenchResult> {
  const blob = new Uint8Array(await (await fetch(blobUrl)).arrayBuffer());
  const rows: PerformanceRow[] = [];
  const layerMs: number[] = [];
  const start = performance.now();
  header.layers.forEach((_, l) => {
    const t = performance.now();
    // foldSeed null: the original's unshuffled StratifiedKFold(4), so scikit-learn sees the same folds.
    rows.push(...decodeLayer(peerDecodeInput(header, blob, l), { foldSeed: null }).rows);
    layerMs.push(performance.now() - t);
  });
  const decodeMs = performance.now() - start;

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
    pca: {
      ms: pcaMs,
      explainedVarianceRatio: Array.from(pca.explainedVarianceRatio),
      noiseVariance: pca.noiseVariance,
    },
  };
}
