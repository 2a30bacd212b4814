/**
 * The symmetry view's files as their independent readers see them: the TSV through pandas
 * (test/golden/symmetry.tsv.json) and the HDF5 group through h5py (test/golden/symmetry.h5.json),
 * both asked again by `npm run golden`; every run, h5wasm must read the group as h5py did.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import h5wasm from 'h5wasm/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { golden, inputChanged, sha256, UPDATING_GOLDEN } from '../../../test/support/golden';
import { type H5Dump, h5pyDump, h5wasmDump } from '../../../test/support/h5Dump';
import { pythonJson } from '../../../test/support/python.mjs';
import type { SymmetryResult } from '../beyond/records';
import { writeSymmetryH5 } from './h5';
import { symmetryOf } from './mirrorSymmetry';
import { SYMMETRY_TSV_COLUMNS, symmetryTsv } from './tables';
import { plantedData } from './testData';

const computed = symmetryOf(plantedData(), { views: 9, permutations: 19, seed: 5 });
/** One row without a p-value (NaN), as a run without permutations writes it. */
const result: SymmetryResult = {
  ...computed,
  rows: computed.rows.map((r, i) => (i === 1 ? { ...r, pValue: NaN, nullMean: NaN } : r)),
};
const orNull = (v: number) => (Number.isNaN(v) ? null : v);

interface PandasFrame {
  input: string;
  columns: string[];
  dtypes: string[];
  data: unknown[][];
}

describe('symmetryTsv', () => {
  it('pandas reads one row per layer with every value; NaN as an empty field', () => {
    const text = symmetryTsv(result);
    const frame = golden('symmetry.tsv', (): PandasFrame => {
      const path = join(mkdtempSync(join(tmpdir(), 'gmf-symmetry-')), 'symmetry.tsv');
      writeFileSync(path, text);
      const script = `
import json, pandas as pd, sys
df = pd.read_csv(sys.argv[1], sep="\\t", float_precision="round_trip")
rows = [[None if isinstance(v, float) and v != v else v for v in row] for row in df.astype(object).itertuples(index=False)]
print(json.dumps({"columns": list(df.columns), "dtypes": [str(t) for t in df.dtypes], "data": rows}))`;
      return { input: sha256(text), ...(pythonJson(['pandas'], ['-c', script, path]) as Omit<PandasFrame, 'input'>) };
    });
    expect(frame.input, inputChanged('symmetry.tsv')).toBe(sha256(text));
    expect(frame.columns).toEqual([...SYMMETRY_TSV_COLUMNS]);
    expect(frame.dtypes).toEqual(['object', 'float64', 'float64', 'float64', 'float64', 'int64', 'int64']);
    expect(frame.data).toEqual(
      result.rows.map((r) => [r.layer, r.index, r.sem, orNull(r.nullMean), orNull(r.pValue), 40, 9]),
    );
  });
});

describe('writeSymmetryH5', () => {
  let path = '';
  let dump: H5Dump = {};
  beforeAll(async () => {
    await h5wasm.ready;
    path = join(mkdtempSync(join(tmpdir(), 'gmf-symmetry-h5-')), 'results.h5');
    const file = new h5wasm.File(path, 'w');
    try {
      writeSymmetryH5(file.create_group('symmetry'), result);
    } finally {
      file.close();
    }
    dump = golden('symmetry.h5', () => h5pyDump(path)[0] ?? {});
  });

  it('h5wasm reads back what h5py read', () => {
    expect(h5wasmDump(path)).toEqual(dump);
    if (UPDATING_GOLDEN) expect(h5pyDump(path)[0]).toEqual(dump);
  });

  it('holds layer (text), index, sem, null_mean, p_value, views and rdm [layers × views × views], attr identities', () => {
    const g = dump['/symmetry'];
    expect(g?.keys).toEqual(['index', 'layer', 'null_mean', 'p_value', 'rdm', 'sem', 'views']);
    expect(g?.attrs).toEqual({ identities: 40 });
    const layers = result.rows.length;
    expect(dump['/symmetry/layer']).toMatchObject({
      dtype: 'str',
      shape: [layers],
      values: result.rows.map((r) => r.layer),
    });
    const columns = { index: 'index', sem: 'sem', null_mean: 'nullMean', p_value: 'pValue' } as const;
    for (const [name, key] of Object.entries(columns))
      expect(dump[`/symmetry/${name}`]).toMatchObject({
        dtype: 'float64',
        shape: [layers],
        values: result.rows.map((r) => orNull(r[key])),
      });
    expect(dump['/symmetry/views']).toMatchObject({ dtype: 'float64', shape: [9], values: result.views });
    expect(dump['/symmetry/rdm']).toMatchObject({
      dtype: 'float64',
      shape: [layers, 9, 9],
      values: result.rows.flatMap((r) => r.rdm.map(orNull)),
    });
  });
});
