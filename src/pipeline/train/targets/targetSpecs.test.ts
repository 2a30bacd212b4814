import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../architectures/buildModel';
import { encodeTargets } from './encode';
import { buildTargetSpecs, TARGET_NAMES, type TargetSpec } from './targetSpecs';
import { makeRecord } from '../../../../test/support/trainTestRecords';

const SHAPE = Array.from({ length: 120 }, (_, i) => i / 100);
const TEX = [0, 1, 2, 3, 4].map((b) => Array.from({ length: 8 }, (_, c) => b + c / 10));
const RECORDS = [
  makeRecord({ id: 10, gender: 'F', ethn: 'EA', emo: 'sad', bg: 3, shape: SHAPE, tex: TEX }),
  makeRecord({ id: 2, gender: 'M', ethn: 'WC', emo: 'happy', bg: 0, shape: SHAPE, tex: TEX }),
  makeRecord({ id: 10, gender: 'F', ethn: 'EA', emo: 'anger', bg: 1, shape: SHAPE, tex: TEX }),
];

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

describe('buildTargetSpecs', () => {
  const specs = buildTargetSpecs({ targets: TARGET_NAMES }, RECORDS);
  const byName = Object.fromEntries(specs.map((s) => [s.name, s])) as Record<TargetSpec['name'], TargetSpec>;

  it('keeps the requested order', () => {
    expect(specs.map((s) => s.name)).toEqual([...TARGET_NAMES]);
  });

  it('fixes categorical vocabularies: numbers ascending, names in the generator order, only classes present', () => {
    const classes = (name: TargetSpec['name']) => {
      const spec = byName[name];
      return spec.kind === 'categorical' ? spec.classes : null;
    };
    expect(classes('id')).toEqual(['2', '10']);
    expect(classes('gender')).toEqual(['M', 'F']);
    expect(classes('ethn')).toEqual(['WC', 'EA']);
    expect(classes('emo')).toEqual(['happy', 'anger', 'sad']);
    expect(classes('bg')).toEqual(['0', '1', '3']);
    expect(byName.emo).toMatchObject({
      units: 3,
      activation: 'softmax',
      loss: 'categoricalCrossentropy',
      metric: 'accuracy',
      lossWeight: 1,
    });
  });

  it('sizes shape and tex heads (default min(100, stored); tex x 5 bands) with MSE and cosine similarity', () => {
    expect(byName.shape).toMatchObject({
      kind: 'coefficients',
      components: 100,
      units: 100,
      activation: 'linear',
      loss: 'meanSquaredError',
      metric: 'cosineSimilarity',
    });
    expect(byName.tex).toMatchObject({ components: 8, units: 40 });
    const custom = buildTargetSpecs({ targets: ['shape', 'tex'], shapeComponents: 5, texComponents: 3 }, RECORDS);
    expect(custom.map((s) => s.units)).toEqual([5, 15]);
  });

  it('gives translations MSE, MAE and weight 0.001, angles the angle loss and angular error', () => {
    for (const name of ['xt', 'yt', 'zt'] as const) {
      expect(byName[name]).toMatchObject({
        units: 1,
        activation: 'linear',
        loss: 'meanSquaredError',
        metric: 'meanAbsoluteError',
        lossWeight: 0.001,
      });
    }
    for (const name of ['xr', 'yr', 'zr', 'xl', 'yl'] as const) {
      expect(byName[name]).toMatchObject({
        units: 1,
        activation: 'linear',
        loss: 'angle',
        metric: 'angularError',
        lossWeight: 1,
      });
    }
  });

  it('explains what cannot be a target', () => {
    expect(codeOf(() => buildTargetSpecs({ targets: ['id'] }, []))).toBe('TARGET_NO_RECORDS');
    expect(codeOf(() => buildTargetSpecs({ targets: [] }, RECORDS))).toBe('TARGET_NONE');
    expect(codeOf(() => buildTargetSpecs({ targets: ['xr', 'xr'] }, RECORDS))).toBe('TARGET_TWICE');
    expect(() => buildTargetSpecs({ targets: ['gender'] }, [RECORDS[1] ?? makeRecord({ id: 0 })])).toThrow(
      /Every image has gender M/,
    );
    expect(codeOf(() => buildTargetSpecs({ targets: ['tex'], texComponents: 9 }, RECORDS))).toBe('TARGET_COMPONENTS');
    expect(codeOf(() => buildTargetSpecs({ targets: ['shape'], shapeComponents: 0 }, RECORDS))).toBe(
      'TARGET_COMPONENTS',
    );
  });
});

describe('specs drive buildModel', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('gives one head per target whose width matches the encoded targets', () => {
    const specs = buildTargetSpecs({ targets: ['id', 'tex', 'xr'], texComponents: 4 }, RECORDS);
    const model = buildModel({ architecture: 'ResNet6', inputShape: [32, 32, 3], targets: specs });
    try {
      expect(model.outputNames).toEqual(['layer07_softmax_id', 'layer07_linear_tex', 'layer07_linear_xr']);
      expect(model.outputs.map((o) => o.shape[1])).toEqual(encodeTargets(specs, RECORDS).map((e) => e.units));
    } finally {
      model.dispose();
    }
  });
});
