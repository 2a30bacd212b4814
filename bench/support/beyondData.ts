/**
 * The views beyond decoding (src/pipeline/beyond) on the benchmark's blob: the testing split as
 * `TestingData`, read back from the bytes the Python peer reads, and what the peer needs to
 * repeat our seeded choices (the variance partition's identity folds, the RDMs' sample subset)
 * so that its deterministic numbers can be compared with ours.
 */
import type { Matrix } from '../../src/lib/linalg/matrix';
import { type BeyondOptions, DEFAULT_BEYOND_OPTIONS, type TestingData } from '../../src/pipeline/beyond/records';
import type { FactorPrediction } from '../../src/pipeline/decode/decodeLayer';
import { sampleSubset } from '../../src/pipeline/geometry/geometry';
import { identityFolds } from '../../src/pipeline/tuning/variancePartition';
import { type ArrayDescription, type PeerHeader, peerArray } from './peerBlob';
import type { SyntheticDecomposition } from './synthetic';
import { LABELS } from './viewGrid';

/** What the header adds for the views (JSON: the arrays are small). */
export interface BeyondPeerInfo {
  readonly options: BeyondOptions;
  /** Fold (0..3) of each testing sample in the variance partition (our seeded identity shuffle). */
  readonly folds: number[];
  /** Testing samples the RDMs cover (our seeded subset, ascending). */
  readonly rdmSamples: number[];
  /** Text of each label code of the categorical factors. */
  readonly labels: {
    readonly gender: readonly string[];
    readonly ethn: readonly string[];
    readonly emo: readonly string[];
  };
  /** Layers that are compressed and decomposed but not decoded (softmax, as in the original). */
  readonly notDecoded: string[];
}

export type BenchHeader = PeerHeader & { readonly beyond: BeyondPeerInfo };

/** A softmax layer is not decoded (runAnalysis.ts, as the original's analyze_model.py). */
export const isDecoded = (layerName: string): boolean => !layerName.endsWith('_softmax');

/** Node side: the header's view information for `set` with the default options. */
export function beyondPeerInfo(set: SyntheticDecomposition): BeyondPeerInfo {
  const options = { ...DEFAULT_BEYOND_OPTIONS };
  const ids = set.factors.testing.id;
  return {
    options,
    folds: Array.from(identityFolds(ids, options.seed)),
    rdmSamples: sampleSubset(ids.length, options.rdmSamples, options.seed),
    labels: LABELS,
    notDecoded: set.layers.map((l) => l.name).filter((name) => !isDecoded(name)),
  };
}

function described(header: PeerHeader, name: string): ArrayDescription {
  const desc = header.values.testing?.[name];
  if (desc === undefined) throw new RangeError(`The blob does not describe testing ${name}.`);
  return desc;
}

/**
 * Browser side: the testing split as the views read it (`loadTestingData` gives the same from
 * IndexedDB): factors as a SplitFactorsRecord, each layer's activations in float64 and its decode
 * predictions (`predictions[l]`, empty for a layer that was not decoded).
 */
export function testingDataFromBlob(
  header: BenchHeader,
  blob: Uint8Array,
  predictions: readonly (readonly FactorPrediction[])[],
): TestingData {
  const numbers = (name: string): Float64Array => Float64Array.from(peerArray(blob, described(header, name)));
  const texts = (name: 'gender' | 'ethn' | 'emo'): string[] =>
    Array.from(peerArray(blob, described(header, name)), (code) => header.beyond.labels[name][code] ?? String(code));
  const block = (name: 'shape' | 'tex'): { data: Float32Array; cols: number } => {
    const desc = described(header, name);
    return { data: Float32Array.from(peerArray(blob, desc)), cols: desc.shape[1] ?? 1 };
  };
  const id = numbers('id');
  const shape = block('shape');
  const tex = block('tex');
  const factors: TestingData['factors'] = {
    split: 'testing',
    samples: id.length,
    numbers: {
      id,
      age: numbers('age'),
      bg: numbers('bg'),
      xr: numbers('xr'),
      yr: numbers('yr'),
      zr: numbers('zr'),
      xt: numbers('xt'),
      yt: numbers('yt'),
      zt: numbers('zt'),
      xl: numbers('xl'),
      yl: numbers('yl'),
    },
    labels: { gender: texts('gender'), ethn: texts('ethn'), emo: texts('emo') },
    shape: shape.data,
    shapeComponents: shape.cols,
    // One band: the synthetic set's texture is a single block of components.
    tex: tex.data,
    texBands: 1,
    texComponents: tex.cols,
  };
  const layers = header.layers.map((layer, l) => {
    const desc = layer.features.testing;
    if (desc === undefined) throw new RangeError(`The blob has no testing activations of ${layer.name}.`);
    const features: Matrix = {
      rows: desc.shape[0] ?? 0,
      cols: desc.shape[1] ?? 0,
      data: Float64Array.from(peerArray(blob, desc)),
    };
    return { name: layer.name, opNr: l, features, predictions: predictions[l] ?? [] };
  });
  return { factors, layers };
}
