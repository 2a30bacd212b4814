import { describe, expect, it } from 'vitest';
import { sortableColumns, sortRows } from './tableSort';

const rows = [
  { id: 0, yr: 10, emo: 'happy', path: 'id-0/2_image.png' },
  { id: 0, yr: -30, emo: 'anger', path: 'id-0/10_image.png' },
  { id: 1, yr: Number.NaN, emo: '', path: 'id-1/1_image.png' },
  { id: 1, yr: 10, emo: 'happy', path: 'id-1/0_image.png' },
  { id: 2, yr: 5, emo: 'sadness', path: 'id-2/0_image.png' },
];
const all = [0, 1, 2, 3, 4];

describe('sortRows', () => {
  it('orders numbers by value, ties in table order, missing values last in both directions', () => {
    expect(sortRows(rows, all, 'yr', 'ascending')).toEqual([1, 4, 0, 3, 2]);
    expect(sortRows(rows, all, 'yr', 'descending')).toEqual([0, 3, 4, 1, 2]);
  });

  it('orders text alphabetically with numbers inside it by value, empty last', () => {
    expect(sortRows(rows, all, 'emo', 'ascending')).toEqual([1, 0, 3, 4, 2]);
    // '2_image' before '10_image' (numeric collation), as a researcher reads them.
    expect(sortRows(rows, [0, 1], 'path', 'ascending')).toEqual([0, 1]);
  });

  it('sorts only the given rows (a query’s matches) and leaves its input alone', () => {
    const matching = [4, 0, 1];
    expect(sortRows(rows, matching, 'yr', 'ascending')).toEqual([1, 4, 0]);
    expect(matching).toEqual([4, 0, 1]);
    // An unknown column changes nothing.
    expect(sortRows(rows, matching, 'nope', 'descending')).toEqual([4, 0, 1]);
  });

  it('offers the columns of the table in order', () => {
    expect(sortableColumns(rows)).toEqual(['id', 'yr', 'emo', 'path']);
    expect(sortableColumns([])).toEqual([]);
  });
});
