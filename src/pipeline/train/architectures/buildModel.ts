/** buildModel: an architecture body plus one dense head per target, named by the scheme. */
import * as tf from '@tensorflow/tfjs';
import { GmfError } from '../../../lib/errors';
import { type ArchitectureId, architectureInfo, DEFAULT_BATCH_NORM_MOMENTUM } from './architectures';
import { LayerFactory, applyLayer } from './layerFactory';
import { layerName } from './naming';
import { cornetZBody, vgg16Body } from './plainNets';
import { type BodyOutput, RESNET_PLANS, resnetBody, stereoResNetBody } from './resnet';

/** What a head needs to know about its target; train/targets' TargetSpec carries these fields. */
export interface HeadSpec {
  /** Target name (`id`, `shape`, ...); word characters only, it becomes part of the layer name. */
  name: string;
  units: number;
  activation: 'softmax' | 'linear';
}

export interface ModelConfig {
  architecture: ArchitectureId;
  /** [height, width, channels] of one image (each eye's image for a stereo model). */
  inputShape: readonly [number, number, number];
  /** One head per target, in this order: the model's outputs follow it. */
  targets: readonly HeadSpec[];
  /** Keras semantics (decay of the moving statistics); DEFAULT_BATCH_NORM_MOMENTUM if omitted. */
  batchNormMomentum?: number;
  /** Seeds every initialiser; the same config and seed give the same weights. */
  seed?: number;
}

export const DEFAULT_MODEL_SEED = 0;

export class ModelConfigError extends GmfError {
  constructor(message: string) {
    super('MODEL_CONFIG', message);
  }
}

function checkConfig(config: ModelConfig): void {
  const info = architectureInfo(config.architecture);
  const [height, width, channels] = config.inputShape;
  for (const [label, value] of [
    ['height', height],
    ['width', width],
    ['channel count', channels],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new ModelConfigError(`The image ${label} must be a whole number of 1 or more, got ${value}.`);
    }
  }
  if (height < info.minInputSize || width < info.minInputSize) {
    throw new GmfError(
      'MODEL_INPUT_TOO_SMALL',
      `${info.label} halves the image ${info.halvings} times and needs images of at least ${info.minInputSize} x ${info.minInputSize} pixels; these are ${height} x ${width}. Choose a smaller network or a higher resolution.`,
    );
  }
  if (config.targets.length === 0) throw new ModelConfigError('Choose at least one training target.');
  const names = new Set<string>();
  for (const head of config.targets) {
    if (!/^[A-Za-z0-9]+$/.test(head.name))
      throw new ModelConfigError(`Target name '${head.name}' must be letters and digits only.`);
    if (names.has(head.name)) throw new ModelConfigError(`Target '${head.name}' is listed twice.`);
    names.add(head.name);
    if (!Number.isSafeInteger(head.units) || head.units < 1) {
      throw new ModelConfigError(`Target '${head.name}' needs 1 or more outputs, got ${head.units}.`);
    }
  }
  const momentum = config.batchNormMomentum ?? DEFAULT_BATCH_NORM_MOMENTUM;
  if (!(momentum >= 0 && momentum < 1)) {
    throw new ModelConfigError(`Batch-norm momentum must be at least 0 and below 1, got ${momentum}.`);
  }
  if (config.seed !== undefined && !Number.isFinite(config.seed)) {
    throw new ModelConfigError(`The model seed must be a finite number, got ${config.seed}.`);
  }
}

function body(architecture: ArchitectureId, inputs: tf.SymbolicTensor[], f: LayerFactory): BodyOutput {
  const [first, second] = inputs;
  if (first === undefined) throw new Error('unreachable: no model input');
  switch (architecture) {
    case 'ResNet6':
    case 'ResNet10':
    case 'ResNet18':
    case 'ResNet34':
      return resnetBody(first, RESNET_PLANS[architecture], f);
    case 'CORnet-Z':
      return cornetZBody(first, f);
    case 'VGG16':
      return vgg16Body(first, f);
    case 'StereoResNet6':
      if (second === undefined) throw new Error('unreachable: stereo model without a right input');
      return stereoResNetBody(first, second, RESNET_PLANS.ResNet6, f);
  }
}

/**
 * Builds the (uncompiled) model. Heads sit on the global pool, one depth deeper, named
 * `layerNN_softmax` / `layerNN_linear`, with `_<target>` appended when there are several.
 * A binocular architecture takes [left, right] inputs, `layer00_input_left` / `_right`.
 */
export function buildModel(config: ModelConfig): tf.LayersModel {
  checkConfig(config);
  const info = architectureInfo(config.architecture);
  const f = new LayerFactory(
    config.seed ?? DEFAULT_MODEL_SEED,
    config.batchNormMomentum ?? DEFAULT_BATCH_NORM_MOMENTUM,
  );
  const shape = [...config.inputShape];
  const inputs = info.binocular
    ? (['left', 'right'] as const).map((eye) => tf.input({ shape, name: layerName(0, 'input', eye) }))
    : [tf.input({ shape, name: layerName(0, 'input') })];
  const { features, depth } = body(config.architecture, inputs, f);
  const several = config.targets.length > 1;
  const outputs = config.targets.map((head) =>
    applyLayer(f.dense(depth + 1, head.units, head.activation, several ? head.name : undefined), features),
  );
  return tf.model({ name: config.architecture, inputs, outputs });
}
