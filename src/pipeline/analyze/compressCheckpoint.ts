/**
 * The compress stage's checkpoint: the incremental PCAs after a batch, stored with the analysis
 * (owned by it, so deleted with it), so that a reload during compression continues with the
 * next batch instead of the first (issue 14 §4).
 *
 * A fit holds every layer's components (components x features, float64): at 64 px a ResNet6's
 * reaches hundreds of MiB, and Chromium's IndexedDB did not finish writing such a value as one
 * record. So each layer's arrays are stored as chunked typed arrays (`arrays`), under a
 * generation (the batches done), and a small header in `models` names the generation that is
 * complete: it is written only after all of its arrays, so a reload mid-write leaves the
 * previous checkpoint in force. The generation before is deleted once the header moved on.
 */
import { getRecord, putRecord, putTypedArray, type WorkbenchDb } from '../../lib/storage';
import { writeTransaction } from '../../lib/storage/transactions';
import { deleteTypedArraysWithPrefix, getTypedArray } from '../../lib/storage/typedArrays';
import type { CompressCheckpoint } from '../compress/compressLayers';
import type { IncrementalPca } from '../compress/incrementalPca';
import { dueForCheckpoint, type CheckpointEvery } from '../train/checkpointSchedule';

const keyOf = (analysisId: string): string => `${analysisId}/compress-checkpoint`;
const generationPrefix = (analysisId: string, generation: number): string => `${keyOf(analysisId)}/${generation}/`;

/** The per-layer arrays of an incremental PCA, each stored as its own typed array. */
const FIELDS = [
  'mean',
  'variance',
  'components',
  'singularValues',
  'explainedVariance',
  'explainedVarianceRatio',
] as const;
type Field = (typeof FIELDS)[number];

/** A layer's scalars; its arrays live under the generation's prefix. */
interface LayerMeta {
  nComponents: number;
  nFeatures: number;
  nSamplesSeen: number;
  noiseVariance: number;
  rows: number;
  cols: number;
}

interface CheckpointHeader {
  key: string;
  owner: string;
  batchesDone: number;
  plan: string;
  generation: number;
  layers: (LayerMeta | null)[];
}

/** A checkpoint as stored before layers were split out (one record holding every array). */
interface InlineCheckpoint extends CompressCheckpoint {
  key: string;
  owner: string;
}

function isHeader(value: unknown): value is CheckpointHeader {
  const c = value as Partial<CheckpointHeader> | undefined;
  return (
    typeof c?.batchesDone === 'number' &&
    typeof c.generation === 'number' &&
    Array.isArray(c.layers) &&
    typeof c.plan === 'string'
  );
}

function isInline(value: unknown): value is InlineCheckpoint {
  const c = value as Partial<InlineCheckpoint> | undefined;
  return typeof c?.batchesDone === 'number' && Array.isArray(c.states) && typeof c.plan === 'string';
}

/** Mid-compression checkpoints: writing takes at most 5 % of the time, and they come at most 20 s apart. */
export const COMPRESS_CHECKPOINT_EVERY: CheckpointEvery = { minMs: 0, maxMs: 20_000 };

/** Bytes of the typed arrays in a fit: what a checkpoint writes. */
export function checkpointBytes(checkpoint: CompressCheckpoint): number {
  let bytes = 0;
  for (const s of checkpoint.states) if (s) for (const f of FIELDS) bytes += arrayOf(s, f).byteLength;
  return bytes;
}

function arrayOf(state: IncrementalPca, field: Field): Float64Array {
  return field === 'components' ? state.components.data : state[field];
}

async function writeGeneration(db: WorkbenchDb, analysisId: string, checkpoint: CompressCheckpoint): Promise<void> {
  const prefix = generationPrefix(analysisId, checkpoint.batchesDone);
  for (const [layer, state] of checkpoint.states.entries()) {
    if (!state) continue;
    for (const field of FIELDS)
      await putTypedArray(db, { key: `${prefix}${layer}/${field}`, owner: analysisId, array: arrayOf(state, field) });
  }
}

