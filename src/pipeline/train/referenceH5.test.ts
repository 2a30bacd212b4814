import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import h5wasm from 'h5wasm/node';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildModel, type ArchitectureId } from './architectures';
import { modelJson, modelToArtifacts } from './modelArtifacts';
import { activationTaps, computeReferenceActivations, seededInputs, type ReferenceActivations } from './reference';
import { REFERENCE_FORMAT, writeReferenceH5 } from './referenceH5';
import { createRng } from '../../lib/random';
import { golden, inputChanged, sha256 } from '../../../test/support/golden';
import { pythonJson } from '../../../test/support/python.mjs';

// The oracle is public/python/gmf_model.py (numpy) run by Debian's Python on the files written
// here; its per-layer differences are golden files (test/golden/referenceH5.*.json, rewritten by
// `npm run golden`) keyed by the SHA-256 of the loader, model.json, weights and activations.

const LOADER = new URL('../../../public/python/gmf_model.py', import.meta.url);
const built: tf.LayersModel[] = [];

beforeAll(async () => {
  await tf.setBackend('cpu');
  await h5wasm.ready;
});

afterEach(() => {
  for (const model of built.splice(0)) model.dispose();
});

/** Moving statistics and BN scales away from their initial 0 / 1, so inference-mode BN is exercised. */
function perturbBatchNorm(model: tf.LayersModel): void {
  const rng = createRng(7, 'bn');
  for (const layer of model.layers.filter((l) => l.getClassName() === 'BatchNormalization')) {
    const names = layer.weights.map((v) => v.originalName);
    layer.setWeights(
      layer.getWeights().map((w, i) => {
        const positive = /variance|gamma/.test(names[i] ?? '');
        const values = Float32Array.from({ length: w.size }, () => (positive ? 0.2 + rng.next() : rng.normal(0, 0.5)));
        return tf.tensor(values, w.shape);
      }),
    );
  }
}

function architecture(id: ArchitectureId): tf.LayersModel {
  const model = buildModel({
    architecture: id,
    inputShape: [32, 32, 3],
    targets: [
      { name: 'id', units: 4, activation: 'softmax' },
      { name: 'yr', units: 2, activation: 'linear' },
    ],
  });
  perturbBatchNorm(model);
  built.push(model);
  return model;
}

/** Keras options our architectures do not use but the loader claims: odd sizes, even kernels, 'valid', dilation, no bias. */
function optionsModel(): tf.LayersModel {
  const seeded = (seed: number) => tf.initializers.glorotUniform({ seed });
  const input = tf.input({ shape: [17, 21, 3], name: 'in' });
  const apply = (layer: tf.layers.Layer, x: tf.SymbolicTensor | tf.SymbolicTensor[]) =>
    layer.apply(x) as tf.SymbolicTensor;
  let x = apply(
    tf.layers.conv2d({
      name: 'even_same',
      filters: 6,
      kernelSize: 4,
      strides: 2,
      padding: 'same',
      useBias: false,
      activation: 'relu',
      kernelInitializer: seeded(1),
    }),
    input,
  );
  x = apply(tf.layers.batchNormalization({ name: 'bn_no_center', center: false, epsilon: 0.01 }), x);
  x = apply(tf.layers.reLU({ name: 'relu_capped', maxValue: 0.5 }), x);
  const dilated = apply(
    tf.layers.conv2d({
      name: 'dilated_valid',
      filters: 5,
      kernelSize: 3,
      dilationRate: 2,
      padding: 'valid',
      kernelInitializer: seeded(2),
      biasInitializer: tf.initializers.randomUniform({ minval: -0.1, maxval: 0.1, seed: 3 }),
    }),
    x,
  );
  const squashed = apply(tf.layers.activation({ name: 'tanh', activation: 'tanh' }), dilated);
  const valid = apply(
    tf.layers.maxPooling2d({ name: 'pool_valid', poolSize: 2, strides: 2, padding: 'valid' }),
    squashed,
  );
  const same = apply(tf.layers.maxPooling2d({ name: 'pool_same', poolSize: 3, strides: 2, padding: 'same' }), squashed);
  const pooled = [valid, same].map((p, i) => apply(tf.layers.globalAveragePooling2d({ name: `gap_${i}` }), p));
  const sum = apply(tf.layers.add({ name: 'sum' }), pooled);
  const both = apply(tf.layers.concatenate({ name: 'both' }), [sum, ...pooled]);
  const out = apply(
    tf.layers.dense({
      name: 'sigmoid_no_bias',
      units: 3,
      activation: 'sigmoid',
      useBias: false,
      kernelInitializer: seeded(4),
    }),
    both,
  );
  const model = tf.model({ inputs: input, outputs: out });
  perturbBatchNorm(model);
  built.push(model);
  return model;
}

