/**
 * Generates a dataset: N identities x K variations rendered by the face pipeline, encoded and
 * stored in IndexedDB. Each identity's K records are written in one transaction, so after a
 * reload or crash an identity is either complete or absent; a resumed run skips complete
 * identities and, the sampling being per-identity seeded, yields the same images as an
 * uninterrupted one. Runs in a worker.
 */
import { assertValidGeneratorSpec, type GeneratorSpec } from '../../model/gmf/generatorSpec';
import type { ComponentSds } from '../../model/gmf/face/faceModel';
import type { FacePipeline } from '../../model/render/facePipeline';
import { getOwnedRecords, getRecord, putRecord, putRecords, type WorkbenchDb } from '../../lib/storage';
import { GmfError } from '../../lib/errors';
import { type DatasetRecord, type ImageRecord, imageKey } from '../dataset/records';
import { renderRecords, variationJobs } from './renderVariation';

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
  // Identities sampled as they come (renderSequence pulls one face ahead of the one it finishes).
  const todo = Array.from({ length: spec.identities }, (_, id) => id).filter((id) => !done.has(id));
  let records: ImageRecord[] = [];
  await renderRecords(
    pipeline,
    spec,
    variationJobs(spec, sds, todo, k, signal),
    async ({ variation, blobs }, { id, v, identity }) => {
      if (signal.aborted) throw signal.reason;
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
      if (v < k - 1) return;
      // One transaction per identity: complete or absent after any interruption.
      await putRecords(db, 'images', records);
      records = [];
      count += k;
      progress(count, total);
    },
  );
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
