/**
 * Worker half of the convolution-kernels e2e: the wasm backend as training uses it (a dedicated
 * worker of a cross-origin isolated page: relaxed SIMD where Chromium has it, helper threads),
 * each kernel's output read back, and the same computed on the cpu backend.
 */
import { fmaKernels } from '../../src/lib/tfjs/kernels/fma/fmaRuntime';
import { initTfjsRuntime, selectBackend } from '../../src/lib/tfjs/runtime';
import { runConvCases } from './convKernelsCases';

self.onmessage = async () => {
  try {
    initTfjsRuntime();
    const report = await selectBackend('wasm');
    const wasm = await runConvCases('wasm');
    const kernels = fmaKernels();
    const cpu = await runConvCases('cpu');
    self.postMessage({
      backend: report.backend,
      simd: kernels?.simd ?? null,
      helpers: kernels?.helpers ?? 0,
      helperTiles: kernels?.helperTiles() ?? 0,
      wasm,
      cpu,
    });
  } catch (error) {
    self.postMessage({ error: String(error) });
  }
};
