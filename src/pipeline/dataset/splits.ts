import { GmfError } from '../../lib/errors';
import { createRng } from '../../lib/random';

export type SplitName = 'training' | 'validation' | 'testing';

export const SPLIT_NAMES: readonly SplitName[] = ['training', 'validation', 'testing'];

export interface SplitCounts {
  training: number;
  validation: number;
  testing: number;
}

/** The split counts are invalid or do not match the dataset's identities. */
export class SplitError extends GmfError {
  constructor(message: string) {
    super('SPLIT_SIZES', message);
  }
}

/** The least identities a split saved from now on must give training and validation. */
const LEAST: Readonly<SplitCounts> = { training: 1, validation: 1, testing: 0 };
const WHY: Readonly<Record<SplitName, string>> = {
  training: 'the network learns from them',
  validation: "the decoders choose their regularisation on it, and a run's validation images come from it",
  testing: '',
};

/**
 * Why `counts` cannot be saved as the split of a dataset of `identities`, or null when they can:
 * whole numbers, at least one training and one validation identity, adding up to the
 * identities. Testing may be empty (a dataset made only to train on); an analysis asks for it.
 * Forms and imported manifests use this; splitIdentities still reads splits saved before.
 */
export function splitCountsIssue(counts: Readonly<Record<SplitName, unknown>>, identities: number): string | null {
  for (const name of SPLIT_NAMES) {
    const value = counts[name];
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < LEAST[name]) {
      const least = LEAST[name];
      return least === 0
        ? `The number of ${name} identities must be a whole number of 0 or more, got ${String(value)}.`
        : `A split needs at least ${least} ${name} identity (${WHY[name]}): give ${name} a whole number of ${least} or more, got ${String(value)}.`;
    }
  }
  const { training, validation, testing } = counts as SplitCounts;
  const total = training + validation + testing;
  return total === identities
    ? null
    : `Split sizes ${training} + ${validation} + ${testing} = ${total} do not add up to the ${identities} identities in this dataset.`;
}

function checkCount(name: SplitName, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new SplitError(`The number of ${name} identities must be a whole number of 0 or more, got ${value}.`);
  }
}

/**
 * Assigns whole identities to training / validation / testing (disjoint, as in the original):
 * a Fisher–Yates shuffle of the sorted ids seeded by (seed, 'split'), then the first
 * `training` ids, the next `validation`, the rest testing. Sorting first makes the result
 * independent of the order the ids come in.
 */
export function splitIdentities(
  identityIds: readonly number[],
  counts: SplitCounts,
  seed: number,
): Map<number, SplitName> {
  for (const name of SPLIT_NAMES) checkCount(name, counts[name]);
  const ids = [...new Set(identityIds)].sort((a, b) => a - b);
  if (ids.length !== identityIds.length) {
    throw new SplitError('The identity list holds the same identity more than once.');
  }
  const total = counts.training + counts.validation + counts.testing;
  if (total !== ids.length) {
    throw new SplitError(
      `Split sizes ${counts.training} + ${counts.validation} + ${counts.testing} = ${total} ` +
        `do not add up to the ${ids.length} identities in this dataset.`,
    );
  }
  const rng = createRng(seed, 'split');
  for (let i = ids.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    const a = ids[i];
    const b = ids[j];
    if (a === undefined || b === undefined) throw new Error('unreachable: index out of range');
    ids[i] = b;
    ids[j] = a;
  }
  const result = new Map<number, SplitName>();
  ids.forEach((id, index) => {
    const split: SplitName =
      index < counts.training ? 'training' : index < counts.training + counts.validation ? 'validation' : 'testing';
    result.set(id, split);
  });
  return result;
}
