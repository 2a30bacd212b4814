/**
 * A model's reference activations: one input (a training image of the run, or seeded noise) and
 * the output of every layer for it, computed by tfjs on the worker's backend. Exported as
 * reference.h5 (referenceH5.ts) so that public/python/gmf_model.py, a numpy forward pass, can be
 * checked against the browser outside this app.
 */
import * as tf from '@tensorflow/tfjs';
import { identitySplits } from '../dataset/exportCsv';
import { identityKeyPrefix, isImageRecord, type DatasetRecord } from '../dataset/records';
import { getRecord, getRecordsByKeyPrefix, type WorkbenchDb } from '../../lib/storage';
import { createRng } from '../../lib/random';
import { imagesMatching } from './data/selectItems';
import { decodeToRgb } from './data/decodeImages';
import type { RunRecord } from './runRecords';

export interface NamedActivation {
  name: string;
  /** Batch dimension first (1). */
  shape: number[];
  data: Float32Array;
}

export interface ReferenceActivations {
  /** One per model input, in input order, named by its input layer: exactly what the model received. */
  inputs: NamedActivation[];
  /** Every layer's output, in layer order; a layer called more than once has one per call. */
  activations: NamedActivation[];
  /** Where the input came from, in words. */
  source: string;
  /** The tfjs backend that computed the activations. */
  backend: string;
}

interface Tap {
  name: string;
  output: tf.SymbolicTensor;
}

/** `<layer>` once per layer; a shared layer `<layer>_left` / `_right` (more calls: `_node<k>`), as analysedLayers names them. */
export function activationTaps(model: tf.LayersModel): Tap[] {
  return model.layers.flatMap((layer) => {
    const nodes = layer.inboundNodes.length;
    return Array.from({ length: nodes }, (_, node): Tap => {
      const output = layer.getOutputAt(node);
      if (Array.isArray(output)) throw new Error(`unreachable: layer ${layer.name} has several outputs`);
      const suffix = nodes === 2 ? (node === 0 ? 'left' : 'right') : `node${node}`;
      return { name: nodes === 1 ? layer.name : `${layer.name}_${suffix}`, output };
    });
  });
}

/** Every layer's output for one input per model input (each [H, W, C] float32, NHWC order). */
export async function computeReferenceActivations(
  model: tf.LayersModel,
  inputs: readonly Float32Array[],
  source: string,
): Promise<ReferenceActivations> {
  const named = model.inputs.map((symbolic, i): NamedActivation => {
    const data = inputs[i];
    const shape = [1, ...symbolic.shape.slice(1).map((d) => d ?? 0)];
    if (data?.length !== shape.reduce((a, b) => a * b, 1))
      throw new Error(`reference input ${i} does not fit the model's input shape [${shape.join(', ')}]`);
    return { name: symbolic.sourceLayer.name, shape, data };
  });
  const fromInput = new Map(model.inputs.map((symbolic, i) => [symbolic.id, named[i]]));
  const taps = activationTaps(model);
  const computed = taps.filter((t) => !fromInput.has(t.output.id));
  const extractor = tf.model({ inputs: model.inputs, outputs: computed.map((t) => t.output) });
  const feeds = named.map((n) => tf.tensor(n.data, n.shape, 'float32'));
  try {
    const outputs = extractor.predict(feeds);
    const list = Array.isArray(outputs) ? outputs : [outputs];
    try {
      const values = await Promise.all(list.map((t) => t.data<'float32'>()));
      const byId = new Map(computed.map((t, i) => [t.output.id, { values: values[i], shape: list[i]?.shape }]));
      const activations = taps.map((tap): NamedActivation => {
        const input = fromInput.get(tap.output.id);
        if (input) return { ...input, name: tap.name };
        const out = byId.get(tap.output.id);
        if (!out?.values || !out.shape) throw new Error(`unreachable: no output for ${tap.name}`);
        return { name: tap.name, shape: out.shape, data: out.values };
      });
      return { inputs: named, activations, source, backend: tf.getBackend() };
    } finally {
      tf.dispose(list);
    }
  } finally {
    tf.dispose(feeds);
  }
}

/** Uniform noise in [0, 1) from the stream (seed, 'reference-input', input): for models without a dataset. */
export function seededInputs(model: tf.LayersModel, seed: number): Float32Array[] {
  return model.inputs.map((symbolic, i) => {
    const size = symbolic.shape.slice(1).reduce<number>((a, b) => a * (b ?? 0), 1);
    const rng = createRng(seed, 'reference-input', i);
    return Float32Array.from({ length: size }, () => rng.next());
  });
}

const REFERENCE_SEED = 0;

/**
 * The run's first training image (first training identity, first variation passing the run's
 * query), decoded as training decodes it: centre, or left and right for a two-input model. Null
 * when the run has no dataset (imported) or it is gone.
 */
async function firstTrainingImage(
  db: WorkbenchDb,
  run: RunRecord,
  inputCount: number,
): Promise<{ inputs: Float32Array[]; source: string } | null> {
  if (run.imported) return null;
  const dataset = (await getRecord(db, 'datasets', run.config.datasetId)) as DatasetRecord | undefined;
  if (!dataset?.spec) return null;
  const training = [...identitySplits(dataset)].filter(([, split]) => split === 'training').map(([id]) => id);
  for (const identity of training.sort((a, b) => a - b)) {
    const images = (await getRecordsByKeyPrefix(db, 'images', identityKeyPrefix(dataset.id, identity))).filter(
      isImageRecord,
    );
    const first = imagesMatching(dataset, images, run.query?.text ?? '', ['training'])[0]?.image;
    if (!first) continue;
    const blobs = inputCount === 2 ? [first.left ?? first.centre, first.right ?? first.centre] : [first.centre];
    const inputs = await Promise.all(blobs.map((blob) => decodeToRgb([blob], dataset.spec.resolution)));
    return {
      inputs,
      source: `training image of dataset '${dataset.name}', identity ${first.identity}, variation ${first.variation}`,
    };
  }
  return null;
}

/** The reference for an export: the run's first training image, else seeded noise. */
export async function runReferenceActivations(
  db: WorkbenchDb,
  run: RunRecord,
  model: tf.LayersModel,
): Promise<ReferenceActivations> {
  const image = await firstTrainingImage(db, run, model.inputs.length);
  const { inputs, source } = image ?? {
    inputs: seededInputs(model, REFERENCE_SEED),
    source: `uniform noise in [0, 1), seed ${REFERENCE_SEED} (the run has no dataset here)`,
  };
  return computeReferenceActivations(model, inputs, source);
}
