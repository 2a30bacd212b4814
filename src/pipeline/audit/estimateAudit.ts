/**
 * How long a factor audit will take, before it starts: images to render at a measured speed
 * (SwiftShader's WebGPU on two cores; a GPU is faster). Decoding is small next to rendering.
 */
import type { GeneratorSpec } from '../../model/gmf/generatorSpec';
import { type FactorAuditOptions, resolveAuditOptions } from './auditOptions';

/**
 * Seconds per image = fixed + per drawn pixel, fitted to audits on two CPU cores (SwiftShader's
 * WebGPU, procedural model, while other jobs shared the cores): 112 px at render scale 1, 2 and 4
 * took 0.044, 0.078 and 0.151 s per image, decoding included.
 */
const SECONDS_PER_IMAGE = 0.037;
const SECONDS_PER_DRAWN_PIXEL = 5.7e-7;

export interface AuditEstimate {
  images: number;
  seconds: number;
}

/** Throws AuditOptionsError when the options are invalid (the form shows it). */
export function estimateFactorAudit(spec: GeneratorSpec, options: FactorAuditOptions = {}): AuditEstimate {
  const resolved = resolveAuditOptions(spec, options);
  const images = resolved.factors.length * resolved.imagesPerFactor;
  const drawn = (resolved.resolution * resolved.renderScale) ** 2;
  return { images, seconds: images * (SECONDS_PER_IMAGE + SECONDS_PER_DRAWN_PIXEL * drawn) };
}
