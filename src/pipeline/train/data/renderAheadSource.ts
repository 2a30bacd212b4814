/**
 * Streamed batches rendered in a worker of their own, so rendering runs beside the training
 * step instead of in line with it: the loop asks for batch b + 1 as batch b starts training
 * (double buffering), the worker renders it meanwhile and transfers the pixels back. The queue is
 * bounded by the loop (one batch ahead); the bytes equal streamedSource's (same stream, same
 * renderer), so a run's data does not depend on where it was rendered.
 */
import type { JobClient } from '../../../lib/jobs/client';
import type { ImageRecord } from '../../dataset/records';
import { type BatchSource, itemRecords, type SourceOptions, streamedBatch, type StreamIdentity } from './batchSource';
import type { StreamRenderJobs } from './streamJobs';

export function renderAheadSource(
  client: JobClient<StreamRenderJobs>,
  records: readonly ImageRecord[],
  options: SourceOptions & { seed: number },
): BatchSource {
  const controller = new AbortController();
  return {
    async load(items, key) {
      const chosen = itemRecords(records, items);
      const { inputs, variations } = await client.run(
        'renderBatch',
        {
          spec: options.spec,
          identities: chosen.map(renderedIdentity),
          key: [...key],
          seed: options.seed,
          stereo: options.stereo,
        },
        { signal: controller.signal },
      );
      return streamedBatch(options.targets, chosen, inputs, variations);
    },
    dispose() {
      controller.abort();
      client.terminate();
    },
  };
}

/** Only what rendering needs crosses to the worker (the scaled copies stay here). */
function renderedIdentity(record: ImageRecord): StreamIdentity {
  const { gender, ethn, age, shape, tex } = record.features.identity;
  return { gender, ethn, age, shape, tex };
}
