import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import h5wasm from 'h5wasm/node';
import { describe, expect, it } from 'vitest';
import { TINY_PRESET } from '../../model/gmf/generatorSpec';
import { sampleIdentity, sampleVariation } from '../../model/gmf/sampling';
import { type FeatureRecord, writeFeaturesH5 } from './featuresH5';

// Independent reader: Debian's h5py (installed by tools/ensure-test-deps.sh before npm test).
const READ = `
import h5py, json, sys
f = h5py.File(sys.argv[1], "r")
print(json.dumps({
  "datasets": {k: {"shape": list(f[k].shape), "dtype": str(f[k].dtype), "values": f[k][()].reshape(-1).tolist()} for k in f.keys()},
  "attrs": {k: (v.decode() if isinstance(v, bytes) else (v if isinstance(v, str) else float(v))) for k, v in f.attrs.items()},
}))
`;

describe('features.h5 (original on-disk layout)', () => {
  it('is read by h5py with shape/tex scaled and raw datasets and the scalar parameters as attributes', async () => {
    await h5wasm.ready;
    const components = { shapeSd: Float32Array.from({ length: 12 }, (_, i) => 1 / (i + 1)), textureSd: [0, 1, 2, 3, 4].map((b) => Float32Array.from({ length: 4 }, (_, j) => 0.1 * (b + 1) + j)) };
    const spec = { ...structuredClone(TINY_PRESET), shapeComponents: 12, textureComponents: 4 };
    const identity = sampleIdentity(spec, 3, components);
    const variation = sampleVariation(spec, 3, 1);
    const features: FeatureRecord = { identity, variation };
    const path = join(mkdtempSync(join(tmpdir(), 'gmf-h5-')), '1_features.h5');
    writeFeaturesH5(h5wasm, path, features, 400);

    const read = JSON.parse(execFileSync('/usr/bin/python3', ['-c', READ, path], { encoding: 'utf8' })) as {
      datasets: Record<string, { shape: number[]; dtype: string; values: number[] }>;
      attrs: Record<string, number | string>;
    };
    expect(Object.keys(read.datasets).sort()).toEqual(['shape', 'shape_raw', 'tex', 'tex_raw']);
    expect(read.datasets.shape).toEqual({ shape: [12], dtype: 'float32', values: Array.from(identity.shapeScaled) });
    expect(read.datasets.shape_raw?.values).toEqual(Array.from(identity.shape));
    expect(read.datasets.tex?.shape).toEqual([5, 4]);
    expect(read.datasets.tex?.values).toEqual(identity.texScaled.flatMap((band) => Array.from(band)));
    expect(read.datasets.tex_raw?.values).toEqual(identity.tex.flatMap((band) => Array.from(band)));
    for (const key of ['xr', 'yr', 'zr', 'xt', 'yt', 'zt', 'xl', 'yl', 'zl'] as const) expect(read.attrs[key]).toBe(variation[key]);
    expect(read.attrs).toMatchObject({ emo: variation.emo, gender: identity.gender, ethn: identity.ethn, age: identity.age, id: 3, bg: 1, camera_distance: 400 });
  });
});
