/**
 * Training kernels for tfjs' wasm backend: the missing Conv2DBackpropFilter, and faster
 * replacements for the kernels that dominated a convnet's training step (measurements in
 * ../README.md). Registering is idempotent and needs no initialised backend.
 */
import * as tf from '@tensorflow/tfjs';
import { adamUpdateConfig } from './adamUpdate';
import { batchNormGradConfig } from './batchNormGradient';
import { conv2dBackpropFilterConfig } from './conv2dBackpropFilter';
import { conv2dBackpropInputConfig } from './conv2dBackpropInput';
import { conv2dConfig, fusedConv2dConfig } from './conv2dForward';
import { identityConfig } from './identity';
import { maxPoolGradConfig } from './maxPoolGrad';
import { meanConfig } from './mean';
import { meanGradConfig, sumGradConfig } from './reductionGradients';
import { sumConfig } from './sum';
import { tileConfig } from './tile';
import { rememberOriginalKernel } from './wasmKernelUtils';

export const WASM_TRAINING_KERNELS: readonly tf.KernelConfig[] = [
  conv2dConfig,
  fusedConv2dConfig,
  conv2dBackpropFilterConfig,
  conv2dBackpropInputConfig,
  maxPoolGradConfig,
  tileConfig,
  sumConfig,
  meanConfig,
  identityConfig,
  adamUpdateConfig,
];

export function registerWasmTrainingKernels(): void {
  for (const config of WASM_TRAINING_KERNELS) {
    // getKernel's type says it always finds one; at run time it returns undefined when none is registered.
    const current = tf.getKernel(config.kernelName, 'wasm') as tf.KernelConfig | undefined;
    if (current?.kernelFunc === config.kernelFunc) continue;
    if (current) {
      // The replaced kernel stays callable for the cases ours leave to it; its setup
      // (wasm function bindings) moves to our config so it still runs at backend init.
      rememberOriginalKernel(config.kernelName, current.kernelFunc);
      tf.unregisterKernel(config.kernelName, 'wasm');
    }
    tf.registerKernel({ ...config, ...(current?.setupFunc ? { setupFunc: current.setupFunc } : {}) });
  }
}

/**
 * Gradients that replace tfjs-core's for training on every backend (Sum, Mean, FusedBatchNorm):
 * fewer passes over the activations, the same values (their tests). Idempotent.
 */
export const TRAINING_GRADIENTS: readonly tf.GradConfig[] = [sumGradConfig, meanGradConfig, batchNormGradConfig];

export function registerTrainingGradients(): void {
  for (const config of TRAINING_GRADIENTS) tf.registerGradient(config);
}
