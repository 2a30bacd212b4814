/**
 * An analysis of a trained run, end to end from what IndexedDB holds: compress (incremental PCA
 * per analysed layer on batches of training images), decompose (every image of every split
 * projected on each layer's components, with its factors), decode (every factor from every
 * layer). Each stage stores its results before the next starts and the record says which stage
 * is next, so a reload resumes there (decompose resumes per split, decode per layer; a
 * compression cut short restarts the compression). The run's saved query is used throughout.
 */
import type * as tf from '@tensorflow/tfjs';
import { type DatasetRecord, type ImageRecord, isImageRecord } from '../generate/datasetRecords';
import { getOwnedRecords, getRecord, getTypedArray, putRecord, putRecords, putTypedArray, type WorkbenchDb } from '../../lib/storage';
import { GmfError } from '../../lib/errors';
import { architectureInfo } from '../train/architectures';
import { decodeToRgb } from '../train/data/decodeImages';
import { imagesMatching } from '../train/data/selectItems';
import { loadRunModel } from '../train/modelArtifacts';
import { isRunRecord, type RunRecord } from '../train/runRecords';
import { shuffledIndices } from '../train/targets';
import { applyCountSketch, type CountSketch, createCountSketch } from '../compress/countSketch';
import { decodeLayer } from '../decode/decodeLayer';
import { createIncrementalPca, type IncrementalPca, partialFitIncrementalPca } from '../compress/incrementalPca';
import { createExtractor, type Extractor } from '../decompose/extract';
import { decodeInput, factorsOf } from '../decompose/factors';
import {
  ANALYSIS_SPLITS, type AnalysedLayerInfo, type AnalysisRecord, analysisKeys, isAnalysisRecord, type LayerPredictionsRecord, type ResultRow, type SplitFactorsRecord, type SplitName,
} from './records';

export interface AnalysisProgress {
  (stage: string, done: number, total: number): void;
}

interface Context {
  db: WorkbenchDb;
  record: AnalysisRecord;
  run: RunRecord;
  dataset: DatasetRecord;
  splits: Record<SplitName, ImageRecord[]>;
  stereo: boolean;
  signal: AbortSignal;
  progress: AnalysisProgress;
}

async function save(ctx: Context, patch: Partial<AnalysisRecord>): Promise<void> {
  ctx.record = { ...ctx.record, ...patch };
  await putRecord(ctx.db, 'results', ctx.record);
}

function checkCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new GmfError('JOB_CANCELLED', 'The analysis was cancelled.');
}

async function inputsOf(ctx: Context, images: readonly ImageRecord[]): Promise<Float32Array[]> {
  const size = ctx.dataset.spec.resolution;
  const eyes = ctx.stereo ? [images.map((r) => r.left ?? r.centre), images.map((r) => r.right ?? r.centre)] : [images.map((r) => r.centre)];
  return Promise.all(eyes.map((blobs) => decodeToRgb(blobs, size)));
}

function sketchesFor(ctx: Context, extractor: Extractor): (CountSketch | null)[] {
  const max = ctx.record.options.maxFeatures;
  return extractor.taps.map((tap) => (tap.features > max ? createCountSketch(tap.features, max, ctx.record.options.seed) : null));
}

/** A layer's activations as PCA input: sketched when too wide, float64. */
function reduced(sketch: CountSketch | null, activations: Float32Array, rows: number): Float64Array {
  return sketch ? applyCountSketch(sketch, activations, rows) : Float64Array.from(activations);
}

async function compress(ctx: Context, extractor: Extractor): Promise<void> {
  const { nComponents, nBatches, batchSize, seed } = ctx.record.options;
  const training = ctx.splits.training;
  const batches = Math.min(nBatches, Math.floor(training.length / batchSize));
  if (batches < 1) throw new GmfError('ANALYSIS_TOO_FEW_IMAGES', `Compression needs at least one batch of ${batchSize} training images; the query leaves ${training.length}.`);
  const order = shuffledIndices(training.length, seed, 'compress');
  const sketches = sketchesFor(ctx, extractor);
  let states: (IncrementalPca | null)[] = extractor.taps.map(() => null);
  for (let b = 0; b < batches; b++) {
    checkCancelled(ctx.signal);
    const images = Array.from(order.subarray(b * batchSize, (b + 1) * batchSize), (i) => training[i]).filter((r): r is ImageRecord => r !== undefined);
    const outputs = await extractor.run(await inputsOf(ctx, images), images.length, ctx.dataset.spec.resolution);
    states = extractor.taps.map((tap, l) => {
      const sketch = sketches[l] ?? null;
      const width = sketch ? sketch.outputDim : tap.features;
      const data = reduced(sketch, outputs[l] ?? new Float32Array(0), images.length);
      const state = states[l] ?? createIncrementalPca(Math.min(nComponents, width), width);
      return partialFitIncrementalPca(state, { rows: images.length, cols: width, data });
    });
    ctx.progress('compress', b + 1, batches);
  }
  const layers: AnalysedLayerInfo[] = [];
  for (const [l, tap] of extractor.taps.entries()) {
    const state = states[l];
    if (!state) continue;
    const k = state.nComponents;
    const p = state.nFeatures;
    // W as DESIGN.md stores it: features x components.
    const w = new Float32Array(p * k);
    for (let c = 0; c < k; c++) for (let f = 0; f < p; f++) w[f * k + c] = state.components.data[c * p + f] ?? 0;
    await putTypedArray(ctx.db, { key: analysisKeys.mu(ctx.record.id, tap.name), owner: ctx.record.id, array: Float32Array.from(state.mean) });
    await putTypedArray(ctx.db, { key: analysisKeys.components(ctx.record.id, tap.name), owner: ctx.record.id, array: w });
    const ratio = Array.from(state.explainedVarianceRatio);
    layers.push({
      name: tap.name, opNr: l + 1, operation: tap.operation, features: tap.features, sketchedTo: sketches[l] ? p : null, components: k,
      explainedVariance: ratio.reduce((a, v) => a + v, 0), explainedVarianceRatio: ratio,
    });
  }
  await save(ctx, { layers, stage: 'decompose', decomposed: [] });
}

