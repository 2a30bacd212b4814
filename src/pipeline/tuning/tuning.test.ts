import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import h5wasm from 'h5wasm/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { GmfError, JobCancelledError } from '../../lib/errors';
import { writeH5File } from '../../lib/formats/hdf5';
import { golden, inputChanged, sha256 } from '../../../test/support/golden';
import { type H5Dump, h5pyDump, h5wasmDump } from '../../../test/support/h5Dump';
import { pythonJson } from '../../../test/support/python.mjs';
import type { LayerData, TestingData, TuningResult } from '../beyond/records';
import { writeTuningH5 } from './h5';
import { invarianceNotApplicable, invarianceOf } from './invariance';
import { invarianceTsv, variancePartitionTsv } from './tables';
import { decodedMark, noise, plantedFactors } from './testData';
import { tuningOf } from './tuning';
import { variancePartitionOf } from './variancePartition';

function testingData(yaw?: (id: number, k: number) => number, identities = 12): TestingData {
  const factors = plantedFactors({ identities, images: 6, seed: 9, ...(yaw ? { yaw } : {}) });
  const n = factors.samples;
  const layer = (name: string, opNr: number, decoded: boolean): LayerData => {
    const features = noise(n, 5, 1, name);
    // Some variance for the factors to explain: yaw on the first component.
    for (let i = 0; i < n; i++) features.data[i * 5] = (features.data[i * 5] ?? 0) + (factors.numbers.yr[i] ?? 0) / 10;
    return { name, opNr, features, predictions: decoded ? decodedMark(n) : [] };
  };
  return {
    factors,
    layers: [layer('layer01_conv', 1, true), layer('layer02_pool', 2, true), layer('layer03_softmax', 3, false)],
  };
}

describe('tuningOf', () => {
  it('partitions and decodes across views every decoded layer (softmax skipped), reporting progress', () => {
    const data = testingData();
    const calls: [number, number][] = [];
    const result = tuningOf(data, 4, (done, total) => calls.push([done, total]));
    expect(calls).toEqual([
      [0, 2],
      [1, 2],
      [2, 2],
    ]);
    expect(result.kind).toBe('tuning');
    expect(result.invarianceSkipped).toBeUndefined();
    const decoded = data.layers.slice(0, 2);
    expect(result.partitions).toEqual(decoded.map((l) => variancePartitionOf(l, data.factors, 4)));
    expect(result.invariance).toEqual(decoded.map((l) => invarianceOf(l, data.factors)));
    expect(result.partitions[0]?.full).toBeGreaterThan(0.1);
    // Another seed, other folds.
    expect(tuningOf(data, 5).partitions[0]?.full).not.toBe(result.partitions[0]?.full);
  });

  it('says why it skips invariance when yaw never changes sign', () => {
    const data = testingData((_id, k) => 5 + k);
    const result = tuningOf(data, 0);
    expect(result.invariance).toEqual([]);
    expect(result.invarianceSkipped).toBe(invarianceNotApplicable(data.factors));
    expect(result.invarianceSkipped).toMatch(/negative and positive yaw/);
    expect(result.partitions).toHaveLength(2);
  });

  it('stops when cancelled, and refuses what it cannot compute with typed errors', () => {
    const controller = new AbortController();
    controller.abort(new JobCancelledError());
    expect(() => tuningOf(testingData(), 0, undefined, controller.signal)).toThrow(JobCancelledError);
    const one = testingData(undefined, 1);
    expect(() => tuningOf(one, 0)).toThrow(/at least 2 testing identities/);
    try {
      tuningOf(one, 0);
    } catch (e) {
      // runBeyond lists a view whose error code ends in _NOT_APPLICABLE as not applicable.
      expect(e instanceof GmfError && e.code).toBe('TUNING_NOT_APPLICABLE');
    }
    const data = testingData();
    const short = { ...data, layers: [{ ...data.layers[0], features: noise(3, 5, 1, 's') } as LayerData] };
    expect(() => tuningOf(short, 0)).toThrow(/3 testing samples but the testing factors 72/);
  });
});

const RESULT: TuningResult = {
  kind: 'tuning',
  partitions: [
    { layer: 'layer01_conv', factors: ['bg', 'yr'], full: 0.5, unique: [0.125, 1e-7], alone: [0.25, 0.375] },
    { layer: 'layer02_pool', factors: ['yr'], full: 0.25, unique: [-0.0625], alone: [0] },
  ],
  invariance: [
    {
      layer: 'layer01_conv',
      negToPos: 0.75,
      posToNeg: 0.5,
      across: 0.625,
      within: NaN,
      chance: 1 / 3,
      identities: 3,
    },
    { layer: 'layer02_pool', negToPos: 1, posToNeg: 0.875, across: 0.9375, within: 1, chance: 1 / 3, identities: 3 },
  ],
};
const SKIPPED: TuningResult = { ...RESULT, invariance: [], invarianceSkipped: 'Only 1 testing identity has images…' };

