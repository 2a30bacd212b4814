/**
 * Identity decoding across views (README.md): LDA trained on the images at yaw < 0 and tested on
 * those at yaw > 0, and the other way round, against the same classifier cross-validated within
 * one side. The classic test of view-invariant identity coding.
 */
import { GmfError } from '../../lib/errors';
import { type Matrix, selectRows } from '../../lib/linalg/matrix';
import type { InvarianceRow, LayerData, TestingData } from '../beyond/records';
import { predictIdentities } from './identityClassifier';

type Factors = TestingData['factors'];

/** The two sides of the views, restricted to identities seen on both. */
export interface InvarianceSides {
  /** Sample indices at yaw < 0 and at yaw > 0, ascending. */
  negative: number[];
  positive: number[];
  /** Class code of each sample (its identity among those on both sides, ascending by id); -1 if unused. */
  codes: Int32Array;
  identities: number;
}

export function invarianceSides(factors: Factors): InvarianceSides {
  const { id, yr } = factors.numbers;
  const negativeIds = new Set<number>();
  const positiveIds = new Set<number>();
  for (let i = 0; i < factors.samples; i++) {
    const yaw = yr[i] ?? 0;
    if (yaw < 0) negativeIds.add(id[i] ?? 0);
    else if (yaw > 0) positiveIds.add(id[i] ?? 0);
  }
  const shared = [...negativeIds].filter((v) => positiveIds.has(v)).sort((a, b) => a - b);
  const code = new Map(shared.map((v, k) => [v, k]));
  const codes = new Int32Array(factors.samples).fill(-1);
  const negative: number[] = [];
  const positive: number[] = [];
  for (let i = 0; i < factors.samples; i++) {
    const c = code.get(id[i] ?? 0);
    const yaw = yr[i] ?? 0;
    if (c === undefined || yaw === 0) continue;
    codes[i] = c;
    (yaw < 0 ? negative : positive).push(i);
  }
  return { negative, positive, codes, identities: shared.length };
}

function whyNot(factors: Factors, sides: InvarianceSides): string | null {
  const yaw = Array.from(factors.numbers.yr);
  const below = yaw.some((v) => v < 0);
  const above = yaw.some((v) => v > 0);
  if (!below || !above) {
    const low = yaw.reduce((m, v) => Math.min(m, v), Infinity);
    const high = yaw.reduce((m, v) => Math.max(m, v), -Infinity);
    const range = yaw.length === 0 ? 'no images' : `yaw from ${low}° to ${high}°`;
    return `Identity decoding across views needs testing images at both negative and positive yaw (yr); this testing split has ${range}.`;
  }
  if (sides.identities < 2)
    return `Only ${sides.identities} testing ${sides.identities === 1 ? 'identity has' : 'identities have'} images at both negative and positive yaw; identity decoding across views needs at least 2.`;
  for (const [name, rows] of [
    ['yaw < 0', sides.negative],
    ['yaw > 0', sides.positive],
  ] as const) {
    if (rows.length <= sides.identities)
      return `At ${name} the ${sides.identities} identities seen on both sides have only ${rows.length} testing images: LDA needs more images than identities (a second image of at least one identity) to estimate how images of one identity vary.`;
  }
  return null;
}

/** Why identity cannot be decoded across views in this testing split, or null when it can. */
export function invarianceNotApplicable(factors: Factors): string | null {
  return whyNot(factors, invarianceSides(factors));
}

/** Share of `test` rows whose identity the classifier fitted on `train` predicts. */
function ldaAccuracy(features: Matrix, codes: Int32Array, train: readonly number[], test: readonly number[]): number {
  const labels = train.map((i) => codes[i] ?? 0);
  const classes = labels.reduce((most, c) => Math.max(most, c), 0) + 1;
  const predicted = predictIdentities(selectRows(features, train), labels, classes, selectRows(features, test));
  let correct = 0;
  test.forEach((sample, r) => {
    if (predicted[r] === codes[sample]) correct++;
  });
  return correct / test.length;
}

/**
 * Accuracies of the 2-fold split of one side: each identity's images there (with at least 2),
 * in sample order, alternate between the folds; each fold is predicted from the other. A fold
 * whose training part cannot be fitted (fewer than 2 identities, or no more images than
 * identities) is left out.
 */
function withinSide(features: Matrix, codes: Int32Array, rows: readonly number[]): number[] {
  const byIdentity = new Map<number, number[]>();
  for (const i of rows) {
    const c = codes[i] ?? -1;
    const list = byIdentity.get(c) ?? [];
    list.push(i);
    byIdentity.set(c, list);
  }
  const even: number[] = [];
  const odd: number[] = [];
  for (const list of byIdentity.values()) {
    if (list.length < 2) continue;
    list.forEach((sample, k) => (k % 2 === 0 ? even : odd).push(sample));
  }
  const accuracies: number[] = [];
  for (const [train, test] of [
    [even, odd],
    [odd, even],
  ] as const) {
    const classes = new Set(train.map((i) => codes[i])).size;
    if (classes >= 2 && train.length > classes && test.length > 0)
      accuracies.push(ldaAccuracy(features, codes, train, test));
  }
  return accuracies;
}

/** Identity decoding across views at one layer, on sides from invarianceSides (checked applicable). */
export function invarianceOfSides(layer: LayerData, sides: InvarianceSides): InvarianceRow {
  const { features } = layer;
  const { negative, positive, codes, identities } = sides;
  const negToPos = ldaAccuracy(features, codes, negative, positive);
  const posToNeg = ldaAccuracy(features, codes, positive, negative);
  const within = [...withinSide(features, codes, negative), ...withinSide(features, codes, positive)];
  return {
    layer: layer.name,
    negToPos,
    posToNeg,
    across: (negToPos + posToNeg) / 2,
    within: within.length === 0 ? NaN : within.reduce((s, v) => s + v, 0) / within.length,
    chance: 1 / identities,
    identities,
  };
}

/** Identity decoding across views at one layer (throws when invarianceNotApplicable says why not). */
export function invarianceOf(layer: LayerData, factors: Factors): InvarianceRow {
  if (layer.features.rows !== factors.samples)
    throw new GmfError(
      'TUNING_SHAPE',
      `Layer ${layer.name} has ${layer.features.rows} testing samples but the factors ${factors.samples}.`,
    );
  const sides = invarianceSides(factors);
  const reason = whyNot(factors, sides);
  if (reason !== null) throw new GmfError('INVARIANCE_NOT_APPLICABLE', reason);
  return invarianceOfSides(layer, sides);
}