async function decompose(ctx: Context, extractor: Extractor): Promise<void> {
  const { batchSize } = ctx.record.options;
  const sketches = sketchesFor(ctx, extractor);
  const bases = await Promise.all(
    ctx.record.layers.map(async (layer) => {
      const mu = await getTypedArray(ctx.db, analysisKeys.mu(ctx.record.id, layer.name));
      const w = await getTypedArray(ctx.db, analysisKeys.components(ctx.record.id, layer.name));
      if (!(mu instanceof Float32Array) || !(w instanceof Float32Array)) throw new GmfError('ANALYSIS_MISSING_PCA', `The components of ${layer.name} are missing; compress again.`);
      return { mu, w };
    }),
  );
  const total = ANALYSIS_SPLITS.reduce((n, s) => n + ctx.splits[s].length, 0);
  let done = ANALYSIS_SPLITS.filter((s) => ctx.record.decomposed.includes(s)).reduce((n, s) => n + ctx.splits[s].length, 0);
  for (const split of ANALYSIS_SPLITS) {
    if (ctx.record.decomposed.includes(split)) continue;
    const images = ctx.splits[split];
    const acts = ctx.record.layers.map((layer) => new Float32Array(images.length * layer.components));
    for (let start = 0; start < images.length; start += batchSize) {
      checkCancelled(ctx.signal);
      const batch = images.slice(start, start + batchSize);
      const outputs = await extractor.run(await inputsOf(ctx, batch), batch.length, ctx.dataset.spec.resolution);
      ctx.record.layers.forEach((layer, l) => {
        const tapIndex = extractor.taps.findIndex((t) => t.name === layer.name);
        const x = reduced(sketches[tapIndex] ?? null, outputs[tapIndex] ?? new Float32Array(0), batch.length);
        const { mu, w } = bases[l] ?? { mu: new Float32Array(0), w: new Float32Array(0) };
        const p = mu.length;
        const k = layer.components;
        const out = acts[l] ?? new Float32Array(0);
        for (let i = 0; i < batch.length; i++) {
          for (let f = 0; f < p; f++) {
            const centred = (x[i * p + f] ?? 0) - (mu[f] ?? 0);
            if (centred === 0) continue;
            const row = f * k;
            const o = (start + i) * k;
            for (let c = 0; c < k; c++) out[o + c] = (out[o + c] ?? 0) + centred * (w[row + c] ?? 0);
          }
        }
      });
      done += batch.length;
      ctx.progress(`decompose ${split}`, done, total);
    }
    for (const [l, layer] of ctx.record.layers.entries()) {
      await putTypedArray(ctx.db, { key: analysisKeys.activations(ctx.record.id, split, layer.name), owner: ctx.record.id, array: acts[l] ?? new Float32Array(0) });
    }
    const factors: SplitFactorsRecord = { key: analysisKeys.factors(ctx.record.id, split), owner: ctx.record.id, ...factorsOf(split, images) };
    await putRecords(ctx.db, 'activations', [factors]);
    await save(ctx, { decomposed: [...ctx.record.decomposed, split] });
  }
  await save(ctx, { stage: 'decode', decodedLayers: [], perf: [], skipped: [] });
}