/** The fit a header names, or null when one of its arrays is missing or of another size. */
async function readGeneration(
  db: WorkbenchDb,
  analysisId: string,
  header: CheckpointHeader,
): Promise<CompressCheckpoint | null> {
  const prefix = generationPrefix(analysisId, header.generation);
  const states: (IncrementalPca | null)[] = [];
  for (const [layer, meta] of header.layers.entries()) {
    if (!meta) {
      states.push(null);
      continue;
    }
    const arrays: Partial<Record<Field, Float64Array>> = {};
    for (const field of FIELDS) {
      const array = await getTypedArray(db, `${prefix}${layer}/${field}`, 'float64');
      if (!array) return null;
      arrays[field] = array;
    }
    const { mean, variance, components, singularValues, explainedVariance, explainedVarianceRatio } = arrays;
    if (!mean || !variance || !components || !singularValues || !explainedVariance || !explainedVarianceRatio)
      return null;
    if (components.length !== meta.rows * meta.cols || mean.length !== meta.nFeatures) return null;
    states.push({
      nComponents: meta.nComponents,
      nFeatures: meta.nFeatures,
      nSamplesSeen: meta.nSamplesSeen,
      noiseVariance: meta.noiseVariance,
      mean,
      variance,
      components: { rows: meta.rows, cols: meta.cols, data: components },
      singularValues,
      explainedVariance,
      explainedVarianceRatio,
    });
  }
  return { batchesDone: header.batchesDone, plan: header.plan, states };
}

export interface CompressCheckpointOptions {
  /** How often to save (default COMPRESS_CHECKPOINT_EVERY). */
  every?: CheckpointEvery;
  /** Milliseconds clock (default performance.now). */
  now?: () => number;
}

/**
 * The stored checkpoint and a saver for the next ones; `done()` removes it once the bases are
 * stored. The last of `batches` is not saved (the bases are stored right after), and a save
 * is skipped until it is due (COMPRESS_CHECKPOINT_EVERY, scaled by how long the last write took).
 */
export async function compressCheckpoints(
  db: WorkbenchDb,
  analysisId: string,
  batches: number,
  options: CompressCheckpointOptions = {},
): Promise<{
  resume: CompressCheckpoint | null;
  save: (checkpoint: CompressCheckpoint) => Promise<void>;
  done: () => Promise<void>;
}> {
  const key = keyOf(analysisId);
  const every = options.every ?? COMPRESS_CHECKPOINT_EVERY;
  const now = options.now ?? (() => performance.now());
  const stored = await getRecord(db, 'models', key);
  let generation = isHeader(stored) ? stored.generation : null;
  const resume = isHeader(stored) ? await readGeneration(db, analysisId, stored) : isInline(stored) ? stored : null;
  let lastSavedAt = now();
  let lastWriteMs = 0;
  return {
    resume,
    save: async (checkpoint) => {
      if (checkpoint.batchesDone >= batches) return;
      if (!dueForCheckpoint(now() - lastSavedAt, lastWriteMs, every)) return;
      const started = now();
      await writeGeneration(db, analysisId, checkpoint);
      const header: CheckpointHeader = {
        key,
        owner: analysisId,
        batchesDone: checkpoint.batchesDone,
        plan: checkpoint.plan,
        generation: checkpoint.batchesDone,
        layers: checkpoint.states.map((s) =>
          s
            ? {
                nComponents: s.nComponents,
                nFeatures: s.nFeatures,
                nSamplesSeen: s.nSamplesSeen,
                noiseVariance: s.noiseVariance,
                rows: s.components.rows,
                cols: s.components.cols,
              }
            : null,
        ),
      };
      await putRecord(db, 'models', header);
      if (generation !== null && generation !== header.generation)
        await deleteTypedArraysWithPrefix(db, generationPrefix(analysisId, generation));
      generation = header.generation;
      lastSavedAt = now();
      lastWriteMs = lastSavedAt - started;
    },
    done: async () => {
      await writeTransaction(db, ['models'], 'removing the compression checkpoint', async (tx) => {
        await tx.objectStore('models').delete(key);
      });
      await deleteTypedArraysWithPrefix(db, `${key}/`);
    },
  };
}
