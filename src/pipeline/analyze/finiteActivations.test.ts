import { describe, expect, it } from 'vitest';
import { assertFiniteActivations, NonFiniteActivationsError } from './finiteActivations';

describe('finite activations', () => {
  it('pass finite values', () => {
    expect(() => {
      assertFiniteActivations(['layer00_input', 'layer01_conv'], [new Float32Array([0, 1e30]), new Float32Array([-2])]);
    }).not.toThrow();
  });

  it('stop at the first layer with NaN or Infinity, naming it', () => {
    const run = () => {
      assertFiniteActivations(
        ['layer00_input', 'layer03_conv', 'layer05_gap'],
        [new Float32Array([0, 1]), new Float32Array([NaN, 1, Infinity, 2]), new Float32Array([NaN])],
      );
    };
    expect(run).toThrow(NonFiniteActivationsError);
    expect(run).toThrow(
      "The activations of layer layer03_conv contain 2 of 4 values that are NaN or Infinity, so no PCA or decoder can be fitted on them. The network's weights have likely diverged (a learning rate too high) or are damaged: retrain the run (with a lower learning rate) or analyse another one.",
    );
  });
});
