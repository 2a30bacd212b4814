/**
 * Identity for the wasm backend: the output shares the input's buffer (one more reference), as
 * the cpu and webgl backends' Identity does, instead of tfjs-wasm's copy. tfjs clones every
 * tensor it keeps for a gradient through this kernel: about 180 copies of activations per ResNet6
 * training step. Safe because no kernel writes into its inputs (ours write only their outputs,
 * and a variable's assign takes a new buffer).
 */
import * as tf from '@tensorflow/tfjs';
import { asWasm, requiredInput, runOriginalKernel } from './wasmKernelUtils';

function identity(params: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const x = requiredInput(params.inputs, 'x');
  if (x.dtype === 'string') return runOriginalKernel(tf.Identity, params);
  asWasm(params.backend).incRef(x.dataId);
  return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
}

export const identityConfig: tf.KernelConfig = { kernelName: tf.Identity, backendName: 'wasm', kernelFunc: identity };
