import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import h5wasm from 'h5wasm/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { TINY_PRESET } from '../../model/gmf/generatorSpec';
import { sampleIdentity, sampleVariation } from '../../model/gmf/sampling';
import { FeaturesFileError, featuresH5Bytes } from './featuresH5';

const components = {
  shapeSd: Float32Array.from({ length: 12 }, (_, i) => 1 / (i + 1)),
  textureSd: [0, 1, 2, 3, 4].map((b) => Float32Array.from({ length: 4 }, (_, j) => 0.1 * (b + 1) + j)),
};
const spec = { ...structuredClone(TINY_PRESET), shapeComponents: 12, textureComponents: 4 };

describe('features.h5 as bytes (zip export/import)', () => {
  let bytes: ReturnType<typeof featuresH5Bytes>;
  beforeAll(async () => {
    const module = await h5wasm.ready;
    bytes = featuresH5Bytes(h5wasm, module.FS, join(mkdtempSync(join(tmpdir(), 'gmf-h5b-')), 'scratch.h5'));
  });

  it('reads back exactly what it wrote, every field', () => {
    const identity = sampleIdentity(spec, 5, components);
    const variation = sampleVariation(spec, 5, 2);
    const written = bytes.write({ identity, variation }, 410);
    expect(Array.from(written.subarray(0, 8))).toEqual([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]); // HDF5 signature
    const { features, cameraDistance } = bytes.read(written, '2_features.h5');
    expect(cameraDistance).toBe(410);
    expect(features.variation).toEqual(variation);
    const { id, gender, ethn, age, shape, shapeScaled, tex, texScaled } = identity;
    expect(features.identity).toEqual({ id, gender, ethn, age, shape, shapeScaled, tex, texScaled });
  });

  it('rejects bytes that are not HDF5, naming the file', () => {
    expect(() => bytes.read(new TextEncoder().encode('not hdf5 at all'), 'id-1/0_features.h5')).toThrow(
      FeaturesFileError,
    );
    expect(() => bytes.read(new TextEncoder().encode('not hdf5 at all'), 'id-1/0_features.h5')).toThrow(
      /id-1\/0_features\.h5/,
    );
  });
});
