/**
 * Representational geometry of an analysis (issue 13 §4), from its testing split: per layer the
 * correlation-distance RDM of a seeded subset of samples, RSA (Spearman, permutation test) with
 * the model RDM of every generative factor, and linear CKA between every pair of layers (all
 * testing samples). `crossRunCka` compares the layers of two analyses of the same images.
 */
import { GmfError, throwIfCancelled } from '../../lib/errors';
import type { Matrix } from '../../lib/linalg/matrix';
import { createRng } from '../../lib/random';
import { originalShape, originalTex } from '../decompose/factors';
import type { BeyondOptions, GeometryResult, RsaRow, TestingData } from '../beyond/records';
import { ckaMatrix, linearCka } from './cka';
import { correlationRdm, factorRdm } from './rdm';
import { rankRdm, rsaRanked } from './rsa';

type Factors = TestingData['factors'];
type ModelFactor = Parameters<typeof factorRdm>[0];

const SCALARS = ['age', 'xr', 'yr', 'zr', 'xt', 'yt', 'zt', 'xl', 'yl'] as const;

/** Ascending indices of a seeded subset of `size` of `n` samples (all of them when n ≤ size). */
export function sampleSubset(n: number, size: number, seed: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  if (n <= size) return order;
  const rng = createRng(seed, 'rdm-subset');
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
  }
  return order.slice(0, size).sort((a, b) => a - b);
}

function rowsOf(m: Matrix, rows: readonly number[]): Matrix {
  const data = new Float64Array(rows.length * m.cols);
  rows.forEach((r, i) => {
    data.set(m.data.subarray(r * m.cols, (r + 1) * m.cols), i * m.cols);
  });
  return { rows: rows.length, cols: m.cols, data };
}

/** Every generative factor's model RDM input over `rows`, in the perf table's order; constant factors left out. */
export function modelFactors(f: Factors, rows: readonly number[]): { name: string; factor: ModelFactor }[] {
  const out: { name: string; factor: ModelFactor }[] = [];
  const varies = (values: ArrayLike<number | string>) => rows.some((r) => values[r] !== values[rows[0] ?? 0]);
  const labels = (name: string, values: ArrayLike<number | string>) => {
    if (varies(values)) out.push({ name, factor: { kind: 'categorical', labels: rows.map((r) => values[r] ?? '') } });
  };
  const block = (name: string, m: { data: Float32Array; cols: number }) => {
    const values = rowsOf({ rows: f.samples, cols: m.cols, data: Float64Array.from(m.data) }, rows);
    let constant = true;
    for (let c = 0; c < m.cols && constant; c++)
      for (let i = 1; i < rows.length && constant; i++)
        if (values.data[i * m.cols + c] !== values.data[c]) constant = false;
    if (!constant && m.cols > 0) out.push({ name, factor: { kind: 'continuous', values } });
  };
  labels('id', f.numbers.id);
  labels('bg', f.numbers.bg);
  labels('ethn', f.labels.ethn);
  labels('gender', f.labels.gender);
  for (const name of SCALARS) {
    const values = f.numbers[name];
    if (varies(values))
      out.push({
        name,
        factor: {
          kind: 'continuous',
          values: { rows: rows.length, cols: 1, data: Float64Array.from(rows, (r) => values[r] ?? 0) },
        },
      });
  }
  labels('emo', f.labels.emo);
  block('shape', originalShape(f));
  block('tex', originalTex(f));
  return out;
}

/** RSA of every layer with every factor, and CKA between layers. */
export function geometryOf(
  data: TestingData,
  options: Pick<BeyondOptions, 'rdmSamples' | 'permutations' | 'seed'>,
  signal?: AbortSignal,
  progress?: (done: number, total: number) => void,
): GeometryResult {
  const samples = sampleSubset(data.factors.samples, options.rdmSamples, options.seed);
  if (samples.length < 4)
    throw new GmfError('GEOMETRY_NOT_APPLICABLE', `RDMs need at least 4 testing images; there are ${samples.length}.`);
  // Each side of every test is ranked once: the factors' model RDMs here, each layer's below.
  const models = modelFactors(data.factors, samples).map((m) => ({
    name: m.name,
    ranked: rankRdm(factorRdm(m.factor)),
  }));
  const rsaRows: RsaRow[] = [];
  const rdms: Float32Array[] = [];
  const { layers } = data;
  layers.forEach((layer, l) => {
    if (signal) throwIfCancelled(signal);
    const rdm = correlationRdm(rowsOf(layer.features, samples));
    rdms.push(Float32Array.from(rdm));
    const ranked = rankRdm(rdm);
    models.forEach((model, m) => {
      const { rho, pValue } = rsaRanked(ranked, model.ranked, options.permutations, options.seed, l, m);
      rsaRows.push({ layer: layer.name, factor: model.name, rho, pValue });
    });
    progress?.(l + 1, layers.length + 1);
  });
  const cka = ckaMatrix(layers.map((l) => l.features));
  progress?.(layers.length + 1, layers.length + 1);
  return { kind: 'geometry', samples, rsa: rsaRows, layers: layers.map((l) => l.name), cka, rdms };
}

/** The same images in the same order: the testing factors of both analyses agree. */
function sameSamples(a: Factors, b: Factors): boolean {
  if (a.samples !== b.samples) return false;
  const keys = Object.keys(a.numbers) as (keyof Factors['numbers'])[];
  return keys.every((k) => a.numbers[k].every((v, i) => Object.is(v, b.numbers[k][i])));
}

export interface CrossRunCka {
  layersA: string[];
  layersB: string[];
  /** layersA × layersB, row-major. */
  cka: number[];
}

/** Linear CKA between every layer of one analysis and every layer of another, on their shared testing images. */
export function crossRunCka(a: TestingData, b: TestingData): CrossRunCka {
  if (!sameSamples(a.factors, b.factors))
    throw new GmfError(
      'CKA_DIFFERENT_IMAGES',
      'CKA between two runs needs the same testing images: analyse both runs on the same dataset with the same query.',
    );
  return {
    layersA: a.layers.map((l) => l.name),
    layersB: b.layers.map((l) => l.name),
    cka: a.layers.flatMap((la) => b.layers.map((lb) => linearCka(la.features, lb.features))),
  };
}
