import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GmfError } from '../../lib/errors';
import { type Matrix, selectRows } from '../../lib/linalg/matrix';
import { fitLda, ldaPredictProba } from '../decode/lda';
import { standardize } from '../decode/standardize';
import { golden, inputChanged, sha256 } from '../../../test/support/golden';
import { pythonJson } from '../../../test/support/python.mjs';
import type { LayerData, TestingData } from '../beyond/records';
import { predictIdentities } from './identityClassifier';
import { invarianceNotApplicable, invarianceOf, invarianceSides } from './invariance';
import { type FactorsSpec, noise, plantedFactors, rowsOf } from './testData';

type Factors = TestingData['factors'];

/** Features = scale × (sign of yaw, when view-specific) × identity embedding + yaw drift + noise. */
function plantedLayer(
  f: Factors,
  cols: number,
  opts: { scale: number; noise: number; viewSpecific?: boolean; seed: string },
): LayerData {
  const ids = [...new Set(f.numbers.id)];
  const embedding = noise(ids.length, cols, 1, `${opts.seed}-embedding`);
  const drift = noise(1, cols, 1, `${opts.seed}-drift`);
  const features = noise(f.samples, cols, opts.noise, `${opts.seed}-noise`);
  for (let i = 0; i < f.samples; i++) {
    const yaw = f.numbers.yr[i] ?? 0;
    const who = ids.indexOf(f.numbers.id[i] ?? 0);
    const sign = opts.viewSpecific === true ? Math.sign(yaw) : 1;
    for (let c = 0; c < cols; c++)
      features.data[i * cols + c] =
        (features.data[i * cols + c] ?? 0) +
        opts.scale * sign * (embedding.data[who * cols + c] ?? 0) +
        (yaw / 30) * (drift.data[c] ?? 0);
  }
  return { name: 'layer02_conv', opNr: 2, features, predictions: [] };
}

// ---- scikit-learn's answer ----------------------------------------------------------------------

/**
 * 9 identities × 10 images: identity 8 only at yaw < 0 (left out), identity 1 with a single image
 * at yaw < 0 (in `across`, not in that side's `within`), identity 0's first image at yaw 0.
 */
const YAW: FactorsSpec['yaw'] = (id, k, rng) => {
  if (id === 8) return -rng.int(1, 30);
  if (id === 1) return k === 0 ? -10 : rng.int(1, 30);
  if (id === 0 && k === 0) return 0;
  return rng.int(-30, 30);
};
const FACTORS = plantedFactors({ identities: 9, images: 10, seed: 4, yaw: YAW });
const LAYER = plantedLayer(FACTORS, 8, { scale: 1, noise: 1.3, seed: 'sklearn' });
/** More components than images on either side: the classifier's low-rank path. */
const WIDE = plantedLayer(FACTORS, 60, { scale: 0.6, noise: 1, seed: 'sklearn-wide' });

interface InvarianceReference {
  negToPos: number;
  posToNeg: number;
  within: number;
  withinScores: number[];
  identities: number;
}

const ORACLE = `
import json, sys, numpy as np
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
from sklearn.preprocessing import StandardScaler
d = json.load(open(sys.argv[1]))
ids, yr = np.array(d["id"]), np.array(d["yr"])
shared = sorted(set(ids[yr < 0]) & set(ids[yr > 0]))
both = np.isin(ids, shared)
N, P = np.where(both & (yr < 0))[0], np.where(both & (yr > 0))[0]
def accuracy(train, test):
    scaler = StandardScaler().fit(X[train])
    lda = LinearDiscriminantAnalysis().fit(scaler.transform(X[train]), ids[train])
    return float(lda.score(scaler.transform(X[test]), ids[test]))
def within(side):
    halves = [[], []]
    for v in shared:
        rows = side[ids[side] == v]
        if len(rows) >= 2:
            halves[0] += list(rows[0::2])
            halves[1] += list(rows[1::2])
    out = []
    for train, test in [(halves[0], halves[1]), (halves[1], halves[0])]:
        k = len(set(ids[train]))
        if k >= 2 and len(train) > k and len(test) > 0:
            out.append(accuracy(np.array(train), np.array(test)))
    return out
out = []
for X in map(np.array, d["layers"]):
    w = within(N) + within(P)
    out.append({"negToPos": accuracy(N, P), "posToNeg": accuracy(P, N), "within": float(np.mean(w)),
                "withinScores": w, "identities": len(shared)})
print(json.dumps(out))
`;

function reference(): InvarianceReference[] {
  const input = JSON.stringify({
    layers: [rowsOf(LAYER.features), rowsOf(WIDE.features)],
    id: Array.from(FACTORS.numbers.id),
    yr: Array.from(FACTORS.numbers.yr),
  });
  const answer = golden('tuning.invariance', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gmf-invariance-')), 'input.json');
    writeFileSync(file, input);
    return {
      input: sha256(input),
      layers: pythonJson(['numpy', 'sklearn'], ['-c', ORACLE, file]) as InvarianceReference[],
    };
  });
  expect(answer.input, inputChanged('tuning.invariance')).toBe(sha256(input));
  return answer.layers;
}

