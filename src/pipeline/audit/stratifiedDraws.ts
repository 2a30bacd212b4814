/**
 * Stratified draws for the audit's continuous factors: m values per split, one from each of m
 * equal-probability strata (jittered by the seeded stream), so every split covers the whole
 * range evenly and the testing images never fall far outside the training ones — a small set
 * then gives a steady R² where plain random draws can leave a gap or an outlier.
 */
import type { Rng } from '../../lib/random';

/** Acklam's rational approximation of the standard normal quantile (relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) return p === 0 ? -Infinity : p === 1 ? Infinity : Number.NaN;
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
  ];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const poly = (k: number[], x: number) => k.reduce((sum, coefficient) => sum * x + coefficient, 0);
  const low = 0.02425;
  if (p < low || p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(p < low ? p : 1 - p));
    const x = poly(c, q) / (poly(d, q) * q + 1);
    return p < low ? x : -x;
  }
  const q = p - 0.5;
  const r = q * q;
  return (poly(a, r) * q) / (poly(b, r) * r + 1);
}

/** m stratified uniforms in (0, 1), in order of their strata. */
export function stratifiedUniforms(m: number, rng: Rng): number[] {
  return Array.from({ length: m }, (_, j) => (j + Math.max(rng.next(), Number.EPSILON)) / m);
}
