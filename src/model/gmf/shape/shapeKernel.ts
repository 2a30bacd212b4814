/**
 * The scalar covariance kernel of the identity-shape Gaussian process (DESIGN.md section 3):
 *   k(p, q) = w(p) w(q) Σ_s a_s exp(-|p - q|² / (2 σ_s²)),
 * evaluated on mirror-symmetrised points so that k(Mp, Mq) = k(p, q) exactly, M(x, y, z) = (-x, y, z).
 */
import { GmfError } from '../../../lib/errors';

/** Length scales σ_s (mm) and amplitudes a_s (mm²); coarse scales carry more variance. */
export const KERNEL_SCALES_MM: readonly number[] = [60, 30, 15, 8];
// Variances (mm^2) per scale, chosen so a random identity moves a typical vertex by ~3 mm
// (real faces differ by several mm), the largest scales dominating.
export const KERNEL_AMPLITUDES_MM2: readonly number[] = [5, 2, 0.75, 0.3];

interface RegionBump {
  /** What the bump is for, kept for documentation. */
  region: string;
  /** Centre (mm) in canonical-mesh coordinates; x ≥ 0, lateral bumps get a mirrored twin. */
  centre: readonly [number, number, number];
  radius: number;
  /** Log-weight gain: the weight is w = exp(Σ gain · bump), so negative gains damp a region. */
  gain: number;
}

/**
 * Hand-designed region weights (not learned): faces vary most at the nose, chin, jaw angle and
 * cheekbones, and least around the eyelids, whose shape the eye model owns. Centres come from
 * the canonical mesh (nose tip vertex 4, chin 152, jaw angle 172, cheekbone 352, eye ring).
 */
export const REGION_BUMPS: readonly RegionBump[] = [
  { region: 'nose', centre: [0, -8, 68], radius: 16, gain: 0.6 },
  { region: 'chin', centre: [0, -86, 44], radius: 16, gain: 0.45 },
  { region: 'jaw angle', centre: [62, -58, -8], radius: 18, gain: 0.35 },
  { region: 'cheekbone', centre: [55, 0, 25], radius: 15, gain: 0.25 },
  { region: 'eyelids', centre: [31.6, 26.4, 36.3], radius: 9, gain: -1.2 },
];

/** Region weight w(p) at one point; smooth and mirror-symmetric. */
export function regionWeight(x: number, y: number, z: number): number {
  let logWeight = 0;
  for (const { centre, radius, gain } of REGION_BUMPS) {
    const [cx, cy, cz] = centre;
    const s = -1 / (2 * radius * radius);
    const dyz = (y - cy) ** 2 + (z - cz) ** 2;
    // Sum the bump and its mirror twin first, so w(Mp) = w(p) holds bit for bit.
    const bump =
      cx === 0
        ? Math.exp(s * (x * x + dyz))
        : Math.exp(s * ((x - cx) ** 2 + dyz)) + Math.exp(s * ((x + cx) ** 2 + dyz));
    logWeight += gain * bump;
  }
  return Math.exp(logWeight);
}

/** Stationary multi-scale part Σ_s a_s exp(-r² / (2 σ_s²)). */
function radialKernel(distance2: number, amplitudes: readonly number[]): number {
  let sum = 0;
  for (let s = 0; s < KERNEL_SCALES_MM.length; s++) {
    const sigma = KERNEL_SCALES_MM[s] ?? 1;
    sum += (amplitudes[s] ?? 0) * Math.exp(-distance2 / (2 * sigma * sigma));
  }
  return sum;
}

/**
 * p̃_i = (p_i + M p_{m(i)}) / 2: the nearest exactly mirror-symmetric point set, so that
 * p̃_{m(i)} = M p̃_i holds bit for bit.
 */
export function symmetrizePositions(positions: Float32Array, map: Uint32Array): Float64Array {
  if (positions.length !== map.length * 3) {
    throw new GmfError(
      'SHAPE_MODEL',
      `Shape model: ${positions.length / 3} positions but ${map.length} mirror partners`,
    );
  }
  const out = new Float64Array(positions.length);
  for (let i = 0; i < map.length; i++) {
    const m = map[i] ?? 0;
    out[3 * i] = ((positions[3 * i] ?? 0) - (positions[3 * m] ?? 0)) / 2;
    out[3 * i + 1] = ((positions[3 * i + 1] ?? 0) + (positions[3 * m + 1] ?? 0)) / 2;
    out[3 * i + 2] = ((positions[3 * i + 2] ?? 0) + (positions[3 * m + 2] ?? 0)) / 2;
  }
  return out;
}

/**
 * Kernel between point sets a (rows) and b (columns), both xyz-interleaved: |a| × |b| row-major.
 * `amplitudes` are a_s (mm²) for KERNEL_SCALES_MM.
 */
export function kernelMatrix(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  amplitudes: readonly number[] = KERNEL_AMPLITUDES_MM2,
): Float64Array {
  const rows = Math.floor(a.length / 3);
  const cols = Math.floor(b.length / 3);
  const weightsB = new Float64Array(cols);
  for (let j = 0; j < cols; j++) weightsB[j] = regionWeight(b[3 * j] ?? 0, b[3 * j + 1] ?? 0, b[3 * j + 2] ?? 0);
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const x = a[3 * i] ?? 0;
    const y = a[3 * i + 1] ?? 0;
    const z = a[3 * i + 2] ?? 0;
    const wi = regionWeight(x, y, z);
    for (let j = 0; j < cols; j++) {
      const dx = x - (b[3 * j] ?? 0);
      const dy = y - (b[3 * j + 1] ?? 0);
      const dz = z - (b[3 * j + 2] ?? 0);
      out[i * cols + j] = wi * (weightsB[j] ?? 0) * radialKernel(dx * dx + dy * dy + dz * dz, amplitudes);
    }
  }
  return out;
}
