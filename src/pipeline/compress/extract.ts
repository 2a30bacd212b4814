/**
 * Activations of every analysed layer (input, conv, globalpool, heads; not shortcuts) for a
 * batch of images, flattened per image: one forward pass through a model whose outputs are the
 * taps of analysedLayers().
 */
import * as tf from '@tensorflow/tfjs';
import { analysedLayers } from '../train/architectures';

export interface LayerTap {
  name: string;
  operation: string;
  /** Flattened width per image. */
  features: number;
}

export interface Extractor {
  taps: LayerTap[];
  /** Per tap, images x features (row-major). */
  run(inputs: readonly Float32Array[], size: number, side: number): Promise<Float32Array[]>;
}

export function createExtractor(model: tf.LayersModel): Extractor {
  const layers = analysedLayers(model);
  const extractor = tf.model({ inputs: model.inputs, outputs: layers.map((l) => l.output) });
  const taps = layers.map((l) => ({
    name: l.name,
    operation: l.operation,
    features: l.output.shape.slice(1).reduce<number>((a, b) => a * (b ?? 1), 1),
  }));
  return {
    taps,
    async run(inputs, size, side) {
      const xs = inputs.map((data) => tf.tensor4d(data, [size, side, side, 3]));
      const outputs = extractor.predict(xs.length === 1 ? (xs[0] as tf.Tensor) : xs);
      const list = Array.isArray(outputs) ? outputs : [outputs];
      try {
        return await Promise.all(list.map(async (t) => Float32Array.from(await t.data())));
      } finally {
        tf.dispose([...xs, ...list]);
      }
    },
  };
}
