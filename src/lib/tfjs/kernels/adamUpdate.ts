/**
 * AdamUpdate for the wasm backend: one pass over a variable, its moments and its gradient where
 * tfjs' Adam runs thirteen element-wise kernels (each a pass over memory, several broadcasting a
 * scalar, which tfjs-wasm does element by element). Every operation is a float32 operation in the
 * order tfjs' Adam applies them, so the values are the same bit for bit (fusedAdam.test.ts): on
 * the SIMD kernels of fma/ (`adam`, with their threads) where they load, else in JavaScript
 * (each operation rounded with Math.fround; ~14 ns an element, the SIMD kernel's copies included
 * a few). The kernel of `FusedAdamOptimizer` (../fusedAdam.ts); no other backend has it.
 */
import * as tf from '@tensorflow/tfjs';
import { type FmaKernels, fmaKernels } from './fma/fmaRuntime';
import { asWasm, heapF32, offsetF32, requiredInput } from './wasmKernelUtils';

export const ADAM_UPDATE = 'GmfAdamUpdate';

/** The step's scalars, each already a float32 value (as tfjs' scalar tensors hold them). */
export interface AdamUpdateAttrs {
  beta1: number;
  beta2: number;
  oneMinusBeta1: number;
  oneMinusBeta2: number;
  oneMinusAccBeta1: number;
  oneMinusAccBeta2: number;
  epsilon: number;
  negativeLearningRate: number;
}

const f = Math.fround;
/** Elements per tile of the SIMD kernel (convKernels.wat's adam). */
const ADAM_TILE = 1024;

/** Where the three arrays an Adam step reads or writes start in `heap` (float indices). */
export interface AdamArrays {
  value: number;
  m: number;
  v: number;
}

/** The arrays an Adam step reads: the three it updates and the gradient. */
export type AdamInputs = AdamArrays & { gradient: number };

/** The update in JavaScript: float32 operations as Math.fround of each float64 one (exact for + − × ÷ √). */
export function adamInJavaScript(
  heap: Float32Array,
  from: AdamInputs,
  to: AdamArrays,
  size: number,
  a: AdamUpdateAttrs,
): void {
  const { beta1, beta2, oneMinusBeta1, oneMinusBeta2, oneMinusAccBeta1, oneMinusAccBeta2, epsilon } = a;
  const rate = a.negativeLearningRate;
  for (let i = 0; i < size; i++) {
    const g = heap[from.gradient + i] as number;
    const m1 = f(f((heap[from.m + i] as number) * beta1) + f(g * oneMinusBeta1));
    const v1 = f(f((heap[from.v + i] as number) * beta2) + f(f(g * g) * oneMinusBeta2));
    const step = f(f(f(m1 / oneMinusAccBeta1) / f(f(Math.sqrt(f(v1 / oneMinusAccBeta2))) + epsilon)) * rate);
    heap[to.m + i] = m1;
    heap[to.v + i] = v1;
    heap[to.value + i] = f(step + (heap[from.value + i] as number));
  }
}

/** The update on the SIMD kernels: the four arrays copied in (each on its own 64-byte line), updated in place, copied out. */
export function adamOnKernels(
  kernels: FmaKernels,
  heap: Float32Array,
  from: AdamInputs,
  to: AdamArrays,
  size: number,
  a: AdamUpdateAttrs,
): void {
  const stride = Math.ceil(size / 16) * 16;
  const base = kernels.reserve((4 * stride + 8) * 4) / 4;
  const [value, m, v, gradient, scalars] = [0, 1, 2, 3, 4].map((k) => base + k * stride) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const f32 = kernels.f32();
  f32.set(heap.subarray(from.value, from.value + size), value);
  f32.set(heap.subarray(from.m, from.m + size), m);
  f32.set(heap.subarray(from.v, from.v + size), v);
  f32.set(heap.subarray(from.gradient, from.gradient + size), gradient);
  const { beta1, beta2, oneMinusBeta1, oneMinusBeta2, oneMinusAccBeta1, oneMinusAccBeta2, epsilon } = a;
  f32.set(
    [beta1, beta2, oneMinusBeta1, oneMinusBeta2, oneMinusAccBeta1, oneMinusAccBeta2, epsilon, a.negativeLearningRate],
    scalars,
  );
  kernels.run('adam', Math.ceil(size / ADAM_TILE), [value * 4, m * 4, v * 4, gradient * 4, size, scalars * 4]);
  heap.set(f32.subarray(value, value + size), to.value);
  heap.set(f32.subarray(m, m + size), to.m);
  heap.set(f32.subarray(v, v + size), to.v);
}

function adamUpdate({ inputs, backend: anyBackend, attrs }: Parameters<tf.KernelFunc>[0]): tf.TensorInfo[] {
  const backend = asWasm(anyBackend);
  const [value, gradient, m, v] = ['value', 'gradient', 'm', 'v'].map((name) => requiredInput(inputs, name)) as [
    tf.TensorInfo,
    tf.TensorInfo,
    tf.TensorInfo,
    tf.TensorInfo,
  ];
  const outputs = [value, m, v].map((t) => backend.makeOutput([...t.shape], 'float32'));
  const heap = heapF32(backend);
  const at = (t: tf.TensorInfo) => offsetF32(backend, t);
  const [newValue, newM, newV] = outputs as [tf.TensorInfo, tf.TensorInfo, tf.TensorInfo];
  const from = { value: at(value), m: at(m), v: at(v), gradient: at(gradient) };
  const to = { value: at(newValue), m: at(newM), v: at(newV) };
  const size = tf.util.sizeFromShape(value.shape);
  const kernels = fmaKernels();
  const scalars = attrs as unknown as AdamUpdateAttrs;
  if (kernels) adamOnKernels(kernels, heap, from, to, size, scalars);
  else adamInJavaScript(heap, from, to, size, scalars);
  return outputs;
}

export const adamUpdateConfig: tf.KernelConfig = {
  kernelName: ADAM_UPDATE,
  backendName: 'wasm',
  kernelFunc: adamUpdate,
};
