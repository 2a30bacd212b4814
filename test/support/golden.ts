/**
 * Golden files: what the Python oracles (scikit-learn, h5py, pandas) answered, checked in under
 * test/golden/ so that unit tests need no Python. `npm run golden` (test/golden/regenerate.mjs)
 * runs the same tests with GMF_GOLDEN=update: each oracle then runs live, the test checks our
 * code against its fresh answer, and the file is rewritten.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** True under `npm run golden`: oracles run live and their golden files are rewritten. */
export const UPDATING_GOLDEN = process.env.GMF_GOLDEN === 'update';

const GOLDEN_DIR = new URL('../golden/', import.meta.url);

/** Hex SHA-256 of the parts in order: what a golden file records of the input its oracle saw. */
export function sha256(...parts: readonly (string | Uint8Array)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
}

const isPlain = (v: unknown): boolean => v === null || typeof v !== 'object';

/**
 * JSON with one line per array or object of plain values (a matrix row, a table row), so that a
 * regenerated file diffs by row rather than by number.
 */
function formatGolden(value: unknown, indent = ''): string {
  if (value === null || typeof value !== 'object' || Object.values(value).every(isPlain)) return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value))
    return `[\n${value.map((v) => `${inner}${formatGolden(v, inner)}`).join(',\n')}\n${indent}]`;
  return `{\n${Object.entries(value)
    .map(([k, v]) => `${inner}${JSON.stringify(k)}: ${formatGolden(v, inner)}`)
    .join(',\n')}\n${indent}}`;
}

/**
 * The oracle's answer stored in test/golden/{name}.json; under `npm run golden`, `oracle()` is
 * run and its answer rewrites that file. Either way the answer is read back from the JSON, so a
 * test sees exactly what it will see without Python.
 */
export function golden<T>(name: string, oracle: () => T): T {
  const file = fileURLToPath(new URL(`${name}.json`, GOLDEN_DIR));
  if (UPDATING_GOLDEN) writeFileSync(file, `${formatGolden(oracle())}\n`);
  else if (!existsSync(file))
    throw new Error(`${file} is missing: run \`npm run golden\` (it needs Python with scikit-learn, h5py and pandas).`);
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** The message for a golden input checksum that no longer matches what a test builds. */
export function inputChanged(name: string): string {
  return `the input of test/golden/${name}.json changed since it was computed: run \`npm run golden\` to ask the oracle again`;
}