/** Writes model.json, weights.bin and reference.h5 to a new folder; returns it and the oracle's input hash. */
async function exportFiles(
  model: tf.LayersModel,
  reference: ReferenceActivations,
): Promise<{ dir: string; input: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'gmf-reference-'));
  const artifacts = await modelToArtifacts(model);
  const json = modelJson(artifacts, 'weights.bin');
  writeFileSync(join(dir, 'model.json'), json);
  writeFileSync(join(dir, 'weights.bin'), new Uint8Array(artifacts.weightData));
  writeReferenceH5(h5wasm, join(dir, 'reference.h5'), reference, { run: 'r', runId: 'run-1', tfjsVersion: '4.22.0' });
  const activations = reference.activations.map(
    (a) => new Uint8Array(a.data.buffer, a.data.byteOffset, a.data.byteLength),
  );
  const input = sha256(readFileSync(LOADER), json, new Uint8Array(artifacts.weightData), ...activations);
  return { dir, input };
}

interface LoaderCheck {
  input: string;
  ok: boolean;
  layers: Record<string, number>;
  failed: string[];
  missing_in_reference: string[];
  not_in_model: string[];
}

describe('reference activations', () => {
  it('has every layer output once per call, the input as given, heads equal to predict, no leaked tensors', async () => {
    const model = architecture('StereoResNet6');
    const inputs = seededInputs(model, 3);
    const before = tf.memory().numTensors;
    const reference = await computeReferenceActivations(model, inputs, 'noise');
    expect(tf.memory().numTensors).toBe(before);
    expect(reference.inputs.map((i) => [i.name, i.shape])).toEqual([
      ['layer00_input_left', [1, 32, 32, 3]],
      ['layer00_input_right', [1, 32, 32, 3]],
    ]);
    expect(reference.inputs[1]?.data).toBe(inputs[1]);
    const names = reference.activations.map((a) => a.name);
    expect(names).toEqual(activationTaps(model).map((t) => t.name));
    expect(names.slice(0, 6)).toEqual([
      'layer00_input_left',
      'layer00_input_right',
      'layer01_conv_left',
      'layer01_conv_right',
      'layer01_maxpool_left',
      'layer01_maxpool_right',
    ]);
    expect(names.length).toBe(model.layers.length + 2);
    const byName = new Map(reference.activations.map((a) => [a.name, a]));
    expect(byName.get('layer01_concat')?.shape).toEqual([1, 8, 8, 128]);
    const heads = model.predict(inputs.map((x) => tf.tensor(x, [1, 32, 32, 3]))) as tf.Tensor[];
    expect(Array.from(byName.get('layer07_softmax_id')?.data ?? [])).toEqual(Array.from(heads[0]?.dataSync() ?? [1]));
    expect(Array.from(byName.get('layer07_linear_yr')?.data ?? [])).toEqual(Array.from(heads[1]?.dataSync() ?? [1]));
    tf.dispose(heads);
  });

  it('writes reference.h5: attributes, the inputs and one dataset per layer output, full shape', async () => {
    const model = architecture('ResNet6');
    const reference = await computeReferenceActivations(model, seededInputs(model, 0), 'noise');
    const { dir } = await exportFiles(model, reference);
    const file = new h5wasm.File(join(dir, 'reference.h5'), 'r');
    try {
      expect(file.attrs.format?.value).toBe(REFERENCE_FORMAT);
      expect(file.attrs.backend?.value).toBe('cpu');
      expect(file.attrs.run_id?.value).toBe('run-1');
      const input = file.get('inputs/layer00_input') as InstanceType<typeof h5wasm.Dataset>;
      expect(input.shape).toEqual([1, 32, 32, 3]);
      expect(input.value).toEqual(reference.inputs[0]?.data);
      const group = file.get('activations') as InstanceType<typeof h5wasm.Group>;
      expect(group.keys().sort()).toEqual(model.layers.map((l) => l.name).sort());
      for (const a of reference.activations) {
        const dataset = group.get(a.name) as InstanceType<typeof h5wasm.Dataset>;
        expect(dataset.shape, a.name).toEqual(a.shape);
        expect(dataset.dtype, a.name).toBe('<f');
        expect(dataset.value, a.name).toEqual(a.data);
      }
    } finally {
      file.close();
    }
  });
});

describe('gmf_model.py (numpy) reproduces the browser within 1e-4 on every layer', () => {
  const cases: [string, () => tf.LayersModel][] = [
    ['ResNet6', () => architecture('ResNet6')],
    ['StereoResNet6', () => architecture('StereoResNet6')],
    ['CORnet-Z', () => architecture('CORnet-Z')],
    ['options', optionsModel],
  ];
  it.each(cases)('%s', async (name, make) => {
    const model = make();
    const reference = await computeReferenceActivations(model, seededInputs(model, 1), 'noise');
    const { dir, input } = await exportFiles(model, reference);
    const check = golden<LoaderCheck>(`referenceH5.${name}`, () => ({
      input,
      ...(pythonJson(
        ['numpy', 'h5py'],
        [LOADER.pathname, join(dir, 'model.json'), '--check', join(dir, 'reference.h5')],
      ) as Omit<LoaderCheck, 'input'>),
    }));
    expect(check.input, inputChanged(`referenceH5.${name}`)).toBe(input);
    expect(Object.keys(check.layers)).toEqual(reference.activations.map((a) => a.name));
    for (const [layer, diff] of Object.entries(check.layers)) expect(diff, layer).toBeLessThanOrEqual(1e-4);
    expect([check.ok, check.failed, check.missing_in_reference, check.not_in_model]).toEqual([true, [], [], []]);
  });
});
