/**
 * Opens an experiment file in two reads of the same file. The first checks everything before
 * anything is written: every entry against the manifest (present, declared size, SHA-256, no
 * extra), the limits, the dataset's settings, and every run and analysis record with what it
 * owns. The second stores: the dataset (the dataset zip's own checks, or only its settings when
 * the images were left out), then what the run and analyses own, then their records in one
 * transaction. Everything is stored under fresh ids; on any failure all of it is deleted again.
 */
import { readZipEntries, type ZipEntry, ZipFormatError, type ZipLimits } from '../../lib/formats/zipStream';
import { deleteStoredItem, putRecord, type WorkbenchDb } from '../../lib/storage';
import { TOP_LEVEL_STORES } from '../../lib/storage/schema';
import { writeTransaction } from '../../lib/storage/transactions';
import { type AnalysisRecord, isAnalysisRecord } from '../analyze/records';
import { FACTOR_AUDIT_JSON, readAuditFile } from '../dataset/archive/auditFiles';
import type { ArchiveProgress } from '../dataset/archive/exportZip';
import { freeName, importDatasetEntries } from '../dataset/archive/importZip';
import { DatasetZipLimits } from '../dataset/archive/zipLimits';
import { type DatasetManifest, DatasetZipError, MANIFEST_FILE, parseManifest } from '../dataset/archive/manifest';
import type { FeaturesH5Bytes } from '../dataset/featuresH5';
import type { DatasetRecord } from '../dataset/records';
import { isRunRecord, type RunRecord } from '../train/runRecords';
import type { FactorAuditResult } from '../audit/record/auditRecord';
import {
  analysisFiles,
  DATASET_PREFIX,
  EXPERIMENT_MANIFEST,
  ExperimentFileError,
  type ExperimentManifest,
  LIMITS,
  parseExperimentManifest,
  RUN_FILES,
  sha256Hex,
} from './manifest';
import { decodeItem, type StoredItem, withNewId, writeOwned } from './storedItems';

export interface OpenExperimentOptions {
  h5: FeaturesH5Bytes;
  signal: AbortSignal;
  /** Kilobytes read, over both reads of the file. */
  progress: ArchiveProgress;
  /** Makes the fresh ids: `dataset-{stamp}`, `run-{stamp}`, `analysis-{stamp}-{n}`. */
  stamp: string;
}

export interface OpenedExperiment {
  dataset: DatasetRecord;
  run: RunRecord;
  analyses: AnalysisRecord[];
  /** False when the dataset's images were left out: the dataset waits to be generated again. */
  images: boolean;
  /** Names stored other than the file's (taken here, or too long), to tell the user. */
  renamed: { from: string; to: string }[];
}

/**
 * The experiment's limits: its dataset's entries are held to what the dataset's manifest
 * describes once it has been read (it comes first); run and analysis files to LIMITS.
 */
class ExperimentLimits implements ZipLimits {
  readonly dataset = new DatasetZipLimits();
  readonly maxEntries = LIMITS.entries;
  maxEntryBytes(name: string): number {
    return name.startsWith(DATASET_PREFIX)
      ? Math.min(LIMITS.entryBytes, this.dataset.maxEntryBytes(name.slice(DATASET_PREFIX.length)))
      : LIMITS.entryBytes;
  }
}

interface Checked {
  manifest: ExperimentManifest;
  datasetManifest: DatasetManifest;
  audit: FactorAuditResult | null;
  run: StoredItem<RunRecord>;
  analyses: StoredItem<AnalysisRecord>[];
}

const text = (data: Uint8Array) => new TextDecoder().decode(data);

/** A damaged zip reads as a refused experiment, not as a bare zip error. */
async function* entriesOf(
  file: Blob,
  signal: AbortSignal,
  onBytes: (n: number) => void,
  limits: ZipLimits,
): AsyncGenerator<ZipEntry> {
  try {
    for await (const entry of readZipEntries(file.stream(), signal, onBytes, limits))
      if (!entry.name.endsWith('/')) yield entry;
  } catch (error) {
    throw error instanceof ZipFormatError ? new ExperimentFileError(error.problem) : error;
  }
}

