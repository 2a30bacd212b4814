/** Jobs served by io.worker.ts (types only, shared with main-thread clients). */
import type { DatasetRecord } from '../records';

export type IoJobs = {
  /** Streams a dataset zip to a file in the origin-private file system (memory where there is none). */
  exportDatasetZip: { input: { datasetId: string }; output: { file: Blob; images: number; bytes: number } };
  /** Restores a dataset from a zip under a new id; nothing is kept if the zip is refused. */
  importDatasetZip: {
    input: { file: Blob; datasetId: string };
    /** `renamedFrom`: the zip's name, when it was taken here or too long and the dataset got another. */
    output: { dataset: DatasetRecord; renamedFrom?: string };
  };
};
