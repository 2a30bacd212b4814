/**
 * `{var}_features.h5` of the original on-disk layout: datasets `shape` and `tex` (coefficient x
 * component sd, what the original stored; `tex` is bands x components) plus `shape_raw` and
 * `tex_raw`, and the scalar parameters as file attributes. The h5wasm module is passed in: the
 * browser/worker build writes to its in-memory FS, the Node build (tests) to real files.
 */
import type h5wasm from 'h5wasm';
import type { IdentityParams, VariationParams } from '../gmf/sampling';

export type H5Lib = Pick<typeof h5wasm, 'File'>;

export interface FeatureRecord {
  identity: Omit<IdentityParams, 'shape' | 'tex'> & { shape: Float32Array; tex: Float32Array[] };
  variation: VariationParams;
}

function stack(bands: readonly Float32Array[]): { data: Float32Array; shape: number[] } {
  const width = bands[0]?.length ?? 0;
  const data = new Float32Array(bands.length * width);
  bands.forEach((band, b) => {
    data.set(band, b * width);
  });
  return { data, shape: [bands.length, width] };
}

export function writeFeaturesH5(h5: H5Lib, path: string, features: FeatureRecord, cameraDistance: number): void {
  const file = new h5.File(path, 'w');
  try {
    const { identity, variation } = features;
    file.create_dataset({ name: 'shape', data: identity.shapeScaled });
    file.create_dataset({ name: 'shape_raw', data: identity.shape });
    const tex = stack(identity.texScaled);
    file.create_dataset({ name: 'tex', data: tex.data, shape: tex.shape });
    const texRaw = stack(identity.tex);
    file.create_dataset({ name: 'tex_raw', data: texRaw.data, shape: texRaw.shape });
    const numbers: Record<string, number> = {
      xr: variation.xr, yr: variation.yr, zr: variation.zr,
      xt: variation.xt, yt: variation.yt, zt: variation.zt,
      xl: variation.xl, yl: variation.yl, zl: variation.zl,
      age: identity.age, id: identity.id, bg: variation.bg,
      camera_distance: cameraDistance,
    };
    for (const [name, value] of Object.entries(numbers)) file.create_attribute(name, value);
    for (const [name, value] of Object.entries({ emo: variation.emo, gender: identity.gender, ethn: identity.ethn })) file.create_attribute(name, value);
  } finally {
    file.close();
  }
}
