/**
 * Helpers for kernels written against tfjs' wasm backend: call its registered kernels
 * directly (as tfjs' own composite kernels do), read and write tensors in the wasm heap,
 * and release intermediates. Intermediates live only in the backend (never in the engine),
 * so each must be released with `release`; the returned TensorInfo's single reference
 * passes to the engine.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

export type Attrs = tf.NamedAttrMap;

/** A kernel input that tfjs always passes; missing means a caller bug. */
export function requiredInput(inputs: tf.NamedTensorInfoMap, name: string): tf.TensorInfo {
  const info = inputs[name];
  if (!info) throw new Error(`wasm kernel input ${name} is missing`);
  return info;
}

export function asWasm(backend: unknown): BackendWasm {
  return backend as BackendWasm;
}

/** Runs the wasm backend's own kernel `name` (looked up at call time: ours may replace it). */
export function callWasmKernel(
  backend: BackendWasm,
  name: string,
  inputs: tf.NamedTensorInfoMap,
  attrs: Attrs = {},
): tf.TensorInfo {
  const kernel = tf.getKernel(name, 'wasm') as tf.KernelConfig | undefined;
  if (!kernel) throw new Error(`wasm kernel ${name} is not registered`);
  return kernel.kernelFunc({ inputs, backend, attrs }) as tf.TensorInfo;
}

/** A view of the same data with another shape; no copy, no new reference (never return it). */
export function viewAs(info: tf.TensorInfo, shape: number[]): tf.TensorInfo {
  return { dataId: info.dataId, shape, dtype: info.dtype };
}

export function release(backend: BackendWasm, ...infos: tf.TensorInfo[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}

/**
 * The whole wasm heap as float32, and a tensor's offset in it (in floats). Take it after the
 * last allocation: growing the heap replaces its buffer.
 */
export function heapF32(backend: BackendWasm): Float32Array {
  return new Float32Array(backend.wasm.HEAPU8.buffer);
}

export function offsetF32(backend: BackendWasm, info: tf.TensorInfo): number {
  return backend.getMemoryOffset(info.dataId) / 4;
}

/** Transposes a [rows, cols] float32 matrix with the wasm Transpose kernel. */
export function transpose2d(backend: BackendWasm, info: tf.TensorInfo, rows: number, cols: number): tf.TensorInfo {
  return callWasmKernel(backend, 'Transpose', { x: viewAs(info, [rows, cols]) }, { perm: [1, 0] });
}

/** a [m, k] times b [k, n] with the wasm BatchMatMul kernel (XNNPACK); never use its transpose flags, they are slow. */
export function matMul2d(
  backend: BackendWasm,
  a: tf.TensorInfo,
  b: tf.TensorInfo,
  m: number,
  k: number,
  n: number,
): tf.TensorInfo {
  const product = callWasmKernel(
    backend,
    'BatchMatMul',
    { a: viewAs(a, [1, m, k]), b: viewAs(b, [1, k, n]) },
    { transposeA: false, transposeB: false },
  );
  return viewAs(product, [m, n]);
}

/** Conv geometry (NHWC only; tfjs-layers always calls conv ops in NHWC). */
export interface ConvGeometry {
  batch: number;
  inHeight: number;
  inWidth: number;
  inChannels: number;
  outHeight: number;
  outWidth: number;
  outChannels: number;
  filterHeight: number;
  filterWidth: number;
  strideHeight: number;
  strideWidth: number;
  padTop: number;
  padLeft: number;
  padBottom: number;
  padRight: number;
}

export function convGeometry(
  xShape: [number, number, number, number],
  filterShape: [number, number, number, number],
  strides: number | [number, number],
  pad: tf.backend_util.ExplicitPadding | 'valid' | 'same' | number,
  dimRoundingMode: 'floor' | 'round' | 'ceil' | undefined,
  dataFormat: string | undefined,
): ConvGeometry {
  if (dataFormat !== undefined && dataFormat !== 'NHWC') {
    throw new Error(`wasm training kernels support dataFormat NHWC only, not ${dataFormat}`);
  }
  const info = tf.backend_util.computeConv2DInfo(
    xShape,
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    'channelsLast',
  );
  return {
    batch: info.batchSize,
    inHeight: info.inHeight,
    inWidth: info.inWidth,
    inChannels: info.inChannels,
    outHeight: info.outHeight,
    outWidth: info.outWidth,
    outChannels: info.outChannels,
    filterHeight: info.filterHeight,
    filterWidth: info.filterWidth,
    strideHeight: info.strideHeight,
    strideWidth: info.strideWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
    padBottom: info.padInfo.bottom,
    padRight: info.padInfo.right,
  };
}

/** tfjs-wasm's own kernels that ours replace, for the cases ours do not handle. */
const originalKernels = new Map<string, tf.KernelFunc>();

export function rememberOriginalKernel(name: string, kernelFunc: tf.KernelFunc): void {
  if (!originalKernels.has(name)) originalKernels.set(name, kernelFunc);
}

export function runOriginalKernel(name: string, params: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const original = originalKernels.get(name);
  if (!original) throw new Error(`no original wasm kernel ${name} to fall back to`);
  return original(params) as tf.TensorInfo;
}

/** The wasm heap viewed with the element type of `dtype` (bool is one byte per element). */
export function heapFor(backend: BackendWasm, dtype: tf.DataType): Float32Array | Int32Array | Uint8Array | null {
  const buffer = backend.wasm.HEAPU8.buffer;
  if (dtype === 'float32') return new Float32Array(buffer);
  if (dtype === 'int32') return new Int32Array(buffer);
  if (dtype === 'bool') return new Uint8Array(buffer);
  return null;
}
