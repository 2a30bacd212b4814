/**
 * Restores a dataset from a zip written by exportDatasetZip. The zip is read as a stream; an
 * identity's files are checked together (every image, a readable features.h5 that agrees with
 * the folder name) and stored in one transaction; the table must list exactly what was stored.
 * On any problem everything written so far is deleted again, so a bad zip changes nothing.
 */
import type { FactorAuditResult } from '../../audit/record/auditRecord';
import type { FeaturesH5Bytes } from '../featuresH5';
import { type DatasetRecord, type ImageRecord, imageKey } from '../records';
import { deleteStoredItem, putRecord, putRecords, type WorkbenchDb } from '../../../lib/storage';
import { readZipEntries, type ZipEntry, ZipFormatError } from '../../../lib/formats/zipStream';
import { datasetColumns, identityFolder, parseCsv, tableRow } from '../csvTable';
import { FACTOR_AUDIT_JSON, FACTOR_AUDIT_TSV, readAuditFile } from './auditFiles';
import { type ArchiveProgress } from './exportZip';
import { type DatasetManifest, DatasetZipError, importableName, MANIFEST_FILE, parseManifest } from './manifest';
import { uniqueName } from '../../../lib/names';
import { DatasetZipLimits } from './zipLimits';

interface PendingImage {
  centre?: Blob;
  left?: Blob;
  right?: Blob;
  features?: ImageRecord['features'];
}

const FILE_PATTERN = /^(\d+)_(image|imageleft|imageright)\.(png|jpg)$|^(\d+)_features\.h5$/;

class DatasetImporter {
  private manifest: DatasetManifest | null = null;
  private root = '';
  private folder: string | null = null;
  private pending = new Map<number, PendingImage>();
  private readonly finishedFolders = new Set<string>();
  private readonly storedPaths = new Map<string, ImageRecord>();
  private csv: string | null = null;
  private audit: FactorAuditResult | null = null;
  stored = 0;

  constructor(
    private readonly db: WorkbenchDb,
    private readonly datasetId: string,
    private readonly h5: FeaturesH5Bytes,
    private readonly progress: ArchiveProgress,
    private readonly existingNames: ReadonlySet<string>,
    private readonly limits: DatasetZipLimits,
    private readonly onRenamed: ImportOptions['onRenamed'],
  ) {}

  get total(): number {
    return this.manifest ? this.manifest.spec.identities * this.manifest.spec.variationsPerIdentity : 0;
  }

  async accept(name: string, data: Uint8Array): Promise<void> {
    if (name.endsWith('/')) return; // folder entry
    if (!this.manifest) {
      const [root, file, ...rest] = name.split('/');
      if (file !== MANIFEST_FILE || rest.length > 0 || !root)
        throw new DatasetZipError(`its first entry is '${name}', not {dataset}/${MANIFEST_FILE}`);
      this.root = root;
      this.manifest = parseManifest(new TextDecoder().decode(data));
      // From here on the zip may hold only what the manifest describes.
      this.limits.spec = this.manifest.spec;
      this.progress(0, this.total);
      return;
    }
    if (!name.startsWith(`${this.root}/`))
      throw new DatasetZipError(`'${name}' lies outside the dataset folder '${this.root}/'`);
    const parts = name.slice(this.root.length + 1).split('/');
    if (parts.length === 1 && parts[0] === FACTOR_AUDIT_JSON) {
      this.audit = readAuditFile(new TextDecoder().decode(data));
      return;
    }
    if (parts.length === 1 && parts[0] === FACTOR_AUDIT_TSV) return; // the JSON's rows as a table
    if (parts.length === 1 && parts[0]?.endsWith('.csv')) {
      await this.flushFolder();
      this.csv = new TextDecoder().decode(data);
      return;
    }
    const [folder, file] = parts;
    if (parts.length !== 2 || !folder || !file) throw new DatasetZipError(`unexpected entry '${name}'`);
    const match = FILE_PATTERN.exec(file);
    if (!match) throw new DatasetZipError(`unexpected file '${name}'`);
    if (folder !== this.folder) {
      await this.flushFolder();
      if (this.finishedFolders.has(folder))
        throw new DatasetZipError(`the files of '${folder}' are not stored together`);
      this.folder = folder;
    }
    const variation = Number(match[1] ?? match[4]);
    const image = this.pending.get(variation) ?? {};
    this.pending.set(variation, image);
    if (match[4] !== undefined) {
      image.features = this.h5.read(data, name).features;
      return;
    }
    const format = match[3] === 'jpg' ? 'jpg' : 'png';
    if (format !== this.spec().format)
      throw new DatasetZipError(`'${name}' is ${format} but the dataset says ${this.spec().format}`);
    const blob = new Blob([data.slice()], { type: format === 'jpg' ? 'image/jpeg' : 'image/png' });
    const kind = match[2] === 'imageleft' ? 'left' : match[2] === 'imageright' ? 'right' : 'centre';
    image[kind] = blob;
  }

