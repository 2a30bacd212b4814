/**
 * The raw (not PCA-compressed) activations of a run's top layer for images of one of its
 * analyses: what Parde et al.'s unit analysis and the caricature effect read. One forward pass
 * per batch through a model whose only output is that layer, so no other layer's activations
 * leave the backend.
 */
import * as tf from '@tensorflow/tfjs';
import { GmfError, throwIfCancelled } from '../../lib/errors';
import type { Matrix } from '../../lib/linalg/matrix';
import { getRecord, type WorkbenchDb } from '../../lib/storage';
import { type AnalysisInputs, analysisInputs, imageInputs, loadAnalysisModel } from '../analyze/analysisInputs';
import { type AnalysisRecord, isAnalysisRecord } from '../analyze/records';
import type { DatasetRecord, ImageRecord } from '../dataset/records';
import { analysedLayers } from '../train/architectures';

/** One analysed layer of a model (architectures/naming.ts). */
type AnalysedLayer = ReturnType<typeof analysedLayers>[number];

/** Images per forward pass. */
export const TOP_LAYER_BATCH = 64;
/** Most values held (images × units, float64: 512 MiB); only a model without a global pool comes near. */
const MAX_VALUES = 2 ** 26;

export interface TopLayerActivations {
  layer: string;
  /** Testing images × units, in the analysis' testing order. */
  units: Matrix;
  /** Identity of each testing image. */
  ids: Float64Array;
}

/**
 * The last analysed layer that is neither the input, a softmax nor an output head: the global
 * pool in every architecture built here (the paper's "top layer" sits under the classifier too).
 */
export function topLayerOf(model: tf.LayersModel): AnalysedLayer {
  const heads = new Set(model.outputNames);
  const candidates = analysedLayers(model).filter(
    (l) => l.operation !== 'input' && l.operation !== 'softmax' && !heads.has(l.layerName),
  );
  const top = candidates.at(-1);
  if (!top)
    throw new GmfError(
      'REPRO_NO_TOP_LAYER',
      'The model has no analysed layer between its input and its output heads, so there are no top-layer units to sample.',
    );
  return top;
}

const widthOf = (layer: AnalysedLayer): number => layer.output.shape.slice(1).reduce<number>((a, b) => a * (b ?? 1), 1);

/** An analysis' model cut at its top layer (valid inside `withTopLayer` only). */
export interface TopLayerPass {
  layer: string;
  width: number;
  /**
   * The top layer's activations of `images`, images × units in their order. `dataset` is the
   * images' own dataset (its resolution must be the model's: the analysis' dataset, or one
   * generated from its settings).
   */
  units: (
    dataset: DatasetRecord,
    images: readonly ImageRecord[],
    signal: AbortSignal,
    progress: (done: number, total: number) => void,
  ) => Promise<Matrix>;
}

/** What `withTopLayer` hands on besides the model: the analysis and its inputs. */
export interface TopLayerContext extends AnalysisInputs {
  analysis: AnalysisRecord;
}

/**
 * Loads analysis `analysisId` (one made here: an imported one has no model), its run, dataset
 * and splits, and its model cut at the top layer; runs `use` and disposes the model after it.
 */
export async function withTopLayer<T>(
  db: WorkbenchDb,
  analysisId: string,
  signal: AbortSignal,
  use: (pass: TopLayerPass, context: TopLayerContext) => Promise<T>,
): Promise<T> {
  const stored = await getRecord(db, 'results', analysisId);
  if (!isAnalysisRecord(stored)) throw new GmfError('ANALYSIS_MISSING', `There is no analysis '${analysisId}'.`);
  if (stored.origin)
    throw new GmfError(
      'REPRO_IMPORTED',
      `'${stored.name}' was imported from the original's files: there is no model here to run on its images.`,
    );
  const inputs = await analysisInputs(db, stored);
  throwIfCancelled(signal);
  const { model, stereo } = await loadAnalysisModel(db, inputs.run, inputs.dataset);
  try {
    const top = topLayerOf(model);
    const width = widthOf(top);
    const extractor = tf.model({ inputs: model.inputs, outputs: top.output });
    const units: TopLayerPass['units'] = async (dataset, images, cancel, progress) => {
      if (width * images.length > MAX_VALUES)
        throw new GmfError(
          'REPRO_TOO_LARGE',
          `${top.name} has ${width} units; for ${images.length} images that is more than ${MAX_VALUES} values to hold.`,
        );
      const side = dataset.spec.resolution;
      const out: Matrix = { rows: images.length, cols: width, data: new Float64Array(images.length * width) };
      for (let start = 0; start < images.length; start += TOP_LAYER_BATCH) {
        throwIfCancelled(cancel);
        const batch = images.slice(start, start + TOP_LAYER_BATCH);
        const inputs = await imageInputs(dataset, stereo, batch);
        const xs = inputs.map((data) => tf.tensor4d(data, [batch.length, side, side, 3]));
        const output = extractor.predict(xs.length === 1 ? (xs[0] as tf.Tensor) : xs) as tf.Tensor;
        try {
          out.data.set(await output.data(), start * width);
        } finally {
          tf.dispose([...xs, output]);
        }
        progress(start + batch.length, images.length);
      }
      return out;
    };
    return await use({ layer: top.name, width, units }, { ...inputs, analysis: stored });
  } finally {
    model.dispose();
  }
}

/** The top layer of the analysis' model on its **testing** images (its query applied, the analysis' order). */
export async function topLayerActivations(
  db: WorkbenchDb,
  analysisId: string,
  signal: AbortSignal,
  progress: (done: number, total: number) => void,
): Promise<TopLayerActivations> {
  return withTopLayer(db, analysisId, signal, async (pass, { dataset, splits }) => {
    const images = splits.testing;
    if (images.length < 2)
      throw new GmfError(
        'ANALYSIS_TOO_FEW_IMAGES',
        `Identity verification needs testing images; the testing split has ${images.length} after the query.`,
      );
    const units = await pass.units(dataset, images, signal, progress);
    const ids = Float64Array.from(images, (image) => image.features.identity.id);
    return { layer: pass.layer, units, ids };
  });
}
