/**
 * `gmf-dataset.json`, the first entry of a dataset zip: what the on-disk layout cannot say by
 * itself (the generator settings, the saved split and queries), so an import restores the
 * dataset as it was. The original's tools ignore it.
 */
import { GmfError } from '../../../lib/errors';
import { DEFAULT_GENERATOR_SPEC, type GeneratorSpec, validateGeneratorSpec } from '../../../model/gmf/generatorSpec';
import type { DatasetRecord } from '../records';
import { splitCountsIssue } from '../splits';
import { DATASET_QUERY_SCHEMA, parseQuery } from '../query';
import { MAX_NAME_LENGTH, nameIssue, uniqueName } from '../../../lib/names';

export const MANIFEST_FILE = 'gmf-dataset.json';
const FORMAT = 'gmf-workbench-dataset';
const VERSION = 1;

export interface DatasetManifest {
  format: typeof FORMAT;
  version: typeof VERSION;
  name: string;
  createdAt: number;
  spec: GeneratorSpec;
  split?: DatasetRecord['split'];
  queries?: Record<string, string>;
}

export class DatasetZipError extends GmfError {
  constructor(problem: string) {
    super('BAD_DATASET_ZIP', `This zip is not a dataset exported by GMF Workbench: ${problem}. Nothing was imported.`);
  }
}

export function manifestOf(record: DatasetRecord): DatasetManifest {
  return {
    format: FORMAT,
    version: VERSION,
    name: record.name,
    createdAt: record.createdAt,
    spec: record.spec,
    ...(record.split ? { split: record.split } : {}),
    ...(record.queries ? { queries: record.queries } : {}),
  };
}

/** A file or folder name safe on every file system, from a dataset name. */
export function safeFileName(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '');
  return safe === '' ? 'dataset' : safe.slice(0, 100);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Same keys and value kinds as `template`, recursively: so validation below never meets a missing field. */
function shapeProblem(value: unknown, template: unknown, path: string): string | null {
  if (Array.isArray(template)) {
    if (!Array.isArray(value)) return `${path} must be a list`;
    const kind = typeof template[0];
    const bad = value.findIndex((item) => typeof item !== kind);
    return bad >= 0 ? `${path}[${bad}] must be a ${kind}` : null;
  }
  if (isObject(template)) {
    if (!isObject(value)) return `${path} must be an object`;
    for (const key of Object.keys(template)) {
      const problem = shapeProblem(value[key], template[key], `${path}.${key}`);
      if (problem) return problem;
    }
    return null;
  }
  return typeof value === typeof template ? null : `${path} must be a ${typeof template}`;
}

export function parseManifest(text: string): DatasetManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new DatasetZipError(`${MANIFEST_FILE} is not valid JSON`);
  }
  if (!isObject(raw) || raw.format !== FORMAT)
    throw new DatasetZipError(`${MANIFEST_FILE} does not declare format '${FORMAT}'`);
  if (raw.version !== VERSION)
    throw new DatasetZipError(`${MANIFEST_FILE} has version ${String(raw.version)}; this app reads version ${VERSION}`);
  if (typeof raw.name !== 'string' || raw.name.trim() === '') throw new DatasetZipError('the dataset has no name');
  const problem = shapeProblem(raw.spec, DEFAULT_GENERATOR_SPEC, 'spec');
  if (problem) throw new DatasetZipError(`${MANIFEST_FILE}: ${problem}`);
  // Names from before the length limit are shortened (the importer says so), not refused.
  const spec = { ...(raw.spec as GeneratorSpec), name: importableName((raw.spec as GeneratorSpec).name) };
  const issues = validateGeneratorSpec(spec);
  if (issues.length > 0)
    throw new DatasetZipError(`its generator settings are invalid (${issues.map((i) => i.message).join(' ')})`);
  const manifest: DatasetManifest = {
    format: FORMAT,
    version: VERSION,
    name: raw.name,
    createdAt: typeof raw.createdAt === 'number' ? raw.createdAt : Date.now(),
    spec,
  };
  if (raw.split !== undefined) {
    const split = raw.split as { counts?: unknown; seed?: unknown };
    const counts = isObject(split.counts) ? split.counts : {};
    if (!Number.isSafeInteger(split.seed)) throw new DatasetZipError(`${MANIFEST_FILE} has a malformed split`);
    const splitProblem = splitCountsIssue(
      { training: counts.training, validation: counts.validation, testing: counts.testing },
      spec.identities,
    );
    if (splitProblem) throw new DatasetZipError(`its saved split is invalid (${splitProblem})`);
    manifest.split = {
      counts: {
        training: Number(counts.training),
        validation: Number(counts.validation),
        testing: Number(counts.testing),
      },
      seed: split.seed as number,
    };
  }
  if (raw.queries !== undefined) {
    if (!isObject(raw.queries) || !Object.values(raw.queries).every((q) => typeof q === 'string')) {
      throw new DatasetZipError(`${MANIFEST_FILE} has malformed saved queries`);
    }
    manifest.queries = checkedQueries(raw.queries as Record<string, string>);
  }
  return manifest;
}

/** A name from a file as it can be stored: control characters out, at most MAX_NAME_LENGTH characters. */
export function importableName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = name.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return clean.length > MAX_NAME_LENGTH ? uniqueName(clean, []) : clean;
}

/**
 * Saved queries as training and the query box will read them: each name within the name rules,
 * each text parsed with the real query parser, so an unreadable one is refused here and not
 * when a run or the table first uses it.
 */
function checkedQueries(queries: Record<string, string>): Record<string, string> {
  for (const [name, text] of Object.entries(queries)) {
    const problem = nameIssue(name, 'query');
    if (problem) throw new DatasetZipError(`a saved query's name is not allowed (${problem})`);
    try {
      parseQuery(text, DATASET_QUERY_SCHEMA);
    } catch (error) {
      throw new DatasetZipError(
        `its saved query '${name}' cannot be read (${error instanceof Error ? error.message : String(error)})`,
      );
    }
  }
  return queries;
}
