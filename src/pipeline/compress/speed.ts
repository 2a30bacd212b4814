/**
 * How fast this browser does the PCA fit's arithmetic: one timed Gram product with the kernels
 * the fit uses (lib/linalg), in multiply-adds per second, for the Analyze form's time estimate.
 */
import { createMatrix, outerGram } from '../../lib/linalg/matrix';

const ROWS = 128;
const COLS = 2048;

/** Multiply-adds per second of X Xᵀ on a 128 × 2048 float64 matrix (best of three, about 0.1 s in all). */
export function measureMultiplyAddRate(now: () => number = () => performance.now()): number {
  const x = createMatrix(ROWS, COLS);
  for (let i = 0; i < x.data.length; i++) x.data[i] = Math.sin(i);
  const work = ((ROWS * ROWS) / 2) * COLS;
  let best = Infinity;
  for (let trial = 0; trial < 3; trial++) {
    const start = now();
    outerGram(x);
    best = Math.min(best, Math.max(now() - start, 0.01));
  }
  return work / (best / 1000);
}
