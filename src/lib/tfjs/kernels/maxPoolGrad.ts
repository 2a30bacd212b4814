/**
 * MaxPoolGrad for the wasm backend, replacing tfjs-wasm's (~10x slower than this on a
 * 3x3/2 stem pool). dy goes to the first maximum of each window, scanned row by row as
 * the cpu backend does; padding never wins. Four channels at a time on the SIMD kernels of fma/
 * where they load and the channels are a multiple of 4 (the same additions in the same order).
 */
import * as tf from '@tensorflow/tfjs';
import { type FmaKernels, fmaKernels } from './fma/fmaRuntime';
import { asWasm, heapF32, offsetF32, requiredInput, runOriginalKernel } from './wasmKernelUtils';

/** x, dy copied into the kernels' memory, dx computed there from zeros and copied out; one image a tile. */
function onKernels(
  kernels: FmaKernels,
  heap: Float32Array,
  at: { x: number; dy: number; dx: number },
  info: tf.backend_util.Conv2DInfo,
): void {
  const image = info.inHeight * info.inWidth * info.inChannels;
  const size = info.batchSize * image;
  const dySize = info.batchSize * info.outHeight * info.outWidth * info.inChannels;
  const padded = (n: number) => Math.ceil(n / 16) * 16;
  const base = kernels.reserve((2 * padded(size) + padded(dySize)) * 4) / 4;
  const [x, dx, dy] = [base, base + padded(size), base + 2 * padded(size)];
  const f32 = kernels.f32();
  f32.set(heap.subarray(at.x, at.x + size), x);
  f32.set(heap.subarray(at.dy, at.dy + dySize), dy);
  f32.fill(0, dx, dx + size);
  kernels.run('maxPoolGrad', info.batchSize, [
    x * 4,
    dy * 4,
    dx * 4,
    info.inHeight,
    info.inWidth,
    info.inChannels,
    info.outHeight,
    info.outWidth,
    info.strideHeight,
    info.strideWidth,
    info.filterHeight,
    info.filterWidth,
    info.padInfo.top,
    info.padInfo.left,
  ]);
  heap.set(f32.subarray(dx, dx + size), at.dx);
}

function maxPoolGrad(params: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const backend = asWasm(params.backend);
  const dy = requiredInput(params.inputs, 'dy');
  const input = requiredInput(params.inputs, 'input');
  const { filterSize, strides, pad, dimRoundingMode } = params.attrs as unknown as tf.MaxPoolGradAttrs;
  if (input.dtype !== 'float32' || input.shape.length !== 4) return runOriginalKernel(tf.MaxPoolGrad, params);
  const info = tf.backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    filterSize,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const {
    batchSize,
    inHeight,
    inWidth,
    inChannels: channels,
    outHeight,
    outWidth,
    strideHeight,
    strideWidth,
    filterHeight,
    filterWidth,
  } = info;
  const dx = backend.makeOutput(input.shape, 'float32');
  const heap = heapF32(backend);
  const xBase = offsetF32(backend, input);
  const dxBase = offsetF32(backend, dx);
  const kernels = fmaKernels();
  if (kernels && channels % 4 === 0) {
    onKernels(kernels, heap, { x: xBase, dy: offsetF32(backend, dy), dx: dxBase }, info);
    return dx;
  }
  heap.fill(0, dxBase, dxBase + tf.util.sizeFromShape(input.shape));
  const best = new Float32Array(channels);
  const bestAt = new Int32Array(channels);
  let dyAt = offsetF32(backend, dy);
  for (let n = 0; n < batchSize; n++) {
    const image = n * inHeight * inWidth * channels;
    for (let oh = 0; oh < outHeight; oh++) {
      const h0 = oh * strideHeight - info.padInfo.top;
      const hLo = Math.max(0, h0);
      const hHi = Math.min(inHeight, h0 + filterHeight);
      for (let ow = 0; ow < outWidth; ow++, dyAt += channels) {
        const w0 = ow * strideWidth - info.padInfo.left;
        const wLo = Math.max(0, w0);
        const wHi = Math.min(inWidth, w0 + filterWidth);
        if (hHi <= hLo || wHi <= wLo) continue;
        // The window's first pixel starts the scan; later ones win only when strictly larger.
        const first = image + (hLo * inWidth + wLo) * channels;
        for (let c = 0; c < channels; c++) {
          best[c] = heap[xBase + first + c] as number;
          bestAt[c] = first + c;
        }
        for (let h = hLo; h < hHi; h++) {
          for (let w = h === hLo ? wLo + 1 : wLo; w < wHi; w++) {
            const pixel = image + (h * inWidth + w) * channels;
            for (let c = 0; c < channels; c++) {
              const v = heap[xBase + pixel + c] as number;
              if (v > (best[c] as number)) {
                best[c] = v;
                bestAt[c] = pixel + c;
              }
            }
          }
        }
        for (let c = 0; c < channels; c++) {
          const at = dxBase + (bestAt[c] as number);
          heap[at] = (heap[at] as number) + (heap[dyAt + c] as number);
        }
      }
    }
  }
  return dx;
}

export const maxPoolGradConfig: tf.KernelConfig = {
  kernelName: tf.MaxPoolGrad,
  backendName: 'wasm',
  kernelFunc: maxPoolGrad,
};