describe('tables', () => {
  it('are long format that pandas reads back (NaN as an empty field)', () => {
    const variance = variancePartitionTsv(RESULT);
    const invariance = invarianceTsv(RESULT);
    expect(variance.split('\n')).toEqual([
      'layer\tfactor\tunique\talone\tfull',
      'layer01_conv\tbg\t0.125\t0.25\t0.5',
      'layer01_conv\tyr\t1e-7\t0.375\t0.5',
      'layer02_pool\tyr\t-0.0625\t0\t0.25',
      '',
    ]);
    expect(invariance.split('\n')[1]).toBe(`layer01_conv\t0.75\t0.5\t0.625\t\t${1 / 3}\t3`);
    expect(invarianceTsv(SKIPPED)).toBe('layer\tneg_to_pos\tpos_to_neg\tacross\twithin\tchance\tidentities\n');
    const input = JSON.stringify({ variance, invariance });
    const read = golden('tuning.tables', () => {
      const dir = mkdtempSync(join(tmpdir(), 'gmf-tuning-tsv-'));
      writeFileSync(join(dir, 'variance.tsv'), variance);
      writeFileSync(join(dir, 'invariance.tsv'), invariance);
      const script = `
import json, sys, pandas as pd
out = {}
for name in ["variance", "invariance"]:
    t = pd.read_csv(f"{sys.argv[1]}/{name}.tsv", sep="\\t")
    out[name] = {"dtypes": {c: str(t[c].dtype) for c in t.columns},
                 "values": {c: [None if v != v else v for v in t[c].tolist()] for c in t.columns}}
print(json.dumps(out))`;
      return { input: sha256(input), ...(pythonJson(['pandas'], ['-c', script, dir]) as object) };
    }) as { input: string; variance: Read; invariance: Read };
    expect(read.input, inputChanged('tuning.tables')).toBe(sha256(input));
    expect(read.variance.dtypes).toEqual({
      layer: 'object',
      factor: 'object',
      unique: 'float64',
      alone: 'float64',
      full: 'float64',
    });
    expect(read.variance.values.unique).toEqual([0.125, 1e-7, -0.0625]);
    expect(read.invariance.dtypes.within).toBe('float64');
    expect(read.invariance.dtypes.identities).toBe('int64');
    expect(read.invariance.values.within).toEqual([null, 1]);
    expect(read.invariance.values.chance).toEqual([1 / 3, 1 / 3]);
  });
});

interface Read {
  dtypes: Record<string, string>;
  values: Record<string, unknown[]>;
}

describe('HDF5', () => {
  let dir = '';
  beforeAll(async () => {
    await h5wasm.ready;
    dir = mkdtempSync(join(tmpdir(), 'gmf-tuning-h5-'));
  });

  it('writes variance/{layer} and invariance (or its skipped reason) as h5py reads them', () => {
    const paths = [RESULT, SKIPPED].map((result, k) => {
      const path = join(dir, `tuning${k}.h5`);
      writeH5File(h5wasm, path, (file) => {
        writeTuningH5(file.create_group('tuning'), result);
      });
      return path;
    });
    const dumps = golden('tuning.h5', () => h5pyDump(...paths));
    expect(paths.map((p) => h5wasmDump(p))).toEqual(dumps);
    const [full, skipped] = dumps as [H5Dump, H5Dump];
    expect(full['/tuning/variance']?.keys).toEqual(['layer01_conv', 'layer02_pool']);
    expect(full['/tuning/variance/layer01_conv']?.attrs).toEqual({ full: 0.5 });
    expect(full['/tuning/variance/layer01_conv/factors']).toMatchObject({ dtype: 'str', values: ['bg', 'yr'] });
    expect(full['/tuning/variance/layer01_conv/unique']).toMatchObject({ dtype: 'float64', values: [0.125, 1e-7] });
    expect(full['/tuning/invariance']?.keys).toEqual([
      'across',
      'chance',
      'identities',
      'layer',
      'neg_to_pos',
      'pos_to_neg',
      'within',
    ]);
    expect(full['/tuning/invariance/within']?.values).toEqual([null, 1]);
    expect(full['/tuning/invariance/identities']).toMatchObject({ dtype: 'int32', values: [3, 3] });
    expect(skipped['/tuning/invariance']).toMatchObject({
      keys: [],
      attrs: { skipped: 'Only 1 testing identity has images…' },
    });
  });
});
