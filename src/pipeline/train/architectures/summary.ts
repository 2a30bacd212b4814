/** A plain-data view of a model for the UI (and for tests): one row per layer. */
import type * as tf from '@tensorflow/tfjs';
import { isAnalysedOperation, parseLayerName } from './naming';

export interface ModelSummaryRow {
  name: string;
  /** tfjs class, e.g. Conv2D, BatchNormalization. */
  className: string;
  /** Batch dimension first, null where it is free: [null, 28, 28, 128]. */
  outputShape: (number | null)[];
  /** All weights, trainable or not (BN moving statistics count, as in Keras' summary). */
  params: number;
  /** From the name; null for a layer outside the scheme. */
  depth: number | null;
  /** Compression and decoding run on this layer's output. */
  analysed: boolean;
}

export interface ModelSummary {
  rows: ModelSummaryRow[];
  totalParams: number;
  trainableParams: number;
}

function flatShape(shape: tf.Shape | tf.Shape[]): (number | null)[] {
  // A layer's output shape is one shape; several shapes only for multi-output layers we never build.
  const first = shape[0];
  return Array.isArray(first) ? [...first] : (shape as tf.Shape).slice();
}

function countWeights(weights: readonly tf.LayerVariable[]): number {
  return weights.reduce((sum, w) => sum + w.read().size, 0);
}

export function modelSummary(model: tf.LayersModel): ModelSummary {
  const rows = model.layers.map((layer): ModelSummaryRow => {
    const parsed = parseLayerName(layer.name);
    return {
      name: layer.name,
      className: layer.getClassName(),
      outputShape: flatShape(layer.outputShape),
      params: layer.countParams(),
      depth: parsed?.depth ?? null,
      analysed: parsed !== null && isAnalysedOperation(parsed.operation),
    };
  });
  return { rows, totalParams: model.countParams(), trainableParams: countWeights(model.trainableWeights) };
}