async function decode(ctx: Context): Promise<void> {
  const { id, options } = ctx.record;
  const factors = await Promise.all(
    ANALYSIS_SPLITS.map(async (split) => {
      const r = (await getRecord(ctx.db, 'activations', analysisKeys.factors(id, split))) as SplitFactorsRecord | undefined;
      if (!r) throw new GmfError('ANALYSIS_MISSING_FACTORS', `The ${split} factors are missing; decompose again.`);
      return r;
    }),
  );
  const [training, validation, testing] = factors;
  if (!training || !validation || !testing) throw new Error('unreachable: three splits');
  const layers = ctx.record.layers;
  for (const [l, layer] of layers.entries()) {
    if (ctx.record.decodedLayers.includes(layer.name)) continue;
    checkCancelled(ctx.signal);
    const acts = await Promise.all(ANALYSIS_SPLITS.map((split) => getTypedArray(ctx.db, analysisKeys.activations(id, split, layer.name))));
    const matrix = (a: unknown, rows: number) => {
      if (!(a instanceof Float32Array)) throw new GmfError('ANALYSIS_MISSING_ACTIVATIONS', `The activations of ${layer.name} are missing; decompose again.`);
      return { rows, cols: layer.components, data: Float64Array.from(a) };
    };
    const input = decodeInput(layer.name, layer.opNr, {
      training: matrix(acts[0], training.samples), validation: matrix(acts[1], validation.samples), testing: matrix(acts[2], testing.samples),
    }, { training, validation, testing });
    const result = decodeLayer(input, { permutations: options.permutations, bootstraps: options.bootstraps, seed: options.seed });
    const rows: ResultRow[] = result.rows.map((row, i) => {
      const inference = result.inference?.[i];
      return { ...row, p_value: inference?.pValue ?? NaN, ci_low: inference?.ciLow ?? NaN, ci_high: inference?.ciHigh ?? NaN };
    });
    const predictions: LayerPredictionsRecord = { key: analysisKeys.predictions(id, layer.name), owner: id, layer: layer.name, predictions: result.predictions };
    await putRecords(ctx.db, 'activations', [predictions]);
    await save(ctx, {
      perf: [...ctx.record.perf, ...rows],
      decodedLayers: [...ctx.record.decodedLayers, layer.name],
      skipped: [...ctx.record.skipped, ...result.skipped.map((s) => ({ layer: layer.name, ...s }))],
    });
    ctx.progress('decode', l + 1, layers.length);
  }
  await save(ctx, { stage: 'done', status: 'complete' });
}

/** Runs (or resumes) analysis `analysisId`, whose record the caller created at stage 'compress'. */
export async function runAnalysis(db: WorkbenchDb, analysisId: string, signal: AbortSignal, progress: AnalysisProgress): Promise<AnalysisRecord> {
  const stored = await getRecord(db, 'results', analysisId);
  if (!isAnalysisRecord(stored)) throw new GmfError('ANALYSIS_MISSING', `There is no analysis '${analysisId}'.`);
  const run = await getRecord(db, 'runs', stored.runId);
  if (!isRunRecord(run)) throw new GmfError('ANALYSIS_NO_RUN', `The run this analysis belongs to ('${stored.runName}') is gone.`);
  const dataset = (await getRecord(db, 'datasets', stored.datasetId)) as DatasetRecord | undefined;
  if (!dataset?.spec) throw new GmfError('ANALYSIS_NO_DATASET', `The dataset of this analysis is gone.`);
  const images = (await getOwnedRecords(db, 'images', dataset.id)).filter(isImageRecord);
  const matching = imagesMatching(dataset, images, stored.query?.text ?? '', ANALYSIS_SPLITS);
  const splits = Object.fromEntries(ANALYSIS_SPLITS.map((s) => [s, matching.filter((m) => m.split === s).map((m) => m.image)])) as Record<SplitName, ImageRecord[]>;
  for (const split of ANALYSIS_SPLITS) {
    if (splits[split].length < 2) throw new GmfError('ANALYSIS_TOO_FEW_IMAGES', `Decoding needs images in every split; the ${split} split has ${splits[split].length} after the query.`);
  }
  const ctx: Context = {
    db, run, dataset, splits, signal, progress,
    record: { ...stored, status: 'running', samples: { training: splits.training.length, validation: splits.validation.length, testing: splits.testing.length } },
    stereo: !run.imported && architectureInfo(run.config.architecture).binocular,
  };
  delete ctx.record.error;
  await save(ctx, {});
  let model: tf.LayersModel | null = null;
  try {
    if (ctx.record.stage === 'compress' || ctx.record.stage === 'decompose') {
      model = await loadRunModel(db, run.id);
      ctx.stereo = model.inputs.length === 2;
      const [, height, width, channels] = model.inputs[0]?.shape ?? [];
      const side = dataset.spec.resolution;
      if (height !== side || width !== side || channels !== 3) {
        throw new GmfError('ANALYSIS_INPUT_SIZE', `The model takes ${String(height)}×${String(width)}×${String(channels)} images but '${dataset.name}' has ${side}×${side}×3; choose a dataset of the model's resolution.`);
      }
      if (ctx.stereo && !dataset.spec.binocular) throw new GmfError('ANALYSIS_INPUT_SIZE', `The model takes left and right images but '${dataset.name}' is monocular.`);
      const extractor = createExtractor(model);
      if (ctx.record.stage === 'compress') await compress(ctx, extractor);
      await decompose(ctx, extractor);
    }
    if (ctx.record.stage === 'decode') await decode(ctx);
    return ctx.record;
  } finally {
    model?.dispose();
  }
}
