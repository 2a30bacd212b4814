/**
 * Browser side of `npm run bench:dataset`: generates a dataset at 112x112 through the real job
 * (render, encode, store in IndexedDB) and reports images/s and stored bytes per image.
 */
import { isImageRecord } from '../src/pipeline/dataset/records';
import { getOwnedRecords, openWorkbenchDb } from '../src/lib/storage';
import { type GeneratorSpec, TINY_PRESET } from '../src/model/gmf/generatorSpec';
import { createJobClient } from '../src/lib/jobs/client';
import type { FaceJobs } from '../src/pipeline/generate/faceJobs';

export interface DatasetBenchResult {
  binocular: boolean;
  format: string;
  records: number;
  images: number;
  imagesPerSecond: number;
  bytesPerImage: number;
  seconds: number;
}

export async function runDatasetBench(
  identities: number,
  variations: number,
  binocular: boolean,
  format: 'png' | 'jpg',
): Promise<DatasetBenchResult> {
  const jobs = createJobClient<FaceJobs>(
    () => new Worker(new URL('../src/workers/face.worker.ts', import.meta.url), { type: 'module' }),
  );
  const spec: GeneratorSpec = {
    ...structuredClone(TINY_PRESET),
    name: 'bench',
    identities,
    variationsPerIdentity: variations,
    resolution: 112,
    renderScale: 1,
    binocular,
    format,
    addBackground: true,
  };
  // Warm up the model, shaders and worker on a throwaway dataset.
  await jobs.run('generateDataset', {
    datasetId: 'bench-warmup',
    spec: { ...spec, identities: 1, variationsPerIdentity: 1 },
  });
  const datasetId = `bench-${binocular ? 'bino' : 'mono'}-${format}`;
  const t0 = performance.now();
  await jobs.run('generateDataset', { datasetId, spec });
  const seconds = (performance.now() - t0) / 1000;
  jobs.terminate();
  const db = await openWorkbenchDb();
  const records = (await getOwnedRecords(db, 'images', datasetId)).filter(isImageRecord);
  db.close();
  let bytes = 0;
  let images = 0;
  for (const r of records) {
    for (const blob of [r.left, r.centre, r.right]) {
      if (blob) {
        bytes += blob.size;
        images++;
      }
    }
  }
  return {
    binocular,
    format,
    records: records.length,
    images,
    imagesPerSecond: images / seconds,
    bytesPerImage: bytes / images,
    seconds,
  };
}
