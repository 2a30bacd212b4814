/**
 * `{var}_features.h5` of the original on-disk layout: datasets `shape` and `tex` (coefficient x
 * component sd, what the original stored; `tex` is bands x components) plus `shape_raw` and
 * `tex_raw`, and the scalar parameters as file attributes. The h5wasm module is passed in: the
 * browser/worker build writes to its in-memory FS, the Node build (tests) to real files.
 */
import { GmfError } from '../../lib/errors';
import { type H5FileSystem, type H5Lib, type H5ReadLib, isHdf5, withScratchPath } from '../../lib/formats/hdf5';
import { EMOTIONS, ETHNICITIES, GENDERS } from '../../model/gmf/generatorSpec';
import type { IdentityParams, VariationParams } from '../../model/gmf/sampling';

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
      xr: variation.xr,
      yr: variation.yr,
      zr: variation.zr,
      xt: variation.xt,
      yt: variation.yt,
      zt: variation.zt,
      xl: variation.xl,
      yl: variation.yl,
      zl: variation.zl,
      age: identity.age,
      id: identity.id,
      bg: variation.bg,
      camera_distance: cameraDistance,
    };
    for (const [name, value] of Object.entries(numbers)) file.create_attribute(name, value);
    for (const [name, value] of Object.entries({ emo: variation.emo, gender: identity.gender, ethn: identity.ethn }))
      file.create_attribute(name, value);
  } finally {
    file.close();
  }
}

export class FeaturesFileError extends GmfError {
  constructor(
    path: string,
    readonly problem: string,
  ) {
    super('BAD_FEATURES_FILE', `${path} is not a features file of this layout: ${problem}.`);
  }
}

function float32Of(
  file: InstanceType<H5ReadLib['File']>,
  lib: H5ReadLib,
  name: string,
  path: string,
): { data: Float32Array; shape: number[] } {
  const entity = file.get(name);
  if (!(entity instanceof lib.Dataset)) throw new FeaturesFileError(path, `dataset '${name}' is missing`);
  const value = entity.value;
  if (!(value instanceof Float32Array || value instanceof Float64Array))
    throw new FeaturesFileError(path, `dataset '${name}' is not floating point`);
  return { data: Float32Array.from(value), shape: entity.shape ?? [value.length] };
}

function bandsOf(matrix: { data: Float32Array; shape: number[] }, name: string, path: string): Float32Array[] {
  const [bands, width] = matrix.shape;
  if (matrix.shape.length !== 2 || bands === undefined || width === undefined)
    throw new FeaturesFileError(path, `'${name}' must be bands x components`);
  return Array.from({ length: bands }, (_, b) => matrix.data.slice(b * width, (b + 1) * width));
}

/** Reads a file written by writeFeaturesH5, checking every field it needs. */
export function readFeaturesH5(h5: H5ReadLib, path: string): { features: FeatureRecord; cameraDistance: number } {
  const file = new h5.File(path, 'r');
  try {
    const attrs = file.attrs;
    const number = (name: string): number => {
      const raw = attrs[name]?.value;
      // A scalar attribute reads as a number (or bigint), a one-element one as a typed array.
      const value = ArrayBuffer.isView(raw) && 'length' in raw && raw.length === 1 ? raw[0] : raw;
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      if (typeof value === 'bigint') return Number(value);
      throw new FeaturesFileError(path, `attribute '${name}' is missing or not a number`);
    };
    const text = <T extends string>(name: string, allowed: readonly T[]): T => {
      const value = attrs[name]?.value;
      if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
        throw new FeaturesFileError(path, `attribute '${name}' must be one of ${allowed.join(', ')}`);
      }
      return value as T;
    };
    const shapeScaled = float32Of(file, h5, 'shape', path).data;
    const shape = float32Of(file, h5, 'shape_raw', path).data;
    const texScaled = bandsOf(float32Of(file, h5, 'tex', path), 'tex', path);
    const tex = bandsOf(float32Of(file, h5, 'tex_raw', path), 'tex_raw', path);
    if (shape.length !== shapeScaled.length || tex.length !== texScaled.length)
      throw new FeaturesFileError(path, 'raw and scaled coefficients differ in size');
    const identity = {
      id: number('id'),
      gender: text('gender', GENDERS),
      ethn: text('ethn', ETHNICITIES),
      age: number('age'),
      shape,
      shapeScaled,
      tex,
      texScaled,
    };
    const variation: VariationParams = {
      xr: number('xr'),
      yr: number('yr'),
      zr: number('zr'),
      xt: number('xt'),
      yt: number('yt'),
      zt: number('zt'),
      xl: number('xl'),
      yl: number('yl'),
      zl: number('zl'),
      emo: text('emo', EMOTIONS),
      bg: number('bg'),
    };
    return { features: { identity, variation }, cameraDistance: number('camera_distance') };
  } finally {
    file.close();
  }
}

/** features.h5 files as bytes (for a zip), through a scratch path on the h5wasm file system. */
export interface FeaturesH5Bytes {
  write(features: FeatureRecord, cameraDistance: number): Uint8Array;
  read(bytes: Uint8Array, label: string): { features: FeatureRecord; cameraDistance: number };
}

export function featuresH5Bytes(h5: H5ReadLib, fs: H5FileSystem, scratchPath: string): FeaturesH5Bytes {
  return {
    write: (features, cameraDistance) =>
      withScratchPath(fs, scratchPath, () => {
        writeFeaturesH5(h5, scratchPath, features, cameraDistance);
        return fs.readFile(scratchPath);
      }),
    read: (bytes, label) =>
      withScratchPath(fs, scratchPath, () => {
        if (!isHdf5(bytes)) throw new FeaturesFileError(label, 'it is not an HDF5 file');
        fs.writeFile(scratchPath, bytes);
        try {
          return readFeaturesH5(h5, scratchPath);
        } catch (error) {
          if (error instanceof FeaturesFileError) throw new FeaturesFileError(label, error.problem);
          throw new FeaturesFileError(label, 'it is not an HDF5 file');
        }
      }),
  };
}
