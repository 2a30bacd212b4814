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
