import { describe, expect, it } from 'vitest';
import { countMatches, DATASET_QUERY_SCHEMA, parseQuery, type QueryRow } from './index';

const S = DATASET_QUERY_SCHEMA;
const young = {
  age: 30,
  xr: 5,
  yr: -20,
  zr: 0,
  xt: 4,
  yt: 0,
  zt: 10,
  xl: 0,
  yl: 0,
  zl: 0,
  bg: 3,
  id: 7,
  emo: 'happy',
  gender: 'F',
  ethn: 'WC',
  split: 'train',
};
const old = { ...young, age: 70, yr: 40, emo: 'neutral', gender: 'M', ethn: "B'A", id: 8 };
const run = (q: string, row: QueryRow = young): boolean => parseQuery(q, S).test(row);

describe('parseQuery evaluation', () => {
  it('evaluates the example from the issue', () => {
    const q = parseQuery('age < 50 and abs(yr) <= 30 and emo != "neutral"', S);
    expect([q.test(young), q.test(old), q.test({ ...young, yr: -31 })]).toEqual([true, false, false]);
    expect(q.columns).toEqual(['age', 'yr', 'emo']);
    expect(q.text).toBe('age < 50 and abs(yr) <= 30 and emo != "neutral"');
  });

  it('binds and tighter than or, and not looser than comparisons', () => {
    expect(run('age > 50 or age > 20 and age < 25')).toBe(false); // or(F, and(T, F))
    expect(run('age > 20 or age > 50 and age < 25')).toBe(true); // or(T, ...)
    expect(run('(age > 20 or age > 50) and age < 25')).toBe(false);
    expect(run('not age > 50')).toBe(true);
    expect(run('not not age > 50')).toBe(false);
    expect(run('not (age > 20 and id == 7)')).toBe(false);
  });

  it('does arithmetic with the usual precedence, unary minus and %', () => {
    expect(run('age + 2 * 5 == 40')).toBe(true);
    expect(run('(age + 2) * 5 == 160')).toBe(true);
    expect(run('age - 10 - 5 == 15')).toBe(true); // left associative
    expect(run('age / 4 / 3 == 2.5')).toBe(true);
    expect(run('-yr == 20 and - -yr == -20 and -yr * 2 == 40')).toBe(true);
    expect(run('age % 7 == 2 and id % 2 == 1')).toBe(true);
    expect(run('1.5e1 == 15 and 2E-1 * 10 == 2 and .5 + 0.5 == 1')).toBe(true);
  });

  it('supports the whitelisted functions', () => {
    expect(run('abs(yr) == 20 and min(age, id, 9) == 7 and max(age, 100) == 100')).toBe(true);
    expect(run('round(2.5) == 3 and floor(-1.5) == -2 and ceil(1.2) == 2 and sqrt(age + 6) == 6')).toBe(true);
  });

  it('supports in / not in with lists, both quote styles and escapes', () => {
    expect(run('emo in ["happy", \'sad\']')).toBe(true);
    expect(run('emo in ["happy", "sad"]', old)).toBe(false);
    expect(run('emo not in ["happy", "sad"]', old)).toBe(true);
    expect(run('id in [1, 2, 3 + 4] and age not in []')).toBe(true);
    expect(run('ethn == "B\'A"', old)).toBe(true);
    expect(run("ethn == 'B\\'A'", old)).toBe(true);
    expect(run('"say \\"hi\\"" == \'say "hi"\'')).toBe(true);
    expect(run('gender < "G" and split >= "train"')).toBe(true);
  });

  it('accepts &&, || and ! as synonyms', () => {
    expect(run('age < 50 && !(emo == "sad") || id == 0')).toBe(true);
    expect(run('!(age < 50) || id == 0')).toBe(false);
  });

  it('matches everything when the query is empty', () => {
    expect(parseQuery('', S).test(young)).toBe(true);
    expect(parseQuery('  \n\t ', S).test(old)).toBe(true);
    expect(countMatches(parseQuery(' ', S), [young, old])).toBe(2);
  });

  it('treats missing or mistyped row values as NaN / empty, never matching numerically', () => {
    expect(run('age < 50', { emo: 'happy' })).toBe(false);
    expect(run('age >= 50', { age: '70' })).toBe(false);
    expect(run('emo == ""', { emo: 3 })).toBe(true);
  });
});

/** Numerical Recipes LCG; deterministic rows for the brute-force comparison. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

type Row = typeof young;
const EMOTIONS = ['happy', 'surprise', 'fear', 'disgust', 'anger', 'sad', 'neutral'];
function randomRows(n: number): Row[] {
  const rand = lcg(42);
  const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = (xs: string[]): string => xs[int(0, xs.length - 1)] ?? '';
  return Array.from({ length: n }, () => ({
    xr: int(-30, 30),
    yr: int(-90, 90),
    zr: int(-20, 20),
    xt: rand() * 20 - 10,
    yt: rand() * 20 - 10,
    zt: int(-100, 100),
    xl: int(-45, 45),
    yl: int(-45, 45),
    zl: 0,
    age: int(18, 80),
    bg: int(0, 9),
    id: int(0, 49),
    emo: pick(EMOTIONS),
    gender: pick(['M', 'F']),
    ethn: pick(['WC', 'EA', 'BA']),
    split: pick(['training', 'validation', 'testing']),
  }));
}

const CASES: [string, (r: Row) => boolean][] = [
  ['age < 50 and abs(yr) <= 30 and emo != "neutral"', (r) => r.age < 50 && Math.abs(r.yr) <= 30 && r.emo !== 'neutral'],
  ['gender == "F" or ethn == "EA" and age > 60', (r) => r.gender === 'F' || (r.ethn === 'EA' && r.age > 60)],
  ['not (split == "testing") && bg % 3 == 0', (r) => r.split !== 'testing' && r.bg % 3 === 0],
  [
    'emo in ["happy", "sad", "fear"] and id not in [1, 2, 3]',
    (r) => ['happy', 'sad', 'fear'].includes(r.emo) && ![1, 2, 3].includes(r.id),
  ],
  ['sqrt(xt * xt + yt * yt) < 5', (r) => Math.sqrt(r.xt * r.xt + r.yt * r.yt) < 5],
  ['max(abs(xr), abs(yr), abs(zr)) <= 25', (r) => Math.max(Math.abs(r.xr), Math.abs(r.yr), Math.abs(r.zr)) <= 25],
  ['-zt / 10 + 1 >= round(xl / 9)', (r) => -r.zt / 10 + 1 >= Math.round(r.xl / 9)],
  ['floor(age / 10) == 3 || ceil(yt) == 2', (r) => Math.floor(r.age / 10) === 3 || Math.ceil(r.yt) === 2],
  [
    "!(xl > yl) and min(xl, yl) > -20 or split == 'validation'",
    (r) => (!(r.xl > r.yl) && Math.min(r.xl, r.yl) > -20) || r.split === 'validation',
  ],
  ['age - id * 2 % 7 > 40 and ethn < "EB"', (r) => r.age - ((r.id * 2) % 7) > 40 && r.ethn < 'EB'],
];

describe('parseQuery against hand-written predicates', () => {
  const rows = randomRows(500);
  it.each(CASES)('%s', (text, predicate) => {
    const q = parseQuery(text, S);
    const expected = rows.filter(predicate).length;
    expect(rows.every((r) => q.test(r) === predicate(r))).toBe(true);
    expect(countMatches(q, rows)).toBe(expected);
    expect(expected).toBeGreaterThan(0); // the case is informative: some but not all rows match
    expect(expected).toBeLessThan(rows.length);
  });
});
