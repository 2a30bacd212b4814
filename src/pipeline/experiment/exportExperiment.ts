/**
 * One run as an experiment file (a zip): its dataset in the dataset zip's own layout under
 * `dataset/` (images optional), the run with its model and checkpoint, every complete analysis
 * of it with all it stored (PCA bases, activations, factors, predictions, performance), and
 * `manifest.json` last, with each entry's size and SHA-256. Streamed to `sink` entry by entry.
 */
import { APP_NAME, APP_VERSION } from '../../lib/appVersion';
import { getRecord, type WorkbenchDb } from '../../lib/storage';
import { faceModelOf } from '../../model/gmf/generatorSpec';
import { type AnalysisRecord, isAnalysisRecord } from '../analyze/records';
import { auditFiles } from '../dataset/archive/auditFiles';
import {
  type AddZipEntry,
  type ArchiveProgress,
  writeDatasetEntries,
  type ZipSink,
  streamingZip,
} from '../dataset/archive/exportZip';
import { MANIFEST_FILE, manifestOf, safeFileName } from '../dataset/archive/manifest';
import type { FeaturesH5Bytes } from '../dataset/featuresH5';
import { isDatasetRecord } from '../dataset/records';
import { isRunRecord } from '../train/runRecords';
import {
  analysisFiles,
  DATASET_PREFIX,
  EXPERIMENT_FORMAT,
  EXPERIMENT_MANIFEST,
  EXPERIMENT_VERSION,
  ExperimentExportError,
  type ExperimentManifest,
  type ManifestEntry,
  RUN_FILES,
  sha256Hex,
} from './manifest';
import { encodeItem, readStoredItem } from './storedItems';

export interface ExportExperimentOptions {
  /** Include the dataset's images (default); without them the file is small and the images are regenerated on demand. */
  images: boolean;
  signal: AbortSignal;
  /** Parts written: images, then the run, then each analysis. */
  progress: ArchiveProgress;
}

export interface ExportedExperiment {
  bytes: number;
  images: number;
  analyses: number;
}

const encoder = new TextEncoder();

export async function exportExperiment(
  db: WorkbenchDb,
  runId: string,
  h5: FeaturesH5Bytes,
  sink: ZipSink,
  options: ExportExperimentOptions,
): Promise<ExportedExperiment> {
  const run = await getRecord(db, 'runs', runId);
  if (!isRunRecord(run)) throw new ExperimentExportError(`There is no run '${runId}' to export.`);
  if (run.status !== 'complete' && run.status !== 'stopped')
    throw new ExperimentExportError(
      `'${run.name}' is ${run.status}; export it when training has finished or been stopped.`,
    );
  const complete = (await db.getAll('results'))
    .filter(isAnalysisRecord)
    .filter((a) => a.runId === run.id && a.status === 'complete' && a.stage === 'done')
    .sort((a, b) => a.createdAt - b.createdAt);
  // A trained run's dataset is its own; an imported model's is the one its analyses used.
  const datasetId = run.imported ? complete[0]?.datasetId : run.config.datasetId;
  if (!datasetId)
    throw new ExperimentExportError(
      `'${run.name}' is an imported model with no analysis yet; analyse it on a dataset first.`,
    );
  const dataset = await getRecord(db, 'datasets', datasetId);
  if (!isDatasetRecord(dataset) || dataset.status !== 'complete')
    throw new ExperimentExportError(`The dataset of '${run.name}' is missing or incomplete; an experiment needs it.`);
  const analyses: AnalysisRecord[] = complete.filter((a) => a.datasetId === datasetId);

  const zip = streamingZip(sink);
  const entries: ManifestEntry[] = [];
  const add: AddZipEntry = async (path, data, compress) => {
    if (options.signal.aborted) throw options.signal.reason;
    entries.push({ path, bytes: data.length, sha256: await sha256Hex(data) });
    zip.add(path, data, compress);
  };

  const images = options.images ? dataset.spec.identities * dataset.spec.variationsPerIdentity : 0;
  const total = images + 1 + analyses.length;
  const folder = safeFileName(dataset.name);
  const inDataset: AddZipEntry = (path, data, compress) => add(`${DATASET_PREFIX}${path}`, data, compress);
  if (options.images) {
    await writeDatasetEntries(db, dataset, h5, inDataset, options.signal, (done) => {
      options.progress(done, total);
    });
  } else {
    // Settings, seed, split, queries and audit: enough to render the same images again.
    await inDataset(`${folder}/${MANIFEST_FILE}`, encoder.encode(JSON.stringify(manifestOf(dataset), null, 2)), true);
    for (const [file, text] of auditFiles(dataset.audit))
      await inDataset(`${folder}/${file}`, encoder.encode(text), true);
  }
  const writeItem = async (files: { json: string; bin: string }, store: 'runs' | 'results', id: string) => {
    const { json, bin } = await encodeItem(await readStoredItem(db, store, id));
    await add(files.json, encoder.encode(json), true);
    await add(files.bin, bin, true);
  };
  await writeItem(RUN_FILES, 'runs', run.id);
  options.progress(images + 1, total);
  for (const [n, analysis] of analyses.entries()) {
    await writeItem(analysisFiles(n), 'results', analysis.id);
    options.progress(images + 2 + n, total);
  }
  const manifest: ExperimentManifest = {
    format: EXPERIMENT_FORMAT,
    version: EXPERIMENT_VERSION,
    app: { name: APP_NAME, version: APP_VERSION },
    createdAt: new Date().toISOString(),
    faceModel: faceModelOf(dataset.spec),
    images: options.images,
    dataset: { id: dataset.id, name: dataset.name, folder },
    run: { id: run.id, name: run.name },
    analyses: analyses.map((a) => ({ id: a.id, name: a.name })),
    entries,
  };
  zip.add(EXPERIMENT_MANIFEST, encoder.encode(JSON.stringify(manifest, null, 2)), true);
  return { bytes: zip.end(), images, analyses: analyses.length };
}
