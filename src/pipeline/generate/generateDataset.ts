/**
 * Generates a dataset: N identities x K variations rendered by the face pipeline, encoded and
 * stored in IndexedDB. Each identity's K records are written in one transaction, so after a
 * reload or crash an identity is either complete or absent; a resumed run skips complete
 * identities and, the sampling being per-identity seeded, yields the same images as an
 * uninterrupted one. Runs in a worker.
 */
import { assertValidGeneratorSpec, type GeneratorSpec } from '../../model/gmf/generatorSpec';
import type { ComponentSds } from '../../model/gmf/face/faceModel';
import { sampleIdentity, sampleVariation } from '../../model/gmf/sampling';
import { CAMERA } from '../../model/render/camera';
import type { FacePipeline, FaceRenderParams } from '../../model/render/facePipeline';
import { getOwnedRecords, getRecord, putRecord, putRecords, type WorkbenchDb } from '../../lib/storage';
import { GmfError } from '../../lib/errors';
import { type DatasetRecord, type ImageRecord, imageKey } from '../dataset/records';
import { faceProblemMessage, RenderFailedError, renderFailure } from './renderFailure';

export interface GenerationProgress {
  (done: number, total: number): void;
}

/** Identities whose K variations are all stored (the unit of resumption). */
export async function completeIdentities(db: WorkbenchDb, datasetId: string, variations: number): Promise<Set<number>> {
  const counts = new Map<number, number>();
  for (const record of await getOwnedRecords(db, 'images', datasetId)) {
    const identity = (record as Partial<ImageRecord>).identity;
    if (typeof identity === 'number') counts.set(identity, (counts.get(identity) ?? 0) + 1);
  }
  return new Set([...counts].filter(([, n]) => n === variations).map(([id]) => id));
}

async function encode(rgba: Uint8ClampedArray, size: number, format: GeneratorSpec['format']): Promise<Blob> {
  const canvas = new OffscreenCanvas(size, size);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas to encode images');
  ctx.putImageData(new ImageData(new Uint8ClampedArray(rgba), size, size), 0, 0);
  return canvas.convertToBlob(format === 'jpg' ? { type: 'image/jpeg', quality: 0.92 } : { type: 'image/png' });
}

export async function generateDataset(
  db: WorkbenchDb,
  pipeline: FacePipeline,
  sds: ComponentSds,
  datasetId: string,
  spec: GeneratorSpec,
  signal: AbortSignal,
  progress: GenerationProgress,
): Promise<{ images: number; resumedIdentities: number }> {
  assertValidGeneratorSpec(spec);
  const existing = await getRecord(db, 'datasets', datasetId);
  if (!existing) {
    const record: DatasetRecord = { id: datasetId, name: spec.name, createdAt: Date.now(), spec, status: 'generating' };
    await putRecord(db, 'datasets', record);
  }
  const k = spec.variationsPerIdentity;
  const done = await completeIdentities(db, datasetId, k);
  const total = spec.identities * k;
  let count = done.size * k;
  progress(count, total);
  const eyes = spec.binocular ? [CAMERA.eyeOffsets[0], 0, CAMERA.eyeOffsets[1]] : [0];
  for (let id = 0; id < spec.identities; id++) {
    if (done.has(id)) continue;
    if (signal.aborted) throw signal.reason;
    const identity = sampleIdentity(spec, id, sds);
    const records: ImageRecord[] = [];
    for (let v = 0; v < k; v++) {
      const variation = sampleVariation(spec, id, v);
      const params: FaceRenderParams = {
        identity,
        expression: { emo: variation.emo },
        pose: {
          xr: variation.xr,
          yr: variation.yr,
          zr: variation.zr,
          xt: variation.xt,
          yt: variation.yt,
          zt: variation.zt,
        },
        light: { xl: variation.xl, yl: variation.yl, zl: variation.zl },
        background: spec.addBackground ? variation.bg : null,
        hair: spec.hair ?? 'none',
      };
      // A frame the GPU failed to draw, or drew without a face, stops the job: nothing of this
      // identity is stored, those before it stay, and the dataset never reads "complete".
      const { images, problems } = await pipeline.renderChecked(params, eyes).catch((error: unknown) => {
        throw renderFailure(error, spec);
      });
      const problem = problems.find((p) => p !== null);
      if (problem) throw new RenderFailedError('RENDER_NO_FACE', faceProblemMessage(problem, spec, id, v));
      const blobs = await Promise.all(images.map((image) => encode(image, spec.resolution, spec.format)));
      const [first, second, third] = blobs;
      if (!first) throw new Error('the renderer returned no image');
      const { shape, tex, ...rest } = identity;
      records.push({
        key: imageKey(datasetId, id, v),
        owner: datasetId,
        identity: id,
        variation: v,
        ...(spec.binocular && second && third ? { left: first, centre: second, right: third } : { centre: first }),
        features: { identity: { ...rest, shape, tex }, variation },
      });
    }
    // One transaction per identity: complete or absent after any interruption.
    await putRecords(db, 'images', records);
    count += k;
    progress(count, total);
  }
  // Deleted while it was generated (a delete that did not wait for this job): it stays deleted.
  if (!(await getRecord(db, 'datasets', datasetId)))
    throw new GmfError('DATASET_DELETED', `The dataset '${spec.name}' was deleted while it was generated.`);
  // A resumed dataset keeps its name, split, queries and audit (an opened experiment's dataset has them before its images).
  const record: DatasetRecord = {
    ...(existing as DatasetRecord | undefined),
    id: datasetId,
    name: existing?.name ?? spec.name,
    createdAt: existing?.createdAt ?? Date.now(),
    spec,
    status: 'complete',
  };
  await putRecord(db, 'datasets', record);
  return { images: count, resumedIdentities: done.size };
}
