import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ARCHITECTURES, ARCHITECTURE_IDS, type ArchitectureId, DEFAULT_BATCH_NORM_MOMENTUM } from './architectures';
import { buildModel, type HeadSpec, type ModelConfig } from './buildModel';
import { analysedLayerNames, analysedLayers, parseLayerName } from './naming';
import { modelSummary } from './summary';

const ID_HEAD: HeadSpec = { name: 'id', units: 48, activation: 'softmax' };
const SHAPE_HEAD: HeadSpec = { name: 'shape', units: 100, activation: 'linear' };
const built: tf.LayersModel[] = [];

function build(architecture: ArchitectureId, size = 64, extra: Partial<ModelConfig> = {}): tf.LayersModel {
  const model = buildModel({ architecture, inputShape: [size, size, 3], targets: [ID_HEAD], ...extra });
  built.push(model);
  return model;
}

function shapeOf(model: tf.LayersModel, name: string): (number | null)[] | undefined {
  return modelSummary(model).rows.find((r) => r.name === name)?.outputShape;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function convNames(depths: number[]): string[] {
  return depths.map((d) => `layer${String(d).padStart(2, '0')}_conv`);
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

afterEach(() => {
  for (const model of built.splice(0)) model.dispose();
});

/** Expected analysed layers (single head) and shortcut convs of each mono architecture. */
const EXPECTED: Record<
  Exclude<ArchitectureId, 'StereoResNet6'>,
  { analysed: string[]; shortcuts: number[]; last: [string, number[]] }
> = {
  ResNet6: {
    analysed: ['layer00_input', ...convNames(range(1, 5)), 'layer06_globalpool', 'layer07_softmax'],
    shortcuts: [2, 4],
    last: ['layer05_conv', [8, 8, 256]],
  },
  ResNet10: {
    analysed: ['layer00_input', ...convNames(range(1, 9)), 'layer10_globalpool', 'layer11_softmax'],
    shortcuts: [5, 7, 9],
    last: ['layer09_conv', [2, 2, 512]],
  },
  ResNet18: {
    analysed: ['layer00_input', ...convNames(range(1, 17)), 'layer18_globalpool', 'layer19_softmax'],
    shortcuts: [7, 11, 15],
    last: ['layer17_conv', [2, 2, 512]],
  },
  ResNet34: {
    analysed: ['layer00_input', ...convNames(range(1, 33)), 'layer34_globalpool', 'layer35_softmax'],
    shortcuts: [9, 17, 29],
    last: ['layer33_conv', [2, 2, 512]],
  },
  'CORnet-Z': {
    analysed: ['layer00_input', ...convNames(range(1, 4)), 'layer05_globalpool', 'layer06_softmax'],
    shortcuts: [],
    last: ['layer04_maxpool', [2, 2, 512]],
  },
  VGG16: {
    analysed: ['layer00_input', ...convNames(range(1, 13)), 'layer14_globalpool', 'layer15_softmax'],
    shortcuts: [],
    last: ['layer13_maxpool', [2, 2, 512]],
  },
};

describe('layer-naming scheme, every architecture at 64 x 64', () => {
  for (const [architecture, expected] of Object.entries(EXPECTED) as [
    keyof typeof EXPECTED,
    (typeof EXPECTED)[keyof typeof EXPECTED],
  ][]) {
    it(architecture, () => {
      const model = build(architecture);
      const names = model.layers.map((l) => l.name);
      expect(new Set(names).size).toBe(names.length);
      const depths = names.map((name) => {
        expect(name).toMatch(/^layer(\d+)_(\w+)$/);
        const parsed = parseLayerName(name);
        expect(parsed, name).not.toBeNull();
        return parsed?.depth ?? NaN;
      });
      // Along the (topologically ordered) layers depth never decreases ...
      depths.slice(1).forEach((d, i) => {
        expect(d).toBeGreaterThanOrEqual(depths[i] ?? Infinity);
      });
      // ... and across the analysed layers it strictly increases.
      expect(analysedLayerNames(model)).toEqual(expected.analysed);
      const analysedDepths = analysedLayers(model).map((l) => l.depth);
      analysedDepths.slice(1).forEach((d, i) => {
        expect(d).toBeGreaterThan(analysedDepths[i] ?? Infinity);
      });
      const shortcuts = names.filter((n) => n.endsWith('_shortcut'));
      expect(shortcuts.map((n) => parseLayerName(n)?.depth)).toEqual(expected.shortcuts);
      expect(
        modelSummary(model)
          .rows.filter((r) => r.name.endsWith('_shortcut'))
          .every((r) => r.className === 'Conv2D' && !r.analysed),
      ).toBe(true);
      expect(shapeOf(model, 'layer00_input')).toEqual([null, 64, 64, 3]);
      // Every body but VGG16 starts with a stride-2 conv.
      expect(shapeOf(model, 'layer01_conv')).toEqual(
        architecture === 'VGG16' ? [null, 64, 64, 64] : [null, 32, 32, 64],
      );
      expect(shapeOf(model, expected.last[0])).toEqual([null, ...expected.last[1]]);
      const gp = expected.analysed.at(-2) ?? '';
      expect(shapeOf(model, gp)).toEqual([null, expected.last[1][2]]);
      expect(model.outputs.map((o) => o.shape)).toEqual([[null, 48]]);
    });
  }

  it('names several heads after their targets, all one deeper than the global pool, outputs in target order', () => {
    const model = build('ResNet6', 64, {
      targets: [ID_HEAD, SHAPE_HEAD, { name: 'xr', units: 1, activation: 'linear' }],
    });
    expect(analysedLayerNames(model).slice(-3)).toEqual([
      'layer07_softmax_id',
      'layer07_linear_shape',
      'layer07_linear_xr',
    ]);
    expect(model.outputNames).toEqual(['layer07_softmax_id', 'layer07_linear_shape', 'layer07_linear_xr']);
    expect(model.outputs.map((o) => o.shape)).toEqual([
      [null, 48],
      [null, 100],
      [null, 1],
    ]);
  });

  it('lists every architecture once; only the stereo net is binocular', () => {
    expect(ARCHITECTURES.map((a) => a.id)).toEqual([...ARCHITECTURE_IDS]);
    expect(ARCHITECTURES.filter((a) => a.binocular).map((a) => a.id)).toEqual(['StereoResNet6']);
  });
});

describe('ResNet6', () => {
  it('has the output shapes of the original at 112 x 112', () => {
    const model = build('ResNet6', 112);
    const shapes = Object.fromEntries(modelSummary(model).rows.map((r) => [r.name, r.outputShape]));
    expect(shapes).toMatchObject({
      layer01_conv: [null, 56, 56, 64],
      layer01_maxpool: [null, 28, 28, 64],
      layer02_conv: [null, 28, 28, 128],
      layer02_shortcut: [null, 28, 28, 128],
      layer03_conv: [null, 28, 28, 128],
      layer04_conv: [null, 14, 14, 256],
      layer04_shortcut: [null, 14, 14, 256],
      layer05_conv: [null, 14, 14, 256],
      layer06_globalpool: [null, 256],
      layer07_softmax: [null, 48],
    });
  });

  it('has the hand-counted parameters (conv k*k*in*out + out; BN 4 per channel, 2 of them trainable)', () => {
    const model = build('ResNet6', 112);
    const hand: Record<string, number> = {
      layer01_conv: 7 * 7 * 3 * 64 + 64,
      layer02_bn: 4 * 64,
      layer02_conv: 3 * 3 * 64 * 128 + 128,
      layer02_shortcut: 64 * 128 + 128,
      layer03_bn: 4 * 128,
      layer03_conv: 3 * 3 * 128 * 128 + 128,
      layer04_bn: 4 * 128,
      layer04_conv: 3 * 3 * 128 * 256 + 256,
      layer04_shortcut: 128 * 256 + 256,
      layer05_bn: 4 * 256,
      layer05_conv: 3 * 3 * 256 * 256 + 256,
      layer06_bn: 4 * 256,
      layer07_softmax: 256 * 48 + 48,
    };
    const summary = modelSummary(model);
    const withWeights = Object.fromEntries(summary.rows.filter((r) => r.params > 0).map((r) => [r.name, r.params]));
    expect(withWeights).toEqual(hand);
    const total = Object.values(hand).reduce((a, b) => a + b, 0);
    expect(total).toBe(1_173_168);
    expect(summary.totalParams).toBe(total);
    const movingStatistics = 2 * (64 + 128 + 128 + 256 + 256);
    expect(summary.trainableParams).toBe(total - movingStatistics);
  });

  it('runs forward at 32 x 32, batch 2, without leaking tensors', () => {
    const model = build('ResNet6', 32, { targets: [ID_HEAD, SHAPE_HEAD] });
    const before = tf.memory().numTensors;
    const sums = tf.tidy(() => {
      const out = model.predict(tf.randomUniform([2, 32, 32, 3], 0, 1, 'float32', 1));
      if (!Array.isArray(out)) throw new Error('expected two outputs');
      expect(out.map((t) => t.shape)).toEqual([
        [2, 48],
        [2, 100],
      ]);
      return out[0]?.sum(-1).arraySync();
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(sums).toHaveLength(2);
    for (const s of (sums ?? []) as number[]) expect(s).toBeCloseTo(1, 5);
  });
});

describe('reproducible seeded initialisers', () => {
  function weightsOf(model: tf.LayersModel, name: string): Float32Array {
    const w = model.getLayer(name).getWeights()[0];
    if (w === undefined) throw new Error(`${name} has no weights`);
    return w.dataSync() as Float32Array;
  }

  it('gives equal weights for equal seeds and different ones otherwise', () => {
    const a = build('ResNet6', 32, { seed: 7 });
    const b = build('ResNet6', 32, { seed: 7 });
    const c = build('ResNet6', 32, { seed: 8 });
    for (const name of ['layer01_conv', 'layer04_shortcut', 'layer07_softmax']) {
      expect(weightsOf(a, name)).toEqual(weightsOf(b, name));
      expect(weightsOf(a, name)).not.toEqual(weightsOf(c, name));
    }
  });

  it('draws layers of equal shape from different seeds', () => {
    const model = build('ResNet18', 32);
    expect(weightsOf(model, 'layer04_conv')).not.toEqual(weightsOf(model, 'layer05_conv'));
  });

  it('passes the batch-norm momentum (Keras semantics) to every BN layer', () => {
    const defaults = build('ResNet6', 32);
    const custom = build('ResNet6', 32, { batchNormMomentum: 0.1 });
    const momenta = (m: tf.LayersModel) =>
      m.layers.filter((l) => l.name.endsWith('_bn')).map((l) => l.getConfig().momentum);
    expect(new Set(momenta(defaults))).toEqual(new Set([DEFAULT_BATCH_NORM_MOMENTUM]));
    expect(new Set(momenta(custom))).toEqual(new Set([0.1]));
  });
});

describe('published and hand counts of the other bodies', () => {
  it('VGG16 convs hold the 14,714,688 weights of Keras VGG16(include_top=False)', () => {
    const model = build('VGG16');
    expect(modelSummary(model).totalParams - (512 * 48 + 48)).toBe(14_714_688);
  });

  it('CORnet-Z: V1 + V2 + V4 + IT convs', () => {
    const model = build('CORnet-Z');
    const convs = (7 * 7 * 3 + 1) * 64 + (9 * 64 + 1) * 128 + (9 * 128 + 1) * 256 + (9 * 256 + 1) * 512;
    expect(modelSummary(model).totalParams).toBe(convs + 512 * 48 + 48);
  });
});

describe('StereoResNet6', () => {
  it('has two inputs, one stem shared by both eyes, concatenated to 128 channels', () => {
    const model = build('StereoResNet6');
    expect(model.inputs.map((i) => i.name.split('/')[0])).toEqual(['layer00_input_left', 'layer00_input_right']);
    expect(model.getLayer('layer01_conv').inboundNodes).toHaveLength(2);
    expect(model.getLayer('layer01_maxpool').inboundNodes).toHaveLength(2);
    expect(model.weights.filter((w) => w.originalName.startsWith('layer01_conv/')).map((w) => w.originalName)).toEqual([
      'layer01_conv/kernel',
      'layer01_conv/bias',
    ]);
    expect(shapeOf(model, 'layer01_concat')).toEqual([null, 16, 16, 128]);
    // 128 channels in, 128 out, stride 1: the first block needs no projection.
    expect(model.layers.filter((l) => l.name.endsWith('_shortcut')).map((l) => l.name)).toEqual(['layer04_shortcut']);
    expect(analysedLayerNames(model)).toEqual([
      'layer00_input_left',
      'layer00_input_right',
      'layer01_conv_left',
      'layer01_conv_right',
      ...convNames(range(2, 5)),
      'layer06_globalpool',
      'layer07_softmax',
    ]);
  });

  it('applies the same stem weights to both eyes (taps equal for equal images)', () => {
    const model = build('StereoResNet6', 32);
    const taps = analysedLayers(model);
    const extractor = tf.model({ inputs: model.inputs, outputs: taps.map((t) => t.output) });
    const before = tf.memory().numTensors;
    const [same, different] = tf.tidy(() => {
      const left = tf.randomUniform([1, 32, 32, 3], 0, 1, 'float32', 2);
      const right = tf.randomUniform([1, 32, 32, 3], 0, 1, 'float32', 3);
      const stem = (l: tf.Tensor, r: tf.Tensor) => {
        const out = extractor.predict([l, r]) as tf.Tensor[];
        const at = (name: string) => out[taps.findIndex((t) => t.name === name)];
        const a = at('layer01_conv_left');
        const b = at('layer01_conv_right');
        if (a === undefined || b === undefined) throw new Error('missing stem taps');
        return tf.max(tf.abs(tf.sub(a, b))).dataSync()[0];
      };
      return [stem(left, left), stem(left, right)];
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(same).toBe(0);
    expect(different).toBeGreaterThan(0);
  });
});

describe('config validation', () => {
  function codeOf(config: ModelConfig): string | undefined {
    try {
      built.push(buildModel(config));
      return undefined;
    } catch (error) {
      return (error as { code?: string }).code;
    }
  }
  const base: ModelConfig = { architecture: 'ResNet6', inputShape: [64, 64, 3], targets: [ID_HEAD] };

  it('rejects images smaller than the network halves them, with the size it needs', () => {
    expect(codeOf({ ...base, inputShape: [8, 8, 3] })).toBeUndefined();
    expect(codeOf({ ...base, inputShape: [7, 8, 3] })).toBe('MODEL_INPUT_TOO_SMALL');
    expect(codeOf({ ...base, architecture: 'ResNet34', inputShape: [16, 16, 3] })).toBe('MODEL_INPUT_TOO_SMALL');
    expect(() => buildModel({ ...base, architecture: 'VGG16', inputShape: [31, 64, 3] })).toThrow(
      /at least 32 x 32 pixels; these are 31 x 64/,
    );
  });

  it('rejects missing, duplicate or empty heads, bad momentum and bad shapes', () => {
    expect(codeOf({ ...base, targets: [] })).toBe('MODEL_CONFIG');
    expect(codeOf({ ...base, targets: [ID_HEAD, ID_HEAD] })).toBe('MODEL_CONFIG');
    expect(codeOf({ ...base, targets: [{ ...ID_HEAD, units: 0 }] })).toBe('MODEL_CONFIG');
    expect(codeOf({ ...base, targets: [{ ...ID_HEAD, name: 'id-1' }] })).toBe('MODEL_CONFIG');
    expect(codeOf({ ...base, batchNormMomentum: 1 })).toBe('MODEL_CONFIG');
    expect(codeOf({ ...base, batchNormMomentum: Number.NaN })).toBe('MODEL_CONFIG');
    expect(codeOf({ ...base, inputShape: [64, 64, 0] })).toBe('MODEL_CONFIG');
    expect(codeOf({ ...base, inputShape: [64.5, 64, 3] })).toBe('MODEL_CONFIG');
  });
});
