/**
 * `manifest.json`, the last entry of an experiment file: format and version, the app and face
 * model that made it, what it holds, and every other entry's byte size and SHA-256, so an open
 * checks the whole file before it writes anything.
 */
import { GmfError } from '../../lib/errors';

export const EXPERIMENT_MANIFEST = 'manifest.json';
export const EXPERIMENT_FORMAT = 'gmf-workbench-experiment';
export const EXPERIMENT_VERSION = 1;
/** Folder of the dataset's zip entries (its own layout, `{name}/...`) inside an experiment file. */
export const DATASET_PREFIX = 'dataset/';
export const RUN_FILES = { json: 'run.json', bin: 'run.bin' } as const;
export const analysisFiles = (n: number) => ({ json: `analyses/${n}.json`, bin: `analyses/${n}.bin` });

/** Limits that keep a hostile or broken file from exhausting memory before its checks fail. */
export const LIMITS = { entries: 2_000_000, entryBytes: 1 << 30, totalBytes: 16 * 2 ** 30 } as const;

export interface ManifestEntry {
  path: string;
  bytes: number;
  sha256: string;
}

export interface ExperimentManifest {
  format: typeof EXPERIMENT_FORMAT;
  version: typeof EXPERIMENT_VERSION;
  app: { name: string; version: string };
  /** ISO 8601. */
  createdAt: string;
  faceModel: { id: string; version: number };
  /** False when the images were left out (regenerable from the dataset's settings and seed). */
  images: boolean;
  /** The ids are the exporting browser's; an open stores everything under fresh ids. */
  dataset: { id: string; name: string; folder: string };
  run: { id: string; name: string };
  analyses: { id: string; name: string }[];
  entries: ManifestEntry[];
}

export class ExperimentFileError extends GmfError {
  constructor(problem: string) {
    super(
      'BAD_EXPERIMENT_FILE',
      `This file is not an experiment exported by GMF Workbench: ${problem}. Nothing was opened.`,
    );
  }
}

export class ExperimentExportError extends GmfError {
  constructor(message: string) {
    super('EXPERIMENT_EXPORT', message);
  }
}

export async function sha256Hex(data: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNamed = (v: unknown): v is { id: string; name: string } =>
  isObject(v) && typeof v.id === 'string' && v.id !== '' && typeof v.name === 'string';

/** Parses and checks the manifest's own shape; the entries are compared with the file by the caller. */
export function parseExperimentManifest(text: string): ExperimentManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ExperimentFileError(`${EXPERIMENT_MANIFEST} is not valid JSON`);
  }
  if (!isObject(raw) || raw.format !== EXPERIMENT_FORMAT)
    throw new ExperimentFileError(`${EXPERIMENT_MANIFEST} does not declare format '${EXPERIMENT_FORMAT}'`);
  if (raw.version !== EXPERIMENT_VERSION)
    throw new ExperimentFileError(
      `it has format version ${String(raw.version)}; this app (${EXPERIMENT_FORMAT} ${EXPERIMENT_VERSION}) cannot read it`,
    );
  const { app, faceModel, dataset, run, analyses, entries } = raw;
  const bad = (what: string) => new ExperimentFileError(`${EXPERIMENT_MANIFEST} has a malformed ${what}`);
  if (!isObject(app) || typeof app.name !== 'string' || typeof app.version !== 'string') throw bad('app');
  if (!isObject(faceModel) || typeof faceModel.id !== 'string' || typeof faceModel.version !== 'number')
    throw bad('face model');
  if (typeof raw.images !== 'boolean' || typeof raw.createdAt !== 'string') throw bad('header');
  const folder = isObject(dataset) ? dataset.folder : undefined;
  if (!isNamed(dataset) || typeof folder !== 'string' || !/^[A-Za-z0-9._-]+$/.test(folder)) throw bad('dataset');
  if (!isNamed(run)) throw bad('run');
  if (!Array.isArray(analyses) || !analyses.every(isNamed)) throw bad('list of analyses');
  if (!Array.isArray(entries)) throw bad('list of entries');
  if (entries.length > LIMITS.entries)
    throw new ExperimentFileError(`it lists ${entries.length} entries, more than the ${LIMITS.entries} allowed`);
  const paths = new Set<string>();
  for (const e of entries) {
    if (
      !isObject(e) ||
      typeof e.path !== 'string' ||
      !Number.isSafeInteger(e.bytes) ||
      (e.bytes as number) < 0 ||
      typeof e.sha256 !== 'string' ||
      !/^[0-9a-f]{64}$/.test(e.sha256)
    )
      throw bad('entry');
    if ((e.bytes as number) > LIMITS.entryBytes)
      throw new ExperimentFileError(
        `'${e.path}' is declared as ${String(e.bytes)} bytes, more than the ${LIMITS.entryBytes} allowed for one entry`,
      );
    if (paths.has(e.path)) throw new ExperimentFileError(`'${e.path}' is listed twice`);
    paths.add(e.path);
  }
  return raw as unknown as ExperimentManifest;
}
