// The tfjs runtime's start-up depends on tfjs-wasm internals (the pthread script, the kernels we
// add or replace). These tests fail when the installed tfjs or its wasm kernel registry changes,
// so an upgrade is a deliberate review, never a silent behaviour change.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TRAINING_GRADIENTS, WASM_TRAINING_KERNELS } from './kernels';
import { BackendSwitchError, initTfjsRuntime, TFJS_VERSION, ensureSomeBackend, switchToBackend } from './runtime';

const wasmKernelNames = () =>
  tf
    .getKernelsForBackend('wasm')
    .map((k) => k.kernelName)
    .sort();
// Before initTfjsRuntime: the stock registry of tfjs-backend-wasm.
const stock = wasmKernelNames();
const stockFuncs = new Map(tf.getKernelsForBackend('wasm').map((k) => [k.kernelName, k.kernelFunc]));

describe('tfjs runtime', () => {
  it('runs on exactly the tfjs release it was written for, pinned in package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    for (const name of ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-backend-webgpu'])
      expect(pkg.dependencies[name]).toBe(TFJS_VERSION);
    expect(tf.version_core).toBe(TFJS_VERSION);
  });

  it('finds the stock wasm registry as it was reviewed: Conv2DBackpropFilter missing, the replaced kernels present', () => {
    expect(stock).not.toContain('Conv2DBackpropFilter');
    for (const name of ['Conv2DBackpropInput', 'MaxPoolGrad', 'Tile', 'Sum', 'Mean', 'Identity'])
      expect(stock).toContain(name);
    expect(stock).toHaveLength(STOCK_WASM_KERNEL_COUNT);
  });

  it('registers every training kernel explicitly at start-up, once', () => {
    initTfjsRuntime();
    initTfjsRuntime();
    for (const config of WASM_TRAINING_KERNELS) {
      const registered = tf.getKernel(config.kernelName, 'wasm') as tf.KernelConfig | undefined;
      expect(registered?.kernelFunc).toBe(config.kernelFunc);
      expect(registered?.kernelFunc).not.toBe(stockFuncs.get(config.kernelName));
    }
    expect(wasmKernelNames()).toEqual([...stock, 'Conv2DBackpropFilter', 'GmfAdamUpdate'].sort());
    for (const config of TRAINING_GRADIENTS) expect(tf.getGradient(config.kernelName)).toBe(config);
  });

  it('switches backends one at a time, and refuses a backend it cannot start instead of falling back', async () => {
    initTfjsRuntime();
    const [a, b] = await Promise.all([switchToBackend('cpu'), switchToBackend('cpu')]);
    expect(a.backend).toBe('cpu');
    expect(b).toBe(a);
    await expect(switchToBackend('webgpu')).rejects.toBeInstanceOf(BackendSwitchError);
    await expect(switchToBackend('webgpu')).rejects.toThrow(
      /WebGPU compute backend could not be started here: navigator.gpu is missing/,
    );
    // The failed attempt fell back internally; work that runs anywhere keeps going on what works.
    expect((await ensureSomeBackend()).backend).toBe(tf.getBackend());
  });
});

/** tfjs-backend-wasm 4.22.0 registers this many kernels; a different number means a changed registry to review. */
const STOCK_WASM_KERNEL_COUNT = 157;
