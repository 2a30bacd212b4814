/**
 * Which images train and which validate, and in what order: a seeded shuffle and the
 * id-target holdout, both drawn from the project's one PRNG (gmf/random.ts) so a run repeats.
 */
import type { SplitName } from '../../dataset/splits';
import { GmfError } from '../../../lib/errors';
import { createRng, type StreamKey } from '../../../lib/random';
import type { TargetName } from './targetSpecs';

/** Fisher–Yates over 0..n-1, seeded by (seed, 'shuffle', ...keys): pass the epoch as a key. */
export function shuffledIndices(n: number, seed: StreamKey, ...keys: StreamKey[]): Uint32Array {
  if (!Number.isSafeInteger(n) || n < 0 || n >= 2 ** 32)
    throw new GmfError('BAD_SHUFFLE_SIZE', `Cannot shuffle ${n} items.`);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const rng = createRng(seed, 'shuffle', ...keys);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(0, i);
    const a = order[i] ?? 0;
    order[i] = order[j] ?? 0;
    order[j] = a;
  }
  return order;
}

/**
 * Images held out of an identity with k images: 12.5 % rounded half up, at least one so
 * every identity is validated, at most k - 1 so every identity is still trained on; an
 * identity with a single image only trains. (The original's pandas sample(frac=0.125)
 * rounds to even and so held out nothing for k <= 4.)
 */
export function heldOutCount(k: number): number {
  if (k < 2) return 0;
  return Math.min(k - 1, Math.max(1, Math.round(k / 8)));
}

export interface ItemSplit {
  /** Item indices, ascending; shuffle per epoch with shuffledIndices. */
  training: number[];
  validation: number[];
}

/**
 * Holds out heldOutCount(k) of each identity's items for validation, chosen by a shuffle
 * seeded by (seed, 'holdout', identity): the choice for one identity does not depend on the
 * others, nor on the order the items come in beyond their order within the identity.
 */
export function holdOutPerIdentity(identityOfItem: ArrayLike<number>, seed: StreamKey): ItemSplit {
  const byIdentity = new Map<number, number[]>();
  for (let i = 0; i < identityOfItem.length; i++) {
    const id = identityOfItem[i] ?? 0;
    const items = byIdentity.get(id) ?? [];
    items.push(i);
    byIdentity.set(id, items);
  }
  const validation: number[] = [];
  for (const [id, items] of byIdentity) {
    const order = shuffledIndices(items.length, seed, 'holdout', id);
    for (const j of order.subarray(0, heldOutCount(items.length))) validation.push(items[j] ?? 0);
  }
  if (validation.length === 0) {
    throw new GmfError(
      'ID_HOLDOUT_EMPTY',
      'Every training identity has a single image, so none can be held out to validate identity classification; generate at least 2 variations per identity.',
    );
  }
  validation.sort((a, b) => a - b);
  const held = new Set(validation);
  const training: number[] = [];
  for (let i = 0; i < identityOfItem.length; i++) if (!held.has(i)) training.push(i);
  return { training, validation };
}

export interface SplitItem {
  identity: number;
  split: SplitName;
}

/**
 * The items a run trains and validates on (DESIGN.md section 1 step 3). With id among the
 * targets, validation identities would be unknown classes, so both come from the training
 * split via holdOutPerIdentity; otherwise the dataset's training and validation splits.
 */
export function trainValidationItems(
  items: readonly SplitItem[],
  targets: readonly TargetName[],
  seed: StreamKey,
): ItemSplit {
  if (targets.includes('id')) {
    const trainingItems = items.flatMap((item, i) => (item.split === 'training' ? [i] : []));
    const split = holdOutPerIdentity(
      trainingItems.map((i) => items[i]?.identity ?? 0),
      seed,
    );
    const pick = (local: number[]) => local.map((j) => trainingItems[j] ?? 0);
    return { training: pick(split.training), validation: pick(split.validation) };
  }
  const of = (name: SplitName) => items.flatMap((item, i) => (item.split === name ? [i] : []));
  return { training: of('training'), validation: of('validation') };
}