/** The first read: nothing is written. */
async function check(file: Blob, options: OpenExperimentOptions, onBytes: (n: number) => void): Promise<Checked> {
  const seen = new Map<string, { bytes: number; sha256: string }>();
  const kept = new Map<string, Uint8Array>();
  let total = 0;
  const limits = new ExperimentLimits();
  for await (const { name, data } of entriesOf(file, options.signal, onBytes, limits)) {
    if (seen.has(name)) throw new ExperimentFileError(`'${name}' is in it twice`);
    if (seen.size >= LIMITS.entries) throw new ExperimentFileError(`it has more than ${LIMITS.entries} entries`);
    total += data.length;
    if (total > LIMITS.totalBytes) throw new ExperimentFileError(`it unpacks to more than ${LIMITS.totalBytes} bytes`);
    seen.set(name, { bytes: data.length, sha256: await sha256Hex(data) });
    // Images and features stay in the file until the second read; the rest is small enough to keep.
    if (
      !name.startsWith(DATASET_PREFIX) ||
      name.endsWith(`/${MANIFEST_FILE}`) ||
      name.endsWith(`/${FACTOR_AUDIT_JSON}`)
    )
      kept.set(name, data);
    // The dataset's settings come first: from here on its entries are held to them.
    if (name.startsWith(DATASET_PREFIX) && name.endsWith(`/${MANIFEST_FILE}`) && !limits.dataset.spec)
      limits.dataset.spec = datasetManifestOf(data).spec;
  }
  const manifestData = kept.get(EXPERIMENT_MANIFEST);
  if (!manifestData) throw new ExperimentFileError(`${EXPERIMENT_MANIFEST} is missing`);
  const manifest = parseExperimentManifest(text(manifestData));
  seen.delete(EXPERIMENT_MANIFEST);
  for (const entry of manifest.entries) {
    const found = seen.get(entry.path);
    if (!found) throw new ExperimentFileError(`'${entry.path}' is listed in ${EXPERIMENT_MANIFEST} but missing`);
    if (found.bytes !== entry.bytes)
      throw new ExperimentFileError(
        `'${entry.path}' has ${found.bytes} bytes; ${EXPERIMENT_MANIFEST} says ${entry.bytes}`,
      );
    if (found.sha256 !== entry.sha256)
      throw new ExperimentFileError(`'${entry.path}' does not match its checksum (damaged or changed)`);
    seen.delete(entry.path);
  }
  const extra = seen.keys().next();
  if (!extra.done) throw new ExperimentFileError(`'${extra.value}' is not listed in ${EXPERIMENT_MANIFEST}`);

  const folder = `${DATASET_PREFIX}${manifest.dataset.folder}/`;
  const datasetJson = kept.get(`${folder}${MANIFEST_FILE}`);
  if (!datasetJson) throw new ExperimentFileError(`the dataset's settings (${folder}${MANIFEST_FILE}) are missing`);
  const auditData = kept.get(`${folder}${FACTOR_AUDIT_JSON}`);
  const datasetManifest = datasetManifestOf(datasetJson);
  let audit: FactorAuditResult | null;
  try {
    audit = auditData ? readAuditFile(text(auditData)) : null;
  } catch (error) {
    throw error instanceof DatasetZipError
      ? new ExperimentFileError(`its dataset is refused (${error.message})`)
      : error;
  }
  const item = <R extends RunRecord | AnalysisRecord>(
    files: { json: string; bin: string },
    store: 'runs' | 'results',
    guard: (v: unknown) => v is R,
  ) => {
    const json = kept.get(files.json);
    const bin = kept.get(files.bin);
    if (!json || !bin) throw new ExperimentFileError(`'${files.json}' or '${files.bin}' is missing`);
    return decodeItem(files.json, json, bin, store, guard);
  };
  const run = item(RUN_FILES, 'runs', isRunRecord);
  const { dataset } = manifest;
  if (run.record.id !== manifest.run.id || (!run.record.imported && run.record.config.datasetId !== dataset.id))
    throw new ExperimentFileError(`the run in ${RUN_FILES.json} is not the one ${EXPERIMENT_MANIFEST} names`);
  const analyses = manifest.analyses.map((named, n) => {
    const files = analysisFiles(n);
    const analysis = item(files, 'results', isAnalysisRecord);
    const r = analysis.record;
    if (r.id !== named.id || r.runId !== run.record.id || r.datasetId !== dataset.id)
      throw new ExperimentFileError(`the analysis in '${files.json}' is not of this run and dataset`);
    if (r.status !== 'complete' || r.stage !== 'done')
      throw new ExperimentFileError(`the analysis '${r.name}' is not complete`);
    return analysis;
  });
  return { manifest, datasetManifest, audit, run, analyses };
}

/** The dataset's settings, checked as a dataset zip's are; a refusal names the experiment. */
function datasetManifestOf(data: Uint8Array): DatasetManifest {
  try {
    return parseManifest(text(data));
  } catch (error) {
    throw error instanceof DatasetZipError
      ? new ExperimentFileError(`its dataset is refused (${error.message})`)
      : error;
  }
}