describe('identity decoding across views', () => {
  it("equals scikit-learn's StandardScaler + LinearDiscriminantAnalysis() on the same sides (exact accuracies)", () => {
    const sides = invarianceSides(FACTORS);
    expect(sides.identities).toBe(8);
    expect([...sides.negative, ...sides.positive].some((i) => FACTORS.numbers.yr[i] === 0)).toBe(false);
    expect(sides.negative.length).toBeLessThan(WIDE.features.cols);
    const refs = reference();
    [LAYER, WIDE].forEach((layer, k) => {
      const row = invarianceOf(layer, FACTORS);
      const ref = refs[k];
      if (ref === undefined) throw new Error('no reference');
      expect(row.identities).toBe(ref.identities);
      expect(row.negToPos).toBeCloseTo(ref.negToPos, 12);
      expect(row.posToNeg).toBeCloseTo(ref.posToNeg, 12);
      expect(ref.withinScores).toHaveLength(4);
      expect(row.within).toBeCloseTo(ref.within, 12);
      expect(row.across).toBeCloseTo((ref.negToPos + ref.posToNeg) / 2, 12);
      expect(row.chance).toBe(1 / 8);
      // Not a trivial case: neither perfect nor at chance.
      expect(row.across).toBeGreaterThan(0.3);
      expect(row.across).toBeLessThan(0.95);
    });
  });

  it('predicts as lda.ts on all the features when there are more features than images', () => {
    const { negative, positive, codes } = invarianceSides(FACTORS);
    const train = selectRows(WIDE.features, negative);
    const test = selectRows(WIDE.features, positive);
    const labels = negative.map((i) => codes[i] ?? 0);
    const scaled = standardize(train, test);
    const model = fitLda(scaled.train, labels, 8);
    expect(model.whitening).toBe('eigen');
    const proba = ldaPredictProba(model, scaled.others[0]);
    const direct = Array.from({ length: test.rows }, (_, r) => {
      const row = Array.from(proba.data.subarray(r * 8, r * 8 + 8));
      return row.indexOf(Math.max(...row));
    });
    expect(Array.from(predictIdentities(train, labels, 8, test))).toEqual(direct);
  });

  const big = plantedFactors({ identities: 10, images: 16, seed: 6 });

  it('a view-invariant identity code decodes across views as well as within one (≈ 1)', () => {
    const row = invarianceOf(plantedLayer(big, 12, { scale: 3, noise: 0.3, seed: 'invariant' }), big);
    expect(row.across).toBeGreaterThan(0.95);
    expect(row.within).toBeGreaterThan(0.95);
    expect(Math.abs(row.across - row.within)).toBeLessThan(0.05);
  });

  it('a view-specific code (the identity signal flips with the sign of yaw) does not transfer', () => {
    const row = invarianceOf(
      plantedLayer(big, 12, { scale: 3, noise: 0.3, viewSpecific: true, seed: 'specific' }),
      big,
    );
    expect(row.within).toBeGreaterThan(0.95);
    expect(row.negToPos).toBeLessThan(row.chance);
    expect(row.posToNeg).toBeLessThan(row.chance);
  });
});

describe('when identity cannot be decoded across views', () => {
  const layerOf = (f: Factors): LayerData => ({
    name: 'l',
    opNr: 1,
    features: noise(f.samples, 3, 1, 'n') satisfies Matrix,
    predictions: [],
  });
  const cases: [string, FactorsSpec['yaw'], RegExp][] = [
    ['yaw never below 0', (_id, k) => k * 5, /both negative and positive yaw .*from 0° to 15°/],
    ['one identity on both sides', (id, k) => (id === 0 ? (k % 2 === 0 ? -5 : 5) : 10), /Only 1 testing identity has/],
    [
      'one image per identity per side',
      (_id, k) => (k === 0 ? -5 : k === 1 ? 5 : 0),
      /LDA needs more images than identities/,
    ],
  ];
  it.each(cases)('%s: says why, and invarianceOf refuses with that reason', (_name, yaw, reason) => {
    const f = plantedFactors({ identities: 3, images: 4, seed: 2, yaw });
    expect(invarianceNotApplicable(f)).toMatch(reason);
    expect(() => invarianceOf(layerOf(f), f)).toThrow(reason);
    try {
      invarianceOf(layerOf(f), f);
    } catch (e) {
      expect(e instanceof GmfError && e.code).toBe('INVARIANCE_NOT_APPLICABLE');
    }
  });

  it('is applicable with two images of one identity on each side, within then NaN', () => {
    const f = plantedFactors({
      identities: 3,
      images: 4,
      seed: 2,
      yaw: (id, k) => (id === 0 ? (k < 2 ? -5 : 5) : k === 0 ? -5 : k === 1 ? 5 : 0),
    });
    expect(invarianceNotApplicable(f)).toBeNull();
    const row = invarianceOf(layerOf(f), f);
    expect(row.identities).toBe(3);
    expect(Number.isNaN(row.within)).toBe(true);
  });
});
