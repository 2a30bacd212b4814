/**
 * A factor audit's settings: what it renders (resolution, render scale, background), how many
 * images per factor and how they split, how many PCA components the decoder sees, what the other
 * factors are fixed at, and which factors. Defaults are sized so a 112 px audit of every factor
 * (33 × 64 images at the dataset's render scale, 4 by default) takes about five minutes on two CPU
 * cores with SwiftShader's WebGPU. On the procedural model, R² hardly changed between 64 and 96
 * images per factor, or between 8 and 47 components once there were 32 training images.
 */
import { GmfError } from '../../lib/errors';
import { type GeneratorSpec, MAX_RESOLUTION, MIN_RESOLUTION } from '../../model/gmf/generatorSpec';
import { AUDIT_FACTORS, type AuditFactorInfo, auditedComponent } from './record/auditFactors';
import type { FactorAuditResult } from './record/auditRecord';

export interface FactorAuditOptions {
  /** Square image side in pixels; default 112 (the original's worked example). */
  resolution?: number;
  /** Supersampling factor; default the dataset's. */
  renderScale?: number;
  /** Images rendered per factor, split 2:1:1 into training, validation and testing; default 64. */
  imagesPerFactor?: number;
  /** PCA components kept (at most half the training images); default 16. */
  components?: number;
  /** Composite each face over one fixed phase-scrambled background (index 0); default off. */
  background?: boolean;
  /** Other factors fixed at the model's mean face ('mean', default) or the dataset's identity 0 ('sample'). */
  base?: FactorAuditResult['base'];
  /** Factor names to audit (default every one the dataset's settings allow). */
  factors?: readonly string[];
}

export const AUDIT_DEFAULTS = {
  resolution: 112,
  imagesPerFactor: 64,
  components: 16,
  background: false,
  base: 'mean',
} as const;

/** Fewer and the 7-way LDA has fewer training images than it needs (more than classes). */
export const MIN_IMAGES_PER_FACTOR = 16;
export const MAX_IMAGES_PER_FACTOR = 2048;
/** The decoded images are box-downsampled to at most this side (RGB), which keeps the PCA cheap. */
const MAX_PIXEL_SIDE = 64;

export interface ResolvedAuditOptions {
  readonly resolution: number;
  readonly renderScale: number;
  readonly imagesPerFactor: number;
  readonly split: FactorAuditResult['split'];
  readonly components: number;
  readonly background: boolean;
  readonly base: FactorAuditResult['base'];
  readonly factors: readonly AuditFactorInfo[];
  /** Box-downsampling factor and the side it gives. */
  readonly pixelStep: number;
  readonly pixelSide: number;
  readonly seed: number;
}

export class AuditOptionsError extends GmfError {
  constructor(message: string) {
    super('AUDIT_BAD_OPTIONS', message);
  }
}

function whole(label: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max)
    throw new AuditOptionsError(`${label} must be a whole number between ${min} and ${max}, got ${value}.`);
  return value;
}

/** Shape and texture components beyond the dataset's own count never vary in it, so they are not audited. */
function available(spec: GeneratorSpec, factor: AuditFactorInfo): boolean {
  const component = auditedComponent(factor.name);
  if (!component) return true;
  return component.index <= (component.of === 'shape' ? spec.shapeComponents : spec.textureComponents);
}

export function resolveAuditOptions(spec: GeneratorSpec, options: FactorAuditOptions = {}): ResolvedAuditOptions {
  const resolution = whole(
    'Audit resolution',
    options.resolution ?? AUDIT_DEFAULTS.resolution,
    MIN_RESOLUTION,
    MAX_RESOLUTION,
  );
  const renderScale = whole('Audit render scale', options.renderScale ?? spec.renderScale, 1, 8);
  const n = whole(
    'Images per factor',
    options.imagesPerFactor ?? AUDIT_DEFAULTS.imagesPerFactor,
    MIN_IMAGES_PER_FACTOR,
    MAX_IMAGES_PER_FACTOR,
  );
  const quarter = Math.floor(n / 4);
  const split = { training: n - 2 * quarter, validation: quarter, testing: quarter };
  const components = Math.min(
    whole('PCA components', options.components ?? AUDIT_DEFAULTS.components, 1, MAX_IMAGES_PER_FACTOR),
    // More components than half the training images fit noise (measured: 16 training images decode best with ≤ 8).
    Math.floor(split.training / 2),
  );
  const allowed = AUDIT_FACTORS.filter((f) => available(spec, f));
  let factors = allowed;
  if (options.factors) {
    const unknown = options.factors.filter((name) => !allowed.some((f) => f.name === name));
    if (unknown.length > 0)
      throw new AuditOptionsError(
        `The audit cannot measure ${unknown.join(', ')} for this dataset; it measures ${allowed.map((f) => f.name).join(', ')}.`,
      );
    factors = allowed.filter((f) => options.factors?.includes(f.name));
    if (factors.length === 0) throw new AuditOptionsError('Choose at least one factor to audit.');
  }
  const pixelStep = Math.ceil(resolution / MAX_PIXEL_SIDE);
  return {
    resolution,
    renderScale,
    imagesPerFactor: n,
    split,
    components,
    background: options.background ?? AUDIT_DEFAULTS.background,
    base: options.base ?? AUDIT_DEFAULTS.base,
    factors,
    pixelStep,
    pixelSide: Math.floor(resolution / pixelStep),
    seed: spec.seed,
  };
}