  private spec(): DatasetManifest['spec'] {
    if (!this.manifest) throw new DatasetZipError(`${MANIFEST_FILE} is missing`);
    return this.manifest.spec;
  }

  /** Checks one identity folder and stores its images in one transaction. */
  private async flushFolder(): Promise<void> {
    const folder = this.folder;
    if (folder === null) return;
    const spec = this.spec();
    const records: ImageRecord[] = [];
    for (let v = 0; v < spec.variationsPerIdentity; v++) {
      const image = this.pending.get(v);
      const { features, centre, left, right } = image ?? {};
      if (!features) throw new DatasetZipError(`'${folder}/${v}_features.h5' is missing`);
      if (!centre) throw new DatasetZipError(`'${folder}/${v}_image.${spec.format}' is missing`);
      if (spec.binocular && (!left || !right))
        throw new DatasetZipError(`the left or right image of '${folder}' variation ${v} is missing`);
      if (identityFolder(features.identity) !== folder)
        throw new DatasetZipError(
          `'${folder}/${v}_features.h5' describes identity ${features.identity.id} (${identityFolder(features.identity)})`,
        );
      const id = features.identity.id;
      if (!Number.isSafeInteger(id) || id < 0 || id >= spec.identities)
        throw new DatasetZipError(`'${folder}' has identity ${id}, outside 0..${spec.identities - 1}`);
      const record: ImageRecord = {
        key: imageKey(this.datasetId, id, v),
        owner: this.datasetId,
        identity: id,
        variation: v,
        centre,
        ...(spec.binocular && left && right ? { left, right } : {}),
        features,
      };
      records.push(record);
      const row = tableRow(features.identity, features.variation, v, '', spec);
      this.storedPaths.set(String(row.feature_path), record);
    }
    if (this.pending.size !== spec.variationsPerIdentity)
      throw new DatasetZipError(
        `'${folder}' holds ${this.pending.size} variations; the dataset has ${spec.variationsPerIdentity}`,
      );
    if (new Set(records.map((r) => r.identity)).size !== 1) throw new DatasetZipError(`'${folder}' mixes identities`);
    await putRecords(this.db, 'images', records);
    this.stored += records.length;
    this.finishedFolders.add(folder);
    this.folder = null;
    this.pending = new Map();
    this.progress(this.stored, this.total);
  }

