/**
 * Renders scenes into pixel buffers (no presentation): three's WebGPURenderer on an
 * OffscreenCanvas drawing into a render target that is read back asynchronously. Works in
 * workers; WebGPU first, its WebGL2 backend otherwise. Output: RGBA bytes, sRGB, rows top-down,
 * alpha 0 where nothing was drawn (so backgrounds can be blended behind the face).
 */
import type { Camera, Scene } from 'three';
import { LinearSRGBColorSpace, RenderTarget, SRGBColorSpace } from 'three';
import { WebGPURenderer } from 'three/webgpu';
import type { FaceModelInfo } from '../gmf/face/faceModel';
import { downsampleRgba } from './compositeBackground';
import type { RendererBackendName } from './createRenderer';
import {
  GpuRenderError,
  type GpuFaultKind,
  type RenderLimits,
  RenderLimitError,
  renderLimitProblem,
} from './renderChecks';

/** The parts of a WebGPU device (or WebGL2 context) the checks use; no @webgpu/types in this build. */
interface GpuDeviceLike {
  limits: RenderLimits;
  pushErrorScope(filter: 'out-of-memory' | 'validation' | 'internal'): void;
  popErrorScope(): Promise<{ message: string; constructor: { name: string } } | null>;
}
interface GlLike {
  getParameter(name: number): unknown;
  getError(): number;
  isContextLost(): boolean;
  readonly MAX_TEXTURE_SIZE: number;
  readonly MAX_RENDERBUFFER_SIZE: number;
  readonly OUT_OF_MEMORY: number;
  readonly NO_ERROR: number;
}

/** How rendered colour reaches the bytes: sRGB once, or (the procedural model's first datasets) twice. */
export type OutputEncoding = 'srgb' | 'double-srgb-v1';

export class OffscreenRenderer {
  /** Accumulated ms of CPU time to encode and submit frames (the wait for them is the caller's to time). */
  readonly timing = { submitMs: 0 };

  private constructor(
    private readonly renderer: WebGPURenderer,
    private readonly target: RenderTarget,
    readonly backend: RendererBackendName,
    readonly width: number,
    readonly height: number,
    /** Supersampling: frames are drawn at scale x the size and box-filtered down. */
    readonly scale: number,
    /** The first GPU error seen (three's device-lost and uncaptured-error hooks, or our error scopes). */
    private readonly faults: { fault: GpuRenderError | null },
  ) {}

  static async create(
    width: number,
    height: number,
    options: { scale?: number; preferWebGpu?: boolean; encoding?: OutputEncoding; msaa?: boolean } = {},
  ): Promise<OffscreenRenderer> {
    const { scale = 1, preferWebGpu = true, encoding = 'srgb', msaa = true } = options;
    if (!Number.isInteger(scale) || scale < 1 || scale > 8)
      throw new RangeError(`render scale must be an integer from 1 to 8, got ${scale}`);
    const gpu = (globalThis.navigator as { gpu?: { requestAdapter(): Promise<unknown> } } | undefined)?.gpu;
    const adapter = preferWebGpu && gpu ? await gpu.requestAdapter().catch(() => null) : null;
    const [w, h] = [width * scale, height * scale];
    const renderer = new WebGPURenderer({
      canvas: new OffscreenCanvas(w, h),
      antialias: false,
      alpha: true,
      forceWebGL: adapter === null,
    });
    // three only logs these; a frame drawn after one is garbage, so render() throws it.
    const hooks: { fault: GpuRenderError | null } = { fault: null };
    renderer.onDeviceLost = (info) => {
      hooks.fault ??= new GpuRenderError('device-lost', info.message);
    };
    (renderer as unknown as { onError: (info: unknown) => void }).onError = (info) => {
      const { type, message } = (info ?? {}) as { type?: string; message?: string };
      hooks.fault ??= new GpuRenderError(faultKind(type ?? ''), message ?? String(info));
    };
    await renderer.init();
    useTimerFramesWhereNeeded(renderer);
    const limits = limitsOf(renderer);
    const problem = limits && renderLimitProblem(Math.max(width, height), scale, limits);
    if (problem) {
      void renderer.dispose();
      throw new RenderLimitError(problem);
    }
    renderer.setSize(w, h, false);
    renderer.setClearColor(0x000000, 0);
    const target = new RenderTarget(w, h, { samples: msaa ? 4 : 0 });
    // Rendering into the *output* target applies the output colour space (sRGB) like a screen. An
    // sRGB-tagged target would encode a second time on write (a linear 0.18 read back as 181, not
    // 118): the procedural model's datasets were made that way, so it keeps it to reproduce them.
    target.texture.colorSpace = encoding === 'double-srgb-v1' ? SRGBColorSpace : LinearSRGBColorSpace;
    renderer.setOutputRenderTarget(target);
    const isWebGpu = (renderer.backend as { isWebGPUBackend?: boolean }).isWebGPUBackend === true;
    return new OffscreenRenderer(renderer, target, isWebGpu ? 'WebGPU' : 'WebGL2', width, height, scale, hooks);
  }

  /** The limits this renderer's device works under (null when the backend does not say). */
  get limits(): RenderLimits | null {
    return limitsOf(this.renderer);
  }

  /** A renderer for a face model's images: its colour encoding, and MSAA only where its datasets had it. */
  static forFaceModel(
    info: Pick<FaceModelInfo, 'outputEncoding' | 'msaaWhenSupersampled'>,
    width: number,
    height: number,
    scale: number,
  ): Promise<OffscreenRenderer> {
    return OffscreenRenderer.create(width, height, {
      scale,
      encoding: info.outputEncoding,
      msaa: scale < 2 || info.msaaWhenSupersampled,
    });
  }

