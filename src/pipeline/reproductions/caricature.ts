/**
 * Hill et al. 2019 (Nature Machine Intelligence 1:522–529, "Deep convolutional neural networks
 * in the face of caricature"): identification of face images at several caricature levels by a
 * network's top layer. Pure: top-layer vectors in, per-level accuracy with a Wilson interval out
 * (README.md has the protocol and what differs from the paper).
 */
import { GmfError, throwIfCancelled } from '../../lib/errors';
import type { Matrix } from '../../lib/linalg/matrix';

/** The standard normal's 97.5 % quantile: a two-sided 95 % interval. */
export const Z_95 = 1.959963984540054;

/**
 * Wilson's score interval for `correct` successes out of `n` (Wilson 1927): the p whose score
 * test |p̂ − p| / √(p(1 − p)/n) equals z. NaN for n = 0.
 */
export function wilsonInterval(correct: number, n: number, z: number = Z_95): { low: number; high: number } {
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(correct) || correct < 0 || correct > n)
    throw new GmfError(
      'WILSON_COUNTS',
      `A binomial interval needs 0 ≤ correct ≤ n, whole numbers; got ${correct} of ${n}.`,
    );
  if (n === 0) return { low: NaN, high: NaN };
  const p = correct / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n));
  // At 0 / n and n / n the bound is exactly 0 or 1; rounding would leave 1e-17 off it.
  return {
    low: correct === 0 ? 0 : Math.max(0, centre - half),
    high: correct === n ? 1 : Math.min(1, centre + half),
  };
}

/**
 * Rows whose identity has at least two reference images (the others have no leave-one-out
 * centroid of their own and are dropped, with their identities listed).
 */
export function leaveOneOutRows(ids: ArrayLike<number>): { rows: number[]; dropped: number[] } {
  const counts = new Map<number, number>();
  for (let r = 0; r < ids.length; r++) counts.set(ids[r] ?? NaN, (counts.get(ids[r] ?? NaN) ?? 0) + 1);
  const rows: number[] = [];
  for (let r = 0; r < ids.length; r++) if ((counts.get(ids[r] ?? NaN) ?? 0) >= 2) rows.push(r);
  const dropped = [...counts]
    .filter(([, n]) => n < 2)
    .map(([id]) => id)
    .sort((a, b) => a - b);
  return { rows, dropped };
}

/** Scores are rounded to 12 decimals so that mathematically equal cosines tie (see parde.ts). */
const TIE_SCALE = 1e12;
const rounded = (cosine: number): number => Math.round(cosine * TIE_SCALE) / TIE_SCALE;

/**
 * For each probe row r — the image of reference row r at some caricature level, same identity
 * and variation — whether the identity centroid nearest to it by cosine is its own. Centroids are
 * the mean reference vectors per identity; the probe's own identity's leaves out reference row r,
 * so a veridical probe is never compared with itself. Correct only when the own centroid is
 * strictly the most similar (a tie counts as a miss); a zero vector has cosine 0 with everything.
 * Every identity needs at least two reference rows (`leaveOneOutRows`), and there must be two
 * identities or more.
 */
export function identifyByCentroids(
  reference: Matrix,
  ids: ArrayLike<number>,
  probes: Matrix,
  signal?: AbortSignal,
): Uint8Array {
  const { rows: n, cols: d } = reference;
  if (ids.length !== n || probes.rows !== n || probes.cols !== d)
    throw new GmfError(
      'CARICATURE_SHAPES',
      `Probes (${probes.rows} × ${probes.cols}), reference images (${n} × ${d}) and identities (${ids.length}) must match row for row.`,
    );
  const identities = [...new Set(Array.from(ids))].sort((a, b) => a - b);
  if (identities.length < 2)
    throw new GmfError(
      'CARICATURE_TOO_FEW_IDENTITIES',
      `Identification needs two identities or more with two images each; there are ${identities.length}.`,
    );
  const index = new Map(identities.map((id, j) => [id, j]));
  const k = identities.length;
  const counts = new Float64Array(k);
  const sums = new Float64Array(k * d);
  for (let r = 0; r < n; r++) {
    const j = index.get(ids[r] ?? NaN) ?? 0;
    counts[j] = (counts[j] ?? 0) + 1;
    for (let c = 0; c < d; c++) sums[j * d + c] = (sums[j * d + c] ?? 0) + (reference.data[r * d + c] ?? 0);
  }
  const single = identities.filter((_, j) => (counts[j] ?? 0) < 2);
  if (single.length > 0)
    throw new GmfError(
      'CARICATURE_SINGLE_IMAGE',
      `Identities ${single.join(', ')} have one reference image only: there is no centroid to leave it out of.`,
    );
  // The cosine does not depend on a centroid's scale: sums stand for means.
  const norms = Float64Array.from({ length: k }, (_, j) => {
    let s = 0;
    for (let c = 0; c < d; c++) s += (sums[j * d + c] ?? 0) ** 2;
    return Math.sqrt(s);
  });
  const cosine = (dot: number, a: number, b: number): number => (a > 0 && b > 0 ? rounded(dot / (a * b)) : 0);
  const correct = new Uint8Array(n);
  for (let r = 0; r < n; r++) {
    if (r % 256 === 0 && signal) throwIfCancelled(signal);
    const own = index.get(ids[r] ?? NaN) ?? 0;
    let probeNorm = 0;
    for (let c = 0; c < d; c++) probeNorm += (probes.data[r * d + c] ?? 0) ** 2;
    probeNorm = Math.sqrt(probeNorm);
    let best = -Infinity;
    for (let j = 0; j < k; j++) {
      if (j === own) continue;
      let dot = 0;
      for (let c = 0; c < d; c++) dot += (probes.data[r * d + c] ?? 0) * (sums[j * d + c] ?? 0);
      best = Math.max(best, cosine(dot, probeNorm, norms[j] ?? 0));
    }
    let dot = 0;
    let looNorm = 0;
    for (let c = 0; c < d; c++) {
      const v = (sums[own * d + c] ?? 0) - (reference.data[r * d + c] ?? 0);
      dot += (probes.data[r * d + c] ?? 0) * v;
      looNorm += v * v;
    }
    correct[r] = cosine(dot, probeNorm, Math.sqrt(looNorm)) > best ? 1 : 0;
  }
  return correct;
}

export type CaricatureLevelKind = 'anti-caricature' | 'veridical' | 'caricature';

export const caricatureLevelKind = (scale: number): CaricatureLevelKind =>
  scale < 1 ? 'anti-caricature' : scale === 1 ? 'veridical' : 'caricature';

/** One caricature level's identification: counts, accuracy and its 95 % Wilson interval. */
export interface CaricatureLevelScore {
  /** Identity coefficients × scale (1: the stored, veridical images). */
  scale: number;
  probes: number;
  correct: number;
  accuracy: number;
  ciLow: number;
  ciHigh: number;
}

export function levelScore(scale: number, correct: Uint8Array): CaricatureLevelScore {
  let hits = 0;
  for (const c of correct) hits += c;
  const { low, high } = wilsonInterval(hits, correct.length);
  return {
    scale,
    probes: correct.length,
    correct: hits,
    accuracy: correct.length > 0 ? hits / correct.length : NaN,
    ciLow: low,
    ciHigh: high,
  };
}
