/**
 * A dataset as a zip in the original on-disk layout, streamed identity by identity:
 *   {name}/gmf-dataset.json                      (first: settings, split, queries)
 *   {name}/factor_audit.json, factor_audit.tsv   (when the dataset has a factor audit)
 *   {name}/id-{id}_gender-{g}_ethn-{e}_age-{a}/{var}_image[left|right].{png|jpg}, {var}_features.h5
 *   {name}/{name}.csv                            (last: the table, paths relative to {name}/)
 * Only one identity's images are in memory at a time; the sink receives the zip as it grows.
 * Images are stored as they are (already compressed); the rest is deflated.
 */
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import type { FeaturesH5Bytes } from '../featuresH5';
import { type DatasetRecord, identityKeyPrefix, isImageRecord } from '../records';
import { identitySplits } from '../exportCsv';
import { getRecordsByKeyPrefix, type WorkbenchDb } from '../../../lib/storage';
import { datasetColumns, tableRow, toCsv, type TableRow } from '../csvTable';
import { auditFiles } from './auditFiles';
import { DatasetZipError, MANIFEST_FILE, manifestOf, safeFileName } from './manifest';

/** Where the zip goes: an OPFS file in the app, memory in tests. Called synchronously, in order. */
export interface ZipSink {
  write(chunk: Uint8Array): void;
}

export interface ArchiveProgress {
  (done: number, total: number): void;
}

const encoder = new TextEncoder();

/** Adds one file at `path` (under the dataset's folder); `compress`: deflate it (images are stored as they are). */
export type AddZipEntry = (path: string, data: Uint8Array, compress: boolean) => void | Promise<void>;

/** A zip written entry by entry into `sink`: `add` files, then `end` (the zip's size in bytes). */
export function streamingZip(sink: ZipSink): {
  add: (path: string, data: Uint8Array, compress: boolean) => void;
  end(): number;
} {
  let bytes = 0;
  // fflate reports errors through the callback; kept in an object so checks after calls see them.
  const status: { failure: Error | null } = { failure: null };
  const zip = new Zip((error, chunk) => {
    if (error) status.failure = error;
    else {
      bytes += chunk.length;
      sink.write(chunk);
    }
  });
  return {
    add(path, data, compress) {
      const entry = compress ? new ZipDeflate(path, { level: 6 }) : new ZipPassThrough(path);
      zip.add(entry);
      entry.push(data, true);
      if (status.failure) throw status.failure;
    },
    end() {
      zip.end();
      if (status.failure) throw status.failure;
      return bytes;
    },
  };
}

export async function exportDatasetZip(
  db: WorkbenchDb,
  record: DatasetRecord,
  h5: FeaturesH5Bytes,
  sink: ZipSink,
  signal: AbortSignal,
  progress: ArchiveProgress,
): Promise<{ images: number; bytes: number }> {
  const zip = streamingZip(sink);
  const { images } = await writeDatasetEntries(db, record, h5, zip.add, signal, progress);
  return { images, bytes: zip.end() };
}

/** Every file of the dataset's zip, in zip order, through `add` (also used inside an experiment file). */
export async function writeDatasetEntries(
  db: WorkbenchDb,
  record: DatasetRecord,
  h5: FeaturesH5Bytes,
  addEntry: AddZipEntry,
  signal: AbortSignal,
  progress: ArchiveProgress,
): Promise<{ images: number }> {
  if (record.status !== 'complete')
    throw new DatasetZipError(`'${record.name}' is still being generated; export it when it is complete`);
  const { spec } = record;
  const root = safeFileName(record.name);
  const add = (path: string, data: Uint8Array, compress: boolean) => addEntry(`${root}/${path}`, data, compress);

  await add(MANIFEST_FILE, encoder.encode(JSON.stringify(manifestOf(record), null, 2)), true);
  for (const [file, text] of auditFiles(record.audit)) await add(file, encoder.encode(text), true);
  const splits = identitySplits(record);
  const rows: TableRow[] = [];
  const total = spec.identities * spec.variationsPerIdentity;
  progress(0, total);
  for (let id = 0; id < spec.identities; id++) {
    if (signal.aborted) throw signal.reason;
    const images = (await getRecordsByKeyPrefix(db, 'images', identityKeyPrefix(record.id, id))).filter(isImageRecord);
    if (images.length !== spec.variationsPerIdentity) {
      throw new DatasetZipError(`identity ${id} has ${images.length} of ${spec.variationsPerIdentity} images stored`);
    }
    for (const image of images) {
      const row = tableRow(
        image.features.identity,
        image.features.variation,
        image.variation,
        splits.get(id) ?? '',
        spec,
      );
      rows.push(row);
      const files: [string | number | undefined, Blob | undefined][] = [
        [row.image_path_left, image.left],
        [row.image_path, image.centre],
        [row.image_path_right, image.right],
      ];
      for (const [path, blob] of files) {
        if (typeof path === 'string' && blob) await add(path, new Uint8Array(await blob.arrayBuffer()), false);
      }
      await add(String(row.feature_path), h5.write(image.features, spec.cameraDistance), true);
    }
    progress(rows.length, total);
  }
  await add(`${root}.csv`, encoder.encode(toCsv(rows, datasetColumns(spec.binocular))), true);
  return { images: rows.length };
}
