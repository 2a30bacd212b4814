import { describe, expect, it } from 'vitest';
import type { CaricatureRecord } from './caricatureRun';
import { CARICATURE_COLUMNS, caricatureTsv } from './caricatureTables';

const RECORD: Pick<CaricatureRecord, 'layer' | 'levels' | 'chance' | 'identities'> = {
  layer: 'layer06_globalpool',
  chance: 1 / 3,
  identities: 3,
  levels: [
    {
      scale: 0.5,
      kind: 'anti-caricature',
      probes: 0,
      correct: 0,
      accuracy: NaN,
      ciLow: NaN,
      ciHigh: NaN,
      datasetId: 'd-caricature-x0.5',
      datasetName: 'd caricature ×0.5',
    },
    {
      scale: 1,
      kind: 'veridical',
      probes: 12,
      correct: 9,
      accuracy: 0.75,
      ciLow: 0.4677,
      ciHigh: 0.9111,
      datasetId: 'd',
      datasetName: 'd',
    },
  ],
};

describe('caricatureTsv', () => {
  it('writes one row per level under the header, NaN as an empty field, numbers that read back exactly', () => {
    const lines = caricatureTsv(RECORD).split('\n');
    expect(lines[0]).toBe(CARICATURE_COLUMNS.join('\t'));
    expect(lines[1]).toBe(`layer06_globalpool\t0.5\tanti-caricature\t0\t0\t\t\t\t${1 / 3}\t3\td caricature ×0.5`);
    expect(lines[2]?.split('\t').map((f, i) => (i === 0 || i === 2 || i === 10 ? f : Number(f)))).toEqual([
      'layer06_globalpool',
      1,
      'veridical',
      12,
      9,
      0.75,
      0.4677,
      0.9111,
      1 / 3,
      3,
      'd',
    ]);
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
  });

  it('refuses a dataset name with a tab', () => {
    const bad = { ...RECORD, levels: [{ ...RECORD.levels[1], datasetName: 'a\tb' }] } as typeof RECORD;
    expect(() => caricatureTsv(bad)).toThrow(/contains a tab/);
  });
});
