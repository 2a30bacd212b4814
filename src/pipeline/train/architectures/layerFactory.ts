/**
 * Named, seeded layer constructors: every layer gets its scheme name (naming.ts) and every
 * kernel its own initialiser seed, drawn from the build seed and the layer's name, so a build
 * is reproducible and no two layers of equal shape start from the same weights.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../../../lib/random';
import { imageConv2d } from './imageConv';
import { layerName } from './naming';

export type Initialiser = 'heNormal' | 'glorotUniform';
export type Sym = tf.SymbolicTensor;

export interface ConvOptions {
  filters: number;
  kernel: number;
  stride: number;
  init: Initialiser;
  /** ReLU inside the conv layer (CORnet-Z, VGG16, as the original), so `conv` is post-ReLU there. */
  relu?: boolean;
}

/** `layer.apply` on symbolic input always gives a symbolic tensor; this says so to the compiler. */
export function applyLayer(layer: tf.layers.Layer, input: Sym | Sym[]): Sym {
  const output = layer.apply(input);
  if (output instanceof tf.SymbolicTensor) return output;
  throw new Error(
    `unreachable: layer ${layer.name} returned ${Array.isArray(output) ? 'several outputs' : 'a concrete tensor'}`,
  );
}

export class LayerFactory {
  constructor(
    private readonly seed: number,
    private readonly batchNormMomentum: number,
  ) {}

  private initialiser(kind: Initialiser, name: string): ReturnType<typeof tf.initializers.heNormal> {
    const seed = createRng(this.seed, 'init', name).uint32();
    return kind === 'heNormal' ? tf.initializers.heNormal({ seed }) : tf.initializers.glorotUniform({ seed });
  }

  /**
   * 'same' padding throughout, so a stride of 2 gives ceil(size / 2). `readsImage`: the layer's
   * input is the network's input, whose gradient training never needs (imageConv.ts).
   */
  conv(
    depth: number,
    options: ConvOptions,
    operation: 'conv' | 'shortcut' = 'conv',
    readsImage = false,
  ): tf.layers.Layer {
    const name = layerName(depth, operation);
    return (readsImage ? imageConv2d : tf.layers.conv2d)({
      name,
      filters: options.filters,
      kernelSize: options.kernel,
      strides: options.stride,
      padding: 'same',
      activation: options.relu === true ? 'relu' : 'linear',
      kernelInitializer: this.initialiser(options.init, name),
      biasInitializer: 'zeros',
    });
  }

  /** Keras semantics: moving = momentum * moving + (1 - momentum) * batch statistic. */
  batchNorm(depth: number): tf.layers.Layer {
    return tf.layers.batchNormalization({ name: layerName(depth, 'bn'), axis: -1, momentum: this.batchNormMomentum });
  }

  relu(depth: number): tf.layers.Layer {
    return tf.layers.reLU({ name: layerName(depth, 'relu') });
  }

  maxPool(depth: number, size: number, stride: number, padding: 'same' | 'valid'): tf.layers.Layer {
    return tf.layers.maxPooling2d({ name: layerName(depth, 'maxpool'), poolSize: size, strides: stride, padding });
  }

  add(depth: number): tf.layers.Layer {
    return tf.layers.add({ name: layerName(depth, 'add') });
  }

  concat(depth: number): tf.layers.Layer {
    return tf.layers.concatenate({ name: layerName(depth, 'concat'), axis: -1 });
  }

  globalPool(depth: number): tf.layers.Layer {
    return tf.layers.globalAveragePooling2d({ name: layerName(depth, 'globalpool') });
  }

  dense(depth: number, units: number, activation: 'softmax' | 'linear', suffix?: string): tf.layers.Layer {
    const name = layerName(depth, activation, suffix);
    return tf.layers.dense({
      name,
      units,
      activation,
      kernelInitializer: this.initialiser('glorotUniform', name),
      biasInitializer: 'zeros',
    });
  }
}
