/**
 * The factor audit (issue 11 §3): for every factor, render a set in which it alone varies
 * (auditSets.ts) with the dataset's renderer, and report how well a linear decoder on pixel PCA
 * recovers it (decodeAuditSet.ts). The renderer is injected, so this runs in the face worker with
 * the real pipeline and in Node with a fake one. Progress counts rendered images; a cancel takes
 * effect before the next image.
 */
import { throwIfCancelled } from '../../lib/errors';
import { createMatrix } from '../../lib/linalg/matrix';
import { createRng } from '../../lib/random';
import { assertValidGeneratorSpec, type GeneratorSpec } from '../../model/gmf/generatorSpec';
import type { FaceRenderParams } from '../../model/render/facePipeline';
import { type FactorAuditOptions, resolveAuditOptions } from './auditOptions';
import { dequantise, pixelEffect, writeImageRow } from './auditPixels';
import { buildAuditSet } from './auditSets';
import { decodeAuditSet } from './decodeAuditSet';
import {
  FACTOR_AUDIT_FORMAT,
  FACTOR_AUDIT_VERSION,
  type FactorAuditResult,
  type FactorAuditRow,
} from './record/auditRecord';

/**
 * Renders faces in order, one RGBA image of options.resolution² pixels each (monocular, centre
 * camera), handing each to `onImage` with its index as it comes; a throw from onImage stops it.
 */
export type AuditRenderer = (
  faces: readonly FaceRenderParams[],
  onImage: (image: Uint8ClampedArray, index: number) => void,
) => Promise<void>;

export type AuditProgress = (done: number, total: number) => void;

/** The face model a spec names, for specs that name one (a string, or an object with an id). */
function modelIdOf(spec: GeneratorSpec): string | undefined {
  const named = (spec as { faceModel?: unknown }).faceModel;
  if (typeof named === 'string') return named;
  const id = typeof named === 'object' && named !== null ? (named as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : undefined;
}

export async function runFactorAudit(
  render: AuditRenderer,
  spec: GeneratorSpec,
  options: FactorAuditOptions,
  signal: AbortSignal,
  progress: AuditProgress,
  now: () => number = () => performance.now(),
): Promise<FactorAuditResult> {
  assertValidGeneratorSpec(spec);
  const start = now();
  const resolved = resolveAuditOptions(spec, options);
  const n = resolved.imagesPerFactor;
  const total = resolved.factors.length * n;
  let done = 0;
  progress(done, total);
  const rows: FactorAuditRow[] = [];
  for (const factor of resolved.factors) {
    const set = buildAuditSet(spec, factor, resolved);
    const pixels = createMatrix(n, resolved.pixelSide * resolved.pixelSide * 3);
    throwIfCancelled(signal);
    await render(set.params, (image, i) => {
      throwIfCancelled(signal);
      writeImageRow(image, resolved.resolution, resolved.pixelStep, pixels, i);
      progress(++done, total);
    });
    throwIfCancelled(signal);
    const effect = pixelEffect(pixels);
    dequantise(pixels, createRng(resolved.seed, 'factor-audit-noise', factor.name));
    const score = decodeAuditSet(factor.name, pixels, set.targets, resolved);
    rows.push({
      factor: factor.name,
      group: factor.group,
      kind: factor.kind,
      metric: factor.kind === 'continuous' ? 'r2' : 'auc',
      ...score,
      range: set.range,
      images: n,
      effect,
    });
  }
  const modelId = modelIdOf(spec);
  return {
    format: FACTOR_AUDIT_FORMAT,
    version: FACTOR_AUDIT_VERSION,
    ...(modelId === undefined ? {} : { modelId }),
    resolution: resolved.resolution,
    renderScale: resolved.renderScale,
    background: resolved.background,
    base: resolved.base,
    split: resolved.split,
    components: resolved.components,
    pixelSide: resolved.pixelSide,
    seed: resolved.seed,
    createdAt: Date.now(),
    seconds: (now() - start) / 1000,
    rows,
  };
}
