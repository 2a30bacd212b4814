/**
 * Page half of the convolution-kernels e2e: the cases computed in a dedicated worker (helper
 * threads) and, for comparison, on the wasm backend of this page's main thread (no helpers).
 */
import { fmaKernels } from '../../src/lib/tfjs/kernels/fma/fmaRuntime';
import { initTfjsRuntime } from '../../src/lib/tfjs/runtime';
import { runConvCases } from './convKernelsCases';

export interface ConvKernelsWorkerResult {
  error?: string;
  backend: string;
  simd: string | null;
  helpers: number;
  helperTiles: number;
  wasm: number[][][];
  cpu: number[][][];
}

export async function convKernelChecks() {
  const worker = new Worker(new URL('./convKernelsWorker.ts', import.meta.url), { type: 'module' });
  const inWorker = await new Promise<ConvKernelsWorkerResult>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<ConvKernelsWorkerResult>) => {
      resolve(event.data);
    };
    worker.onerror = (event) => {
      reject(new Error(event.message));
    };
    worker.postMessage(null);
  });
  worker.terminate();
  initTfjsRuntime();
  const mainThread = await runConvCases('wasm');
  return {
    inWorker,
    mainThread,
    mainThreadHelpers: fmaKernels()?.helpers ?? null,
    cores: navigator.hardwareConcurrency,
  };
}