/** Names in use in `store`: an opened item whose name is taken becomes "{name} (2)". */
async function namesIn(db: WorkbenchDb, store: 'datasets' | 'runs'): Promise<Set<string>> {
  return new Set((await db.getAll(store)).map((r) => r.name));
}

export async function openExperiment(
  db: WorkbenchDb,
  file: Blob,
  options: OpenExperimentOptions,
): Promise<OpenedExperiment> {
  const total = Math.ceil((2 * file.size) / 1024);
  let read = 0;
  const onBytes = (n: number) => {
    read += n;
    options.progress(Math.min(total, Math.floor(read / 1024)), total);
  };
  const checked = await check(file, options, onBytes);
  const { manifest } = checked;
  const ids = {
    dataset: `dataset-${options.stamp}`,
    run: `run-${options.stamp}`,
    analysis: (n: number) => `analysis-${options.stamp}-${n}`,
  };
  const written = [ids.dataset, ids.run, ...checked.analyses.map((_, n) => ids.analysis(n))];
  // Checked before writing: the clean-up below deletes whatever these ids hold.
  for (const id of written)
    for (const store of TOP_LEVEL_STORES)
      if ((await db.getKey(store, id)) !== undefined)
        throw new ExperimentFileError(`the id '${id}' is already in use here; open it again`);
  const renamed: OpenedExperiment['renamed'] = [];
  const onRenamed = (from: string, to: string) => renamed.push({ from, to });
  try {
    const datasetNames = await namesIn(db, 'datasets');
    let dataset: DatasetRecord;
    if (manifest.images) {
      const prefix = DATASET_PREFIX;
      const limits = new ExperimentLimits();
      limits.dataset.spec = checked.datasetManifest.spec;
      async function* datasetEntries(): AsyncGenerator<ZipEntry> {
        for await (const entry of entriesOf(file, options.signal, onBytes, limits))
          if (entry.name.startsWith(prefix)) yield { name: entry.name.slice(prefix.length), data: entry.data };
      }
      try {
        dataset = await importDatasetEntries(db, datasetEntries(), {
          datasetId: ids.dataset,
          h5: options.h5,
          signal: options.signal,
          progress: () => undefined,
          existingNames: datasetNames,
          onRenamed,
        });
      } catch (error) {
        throw error instanceof DatasetZipError
          ? new ExperimentFileError(`its dataset is refused (${error.message})`)
          : error;
      }
    } else {
      const m = checked.datasetManifest;
      const name = freeName(m.name, datasetNames);
      if (name !== m.name) onRenamed(m.name, name);
      // 'paused' with no images: the Dataset tab offers to resume, which renders them from the settings and seed.
      dataset = {
        id: ids.dataset,
        name,
        createdAt: Date.now(),
        spec: m.spec,
        status: 'paused',
        ...(m.split ? { split: m.split } : {}),
        ...(m.queries ? { queries: m.queries } : {}),
        ...(checked.audit ? { audit: checked.audit } : {}),
      };
    }
    const runNames = await namesIn(db, 'runs');
    const runName = freeName(checked.run.record.name, runNames);
    if (runName !== checked.run.record.name) onRenamed(checked.run.record.name, runName);
    const { config, imported } = checked.run.record;
    // An imported model's config names no dataset of its own; a trained run's names this one.
    const run = withNewId(checked.run, ids.run, {
      name: runName,
      ...(imported ? {} : { config: { ...config, datasetId: ids.dataset } }),
    });
    const analyses = checked.analyses.map((a, n) =>
      withNewId(a, ids.analysis(n), { runId: ids.run, runName, datasetId: ids.dataset }),
    );
    for (const item of [run, ...analyses]) await writeOwned(db, item);
    if (!manifest.images) await putRecord(db, 'datasets', dataset);
    // The run and its analyses appear together or not at all.
    await writeTransaction(db, ['runs', 'results'], `opening the experiment '${run.record.name}'`, async (tx) => {
      await tx.objectStore('runs').put(run.record);
      for (const a of analyses) await tx.objectStore('results').put(a.record);
    });
    return { dataset, run: run.record, analyses: analyses.map((a) => a.record), images: manifest.images, renamed };
  } catch (error) {
    for (const [i, id] of written.entries())
      await deleteStoredItem(db, i === 0 ? 'datasets' : i === 1 ? 'runs' : 'results', id);
    throw error;
  }
}
