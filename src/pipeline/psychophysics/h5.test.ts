/**
 * writePsychophysicsH5 read back by h5py (its dump is test/golden/psychophysics.h5.json, asked
 * again by `npm run golden`) and, every run, by h5wasm: both must see the layout the README
 * promises and the numbers of the result.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import h5wasm from 'h5wasm/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { golden, UPDATING_GOLDEN } from '../../../test/support/golden';
import { type H5Dump, h5pyDump, h5wasmDump } from '../../../test/support/h5Dump';
import { writePsychophysicsH5 } from './h5';
import { psychophysicsOf } from './psychophysics';
import { OPTIONS, plantedData } from './testData';

const result = psychophysicsOf(plantedData(), OPTIONS);
const numbers = (a: readonly number[]) => a.map((v) => (Number.isNaN(v) ? null : v));
/** h5py lists a group's members by name. */
const byName = (names: readonly string[]) => [...new Set(names)].sort();

describe('writePsychophysicsH5', () => {
  let path = '';
  let dump: H5Dump = {};
  beforeAll(async () => {
    await h5wasm.ready;
    path = join(mkdtempSync(join(tmpdir(), 'gmf-psychophysics-h5-')), 'results.h5');
    const file = new h5wasm.File(path, 'w');
    try {
      writePsychophysicsH5(file.create_group('psychophysics'), result);
    } finally {
      file.close();
    }
    dump = golden('psychophysics.h5', () => h5pyDump(path)[0] ?? {});
  });

  it('h5wasm reads back what h5py read', () => {
    expect(h5wasmDump(path)).toEqual(dump);
    if (UPDATING_GOLDEN) expect(h5pyDump(path)[0]).toEqual(dump);
  });

  it('curves/{layer}/{factor}: float64 edges, centres, means and interval; int32 n', () => {
    const at = '/psychophysics/curves';
    expect(dump[at]?.keys).toEqual(byName(result.curves.map((c) => c.layer)));
    for (const c of result.curves) {
      const g = `${at}/${c.layer}/${c.factor}`;
      expect(dump[g]?.keys).toEqual(
        byName(['edges', 'centres', 'n', 'mean_abs_error', 'mean_error', 'ci_low', 'ci_high']),
      );
      const bins = c.centres.length;
      expect(dump[`${g}/edges`]).toMatchObject({ shape: [bins + 1], dtype: 'float64', values: c.edges });
      expect(dump[`${g}/n`]).toMatchObject({ shape: [bins], dtype: 'int32', values: c.n });
      const floats = {
        centres: c.centres,
        mean_abs_error: c.meanAbsError,
        mean_error: c.meanError,
        ci_low: c.ciLow,
        ci_high: c.ciHigh,
      };
      for (const [name, values] of Object.entries(floats))
        expect(dump[`${g}/${name}`]).toMatchObject({ shape: [bins], dtype: 'float64', values: numbers(values) });
    }
  });

  it('confusion/{layer}/{factor}/counts: int32 [classes x classes] with the class labels as text', () => {
    const at = '/psychophysics/confusion';
    expect(dump[at]?.keys).toEqual(byName(result.confusions.map((m) => m.layer)));
    for (const m of result.confusions) {
      const k = m.classes.length;
      expect(dump[`${at}/${m.layer}/${m.factor}/counts`]).toEqual({
        kind: 'dataset',
        attrs: { classes: m.classes },
        shape: [k, k],
        dtype: 'int32',
        values: m.counts.flat(),
      });
    }
  });

  it('writes both groups for an empty result and refuses a name with a slash', async () => {
    await h5wasm.ready;
    const file = new h5wasm.File(join(mkdtempSync(join(tmpdir(), 'gmf-psychophysics-h5-')), 'empty.h5'), 'w');
    try {
      writePsychophysicsH5(file, { kind: 'psychophysics', curves: [], confusions: [] });
      expect(file.keys().sort()).toEqual(['confusion', 'curves']);
      const bad = { ...result, curves: [], confusions: result.confusions.map((m) => ({ ...m, factor: 'a/b' })) };
      expect(() => {
        writePsychophysicsH5(file.create_group('bad'), bad);
      }).toThrow(/cannot name an HDF5 group/);
    } finally {
      file.close();
    }
  });
});
