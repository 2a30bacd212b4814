/**
 * Categorical labels to integer codes, as sklearn's LabelEncoder: classes sorted (numbers by
 * value, strings by code unit, as numpy's unique), codes are indices into that list. Encoding
 * several splits together gives them one shared code book.
 */
import { GmfError } from '../../lib/errors';

export type Label = number | string;

export interface EncodedLabels {
  readonly classes: readonly Label[];
  /** One Int32Array of codes per input, in the order given. */
  readonly codes: readonly Int32Array[];
}

export function encodeLabels(...splits: readonly ArrayLike<Label>[]): EncodedLabels {
  const seen = new Set<Label>();
  let kind: 'number' | 'string' | null = null;
  for (const split of splits) {
    for (let i = 0; i < split.length; i++) {
      const label = split[i];
      if (label === undefined) continue;
      const k = typeof label === 'number' ? 'number' : 'string';
      if (kind !== null && kind !== k)
        throw new GmfError('LABELS_MIXED', 'Labels of one factor must be all numbers or all text, not a mix.');
      if (k === 'number' && !Number.isFinite(label))
        throw new GmfError('LABELS_NOT_FINITE', `Label ${String(label)} is not a finite number.`);
      kind = k;
      seen.add(label);
    }
  }
  const classes = [...seen].sort((a, b) =>
    typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0,
  );
  const index = new Map(classes.map((c, i) => [c, i]));
  const codes = splits.map((split) =>
    Int32Array.from({ length: split.length }, (_, i) => index.get(split[i] ?? '') ?? 0),
  );
  return { classes, codes };
}

/** Number of distinct codes among `codes`. */
export function countDistinct(codes: ArrayLike<number>): number {
  return new Set(Array.from(codes)).size;
}
