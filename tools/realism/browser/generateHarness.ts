/**
 * Browser side of the generation step: loaded through the app's dev server into a blank page of
 * the app's origin, it generates a dataset with the real face worker's generateDataset job (the Dataset tab's
 * path: sampling, rendering, encoding, IndexedDB) and reads the stored records back.
 */
import { getOwnedRecords, openWorkbenchDb } from '../../../src/lib/storage';
import { createJobClient } from '../../../src/lib/jobs/client';
import { FACE_MODELS, type FaceModelId } from '../../../src/model/gmf/face/faceModel';
import { DEFAULT_GENERATOR_SPEC, type GeneratorSpec } from '../../../src/model/gmf/generatorSpec';
import { isImageRecord } from '../../../src/pipeline/dataset/records';
import type { FaceJobs } from '../../../src/pipeline/generate/faceJobs';
import type { DatasetSettings, GeneratedImage, GenerationResult } from '../types';

/**
 * Issue 11 §4: wide pose, light and demographics, backgrounds on, all emotions; the face model
 * named in the spec as the Dataset tab's form names it (model and its version). Everything else
 * (render scale, camera, components, hair) is the app's default.
 */
function realismSpec(faceModel: FaceModelId, settings: DatasetSettings): GeneratorSpec {
  const model = FACE_MODELS[faceModel];
  const base = structuredClone(DEFAULT_GENERATOR_SPEC) as GeneratorSpec;
  return {
    ...base,
    name: `realism ${faceModel}`,
    faceModel,
    faceModelVersion: model.version,
    shapeComponents: Math.min(base.shapeComponents, model.maxShapeComponents),
    textureComponents: Math.min(base.textureComponents, model.maxTextureComponents),
    identities: settings.identities,
    variationsPerIdentity: settings.variationsPerIdentity,
    resolution: settings.resolution,
    seed: settings.seed,
    addBackground: true,
    format: 'png',
    binocular: false,
    genders: ['M', 'F'],
    ethnicities: ['WC', 'EA', 'BA'],
    age: { min: 20, max: 70 },
    ranges: {
      xr: { min: -20, max: 20 },
      yr: { min: -30, max: 30 },
      zr: { min: -15, max: 15 },
      xt: { min: -30, max: 30 },
      yt: { min: -30, max: 30 },
      zt: { min: -30, max: 30 },
      xl: { min: -45, max: 45 },
      yl: { min: -45, max: 45 },
      zl: { min: 0, max: 0 },
    },
  };
}

/** Generates and stores the dataset with the face worker's generateDataset job, as the Dataset tab does. */
export async function generateRealismDataset(
  faceModel: FaceModelId,
  settings: DatasetSettings,
): Promise<GenerationResult> {
  const spec = realismSpec(faceModel, settings);
  const jobs = createJobClient<FaceJobs>(
    () => new Worker(new URL('../../../src/workers/face.worker.ts', import.meta.url), { type: 'module' }),
  );
  const datasetId = `realism-${faceModel}`;
  const start = performance.now();
  const { images } = await jobs.run('generateDataset', { datasetId, spec });
  const ms = performance.now() - start;
  jobs.terminate();
  return { datasetId, images, ms, spec };
}

function base64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      resolve(typeof reader.result === 'string' ? reader.result.replace(/^data:[^,]*,/, '') : '');
    };
    reader.onerror = () => {
      reject(reader.error ?? new Error('could not read a stored image'));
    };
    reader.readAsDataURL(blob);
  });
}

/** The stored images of identities [from, to), with the parameters stored beside them. */
export async function readRealismImages(datasetId: string, from: number, to: number): Promise<GeneratedImage[]> {
  const db = await openWorkbenchDb();
  const records = (await getOwnedRecords(db, 'images', datasetId))
    .filter(isImageRecord)
    .filter((r) => r.identity >= from && r.identity < to)
    .sort((a, b) => a.identity - b.identity || a.variation - b.variation);
  db.close();
  return Promise.all(
    records.map(async (r) => {
      const { gender, ethn, age } = r.features.identity;
      const { emo, xr, yr, zr } = r.features.variation;
      return {
        identity: r.identity,
        variation: r.variation,
        gender,
        ethn,
        age,
        emo,
        xr,
        yr,
        zr,
        pngBase64: await base64(r.centre),
      };
    }),
  );
}
