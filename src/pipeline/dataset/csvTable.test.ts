import { describe, expect, it } from 'vitest';
import type { VariationParams } from '../../model/gmf/sampling';
import { CsvFormatError, datasetColumns, identityFolder, parseCsv, tableRow, toCsv } from './csvTable';

const PARAMS = [
  'xr',
  'yr',
  'zr',
  'xt',
  'yt',
  'zt',
  'xl',
  'yl',
  'zl',
  'emo',
  'gender',
  'ethn',
  'age',
  'bg',
  'id',
  'split',
];
const identity = { id: 3, gender: 'F' as const, ethn: 'EA' as const, age: 31 };
const variation: VariationParams = {
  xr: -30,
  yr: 12,
  zr: 0,
  xt: 100,
  yt: -7,
  zt: 5,
  xl: 90,
  yl: -90,
  zl: 1,
  emo: 'happy',
  bg: 2,
};

describe('dataset table columns and paths', () => {
  it('lists the original columns in order', () => {
    expect(datasetColumns(false)).toEqual(['image_path', 'feature_path', ...PARAMS]);
    expect(datasetColumns(true)).toEqual([
      'image_path_left',
      'image_path',
      'image_path_right',
      'feature_path',
      ...PARAMS,
    ]);
  });

  it('names folders and files as the original did', () => {
    expect(identityFolder(identity)).toBe('id-3_gender-F_ethn-EA_age-31');
    const row = tableRow(identity, variation, 2, 'validation', { binocular: true, format: 'jpg' });
    expect(Object.keys(row)).toEqual(datasetColumns(true));
    expect(row).toEqual({
      image_path_left: 'id-3_gender-F_ethn-EA_age-31/2_imageleft.jpg',
      image_path: 'id-3_gender-F_ethn-EA_age-31/2_image.jpg',
      image_path_right: 'id-3_gender-F_ethn-EA_age-31/2_imageright.jpg',
      feature_path: 'id-3_gender-F_ethn-EA_age-31/2_features.h5',
      ...variation,
      gender: 'F',
      ethn: 'EA',
      age: 31,
      id: 3,
      split: 'validation',
    });
    const mono = tableRow(identity, variation, 0, 'testing', { binocular: false, format: 'png' });
    expect(Object.keys(mono)).toEqual(datasetColumns(false));
    expect(mono.image_path).toBe('id-3_gender-F_ethn-EA_age-31/0_image.png');
  });
});

describe('toCsv / parseCsv', () => {
  it('writes the header first, quotes only where needed, ends lines with \\n', () => {
    expect(toCsv([{ a: 'x,y', b: 1 }], ['a', 'b'])).toBe('a,b\n"x,y",1\n');
    expect(toCsv([{ a: 'say "hi"', b: '' }], ['a', 'b'])).toBe('a,b\n"say ""hi""",\n');
  });

  it('round-trips hostile strings', () => {
    const hostile = ['a,b', '"quoted"', 'line\nbreak', 'cr\r\nlf', '', ' spaced ', 'ünïcödé 顔 🙂', '""', ',', '\n'];
    const columns = ['weird, "name"', 'v'];
    const rows = hostile.map((v, i) => ({ [columns[0] ?? '']: v, v: `${v}-${i}` }));
    const parsed = parseCsv(toCsv(rows, columns));
    expect(parsed.columns).toEqual(columns);
    expect(parsed.rows).toEqual(rows);
  });

  it('writes numbers so they parse back exactly', () => {
    const values = [-30, 0, 0.1, 1e-7, 1 / 3, 123456789012, -2.5e21, Math.fround(0.7)];
    const parsed = parseCsv(
      toCsv(
        values.map((n) => ({ n })),
        ['n'],
      ),
    );
    expect(parsed.rows.map((r) => Number(r.n))).toEqual(values);
    expect(parsed.rows[0]?.n).toBe('-30');
  });

  it('round-trips table rows', () => {
    const columns = datasetColumns(true);
    const row = tableRow(identity, variation, 2, 'training', { binocular: true, format: 'jpg' });
    const parsed = parseCsv(toCsv([row], columns));
    expect(parsed.rows[0]).toEqual(Object.fromEntries(columns.map((c) => [c, String(row[c])])));
  });

  it('reports malformed files with their line', () => {
    const lineOf = (text: string): number | undefined => {
      try {
        parseCsv(text);
      } catch (e) {
        expect(e).toBeInstanceOf(CsvFormatError);
        expect((e as CsvFormatError).code).toBe('CSV_FORMAT');
        return (e as CsvFormatError).line;
      }
      return undefined;
    };
    expect(lineOf('a,b\n1,2\n"3,4\n')).toBe(3);
    expect(lineOf('a,b\n1,2\n"x\ny",3,4\n')).toBe(3);
    expect(lineOf('a,b\n"x\ny",3\n5\n')).toBe(4);
    expect(lineOf('a,b\n1,"2"x\n')).toBe(2);
    expect(lineOf('a,b\n1,2"\n')).toBe(2);
    expect(lineOf('')).toBe(1);
    expect(() => parseCsv('a,b\n1,2\n"3,4\n')).toThrow('CSV line 3: a quoted field is never closed.');
    expect(() => parseCsv('a,b\n5\n')).toThrow('CSV line 2: 1 fields where the header has 2.');
  });
});
