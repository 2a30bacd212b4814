/**
 * An analysis of a trained run, end to end from what IndexedDB holds: compress
 * (pipeline/compress), decompose (pipeline/decompose), decode (pipeline/decode). Each stage
 * stores its results before the next starts and the record says which stage is next, so a
 * reload resumes there (compress after its last batch, compressCheckpoint.ts; decompose per
 * split, decode per layer). The run's saved query is used throughout.
 */
import type * as tf from '@tensorflow/tfjs';
import { APP_VERSION } from '../../lib/appVersion';
import { GmfError, throwIfCancelled } from '../../lib/errors';
import { faceModelOf } from '../../model/gmf/generatorSpec';
import { getRecord, getTypedArray, putRecord, putRecords, putTypedArray, type WorkbenchDb } from '../../lib/storage';
import { compressLayers, isDecodedLayer, type LayerBasis } from '../compress/compressLayers';
import { compressCheckpoints } from './compressCheckpoint';
import { createExtractor, type Extractor } from '../compress/extract';
import { assertFiniteActivations } from './finiteActivations';
import { MIB, planCompression } from '../compress/plan';
import type { DatasetRecord, ImageRecord } from '../dataset/records';
import { SPLIT_NAMES, type SplitName } from '../dataset/splits';
import { decodeInput } from '../decode/decodeInput';
import { DEFAULT_FOLD_SEED } from '../decode/crossValidation';
import { decodeLayer } from '../decode/decodeLayer';
import { decomposeSplit } from '../decompose/decomposeSplit';
import { factorsOf, type SplitFactorsRecord } from '../decompose/factors';
import { runBeyond } from './runBeyond';
import { architectureInfo } from '../train/architectures';
import type { RunRecord } from '../train/runRecords';
import { shuffledIndices } from '../train/targets';
import { analysisInputs, imageInputs, loadAnalysisModel } from './analysisInputs';
import {
  type AnalysisProvenance,
  type AnalysisRecord,
  analysisKeys,
  idFoldsOf,
  isAnalysisRecord,
  type LayerPredictionsRecord,
  type ResultRow,
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

/** What storing and decoding need: imported analyses (no run, no dataset) decode with this alone. */
type StageContext = Pick<Context, 'db' | 'record' | 'signal' | 'progress'>;

async function save(ctx: StageContext, patch: Partial<AnalysisRecord>): Promise<void> {
  ctx.record = { ...ctx.record, ...patch };
  await putRecord(ctx.db, 'results', ctx.record);
}

/** Every analysed layer's activations for `images`, one forward pass. */
async function activationsOf(
  ctx: Context,
  extractor: Extractor,
  images: readonly ImageRecord[],
): Promise<{ rows: number; outputs: Float32Array[] }> {
  const outputs = await extractor.run(
    await imageInputs(ctx.dataset, ctx.stereo, images),
    images.length,
    ctx.dataset.spec.resolution,
  );
  assertFiniteActivations(
    extractor.taps.map((t) => t.name),
    outputs,
  );
  return { rows: images.length, outputs };
}

async function compress(ctx: Context, extractor: Extractor): Promise<void> {
  const { options } = ctx.record;
  const { nComponents, batchSize, seed } = options;
  const training = ctx.splits.training;
  if (training.length < batchSize)
    throw new GmfError(
      'ANALYSIS_TOO_FEW_IMAGES',
      `Compression needs at least one batch of ${batchSize} training images; the query leaves ${training.length}.`,
    );
  const images = SPLIT_NAMES.reduce((n, s) => n + ctx.splits[s].length, 0);
  const plan = planCompression(extractor.taps, options, training.length, images);
  if (!plan.fits)
    throw new GmfError(
      'ANALYSIS_MEMORY',
      `The PCA fit needs about ${Math.ceil(plan.peakBytes / MIB)} MiB even with every wide layer sketched to ${options.maxFeatures} features, more than the ${options.memoryBudgetMb ?? 0} MiB budget: use fewer components, smaller batches or a narrower sketch.`,
    );
  const batches = plan.batches;
  const order = shuffledIndices(training.length, seed, 'compress');
  const batchImages = (b: number) =>
    Array.from(order.subarray(b * batchSize, (b + 1) * batchSize), (i) => training[i]).filter(
      (r): r is ImageRecord => r !== undefined,
    );
  const checkpoints = await compressCheckpoints(ctx.db, ctx.record.id, batches);
  const bases = await compressLayers(
    extractor.taps,
    batches,
    (b) => activationsOf(ctx, extractor, batchImages(b)),
    { nComponents, sketchedTo: plan.layers.map((l) => l.sketchedTo), seed },
    {
      signal: ctx.signal,
      progress: (done, total) => {
        ctx.progress('compress', done, total);
      },
      resume: checkpoints.resume,
      save: checkpoints.save,
    },
  );
  for (const { info, mu, w } of bases) {
    await putTypedArray(ctx.db, { key: analysisKeys.mu(ctx.record.id, info.name), owner: ctx.record.id, array: mu });
    await putTypedArray(ctx.db, {
      key: analysisKeys.components(ctx.record.id, info.name),
      owner: ctx.record.id,
      array: w,
    });
  }
  await save(ctx, { layers: bases.map((b) => b.info), stage: 'decompose', decomposed: [], batchesUsed: batches });
  await checkpoints.done();
}

async function storedBases(ctx: Context): Promise<LayerBasis[]> {
  return Promise.all(
    ctx.record.layers.map(async (info) => {
      const mu = await getTypedArray(ctx.db, analysisKeys.mu(ctx.record.id, info.name));
      const w = await getTypedArray(ctx.db, analysisKeys.components(ctx.record.id, info.name));
      if (!(mu instanceof Float32Array) || !(w instanceof Float32Array))
        throw new GmfError('ANALYSIS_MISSING_PCA', `The components of ${info.name} are missing; compress again.`);
      return { info, mu, w };
    }),
  );
}

async function decompose(ctx: Context, extractor: Extractor): Promise<void> {
  const { batchSize, seed } = ctx.record.options;
  const bases = await storedBases(ctx);
  const total = SPLIT_NAMES.reduce((n, s) => n + ctx.splits[s].length, 0);
  let done = SPLIT_NAMES.filter((s) => ctx.record.decomposed.includes(s)).reduce((n, s) => n + ctx.splits[s].length, 0);
  for (const split of SPLIT_NAMES) {
    if (ctx.record.decomposed.includes(split)) continue;
    const images = ctx.splits[split];
    const next = (start: number, size: number) => activationsOf(ctx, extractor, images.slice(start, start + size));
    const acts = await decomposeSplit(
      extractor.taps,
      bases,
      images.length,
      batchSize,
      next,
      { seed },
      {
        signal: ctx.signal,
        progress: (images) => {
          done += images;
          ctx.progress(`decompose ${split}`, done, total);
        },
      },
    );
    for (const [l, layer] of ctx.record.layers.entries()) {
      await putTypedArray(ctx.db, {
        key: analysisKeys.activations(ctx.record.id, split, layer.name),
        owner: ctx.record.id,
        array: acts[l] ?? new Float32Array(0),
      });
    }
    const factors: SplitFactorsRecord = {
      key: analysisKeys.factors(ctx.record.id, split),
      owner: ctx.record.id,
      ...factorsOf(split, images, ctx.dataset.spec.cameraDistance),
    };
    await putRecords(ctx.db, 'activations', [factors]);
    await save(ctx, { decomposed: [...ctx.record.decomposed, split] });
  }
  await save(ctx, { stage: 'decode', decodedLayers: [], perf: [], skipped: [] });
}

const SOFTMAX_NOT_DECODED = 'a softmax layer, not decoded (as in the original)';

async function decode(ctx: StageContext): Promise<void> {
  const { id, options } = ctx.record;
  const factors = await Promise.all(
    SPLIT_NAMES.map(async (split) => {
      const r = (await getRecord(ctx.db, 'activations', analysisKeys.factors(id, split))) as
        SplitFactorsRecord | undefined;
      if (!r) throw new GmfError('ANALYSIS_MISSING_FACTORS', `The ${split} factors are missing; decompose again.`);
      return r;
    }),
  );
  const [training, validation, testing] = factors;
  if (!training || !validation || !testing) throw new Error('unreachable: three splits');
  const layers = ctx.record.layers;
  for (const [l, layer] of layers.entries()) {
    if (ctx.record.decodedLayers.includes(layer.name)) continue;
    throwIfCancelled(ctx.signal);
    if (!isDecodedLayer(layer)) {
      // As the original's analyze_model.py: softmax layers are compressed and decomposed, not decoded.
      await save(ctx, {
        decodedLayers: [...ctx.record.decodedLayers, layer.name],
        skipped: [...ctx.record.skipped, { layer: layer.name, factor: 'all factors', reason: SOFTMAX_NOT_DECODED }],
      });
      ctx.progress('decode', l + 1, layers.length);
      continue;
    }
    const acts = await Promise.all(
      SPLIT_NAMES.map((split) => getTypedArray(ctx.db, analysisKeys.activations(id, split, layer.name))),
    );
    const matrix = (a: unknown, rows: number) => {
      if (!(a instanceof Float32Array))
        throw new GmfError(
          'ANALYSIS_MISSING_ACTIVATIONS',
          `The activations of ${layer.name} are missing; decompose again.`,
        );
      return { rows, cols: layer.components, data: Float64Array.from(a) };
    };
    const input = decodeInput(
      layer.name,
      layer.opNr,
      {
        training: matrix(acts[0], training.samples),
        validation: matrix(acts[1], validation.samples),
        testing: matrix(acts[2], testing.samples),
      },
      { training, validation, testing },
    );
    const result = decodeLayer(input, {
      permutations: options.permutations,
      bootstraps: options.bootstraps,
      seed: options.seed,
      foldSeed: idFoldsOf(options) === 'original' ? null : DEFAULT_FOLD_SEED,
    });
    const rows: ResultRow[] = result.rows.map((row, i) => {
      const inference = result.inference?.[i];
      return {
        ...row,
        p_value: inference?.pValue ?? NaN,
        ci_low: inference?.ciLow ?? NaN,
        ci_high: inference?.ciHigh ?? NaN,
      };
    });
    const predictions: LayerPredictionsRecord = {
      key: analysisKeys.predictions(id, layer.name),
      owner: id,
      layer: layer.name,
      predictions: result.predictions,
    };
    await putRecords(ctx.db, 'activations', [predictions]);
    await save(ctx, {
      perf: [...ctx.record.perf, ...rows],
      decodedLayers: [...ctx.record.decodedLayers, layer.name],
      skipped: [...ctx.record.skipped, ...result.skipped.map((s) => ({ layer: layer.name, ...s }))],
    });
    ctx.progress('decode', l + 1, layers.length);
  }
  await save(ctx, { stage: 'done' });
}

/** The views beyond decoding, then the analysis is complete. */
async function finish(ctx: StageContext): Promise<void> {
  await runBeyond(
    ctx.db,
    ctx.record,
    (beyond) => save(ctx, { beyond }),
    ctx.signal,
    (stage, done, total) => {
      ctx.progress(`views: ${stage}`, done, total);
    },
  );
  await save(ctx, { status: 'complete' });
}

/** An analysis imported from the original's files (pipeline/results/importOriginal): only decode is left, if anything. */
async function decodeImported(
  db: WorkbenchDb,
  stored: AnalysisRecord,
  signal: AbortSignal,
  progress: AnalysisProgress,
): Promise<AnalysisRecord> {
  const ctx: StageContext = { db, signal, progress, record: { ...stored, status: 'running' } };
  delete ctx.record.error;
  await save(ctx, {});
  if (ctx.record.stage === 'decode') await decode(ctx);
  if (ctx.record.stage !== 'done')
    throw new GmfError('ANALYSIS_IMPORTED', `'${stored.name}' was imported and cannot be compressed here.`);
  // A perf.tsv brings rows only: nothing the views could be computed from.
  if (stored.origin?.kind === 'original-perf') await save(ctx, { status: 'complete' });
  else await finish(ctx);
  return ctx.record;
}

/** The record's provenance with `backend` added (once, in order): the files say what really ran. */
function provenanceWith(
  current: AnalysisProvenance | undefined,
  backend: string,
  dataset: DatasetRecord,
): AnalysisProvenance {
  const model = faceModelOf(dataset.spec);
  const backends = current?.backends ?? [];
  return {
    appVersion: current?.appVersion ?? APP_VERSION,
    backends: backends.includes(backend) ? backends : [...backends, backend],
    faceModel: current?.faceModel ?? `${model.id} v${model.version}`,
  };
}

/** Runs (or resumes) analysis `analysisId`, whose record the caller created at stage 'compress'. */
export async function runAnalysis(
  db: WorkbenchDb,
  analysisId: string,
  signal: AbortSignal,
  progress: AnalysisProgress,
  backend = 'unknown',
): Promise<AnalysisRecord> {
  const stored = await getRecord(db, 'results', analysisId);
  if (!isAnalysisRecord(stored)) throw new GmfError('ANALYSIS_MISSING', `There is no analysis '${analysisId}'.`);
  if (stored.origin) return decodeImported(db, stored, signal, progress);
  if (stored.stage === 'done') {
    // Decoded already (e.g. before the views existed): the views need only what is stored.
    const ctx: StageContext = { db, signal, progress, record: { ...stored, status: 'running' } };
    delete ctx.record.error;
    await save(ctx, {});
    await finish(ctx);
    return ctx.record;
  }
  const { run, dataset, splits } = await analysisInputs(db, stored);
  for (const split of SPLIT_NAMES) {
    if (splits[split].length < 2)
      throw new GmfError(
        'ANALYSIS_TOO_FEW_IMAGES',
        `Decoding needs images in every split; the ${split} split has ${splits[split].length} after the query.`,
      );
  }
  const ctx: Context = {
    db,
    run,
    dataset,
    splits,
    signal,
    progress,
    record: {
      ...stored,
      status: 'running',
      samples: {
        training: splits.training.length,
        validation: splits.validation.length,
        testing: splits.testing.length,
      },
    },
    stereo: !run.imported && architectureInfo(run.config.architecture).binocular,
  };
  delete ctx.record.error;
  await save(ctx, {});
  let model: tf.LayersModel | null = null;
  try {
    if (ctx.record.stage === 'compress' || ctx.record.stage === 'decompose') {
      await save(ctx, { provenance: provenanceWith(ctx.record.provenance, backend, dataset) });
      const loaded = await loadAnalysisModel(db, run, dataset);
      model = loaded.model;
      ctx.stereo = loaded.stereo;
      const extractor = createExtractor(model);
      if (ctx.record.stage === 'compress') await compress(ctx, extractor);
      await decompose(ctx, extractor);
    }
    if (ctx.record.stage === 'decode') await decode(ctx);
    await finish(ctx);
    return ctx.record;
  } finally {
    model?.dispose();
  }
}
