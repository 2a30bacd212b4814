/** Dataset generation as a job: the face worker renders and stores; the record is the dataset. */
import type { JobClient } from '../../lib/jobs/client';
import type { JobProgress } from '../../lib/jobs/progress';
import type { WorkbenchDb } from '../../lib/storage';
import { deleteOrphanedRecords } from '../../lib/storage';
import { faceModelOf, type GeneratorSpec } from '../../model/gmf/generatorSpec';
import { type DatasetRecord, isDatasetRecord } from '../../pipeline/dataset/records';
import type { FaceJobs } from '../../pipeline/generate/faceJobs';
import { generationMeasurement, recordSpeed } from '../generationSpeed';
import type { SpeedMeasurement } from '../speedMemory';
import { createJobRunner, type JobRunner } from './jobRunner';
import { useJobsStore } from './jobsStore';
import { generationProgress } from './progressUnits';

export interface GenerationJobs {
  runner: JobRunner<DatasetRecord>;
  /** Generates a new dataset from `spec`. */
  start: (spec: GeneratorSpec) => Promise<void>;
  /** After a reload: clear what a cut-short zip import left, then continue an interrupted generation. */
  resumeInterrupted: () => Promise<void>;
}

export function createGenerationJobs(deps: {
  db: () => Promise<WorkbenchDb>;
  face: JobClient<FaceJobs>;
  onStored?: () => void;
  stallAfterMs?: number;
  /** Refuses (rejects) settings the GPU cannot render, before any record is stored. */
  checkSettings?: (spec: GeneratorSpec) => Promise<void>;
  /** Remembers a generation's images/s (default: generationSpeed's localStorage). */
  recordSpeed?: (spec: GeneratorSpec, measurement: SpeedMeasurement) => void;
}): GenerationJobs {
  const recordMeasurement = deps.recordSpeed ?? recordSpeed;
  const runner = createJobRunner<DatasetRecord>(
    {
      kind: 'generate',
      store: 'datasets',
      isRecord: isDatasetRecord,
      // A failed generation stays 'generating': starting it again continues it.
      statuses: { running: 'generating', paused: 'paused', failed: null },
      execute: async (record, { signal, onProgress }) => {
        let first: JobProgress | undefined;
        let last: JobProgress | undefined;
        try {
          await deps.face.run(
            'generateDataset',
            { datasetId: record.id, spec: record.spec },
            {
              signal,
              onProgress: (p) => {
                last = generationProgress(p, record.spec);
                first ??= last;
                onProgress(last);
              },
            },
          );
        } finally {
          // Finished, paused or failed: a long enough stretch is a measurement of this machine's speed.
          const measured = first && last ? generationMeasurement(first, last, Date.now()) : null;
          if (measured) recordMeasurement(record.spec, measured);
        }
      },
    },
    deps,
  );
  return {
    runner,
    start: async (spec) => {
      try {
        await deps.checkSettings?.(spec);
      } catch (error) {
        // Refused before starting: the message shows where a failed generation's would, nothing is stored.
        useJobsStore.getState().setError('generate', error instanceof Error ? error.message : String(error));
        return;
      }
      await runner.start({
        id: `dataset-${Date.now().toString(36)}`,
        name: spec.name,
        createdAt: Date.now(),
        spec: structuredClone(spec),
        status: 'generating',
      });
    },
    resumeInterrupted: async () => {
      if ((await deleteOrphanedRecords(await deps.db())) > 0) deps.onStored?.();
      await runner.resumeInterrupted();
    },
  };
}

/** The face worker's check of `spec` against the GPU's limits: it makes the renderer, renders nothing. */
export function renderSettingsCheck(face: JobClient<FaceJobs>): (spec: GeneratorSpec) => Promise<void> {
  return async (spec) => {
    await face.run('renderFaces', {
      model: faceModelOf(spec).id,
      items: [],
      width: spec.resolution,
      height: spec.resolution,
      binocular: false,
      backgroundSeed: spec.seed,
      renderScale: spec.renderScale,
      cameraDistance: spec.cameraDistance,
    });
  };
}
