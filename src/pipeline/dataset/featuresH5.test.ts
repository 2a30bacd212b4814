import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import h5wasm from 'h5wasm/node';
import { describe, expect, it } from 'vitest';
import { TINY_PRESET } from '../../model/gmf/generatorSpec';
import { sampleIdentity, sampleVariation } from '../../model/gmf/sampling';
import { type FeatureRecord, writeFeaturesH5 } from './featuresH5';
import { golden } from '../../../test/support/golden';
import { h5pyDump, h5wasmDump } from '../../../test/support/h5Dump';

// The independent reader is h5py: its dump of this file is test/golden/featuresH5.json
// (rewritten live by `npm run golden`); every run, h5wasm must read the file we write now as h5py read it then.
describe('features.h5 (original on-disk layout)', () => {
  it('is read by h5py with shape/tex scaled and raw datasets and the scalar parameters as attributes', async () => {
    await h5wasm.ready;
    const components = {
      shapeSd: Float32Array.from({ length: 12 }, (_, i) => 1 / (i + 1)),
      textureSd: [0, 1, 2, 3, 4].map((b) => Float32Array.from({ length: 4 }, (_, j) => 0.1 * (b + 1) + j)),
    };
    const spec = { ...structuredClone(TINY_PRESET), shapeComponents: 12, textureComponents: 4 };
    const identity = sampleIdentity(spec, 3, components);
    const variation = sampleVariation(spec, 3, 1);
    const features: FeatureRecord = { identity, variation };
    const path = join(mkdtempSync(join(tmpdir(), 'gmf-h5-')), '1_features.h5');
    writeFeaturesH5(h5wasm, path, features, 400);

    const read = golden('featuresH5', () => h5pyDump(path)[0] ?? {});
    expect(h5wasmDump(path)).toEqual(read);
    expect(read['/']?.keys?.slice().sort()).toEqual(['shape', 'shape_raw', 'tex', 'tex_raw']);
    expect(read['/shape']).toMatchObject({ shape: [12], dtype: 'float32', values: Array.from(identity.shapeScaled) });
    expect(read['/shape_raw']?.values).toEqual(Array.from(identity.shape));
    expect(read['/tex']?.shape).toEqual([5, 4]);
    expect(read['/tex']?.values).toEqual(identity.texScaled.flatMap((band) => Array.from(band)));
    expect(read['/tex_raw']?.values).toEqual(identity.tex.flatMap((band) => Array.from(band)));
    const attrs = read['/']?.attrs ?? {};
    for (const key of ['xr', 'yr', 'zr', 'xt', 'yt', 'zt', 'xl', 'yl', 'zl'] as const)
      expect(attrs[key]).toBe(variation[key]);
    expect(attrs).toMatchObject({
      emo: variation.emo,
      gender: identity.gender,
      ethn: identity.ethn,
      age: identity.age,
      id: 3,
      bg: 1,
      camera_distance: 400,
    });
  });
});
