import { describe, expect, it } from 'vitest';
import { GmfError, JobCancelledError } from '../../lib/errors';
import { createRng } from '../../lib/random';
import { golden, inputChanged, sha256 } from '../../../test/support/golden';
import { pythonJson } from '../../../test/support/python.mjs';
import { mirrorSymmetryIndex, symmetryOf } from './mirrorSymmetry';
import { PLANTED_IDENTITIES, PLANTED_YAWS, plantedData, type Sample, testingData } from './testData';
import { nearestView, viewCentres } from './viewBins';

const OPTIONS = { views: 9, permutations: 99, seed: 11 };

/** A symmetric RDM with a zero diagonal and random entries in [0, 2). */
function randomRdm(n: number, seed: number): number[] {
  const rng = createRng(seed, 'symmetry-test', 'rdm');
  const out = new Array<number>(n * n).fill(0);
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const d = rng.next() * 2;
      out[i * n + j] = d;
      out[j * n + i] = d;
    }
  return out;
}

// ---- the golden case: the published procedure re-implemented in NumPy --------------------------

/**
 * 7 identities × 5 views at -60..60 (30° apart) with up to ±4° of jitter, 6 components with some
 * |yaw| structure; identity 12 has two images in view 1 (averaged), identity 15 lacks view 4
 * (left out); samples in a shuffled order.
 */
function goldenCase() {
  const rng = createRng(3, 'symmetry-test', 'golden');
  const ordered: { id: number; view: number; x: number[] }[] = [];
  for (let id = 10; id < 17; id++)
    for (let view = 0; view < 5; view++) {
      if (id === 15 && view === 4) continue;
      const copies = id === 12 && view === 1 ? 2 : 1;
      for (let c = 0; c < copies; c++) {
        const a = Math.abs(view - 2);
        ordered.push({ id, view, x: Array.from({ length: 6 }, (_, f) => Math.sin(a * (f + 1)) + rng.normal()) });
      }
    }
  const order = ordered.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
  }
  const entries = order.flatMap((i) => ordered.slice(i, i + 1));
  const yaws = entries.map((e) => -60 + 30 * e.view + (rng.next() * 8 - 4));
  // The extreme that sets the bin centres: ±64, ±32, 0.
  yaws[entries.findIndex((e) => e.view === 0)] = -64;
  const samples: Sample[] = entries.map((e, i) => ({ id: e.id, yaw: yaws[i] ?? NaN }));
  return { entries, data: testingData(samples, [{ name: 'layer01', features: entries.map((e) => e.x) }]) };
}

interface Reference {
  input: string;
  index9: number;
  index8: number;
  perIdentity: number[];
  index: number;
  sem: number;
  rdm: number[];
}

function reference(): Reference {
  const { entries } = goldenCase();
  const input = JSON.stringify({ entries, rdm9: randomRdm(9, 1), rdm8: randomRdm(8, 2), views: 5 });
  const answer = golden('symmetry.reference', (): Reference => {
    // Farzmahdi et al.'s figure2C_S2.m and msvt_index.m: z-score each unit over all (object, view)
    // images, RDM = 1 - corr between an object's views, index = corr(RDM, fliplr(RDM)) without the
    // central column. The views of an object are the means of its images in the view.
    const script = `
import json, sys, numpy as np
d = json.loads(sys.argv[1])
def index(rdm):
    n = rdm.shape[0]
    flipped = np.fliplr(rdm)
    if n % 2 == 1:
        rdm = np.delete(rdm, n // 2, axis=1); flipped = np.delete(flipped, n // 2, axis=1)
    return float(np.corrcoef(rdm.ravel(), flipped.ravel())[0, 1])
views = d["views"]
ids = sorted({e["id"] for e in d["entries"]})
ids = [i for i in ids if all(any(e["id"] == i and e["view"] == v for e in d["entries"]) for v in range(views))]
X = np.array([[np.mean([e["x"] for e in d["entries"] if e["id"] == i and e["view"] == v], axis=0)
               for v in range(views)] for i in ids])
flat = X.reshape(-1, X.shape[2])
Z = ((flat - flat.mean(0)) / flat.std(0, ddof=1)).reshape(X.shape)
rdms = [1 - np.corrcoef(Z[k]) for k in range(len(ids))]
per = [index(r) for r in rdms]
print(json.dumps({"index9": index(np.array(d["rdm9"]).reshape(9, 9)), "index8": index(np.array(d["rdm8"]).reshape(8, 8)),
                  "perIdentity": per, "index": float(np.mean(per)), "sem": float(np.std(per, ddof=1) / np.sqrt(len(per))),
                  "rdm": np.mean(rdms, axis=0).ravel().tolist()}))`;
    return { input: sha256(input), ...(pythonJson(['numpy'], ['-c', script, input]) as Omit<Reference, 'input'>) };
  });
  expect(answer.input, inputChanged('symmetry.reference')).toBe(sha256(input));
  return answer;
}

describe('mirrorSymmetryIndex', () => {
  it("equals NumPy's re-implementation of msvt_index.m (9 views: central column out; 8: none)", () => {
    const ref = reference();
    expect(Math.abs(mirrorSymmetryIndex(randomRdm(9, 1), 9) - ref.index9)).toBeLessThan(1e-12);
    expect(Math.abs(mirrorSymmetryIndex(randomRdm(8, 2), 8) - ref.index8)).toBeLessThan(1e-12);
  });

  it('is 1 for an RDM of |yaw| and -1 for 2 views; rejects a wrong size', () => {
    const yaw = [-60, -30, 0, 30, 60];
    const rdm = yaw.flatMap((a) => yaw.map((b) => Math.abs(Math.abs(a) - Math.abs(b))));
    expect(mirrorSymmetryIndex(rdm, 5)).toBeCloseTo(1, 14);
    expect(mirrorSymmetryIndex([0, 0.7, 0.7, 0], 2)).toBeCloseTo(-1, 14);
    expect(() => mirrorSymmetryIndex(rdm, 4)).toThrow(GmfError);
  });
});

