/**
 * The on-screen 3D renderer: three.js WebGPURenderer. By default it runs on its WebGL2
 * backend, which every WebGPU- or WebGL2-capable browser can present; WebGPU on screen is
 * opt-in, because some configurations (headless Chromium on SwiftShader, measured) compute
 * with WebGPU yet never show a WebGPU canvas. Offscreen batch rendering, which reads pixels
 * back instead of presenting them, is where WebGPU pays off.
 */
import { WebGPURenderer } from 'three/webgpu';

export type RendererBackendName = 'WebGPU' | 'WebGL2';
export type OnScreenBackend = 'webgl' | 'webgpu';

export interface CreatedRenderer {
  renderer: WebGPURenderer;
  backend: RendererBackendName;
  /** Why this backend, for the UI. */
  note: string;
}

interface RendererCanvasOptions {
  canvas: HTMLCanvasElement | OffscreenCanvas;
  antialias?: boolean;
}

async function hasWebGpuAdapter(): Promise<boolean> {
  const gpu = (globalThis.navigator as { gpu?: { requestAdapter(): Promise<unknown> } } | undefined)?.gpu;
  return gpu ? (await gpu.requestAdapter().catch(() => null)) !== null : false;
}

export async function createRenderer(
  options: RendererCanvasOptions,
  wanted: OnScreenBackend,
): Promise<CreatedRenderer> {
  // Ask for an adapter ourselves: three's own fallback only logs a warning, and we want the reason.
  const adapter = wanted === 'webgpu' && (await hasWebGpuAdapter());
  const renderer = new WebGPURenderer({ ...options, forceWebGL: !adapter });
  await renderer.init();
  const isWebGpu = (renderer.backend as { isWebGPUBackend?: boolean }).isWebGPUBackend === true;
  const note =
    wanted === 'webgl'
      ? 'WebGL2 backend: presents on every browser (WebGPU on screen can be chosen in Settings)'
      : isWebGpu
        ? 'WebGPU chosen in Settings'
        : 'WebGPU chosen in Settings, but this browser has no WebGPU adapter';
  return { renderer, backend: isWebGpu ? 'WebGPU' : 'WebGL2', note };
}
