/**
 * Caricatures from the generator's own settings: identity i's raw shape and texture coefficients
 * are mu + sd·z from its own stream (model/gmf/sampling.ts drawIdentity; lib/random.ts normal),
 * so the same spec with sd × s draws mu + s·sd·z — identity i with its deviation from mu scaled
 * by s, every other draw (demographics, pose, light, expression, background) unchanged. One
 * dataset per level, stored like any dataset.
 */
import { GmfError } from '../../lib/errors';
import { type GeneratorSpec, validateGeneratorSpec } from '../../model/gmf/generatorSpec';

/** Anti-caricature, veridical and two caricatures, as the issue's default. */
export const DEFAULT_CARICATURE_LEVELS: readonly number[] = Object.freeze([0.5, 1, 1.5, 2]);
export const MIN_CARICATURE_LEVELS = 2;
export const MAX_CARICATURE_LEVELS = 6;

function checkScales(levels: readonly number[]): void {
  const bad = levels.filter((s) => !Number.isFinite(s) || s <= 0);
  if (bad.length > 0)
    throw new GmfError(
      'CARICATURE_LEVELS',
      `Caricature levels must be numbers above 0 (1 = the veridical faces); got ${bad.join(', ')}.`,
    );
}

/** `levels` checked (numbers > 0, 2..6 distinct), ascending; a GmfError says what is wrong. */
export function checkCaricatureLevels(levels: readonly number[]): number[] {
  checkScales(levels);
  const sorted = [...new Set(levels)].sort((a, b) => a - b);
  if (sorted.length !== levels.length)
    throw new GmfError('CARICATURE_LEVELS', 'Each caricature level may be given once.');
  if (sorted.length < MIN_CARICATURE_LEVELS || sorted.length > MAX_CARICATURE_LEVELS)
    throw new GmfError(
      'CARICATURE_LEVELS',
      `Give ${MIN_CARICATURE_LEVELS} to ${MAX_CARICATURE_LEVELS} caricature levels, comma-separated (e.g. 0.5, 1, 1.5, 2); got ${sorted.length}.`,
    );
  return sorted;
}

/** The levels typed as "0.5, 1, 1.5, 2" (commas, spaces or both). */
export function parseCaricatureLevels(text: string): number[] {
  const parts = text
    .split(/[\s,;]+/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const notNumbers = parts.filter((p) => !/^[+]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(p));
  if (notNumbers.length > 0)
    throw new GmfError(
      'CARICATURE_LEVELS',
      `Caricature levels must be numbers above 0, comma-separated; '${notNumbers.join("', '")}' is not.`,
    );
  return checkCaricatureLevels(parts.map(Number));
}

/** The stored dataset of one level: a fixed id per (dataset, level), so a level is rendered once and reused. */
export const caricatureDatasetId = (datasetId: string, scale: number): string => `${datasetId}-caricature-x${scale}`;

export const caricatureDatasetName = (datasetName: string, scale: number): string =>
  `${datasetName} caricature ×${scale}`;

/**
 * The generator settings of level `scale` of a dataset made with `spec`: shape and texture SD × scale, a
 * new name, everything else as it was. Refuses settings whose identities do not vary (both SDs 0)
 * and settings this app cannot render again (e.g. an older face model version).
 */
export function caricatureSpec(spec: GeneratorSpec, scale: number): GeneratorSpec {
  checkScales([scale]);
  if (spec.shape.sd === 0 && spec.texture.sd === 0)
    throw new GmfError(
      'CARICATURE_NO_SPREAD',
      `'${spec.name}' draws every identity's shape and texture with SD 0: all identities sit at the mean, so there is nothing to caricature.`,
    );
  const issues = validateGeneratorSpec(spec);
  if (issues.length > 0)
    throw new GmfError(
      'CARICATURE_SPEC',
      `Caricatures of '${spec.name}' cannot be rendered here: ${issues.map((i) => i.message).join(' ')}`,
    );
  return {
    ...structuredClone(spec),
    name: caricatureDatasetName(spec.name, scale),
    shape: { mu: spec.shape.mu, sd: spec.shape.sd * scale },
    texture: { mu: spec.texture.mu, sd: spec.texture.sd * scale },
  };
}

/** Whether a stored level's settings are those of `expected` (its name aside: a dataset can be renamed). */
export function sameCaricatureSettings(stored: GeneratorSpec, expected: GeneratorSpec): boolean {
  const withoutName = (spec: GeneratorSpec) => JSON.stringify(sortedKeys({ ...spec, name: '' }));
  return withoutName(stored) === withoutName(expected);
}

/** A copy with object keys in sorted order, so that key order does not decide equality. */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => [k, sortedKeys(v)]),
  );
}