describe('view bins', () => {
  it('centres exactly mirrored; the nearest centre wins, ties towards 0', () => {
    expect(viewCentres(90, 9)).toEqual(PLANTED_YAWS);
    const c = viewCentres(64, 5);
    expect(c).toEqual([-64, -32, 0, 32, 64]);
    expect([nearestView(-47, c), nearestView(-49, c), nearestView(16, c), nearestView(-16, c)]).toEqual([1, 0, 2, 2]);
  });
});

describe('symmetryOf', () => {
  it('averages the per-identity index as NumPy does, with its SEM and mean RDM (binned, averaged, incomplete identity out)', () => {
    const ref = reference();
    const result = symmetryOf(goldenCase().data, { views: 5, permutations: 0, seed: 0 });
    expect(result.views).toEqual([-64, -32, 0, 32, 64]);
    expect(result.identities).toBe(6);
    expect(ref.perIdentity).toHaveLength(6);
    const row = result.rows[0];
    if (!row) throw new Error('no row');
    expect(Math.abs(row.index - ref.index)).toBeLessThan(1e-12);
    expect(Math.abs(row.sem - ref.sem)).toBeLessThan(1e-12);
    row.rdm.forEach((v, k) => {
      expect(Math.abs(v - (ref.rdm[k] ?? NaN))).toBeLessThan(1e-12);
    });
    expect(row.pValue).toBeNaN();
    expect(row.nullMean).toBeNaN();
  });

  const planted = symmetryOf(plantedData(), OPTIONS);
  const rowOf = (name: string) => planted.rows.find((r) => r.layer.endsWith(name));

  it('scores a layer tuned to |yaw| ≈ 1 at the permutation floor', () => {
    expect(planted.identities).toBe(PLANTED_IDENTITIES);
    expect(planted.views).toEqual(PLANTED_YAWS);
    const row = rowOf('mirror');
    expect(row?.index).toBeGreaterThan(0.97);
    expect(row?.pValue).toBe(1 / (1 + OPTIONS.permutations));
    expect(row?.nullMean).toBeLessThan(0.3);
  });

  it('scores a layer linear in signed yaw negative, and a noise layer near 0 with p not small', () => {
    expect(rowOf('signed')?.index).toBeLessThan(-0.3);
    expect(rowOf('signed')?.pValue).toBeGreaterThan(0.5);
    const noise = rowOf('noise');
    expect(Math.abs(noise?.index ?? NaN)).toBeLessThan(3 * (noise?.sem ?? NaN));
    expect(Math.abs((noise?.index ?? NaN) - (noise?.nullMean ?? NaN))).toBeLessThan(3 * (noise?.sem ?? NaN));
    expect(noise?.pValue).toBeGreaterThan(0.05);
  });

  it('skips undecoded (softmax) layers, is reproducible and draws its null from the seed', () => {
    expect(planted.rows.map((r) => r.layer)).toEqual(['layer01_mirror', 'layer02_signed', 'layer03_noise']);
    expect(symmetryOf(plantedData(), OPTIONS)).toEqual(planted);
    const reseeded = symmetryOf(plantedData(), { ...OPTIONS, seed: 12 });
    expect(reseeded.rows[2]?.index).toBe(planted.rows[2]?.index);
    expect(reseeded.rows[2]?.nullMean).not.toBe(planted.rows[2]?.nullMean);
  });

  it('stops between layers once cancelled', () => {
    const controller = new AbortController();
    controller.abort(new JobCancelledError());
    expect(() => symmetryOf(plantedData(), OPTIONS, controller.signal)).toThrow(JobCancelledError);
  });

  it('says why it cannot be computed: one yaw, missing views, too few identities', () => {
    const code = (samples: Sample[]) => {
      try {
        symmetryOf(testingData(samples, [{ name: 'l', features: samples.map((_, i) => [i, -i, i * i]) }]), OPTIONS);
      } catch (e) {
        return e instanceof GmfError ? `${e.code}: ${e.message}` : String(e);
      }
      return 'computed';
    };
    const grid = (ids: number[], yaws: readonly number[]) => ids.flatMap((id) => yaws.map((yaw) => ({ id, yaw })));
    expect(code(grid([1, 2, 3], [0]))).toMatch(
      /^SYMMETRY_NOT_APPLICABLE: Yaw takes one value \(0°\).*'Mirror symmetry \(yaw views\)'/,
    );
    expect(code(grid([1, 2, 3], [0, 30, 60, 90]))).toMatch(
      /^SYMMETRY_NOT_APPLICABLE: No identity has an image in all 9 yaw views.*spans 0° to 90°/,
    );
    expect(code([...grid([1], PLANTED_YAWS), ...grid([2], PLANTED_YAWS.slice(1))])).toMatch(/Only 1 identity has/);
    expect(code(grid([1, 2], PLANTED_YAWS))).toBe('computed');
    expect(() => symmetryOf(plantedData(), { ...OPTIONS, views: 2 })).toThrow(/at least 3 yaw views/);
  });
});
