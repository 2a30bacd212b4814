/**
 * A tiny stored dataset for archive tests (dataset zip, experiment file): 3 identities x 2
 * variations of TINY_PRESET with 8 shape and 3 x 5 texture components, whose "images" are
 * distinct byte strings (the archives carry them as they are), and a features.h5 writer.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import h5wasm from 'h5wasm/node';
import { putRecord, putRecords, type WorkbenchDb } from '../../src/lib/storage';
import { type GeneratorSpec, TINY_PRESET } from '../../src/model/gmf/generatorSpec';
import { sampleIdentity, sampleVariation } from '../../src/model/gmf/sampling';
import { featuresH5Bytes, type FeaturesH5Bytes } from '../../src/pipeline/dataset/featuresH5';
import { type DatasetRecord, type ImageRecord, imageKey } from '../../src/pipeline/dataset/records';

/** The model's per-component SDs the sampler scales by (made up, small). */
export const TINY_SDS = {
  shapeSd: Float32Array.from({ length: 8 }, (_, i) => 1 / (i + 1)),
  textureSd: [0, 1, 2, 3, 4].map(() => Float32Array.from({ length: 3 }, (_, j) => 1 + j)),
};

export function tinySpec(name: string, binocular: boolean): GeneratorSpec {
  return {
    ...structuredClone(TINY_PRESET),
    name,
    identities: 3,
    variationsPerIdentity: 2,
    shapeComponents: 8,
    textureComponents: 3,
    binocular,
  };
}

/** features.h5 bytes through a fresh scratch folder (call in beforeAll). */
export async function scratchFeaturesH5(prefix: string): Promise<FeaturesH5Bytes> {
  const module = await h5wasm.ready;
  return featuresH5Bytes(h5wasm, module.FS, join(mkdtempSync(join(tmpdir(), prefix)), 'scratch.h5'));
}

/** Stores dataset `id` of `spec` (complete, split 1/1/1 with seed 7, one saved query) and its images. */
export async function storeTinyDataset(db: WorkbenchDb, id: string, spec: GeneratorSpec): Promise<DatasetRecord> {
  const record: DatasetRecord = {
    id,
    name: spec.name,
    createdAt: 5,
    spec,
    status: 'complete',
    split: { counts: { training: 1, validation: 1, testing: 1 }, seed: 7 },
    queries: { young: 'age < 40' },
  };
  await putRecord(db, 'datasets', record);
  const images: ImageRecord[] = [];
  for (let identity = 0; identity < spec.identities; identity++) {
    const params = sampleIdentity(spec, identity, TINY_SDS);
    for (let v = 0; v < spec.variationsPerIdentity; v++) {
      const blob = (eye: string) => new Blob([`jpg ${eye} ${identity} ${v}`], { type: 'image/jpeg' });
      images.push({
        key: imageKey(id, identity, v),
        owner: id,
        identity,
        variation: v,
        centre: blob('C'),
        ...(spec.binocular ? { left: blob('L'), right: blob('R') } : {}),
        features: { identity: params, variation: sampleVariation(spec, identity, v) },
      });
    }
  }
  await putRecords(db, 'images', images);
  return record;
}
