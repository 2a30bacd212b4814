/** The io worker: zip export/import of datasets and experiment files (HDF5 through h5wasm, zip through fflate). */
import h5wasm from 'h5wasm';
import { exportDatasetZip, type ZipSink } from '../pipeline/dataset/archive/exportZip';
import { importDatasetZip } from '../pipeline/dataset/archive/importZip';
import { DatasetZipError } from '../pipeline/dataset/archive/manifest';
import type { DatasetRecord } from '../pipeline/dataset/records';
import { getRecord, openWorkbenchDb, type WorkbenchDb } from '../lib/storage';
import type { H5FileSystem } from '../lib/formats/hdf5';
import { featuresH5Bytes, type FeaturesH5Bytes } from '../pipeline/dataset/featuresH5';
import type { IoJobs } from '../pipeline/dataset/archive/jobs';
import { serveJobs } from '../lib/jobs/runtime';
import { exportExperiment } from '../pipeline/experiment/exportExperiment';
import { openExperiment } from '../pipeline/experiment/importExperiment';
import type { ExperimentJobs } from '../pipeline/experiment/jobs';

let db: Promise<WorkbenchDb> | undefined;
let h5: Promise<FeaturesH5Bytes> | undefined;

const features = (): Promise<FeaturesH5Bytes> =>
  (h5 ??= h5wasm.ready.then((module) =>
    featuresH5Bytes(h5wasm, module.FS as unknown as H5FileSystem, '/scratch_features.h5'),
  ));

/** The zip goes to one reused OPFS file (disk, not memory); a Blob of parts where OPFS is missing. */
async function openSink(
  fileName: string,
): Promise<{ sink: ZipSink; finish: () => Promise<Blob>; abandon: () => void }> {
  try {
    const root = await navigator.storage.getDirectory();
    const handle = await root.getFileHandle(fileName, { create: true });
    const access = await handle.createSyncAccessHandle();
    access.truncate(0);
    let at = 0;
    return {
      sink: {
        write: (chunk) => {
          at += access.write(chunk, { at });
        },
      },
      finish: async () => {
        access.flush();
        access.close();
        return handle.getFile();
      },
      abandon: () => {
        access.truncate(0);
        access.close();
      },
    };
  } catch {
    const parts: Blob[] = [];
    let pending: Uint8Array[] = [];
    let pendingBytes = 0;
    const seal = () => {
      parts.push(new Blob(pending as BlobPart[]));
      pending = [];
      pendingBytes = 0;
    };
    return {
      sink: {
        write: (chunk) => {
          pending.push(chunk);
          pendingBytes += chunk.length;
          if (pendingBytes > 16 << 20) seal();
        },
      },
      finish: () => {
        seal();
        return Promise.resolve(new Blob(parts, { type: 'application/zip' }));
      },
      abandon: () => {
        parts.length = 0;
        pending = [];
      },
    };
  }
}

serveJobs<IoJobs & ExperimentJobs>({
  exportDatasetZip: async ({ datasetId }, ctx) => {
    db ??= openWorkbenchDb();
    const record = (await getRecord(await db, 'datasets', datasetId)) as DatasetRecord | undefined;
    if (!record?.spec) throw new DatasetZipError(`there is no dataset '${datasetId}' to export`);
    const { sink, finish, abandon } = await openSink('dataset-export.zip');
    try {
      const result = await exportDatasetZip(await db, record, await features(), sink, ctx.signal, (done, total) => {
        ctx.progress(done, total);
      });
      return { file: await finish(), ...result };
    } catch (error) {
      abandon();
      throw error;
    }
  },
  importDatasetZip: async ({ file, datasetId }, ctx) => {
    db ??= openWorkbenchDb();
    const existingNames = new Set((await (await db).getAll('datasets')).map((d) => d.name));
    let renamedFrom: string | undefined;
    const dataset = await importDatasetZip(await db, file.stream(), {
      datasetId,
      h5: await features(),
      signal: ctx.signal,
      progress: (done, total) => {
        ctx.progress(done, total);
      },
      existingNames,
      onRenamed: (from) => {
        renamedFrom = from;
      },
    });
    return { dataset, ...(renamedFrom === undefined ? {} : { renamedFrom }) };
  },
  exportExperiment: async ({ runId, images }, ctx) => {
    db ??= openWorkbenchDb();
    const { sink, finish, abandon } = await openSink('experiment-export.zip');
    try {
      const result = await exportExperiment(await db, runId, await features(), sink, {
        images,
        signal: ctx.signal,
        progress: (done, total) => {
          ctx.progress(done, total);
        },
      });
      return { file: await finish(), ...result };
    } catch (error) {
      abandon();
      throw error;
    }
  },
  openExperiment: async ({ file, stamp }, ctx) => {
    db ??= openWorkbenchDb();
    return openExperiment(await db, file, {
      h5: await features(),
      signal: ctx.signal,
      stamp,
      progress: (done, total) => {
        ctx.progress(done, total);
      },
    });
  },
});
