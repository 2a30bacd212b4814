/**
 * The regressors of the variance partition (README.md): one group of design columns per factor
 * that varies in the testing split, in the decoder's factor order (id excluded: identities are
 * what the folds hold out).
 */
import { type Matrix, createMatrix } from '../../lib/linalg/matrix';
import { ORIGINAL_FACTOR_ORDER } from '../decode/decodeLayer';
import { encodeLabels, type Label } from '../decode/labels';
import { type FactorMatrix, originalShape, originalTex } from '../decompose/factors';
import type { TestingData } from '../beyond/records';

type Factors = TestingData['factors'];

/**
 * Columns kept of shape and tex (as decomposed.h5 holds them: tex component-major, so the
 * leading components of every band): all 100 (or 500) would overfit a testing split of a few
 * hundred images.
 */
export const IDENTITY_BLOCK_COLUMNS = 10;

const SCALARS = ['age', 'xr', 'yr', 'zr', 'xt', 'yt', 'zt', 'xl', 'yl'] as const;

export interface FactorGroup {
  name: string;
  /** Indices of the group's columns in the design. */
  columns: number[];
}

export interface TuningDesign {
  /** Samples × columns, uncentred (the fits centre with their training means). */
  x: Matrix;
  groups: FactorGroup[];
}

/** One column per sample, as plain arrays (the design is small). */
type Column = Float64Array;

function isConstant(column: ArrayLike<number>): boolean {
  for (let i = 1; i < column.length; i++) if (column[i] !== column[0]) return false;
  return true;
}

/** One-hot of every level but the first (sorted as LabelEncoder sorts them). */
function oneHot(labels: ArrayLike<Label>): Column[] {
  const { classes, codes } = encodeLabels(labels);
  const code = codes[0] ?? new Int32Array(0);
  return classes.slice(1).map((_, k) => Float64Array.from(code, (c) => (c === k + 1 ? 1 : 0)));
}

function leadingColumns({ data, cols }: FactorMatrix, samples: number): Column[] {
  return Array.from({ length: Math.min(IDENTITY_BLOCK_COLUMNS, cols) }, (_, j) =>
    Float64Array.from({ length: samples }, (_, i) => data[i * cols + j] ?? 0),
  );
}

function columnsOf(name: string, f: Factors): Column[] {
  if (name === 'gender' || name === 'ethn' || name === 'emo') return oneHot(f.labels[name]);
  if (name === 'bg') return oneHot(f.numbers.bg);
  if (name === 'shape') return leadingColumns(originalShape(f), f.samples);
  if (name === 'tex') return leadingColumns(originalTex(f), f.samples);
  const scalar = SCALARS.find((s) => s === name);
  return scalar === undefined ? [] : [Float64Array.from(f.numbers[scalar])];
}

/**
 * The design of every factor that varies in `factors`: scalars one column each, categorical
 * factors one-hot minus one level, shape and tex their first IDENTITY_BLOCK_COLUMNS columns.
 * Constant columns are dropped (they are the intercept's), and a factor with none left with it.
 */
export function tuningDesign(factors: Factors): TuningDesign {
  const kept: Column[] = [];
  const groups: FactorGroup[] = [];
  for (const name of ORIGINAL_FACTOR_ORDER) {
    if (name === 'id') continue;
    const columns = columnsOf(name, factors).filter((c) => !isConstant(c));
    if (columns.length === 0) continue;
    groups.push({ name, columns: columns.map((_, k) => kept.length + k) });
    kept.push(...columns);
  }
  const n = factors.samples;
  const p = kept.length;
  const x = createMatrix(n, p);
  kept.forEach((column, j) => {
    for (let i = 0; i < n; i++) x.data[i * p + j] = column[i] ?? 0;
  });
  return { x, groups };
}
