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

/** How rendered colour reaches the bytes: sRGB once, or (the procedural model's first datasets) twice. */
export type OutputEncoding = 'srgb' | 'double-srgb-v1';

export class OffscreenRenderer {
  /** Accumulated ms: CPU time to encode and submit frames, and to wait for GPU + copy back. */
  readonly timing = { submitMs: 0, readbackMs: 0 };

  private constructor(
    private readonly renderer: WebGPURenderer,
    private readonly target: RenderTarget,
    readonly backend: RendererBackendName,
    readonly width: number,
    readonly height: number,
    /** Supersampling: frames are drawn at scale x the size and box-filtered down. */
    readonly scale: number,
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
    await renderer.init();
    renderer.setSize(w, h, false);
    renderer.setClearColor(0x000000, 0);
    const target = new RenderTarget(w, h, { samples: msaa ? 4 : 0 });
    // Rendering into the *output* target applies the output colour space (sRGB) like a screen. An
    // sRGB-tagged target would encode a second time on write (a linear 0.18 read back as 181, not
    // 118): the procedural model's datasets were made that way, so it keeps it to reproduce them.
    target.texture.colorSpace = encoding === 'double-srgb-v1' ? SRGBColorSpace : LinearSRGBColorSpace;
    renderer.setOutputRenderTarget(target);
    const isWebGpu = (renderer.backend as { isWebGPUBackend?: boolean }).isWebGPUBackend === true;
    return new OffscreenRenderer(renderer, target, isWebGpu ? 'WebGPU' : 'WebGL2', width, height, scale);
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

  /** Renders and reads back RGBA (width x height, rows top-down). */
  async render(scene: Scene, camera: Camera): Promise<Uint8Array | Uint8ClampedArray> {
    let t = performance.now();
    this.renderer.setRenderTarget(this.target);
    this.renderer.render(scene, camera);
    this.timing.submitMs += performance.now() - t;
    t = performance.now();
    const [w, h] = [this.target.width, this.target.height];
    const pixels = (await this.renderer.readRenderTargetPixelsAsync(this.target, 0, 0, w, h)) as Uint8Array;
    this.timing.readbackMs += performance.now() - t;
    // WebGL reads rows bottom-up; WebGPU top-down.
    const full = this.backend === 'WebGL2' ? flipRows(pixels, w, h) : new Uint8Array(pixels);
    return this.scale === 1 ? full : downsampleRgba(full, this.width, this.height, this.scale);
  }

  dispose(): void {
    this.target.dispose();
    void this.renderer.dispose();
  }
}

function flipRows(pixels: Uint8Array, width: number, height: number): Uint8Array {
  const out = new Uint8Array(pixels.length);
  const row = width * 4;
  for (let y = 0; y < height; y++) out.set(pixels.subarray(y * row, (y + 1) * row), (height - 1 - y) * row);
  return out;
}
