/**
 * Checks that keep a failed render from passing as an image: the GPU's limits before a renderer is
 * made, GPU errors (out of memory, device or context lost) after each frame, and the frame itself
 * (finite geometry, a face covering a plausible share of the picture). A GPU that runs out of
 * memory draws nothing and reads back the clear colour: the background alone, which looks like an
 * image to everything downstream.
 */
import { GmfError } from '../../lib/errors';

/** The limits a frame of width x height needs (WebGPU names; WebGL's MAX_TEXTURE_SIZE maps to the first). */
export interface RenderLimits {
  maxTextureDimension2D: number;
  /** Largest buffer; the read-back buffer holds one frame (4 bytes a pixel, rows padded to 256 bytes). */
  maxBufferSize?: number;
}

/** Bytes of the buffer a width x height RGBA8 frame is read back through (WebGPU pads rows to 256 bytes). */
export function readbackBytes(width: number, height: number): number {
  return Math.ceil((width * 4) / 256) * 256 * height;
}

/**
 * Why a frame of `size` px at render scale `scale` cannot be drawn within `limits`, or null. The
 * message says what to change: the frame is size x scale on each side.
 */
export function renderLimitProblem(size: number, scale: number, limits: RenderLimits): string | null {
  const side = size * scale;
  const setting = `Resolution ${size} px with render scale ${scale} draws ${side} x ${side} px frames`;
  if (side > limits.maxTextureDimension2D) {
    const most = Math.max(1, Math.floor(limits.maxTextureDimension2D / size));
    return `${setting}, but this GPU's largest texture is ${limits.maxTextureDimension2D} px (maxTextureDimension2D). Lower the render scale (to at most ${Math.min(8, most)} at this resolution) or the resolution.`;
  }
  const bytes = readbackBytes(side, side);
  if (limits.maxBufferSize !== undefined && bytes > limits.maxBufferSize)
    return `${setting} (${mib(bytes)} MiB to read back), but this GPU's largest buffer is ${mib(limits.maxBufferSize)} MiB (maxBufferSize). Lower the render scale or the resolution.`;
  return null;
}

const mib = (bytes: number) => Math.round(bytes / 2 ** 20);

/** Settings the GPU cannot hold; refused before anything is rendered or stored. */
export class RenderLimitError extends GmfError {
  constructor(message: string) {
    super('RENDER_LIMITS', message);
  }
}

export type GpuFaultKind = 'out-of-memory' | 'device-lost' | 'validation' | 'internal';

const FAULT_TEXT: Record<GpuFaultKind, string> = {
  'out-of-memory': 'the GPU ran out of memory (GPUOutOfMemoryError)',
  'device-lost': 'the GPU device was lost (the browser or driver reset it, often for lack of memory)',
  validation: 'the GPU refused a command (GPUValidationError)',
  internal: 'the GPU failed internally (GPUInternalError)',
};

/** A frame the GPU failed to draw. `reason` is a phrase for "Rendering failed …: <reason>." */
export class GpuRenderError extends GmfError {
  readonly kind: GpuFaultKind;
  readonly reason: string;

  constructor(kind: GpuFaultKind, detail: string) {
    const reason = `${FAULT_TEXT[kind]}${detail ? ` — ${detail}` : ''}`;
    super(kind === 'out-of-memory' ? 'GPU_OUT_OF_MEMORY' : 'GPU_RENDER_FAILED', `Rendering failed: ${reason}.`);
    this.kind = kind;
    this.reason = reason;
  }
}

/** Least share of the image a face covers; the generator's ranges keep it well above (a 32 px face covers ~30%). */
export const MIN_FACE_COVERAGE = 0.005;

/** Share of pixels with any alpha: a face rendered before its background is blended in has alpha 0 elsewhere. */
export function faceCoverage(rgba: Uint8Array | Uint8ClampedArray): number {
  const pixels = rgba.length / 4;
  if (pixels === 0) return 0;
  let covered = 0;
  for (let i = 3; i < rgba.length; i += 4) if ((rgba[i] ?? 0) > 0) covered++;
  return covered / pixels;
}

export type FaceProblem = { kind: 'non-finite'; what: string } | { kind: 'no-face'; coverage: number };

/**
 * What is wrong with a rendered face, or null: non-finite geometry (NaN or Infinity vertices from
 * extreme coefficients draw nothing) or a face covering less than MIN_FACE_COVERAGE of the image.
 * `face` is the frame before the background is blended behind it.
 */
export function checkRenderedFace(
  face: Uint8Array | Uint8ClampedArray | Float32Array,
  positions?: Float32Array,
): FaceProblem | null {
  if (positions && !allFinite(positions)) return { kind: 'non-finite', what: 'vertex positions' };
  if (face instanceof Float32Array) {
    if (!allFinite(face)) return { kind: 'non-finite', what: 'pixel values' };
    const bytes = Uint8ClampedArray.from(face, (v) => v * 255);
    return coverageProblem(faceCoverage(bytes));
  }
  return coverageProblem(faceCoverage(face));
}

/** Whether every value is finite: a plain loop, ~8x faster than every(Number.isFinite) on a face's 86k coordinates. */
function allFinite(values: Float32Array): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return false;
  return true;
}

function coverageProblem(coverage: number): FaceProblem | null {
  return coverage < MIN_FACE_COVERAGE ? { kind: 'no-face', coverage } : null;
}