  /**
   * Renders and reads back RGBA (width x height, rows top-down). Encodes and submits one frame
   * and the copy that reads it back, and returns at once: the promise settles when the pixels
   * are back. The GPU runs frames in the order they were submitted, and every scene change
   * (buffers, textures, uniforms) is queued behind the frames before it, so the caller may set
   * up and submit the next frame before this one is back.
   */
  submit(scene: Scene, camera: Camera): Promise<Uint8Array | Uint8ClampedArray> {
    if (this.faults.fault) return Promise.reject(this.faults.fault);
    const device = deviceOf(this.renderer);
    // Each frame's error scopes are pushed and popped around its own commands (a second frame
    // submitted before this one is back has its own); they resolve once its GPU work is done.
    const scopes = ['out-of-memory', 'validation', 'internal'] as const;
    for (const scope of scopes) device?.pushErrorScope(scope);
    const [w, h] = [this.target.width, this.target.height];
    const t = performance.now();
    let readback: Promise<unknown>;
    try {
      this.renderer.setRenderTarget(this.target);
      this.renderer.render(scene, camera);
      readback = this.renderer.readRenderTargetPixelsAsync(this.target, 0, 0, w, h);
    } catch (error) {
      readback = Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    this.timing.submitMs += performance.now() - t;
    // Popped innermost first: internal, validation, out-of-memory.
    const errors = device ? scopes.map(() => device.popErrorScope().catch(() => null)) : [];
    return this.finish(readback, errors);
  }

  private async finish(
    readback: Promise<unknown>,
    scoped: Promise<{ message: string; constructor: { name: string } } | null>[],
  ): Promise<Uint8Array | Uint8ClampedArray> {
    let pixels: Uint8Array | null = null;
    let failure: unknown = null;
    try {
      pixels = (await readback) as Uint8Array;
    } catch (error) {
      failure = error;
    }
    // The first real error (outermost scope last popped) wins.
    const error = (await Promise.all(scoped)).reverse().find((e) => e !== null);
    if (error) this.faults.fault ??= new GpuRenderError(faultKind(error.constructor.name), error.message);
    const gl = glOf(this.renderer);
    if (gl?.isContextLost()) this.faults.fault ??= new GpuRenderError('device-lost', 'the WebGL2 context was lost');
    else if (gl && gl.getError() === gl.OUT_OF_MEMORY)
      this.faults.fault ??= new GpuRenderError('out-of-memory', 'WebGL2 reported OUT_OF_MEMORY');
    if (this.faults.fault) throw this.faults.fault;
    if (failure !== null || !pixels) throw failure instanceof Error ? failure : new Error(String(failure));
    const [w, h] = [this.target.width, this.target.height];
    // WebGL reads rows bottom-up; WebGPU top-down.
    const full = this.backend === 'WebGL2' ? flipRows(pixels, w, h) : new Uint8Array(pixels);
    return this.scale === 1 ? full : downsampleRgba(full, this.width, this.height, this.scale);
  }

  dispose(): void {
    this.target.dispose();
    void this.renderer.dispose();
  }
}

/**
 * three's frame loop calls requestAnimationFrame, which a worker started by another worker (the
 * stream render worker) has but may not call (NotSupportedError). There frames are timers; the
 * loop only resets statistics, and every render updates what it draws itself.
 */
function useTimerFramesWhereNeeded(renderer: WebGPURenderer): void {
  try {
    cancelAnimationFrame(requestAnimationFrame(() => undefined));
    return;
  } catch {
    // Not in this scope: fall through.
  }
  const animation = (renderer as unknown as { _animation?: { setContext?(context: FrameContext): void } })._animation;
  animation?.setContext?.({
    requestAnimationFrame: (callback) =>
      setTimeout(() => {
        callback(performance.now());
      }, 1000 / 60),
    cancelAnimationFrame: (id) => {
      clearTimeout(id);
    },
  });
}

interface FrameContext {
  requestAnimationFrame(callback: (time: number) => void): ReturnType<typeof setTimeout>;
  cancelAnimationFrame(id: ReturnType<typeof setTimeout>): void;
}

function faultKind(type: string): GpuFaultKind {
  if (/OutOfMemory/i.test(type)) return 'out-of-memory';
  if (/Internal/i.test(type)) return 'internal';
  return 'validation';
}

function deviceOf(renderer: WebGPURenderer): GpuDeviceLike | null {
  const backend = renderer.backend as { isWebGPUBackend?: boolean; device?: GpuDeviceLike };
  return backend.isWebGPUBackend === true && backend.device ? backend.device : null;
}

function glOf(renderer: WebGPURenderer): GlLike | null {
  const backend = renderer.backend as { isWebGPUBackend?: boolean; gl?: GlLike };
  return backend.isWebGPUBackend !== true && backend.gl ? backend.gl : null;
}

function limitsOf(renderer: WebGPURenderer): RenderLimits | null {
  const device = deviceOf(renderer);
  if (device)
    return { maxTextureDimension2D: device.limits.maxTextureDimension2D, maxBufferSize: device.limits.maxBufferSize };
  const gl = glOf(renderer);
  if (!gl) return null;
  const texture = Number(gl.getParameter(gl.MAX_TEXTURE_SIZE));
  const renderbuffer = Number(gl.getParameter(gl.MAX_RENDERBUFFER_SIZE));
  return { maxTextureDimension2D: Math.min(texture, renderbuffer) };
}

function flipRows(pixels: Uint8Array, width: number, height: number): Uint8Array {
  const out = new Uint8Array(pixels.length);
  const row = width * 4;
  for (let y = 0; y < height; y++) out.set(pixels.subarray(y * row, (y + 1) * row), (height - 1 - y) * row);
  return out;
}