  /** The table must list exactly the stored images, with the values their features hold. */
  async finish(): Promise<DatasetRecord> {
    await this.flushFolder();
    const manifest = this.manifest;
    if (!manifest) throw new DatasetZipError('it is empty');
    if (this.csv === null) throw new DatasetZipError(`the table ${this.root}/${this.root}.csv is missing`);
    if (this.stored !== this.total)
      throw new DatasetZipError(`it holds ${this.stored} images; the dataset has ${this.total}`);
    const { columns, rows } = parseCsv(this.csv);
    const expected = datasetColumns(manifest.spec.binocular);
    if (columns.join(',') !== expected.join(','))
      throw new DatasetZipError(`the table's columns are ${columns.join(', ')}; expected ${expected.join(', ')}`);
    if (rows.length !== this.stored)
      throw new DatasetZipError(`the table has ${rows.length} rows for ${this.stored} images`);
    for (const [i, row] of rows.entries()) {
      const record = this.storedPaths.get(row.feature_path ?? '');
      if (!record)
        throw new DatasetZipError(`table row ${i + 1} names '${row.feature_path ?? ''}', which is not in the zip`);
      const want = tableRow(record.features.identity, record.features.variation, record.variation, '', manifest.spec);
      for (const column of expected) {
        if (column !== 'split' && String(want[column]) !== row[column]) {
          throw new DatasetZipError(
            `table row ${i + 1}: ${column} is '${row[column] ?? ''}' but its files say '${String(want[column])}'`,
          );
        }
      }
    }
    const name = freeName(manifest.name, this.existingNames);
    if (name !== manifest.name) this.onRenamed?.(manifest.name, name);
    const record: DatasetRecord = {
      id: this.datasetId,
      name,
      createdAt: Date.now(),
      spec: manifest.spec,
      status: 'complete',
      ...(manifest.split ? { split: manifest.split } : {}),
      ...(manifest.queries ? { queries: manifest.queries } : {}),
      ...(this.audit ? { audit: this.audit } : {}),
    };
    await putRecord(this.db, 'datasets', record);
    return record;
  }
}

/**
 * A name from a file as it can be stored here: within the name rules (an overlong one
 * shortened) and, when taken, "{name} (2)", "{name} (3)", … as forms suggest.
 */
export function freeName(name: string, taken: ReadonlySet<string>): string {
  return uniqueName(importableName(name), [...taken]);
}

export interface ImportOptions {
  /** The new dataset's id (owner of its images). */
  datasetId: string;
  h5: FeaturesH5Bytes;
  signal: AbortSignal;
  progress: ArchiveProgress;
  /** Names in use: an imported dataset whose name is taken becomes "{name} (2)". */
  existingNames?: ReadonlySet<string>;
  /** Hears the manifest's name and the one stored instead (taken, or too long), to tell the user. */
  onRenamed?: (from: string, to: string) => void;
  /** Entry limits the reader of the entries checks; set from the manifest once it is read. */
  limits?: DatasetZipLimits;
}

/** Imports under a new id; the dataset record is written last, after every check. */
export async function importDatasetZip(
  db: WorkbenchDb,
  source: ReadableStream<Uint8Array>,
  options: ImportOptions,
): Promise<DatasetRecord> {
  const limits = options.limits ?? new DatasetZipLimits();
  return importDatasetEntries(db, readZipEntries(source, options.signal, undefined, limits), { ...options, limits });
}

/**
 * The same from entries already read (an experiment file holds a dataset's entries under a
 * prefix, already stripped): checked and stored as they come, everything deleted again on failure.
 */
export async function importDatasetEntries(
  db: WorkbenchDb,
  entries: AsyncIterable<ZipEntry>,
  options: ImportOptions,
): Promise<DatasetRecord> {
  const { datasetId, signal } = options;
  const importer = new DatasetImporter(
    db,
    datasetId,
    options.h5,
    options.progress,
    options.existingNames ?? new Set(),
    options.limits ?? new DatasetZipLimits(),
    options.onRenamed,
  );
  try {
    for await (const entry of entries) {
      if (signal.aborted) throw signal.reason;
      await importer.accept(entry.name, entry.data);
    }
    return await importer.finish();
  } catch (error) {
    await deleteStoredItem(db, 'datasets', datasetId);
    throw error instanceof ZipFormatError ? new DatasetZipError(error.problem) : error;
  }
}
