/**
 * Identity shape as a Gaussian-process morphable model over the face-mask vertices
 * (DESIGN.md section 3). The scalar kernel K = V Λ Vᵀ (shapeKernel.ts) times I₃ gives the
 * components v_k ⊗ e_x, v_k ⊗ e_y, v_k ⊗ e_z, each with sd √λ_k; they are ordered k-major,
 * then x, y, z, which is sd-descending because the eigenvalues are.
 */
import { GmfError } from '../../../lib/errors';
import { symmetricEigen } from '../../../lib/linalg/symmetricEigen';
import { mirrorMap } from '../mesh/mirror';
import { KERNEL_AMPLITUDES_MM2, kernelMatrix, symmetrizePositions } from './shapeKernel';

export const DEFAULT_SHAPE_COMPONENTS = 394;

export interface ShapeModelOptions {
  /** Number of components kept (at most 3 × vertex count); default 394. */
  components?: number;
  /** Kernel amplitudes a_s in mm² for σ = 60, 30, 15, 8 mm; default KERNEL_AMPLITUDES_MM2. */
  amplitudes?: readonly number[];
}

export interface ShapeModel {
  vertexCount: number;
  /** Number of components. */
  count: number;
  /** Standard deviation (mm) of each component, non-increasing. */
  sd: Float32Array;
  /** count × (vertexCount·3) rows, xyz-interleaved per vertex, each of unit Euclidean norm. */
  basis: Float32Array;
  /** The exactly mirror-symmetric mean mask p̃ (mm) the kernel is evaluated on. */
  meanPositions: Float32Array;
  /** p̃ at full precision; the kernel points used by `extendToPoints`. */
  kernelPoints: Float64Array;
  /** Kernel amplitudes used (mm²), needed to extend the model to new points. */
  amplitudes: readonly number[];
  /** Scalar eigenvalues λ_k (mm², descending) and unit eigenvectors as rows (vertexCount each). */
  eigenvalues: Float64Array;
  eigenvectors: Float64Array;
}

export class ShapeModelError extends GmfError {
  constructor(message: string) {
    super('SHAPE_MODEL', `Shape model: ${message}`);
  }
}

/** Build the shape model for a mesh symmetric about x = 0 (about 0.4 s for 468 vertices). */
export function buildShapeModel(positions: Float32Array, options: ShapeModelOptions = {}): ShapeModel {
  const vertexCount = positions.length / 3;
  const count = options.components ?? DEFAULT_SHAPE_COMPONENTS;
  const amplitudes = options.amplitudes ?? KERNEL_AMPLITUDES_MM2;
  if (!Number.isInteger(vertexCount) || vertexCount === 0) {
    throw new ShapeModelError(`positions length ${positions.length} is not a positive multiple of 3`);
  }
  if (!Number.isInteger(count) || count < 1 || count > 3 * vertexCount) {
    throw new ShapeModelError(
      `asked for ${count} components; a ${vertexCount}-vertex mesh has 1 to ${3 * vertexCount}`,
    );
  }
  if (amplitudes.some((a) => !(a >= 0))) {
    throw new ShapeModelError(`kernel amplitudes must be non-negative, got [${amplitudes.join(', ')}]`);
  }
  const symmetric = symmetrizePositions(positions, mirrorMap(positions));
  const { values, vectors } = symmetricEigen({
    rows: vertexCount,
    cols: vertexCount,
    data: kernelMatrix(symmetric, symmetric, amplitudes),
  });

  const stride = 3 * vertexCount;
  const sd = new Float32Array(count);
  const basis = new Float32Array(count * stride);
  for (let c = 0; c < count; c++) {
    const k = Math.floor(c / 3);
    const axis = c % 3;
    // Rounding can leave the smallest eigenvalues of a PSD kernel slightly negative.
    sd[c] = Math.sqrt(Math.max(values[k] ?? 0, 0));
    for (let i = 0; i < vertexCount; i++) basis[c * stride + 3 * i + axis] = vectors.data[k * vertexCount + i] ?? 0;
  }
  return {
    vertexCount,
    count,
    sd,
    basis,
    meanPositions: Float32Array.from(symmetric),
    kernelPoints: symmetric,
    amplitudes: [...amplitudes],
    eigenvalues: values,
    eigenvectors: vectors.data,
  };
}

/**
 * Displacement (mm, xyz per vertex) Σ_c coefficients[c] · sd[c] · basis[c]. Coefficients are on
 * the N(0, 1) scale; fewer than `count` are allowed (the rest are zero).
 */
export function shapeDisplacement(
  model: ShapeModel,
  coefficients: ArrayLike<number>,
  out?: Float32Array,
): Float32Array {
  const stride = 3 * model.vertexCount;
  if (coefficients.length > model.count) {
    throw new ShapeModelError(`${coefficients.length} coefficients given, the model has ${model.count} components`);
  }
  const result = out ?? new Float32Array(stride);
  if (result.length !== stride) throw new ShapeModelError(`output holds ${result.length} values, expected ${stride}`);
  const sum = new Float64Array(stride);
  for (let c = 0; c < coefficients.length; c++) {
    const scale = (coefficients[c] ?? 0) * (model.sd[c] ?? 0);
    if (scale === 0) continue;
    const row = c * stride;
    for (let j = 0; j < stride; j++) sum[j] = (sum[j] ?? 0) + scale * (model.basis[row + j] ?? 0);
  }
  result.set(sum);
  return result;
}

/**
 * Nyström extension of the basis to new points x (mm, xyz-interleaved), e.g. back-of-head
 * vertices: φ_k(x) = (1/λ_k) Σ_i k(x, p̃_i) v_k(i), laid out like `basis` (count × points·3).
 * At the mask's own points it reproduces the basis; components with λ_k ≤ 0 extend as zero.
 */
export function extendToPoints(model: ShapeModel, points: Float32Array): Float32Array {
  if (points.length % 3 !== 0) throw new ShapeModelError(`points length ${points.length} is not a multiple of 3`);
  const pointCount = points.length / 3;
  const n = model.vertexCount;
  const cross = kernelMatrix(points, model.kernelPoints, model.amplitudes);
  const scalarCount = Math.ceil(model.count / 3);
  const phi = new Float64Array(scalarCount * pointCount);
  for (let k = 0; k < scalarCount; k++) {
    const lambda = model.eigenvalues[k] ?? 0;
    if (!(lambda > 0)) continue;
    for (let p = 0; p < pointCount; p++) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += (cross[p * n + i] ?? 0) * (model.eigenvectors[k * n + i] ?? 0);
      phi[k * pointCount + p] = dot / lambda;
    }
  }
  const stride = 3 * pointCount;
  const out = new Float32Array(model.count * stride);
  for (let c = 0; c < model.count; c++) {
    const k = Math.floor(c / 3);
    for (let p = 0; p < pointCount; p++) out[c * stride + 3 * p + (c % 3)] = phi[k * pointCount + p] ?? 0;
  }
  return out;
}
