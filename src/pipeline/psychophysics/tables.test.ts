/**
 * The §1 TSV tables as pandas reads them (test/golden/psychophysics.*Tsv.json, asked again by
 * `npm run golden`): columns, dtypes and every value, NaN as an empty field.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { golden, inputChanged, sha256 } from '../../../test/support/golden';
import { pythonJson } from '../../../test/support/python.mjs';
import { psychophysicsOf } from './psychophysics';
import { CONFUSION_COLUMNS, ERROR_CURVE_COLUMNS, confusionTsv, errorCurvesTsv } from './tables';
import { OPTIONS, plantedData } from './testData';

const result = psychophysicsOf(plantedData(), OPTIONS);

interface PandasFrame {
  /** SHA-256 of the text pandas read. */
  input: string;
  columns: string[];
  dtypes: string[];
  data: unknown[][];
}

function pandasRead(goldenName: string, text: string): PandasFrame {
  const frame = golden(goldenName, (): PandasFrame => {
    const path = join(mkdtempSync(join(tmpdir(), 'gmf-psychophysics-')), 'table.tsv');
    writeFileSync(path, text);
    // round_trip: the shortest text of a double reads back as that double.
    const script = `
import json, pandas as pd, sys
df = pd.read_csv(sys.argv[1], sep="\\t", float_precision="round_trip")
rows = [[None if isinstance(v, float) and v != v else v for v in row] for row in df.astype(object).itertuples(index=False)]
print(json.dumps({"columns": list(df.columns), "dtypes": [str(t) for t in df.dtypes], "data": rows}))`;
    return { input: sha256(text), ...(pythonJson(['pandas'], ['-c', script, path]) as Omit<PandasFrame, 'input'>) };
  });
  expect(frame.input, inputChanged(goldenName)).toBe(sha256(text));
  return frame;
}

const orNull = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? null : v);

describe('psychophysics TSV tables', () => {
  it('error curves: one row per layer × factor × bin, read by pandas with every value', () => {
    const df = pandasRead('psychophysics.errorCurvesTsv', errorCurvesTsv(result));
    expect(df.columns).toEqual([...ERROR_CURVE_COLUMNS]);
    const float = 'float64';
    expect(df.dtypes).toEqual(['object', 'object', 'int64', float, float, float, 'int64', float, float, float, float]);
    const expected = result.curves.flatMap((c) =>
      c.centres.map((centre, b) => [
        c.layer,
        c.factor,
        b,
        c.edges[b],
        c.edges[b + 1],
        centre,
        c.n[b],
        orNull(c.meanAbsError[b]),
        orNull(c.meanError[b]),
        orNull(c.ciLow[b]),
        orNull(c.ciHigh[b]),
      ]),
    );
    expect(df.data).toEqual(expected);
    expect(df.data.some((row) => row[7] === null)).toBe(true); // the empty yaw bin
  });

  it('confusion: every cell of every matrix, labels kept as text', () => {
    const df = pandasRead('psychophysics.confusionTsv', confusionTsv(result));
    expect(df.columns).toEqual([...CONFUSION_COLUMNS]);
    expect(df.dtypes).toEqual(['object', 'object', 'object', 'object', 'int64']);
    const expected = result.confusions.flatMap((m) =>
      m.classes.flatMap((t, i) => m.classes.map((p, j) => [m.layer, m.factor, t, p, m.counts[i]?.[j]])),
    );
    expect(df.data).toEqual(expected);
  });

  it('refuses a name with a tab rather than shifting columns; an empty result is a header', () => {
    const bad = { ...result, confusions: result.confusions.map((m) => ({ ...m, factor: 'a\tb' })) };
    expect(() => confusionTsv(bad)).toThrow(/tab or line break/);
    const empty = { kind: 'psychophysics' as const, curves: [], confusions: [] };
    expect(errorCurvesTsv(empty)).toBe(`${ERROR_CURVE_COLUMNS.join('\t')}\n`);
    expect(confusionTsv(empty)).toBe(`${CONFUSION_COLUMNS.join('\t')}\n`);
  });
});
