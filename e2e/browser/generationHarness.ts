/**
 * Browser-side half of e2e/generation.spec.ts: generates a tiny dataset straight through and
 * again with a cancel in the middle and a resume, then compares what IndexedDB holds.
 */
import { isImageRecord } from '../../src/pipeline/dataset/records';
import { getOwnedRecords, openWorkbenchDb } from '../../src/lib/storage';
import { type GeneratorSpec, TINY_PRESET } from '../../src/model/gmf/generatorSpec';
import { createJobClient } from '../../src/lib/jobs/client';
import type { FaceJobs } from '../../src/pipeline/generate/faceJobs';

export interface GenerationCheckResult {
  straightCount: number;
  resumedCount: number;
  uniqueKeys: number;
  cancelledWith: string;
  storedBeforeResume: number;
  resumedIdentities: number;
  identicalImages: boolean;
  binocularImages: boolean;
  featureFields: string[];
}

async function bytes(blob: Blob | undefined): Promise<string> {
  return blob ? Array.from(new Uint8Array(await blob.arrayBuffer())).join(',') : '';
}

export async function generationChecks(): Promise<GenerationCheckResult> {
  const jobs = createJobClient<FaceJobs>(
    () => new Worker(new URL('../../src/workers/face.worker.ts', import.meta.url), { type: 'module' }),
  );
  const spec: GeneratorSpec = {
    ...structuredClone(TINY_PRESET),
    name: 'e2e tiny',
    identities: 24,
    variationsPerIdentity: 2,
    resolution: 32,
    renderScale: 2,
    seed: 5,
  };
  await jobs.run('generateDataset', { datasetId: 'straight', spec });

  const controller = new AbortController();
  let cancelledWith = 'not cancelled';
  try {
    await jobs.run(
      'generateDataset',
      { datasetId: 'resumed', spec },
      {
        signal: controller.signal,
        onProgress: (p) => {
          // Progress is throttled (200 ms); the first report with work done comes mid-run.
          if (p.done >= 2) controller.abort();
        },
      },
    );
  } catch (error) {
    cancelledWith = (error as { code?: string }).code ?? String(error);
  }
  const db = await openWorkbenchDb();
  const storedBeforeResume = (await getOwnedRecords(db, 'images', 'resumed')).length;
  const { resumedIdentities } = await jobs.run('generateDataset', { datasetId: 'resumed', spec });
  jobs.terminate();

  const straight = (await getOwnedRecords(db, 'images', 'straight')).filter(isImageRecord);
  const resumed = (await getOwnedRecords(db, 'images', 'resumed')).filter(isImageRecord);
  let identicalImages = straight.length === resumed.length;
  for (const a of straight) {
    const b = resumed.find((r) => r.identity === a.identity && r.variation === a.variation);
    for (const eye of ['left', 'centre', 'right'] as const)
      identicalImages &&= b !== undefined && (await bytes(a[eye])) === (await bytes(b[eye]));
  }
  const sample = straight[0];
  db.close();
  return {
    straightCount: straight.length,
    resumedCount: resumed.length,
    uniqueKeys: new Set(resumed.map((r) => r.key)).size,
    cancelledWith,
    storedBeforeResume,
    resumedIdentities,
    identicalImages,
    binocularImages: straight.every((r) => r.left instanceof Blob && r.right instanceof Blob),
    featureFields: sample
      ? [...Object.keys(sample.features.identity), ...Object.keys(sample.features.variation)].sort()
      : [],
  };
}
